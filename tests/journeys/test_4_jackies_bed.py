"""Journey 4, Jackie's bed: she taps her picture, waters, and logs 6 strawberries she picked."""

import datetime as dt

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from dutchfarm.db.models import Bed, Crop, DiaryEntry, Harvest, Person, Planting, Season
from dutchfarm.domain.terms import DiaryAction, Unit
from dutchfarm.ui.pages.bed import short_date
from tests.journeys.conftest import bring_into_view

COUNTED = "Strawberries (counted)"


def words_on(page):
    """Every line of words a person can read on ``page`` now."""
    QApplication.processEvents()
    return [label.text() for label in page.findChildren(QLabel) if label.isVisible()]


def lines_of(listing):
    """The lines of a list on the screen, top first."""
    return [listing.item(row).text() for row in range(listing.count())]


def strawberries_counted(chart):
    """The top of the chart's "Strawberries (counted)" line, as drawn (0 when not drawn)."""
    values = chart.lines().get(COUNTED)
    return values[-1] if values else 0.0


def test_jackie_waters_and_logs_what_she_picked(journey):
    today = dt.date.today()
    with journey.db.reading() as session:
        jackie = session.scalar(select(Person).where(Person.display_name == "Jackie"))
        bed = session.scalar(select(Bed).where(Bed.owner_id == jackie.id))
        planted = session.scalars(
            select(Planting.planted_on)
            .join(Season, Planting.season_id == Season.id)
            .where(Planting.bed_id == bed.id, Season.year == today.year)
        ).all()
        harvests_before = session.scalar(select(Harvest.id).order_by(Harvest.id.desc()).limit(1))

    # Jackie taps her picture; her own bed opens.
    journey.sign_in("Jackie")
    page = journey.page("bed")
    assert page.header.title.text() == f"My bed: {bed.name}"
    words = words_on(page)
    assert "Strawberry" in words and "Growing" in words
    assert [day for day in planted if day] and all(
        f"Planted out {short_date(day)}." in words for day in planted if day
    )

    # "I watered": her entry appears under the pictures (and tops the diary further down),
    # with her picture and today's date.
    journey.tap("I watered", page)
    watered = f"{short_date(today)}: Jackie watered."
    assert page.done_today.isVisible() and page.done_today.item(0).text() == watered
    assert not page.done_today.item(0).icon().isNull()
    assert page.diary.item(0).text() == watered
    harvest_before = lines_of(page.harvest_list)

    chart = page.harvest_chart
    journey.qtbot.waitUntil(lambda: chart.canvas is not None)
    before = strawberries_counted(chart)

    # "I picked": the strawberry picture, 6 on the big number pad, counted, and Done.
    def pick_six_strawberries(dialog):
        journey.tap("Strawberries", dialog)
        journey.tap("Number 6", dialog)
        assert dialog.panel.pad.display.text() == "6"
        journey.tap("How many", dialog)
        journey.tap("Done", dialog)

    journey.next_dialog(pick_six_strawberries)
    journey.tap("I picked", page)

    # Her own harvest chart has gone up by 6, and the diary and the Undo bar say so.
    journey.qtbot.waitUntil(lambda: strawberries_counted(chart) == before + 6)
    assert chart.sentence.text().startswith("Jackie picked ")
    assert "6 strawberries" in chart.sentence.text()
    assert page.diary.item(0).text() == f"{short_date(today)}: Jackie picked 6 strawberries."
    assert "You picked 6 strawberries. Well done!" in journey.window.undo_bar.message.text()
    assert lines_of(page.harvest_list) == [
        f"{line}, 6 picked" if line.startswith("Strawberry: ") else line for line in harvest_before
    ]
    # The chart is scrolled into view for her to see.
    view = page.scroll.viewport()
    journey.qtbot.waitUntil(lambda: view.rect().contains(chart.mapTo(view, QPoint(0, 0))))

    # The next time she picks strawberries, they come counted, the way she counted them.
    def look_and_close(dialog):
        journey.tap("Strawberries", dialog)
        assert journey.button("How many", dialog).isChecked()
        journey.tap("Not now", dialog)

    journey.next_dialog(look_and_close)
    journey.tap("I picked", page)
    # She scrolls back down to her chart.
    bring_into_view(chart)
    journey.last_screen("4-jackies-bed")

    with journey.db.reading() as session:
        new = session.execute(
            select(Crop.key, Harvest.quantity, Harvest.unit, Harvest.bed_id)
            .add_columns(Harvest.picked_by_id, Harvest.day)
            .join(Crop, Harvest.crop_id == Crop.id)
            .where(Harvest.id > harvests_before)
        ).all()
        diary = session.scalars(
            select(DiaryEntry).where(DiaryEntry.bed_id == bed.id, DiaryEntry.day == today)
        ).all()
    assert [tuple(row) for row in new] == [("strawberry", 6, Unit.COUNT, bed.id, jackie.id, today)]
    assert sorted((d.action, d.person_id, d.note) for d in diary) == sorted(
        [
            (DiaryAction.WATERED, jackie.id, None),
            (DiaryAction.PICKED, jackie.id, "6 strawberries"),
        ]
    )
