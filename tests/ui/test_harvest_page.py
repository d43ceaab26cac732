"""The Harvest page, driven as a gardener, a volunteer and the coordinator would."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from sqlalchemy import func, select

from dutchfarm.db.models import Harvest
from dutchfarm.domain.terms import Role, Unit
from dutchfarm.services.auth import sign_in
from dutchfarm.services.harvest import list_harvests
from dutchfarm.services.people import list_people
from dutchfarm.ui import dialogs
from dutchfarm.ui.harvest_model import COL_CROP, COL_DATE, HarvestTableModel
from dutchfarm.ui.theme import TARGET_LARGE

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
FILE_2021 = DATA / "garden_harvest_2021.csv"
LEFT = Qt.MouseButton.LeftButton


def become(window, name):
    person = next(p for p in list_people(window.context.db) if p.name == name)
    pin = "1234" if person.role is Role.COORDINATOR else None
    window.context.set_actor(sign_in(window.context.db, person.id, pin))
    return person


def strawberry_count_line(chart):
    """Return the last value of the strawberry count line as drawn (0 if there is none)."""
    values = chart.lines().get("Strawberries (counted)")
    return values[-1] if values else 0.0


def count_harvests(window):
    with window.context.db.reading() as session:
        return session.scalar(select(func.count()).select_from(Harvest))


def tap_number(qtbot, pad, digits):
    for digit in digits:
        qtbot.mouseClick(pad.keys[digit], LEFT)


def test_a_gardener_logs_6_strawberries_with_the_number_pad(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    jackie = become(window, "Jackie")
    page = window.show_page("harvest")
    view = page.gardener
    assert page.views.currentWidget() is view
    entry, chart = view.entry, view.chart
    qtbot.waitUntil(lambda: chart.canvas is not None)
    before = strawberry_count_line(chart)
    in_log = count_harvests(window)

    # Her own bed's crop comes first.
    assert entry.crop_buttons[0].crop.name == "Strawberry"
    qtbot.mouseClick(entry.button_for("Strawberries"), LEFT)
    assert entry.steps.currentIndex() == 1
    tap_number(qtbot, entry.pad, "6")
    assert entry.pad.display.text() == "6"
    qtbot.mouseClick(entry.unit_buttons[Unit.COUNT], LEFT)
    qtbot.mouseClick(entry.done_button, LEFT)

    assert count_harvests(window) == in_log + 1
    newest = list_harvests(window.context.db, person_id=jackie.id)[0]
    assert (newest.crop_name, newest.quantity, newest.unit) == ("Strawberry", 6, Unit.COUNT)
    assert newest.day == dt.date.today() and newest.bed_name == "Bed 1"
    assert strawberry_count_line(chart) == before + 6
    assert chart.charts.count_series("Strawberries").last == before + 6
    assert "6 strawberries" in chart.sentence.text()
    assert window.undo_bar.isVisible()
    assert "You picked 6 strawberries" in window.undo_bar.message.text()
    assert entry.steps.currentIndex() == 0
    assert "6 strawberries" in view.mine.item(0).text()

    # Undo takes it out again, and the chart goes back down.
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert count_harvests(window) == in_log
    assert strawberry_count_line(chart) == before


def test_done_too_soon_says_what_is_missing(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    become(window, "Jackie")
    entry = window.show_page("harvest").gardener.entry
    in_log = count_harvests(window)
    qtbot.mouseClick(entry.button_for("Strawberries"), LEFT)
    qtbot.mouseClick(entry.done_button, LEFT)
    assert entry.hint.text() == "Tap the numbers first, to say how much."
    tap_number(qtbot, entry.pad, "12")
    qtbot.mouseClick(entry.pad.rub_out, LEFT)
    assert entry.pad.value() == 1
    qtbot.mouseClick(entry.back_button, LEFT)
    assert entry.steps.currentIndex() == 0
    assert count_harvests(window) == in_log


def test_a_gardener_changes_and_takes_out_their_own_harvest(make_window, demo_url, qtbot, answers):
    window = make_window(demo_url)
    jackie = become(window, "Jackie")
    view = window.show_page("harvest").gardener
    mine = list_harvests(window.context.db, person_id=jackie.id)
    view.mine.setCurrentRow(0)
    first = view.harvests[0]
    qtbot.mouseClick(view.change_button, LEFT)
    assert view.entry.steps.currentIndex() == 1
    qtbot.mouseClick(view.entry.pad.rub_out, LEFT)
    for _ in range(6):
        qtbot.mouseClick(view.entry.pad.rub_out, LEFT)
    tap_number(qtbot, view.entry.pad, "8")
    qtbot.mouseClick(view.entry.done_button, LEFT)
    changed = next(h for h in list_harvests(window.context.db) if h.id == first.id)
    assert changed.quantity == 8 and changed.picked_by_id == jackie.id

    view.mine.setCurrentRow(0)
    qtbot.mouseClick(view.remove_button, LEFT)
    assert len(list_harvests(window.context.db, person_id=jackie.id)) == len(mine) - 1
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert len(list_harvests(window.context.db, person_id=jackie.id)) == len(mine)


@pytest.mark.parametrize("text_size", ["normal", "very_large"])
def test_the_gardeners_screen_has_big_targets(make_window, demo_url, qtbot, text_size):
    window = make_window(demo_url, text_size=text_size)
    become(window, "Jackie")
    view = window.show_page("harvest").gardener
    qtbot.mouseClick(view.entry.crop_buttons[0], LEFT)
    qtbot.wait(10)
    small = [
        f"{b.accessibleName()} {b.width()}x{b.height()}"
        for b in view.entry.findChildren(QAbstractButton)
        if b.isVisible() and (b.width() < TARGET_LARGE or b.height() < TARGET_LARGE)
    ]
    assert small == []
    assert all(b.accessibleName() for b in view.findChildren(QAbstractButton) if b.isVisible())


def test_staff_log_filter_change_and_take_out_with_undo(
    make_window, demo_url, qtbot, qtmodeltester, answers
):
    window = make_window(demo_url)
    become(window, "Rosa")
    page = window.show_page("harvest")
    log = page.staff.log
    assert page.views.currentWidget() is page.staff
    season_rows = log.model.rowCount()
    assert season_rows > 0 and log.totals.text().startswith(f"Shown: {season_rows} harvests")

    # Log a new harvest in the form: 2 bunches of radishes from Bed 3, picked by Tom.
    log.form.crop.setCurrentIndex(log.form.crop.findText("Radish"))
    log.form.bed.setCurrentIndex(log.form.bed.findText("Bed 3"))
    log.form.picked_by.setCurrentIndex(log.form.picked_by.findText("Tom"))
    log.form.quantity.setValue(2)
    qtbot.mouseClick(log.form.unit_buttons[Unit.BUNCH], LEFT)
    qtbot.mouseClick(log.save_button, LEFT)
    assert answers.messages == []
    assert log.model.rowCount() == season_rows + 1
    newest = max(list_harvests(window.context.db), key=lambda h: h.id)
    assert (newest.crop_name, newest.quantity, newest.unit, newest.bed_name) == (
        "Radish",
        2,
        Unit.BUNCH,
        "Bed 3",
    )
    assert newest.picked_by_name == "Tom"

    # Filter: Tom's radishes only; the totals are of what is shown.
    log.crop.setCurrentIndex(log.crop.findText("Radish"))
    log.person.setCurrentIndex(log.person.findText("Tom"))
    shown = log.model.shown()
    assert shown and all(h.crop_name == "Radish" and h.picked_by_name == "Tom" for h in shown)
    bunches = sum(h.quantity for h in shown)
    assert log.totals.text() == (
        f"Shown: {len(shown)} harvest{'s' if len(shown) != 1 else ''}, {bunches:g} bunches."
    )

    # Change it to 3 bunches, then undo.
    log.select_harvest(newest.id)
    log.form.quantity.setValue(3)
    qtbot.mouseClick(log.save_button, LEFT)
    assert next(h for h in list_harvests(window.context.db) if h.id == newest.id).quantity == 3
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert next(h for h in list_harvests(window.context.db) if h.id == newest.id).quantity == 2

    # Take it out (after the question), then put it back.
    log.select_harvest(newest.id)
    qtbot.mouseClick(log.delete_button, LEFT)
    assert all(h.id != newest.id for h in list_harvests(window.context.db))
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert any(h.id == newest.id for h in list_harvests(window.context.db))

    # Show all: the filters go, the sort is by any column.
    qtbot.mouseClick(log.clear_button, LEFT)
    assert log.model.rowCount() == season_rows + 1
    log.table.sortByColumn(COL_CROP, Qt.SortOrder.AscendingOrder)
    crops = [log.model.index(r, COL_CROP).data() for r in range(log.model.rowCount())]
    assert crops == sorted(crops, key=str.casefold)
    log.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
    days = [h.day for h in log.model.shown()]
    assert days == sorted(days, reverse=True)
    # The harvest chosen stays chosen, and in the form, whatever the order.
    log.select_harvest(newest.id)
    log.table.sortByColumn(COL_CROP, Qt.SortOrder.DescendingOrder)
    chosen = log.table.currentIndex()
    assert log.model.harvest(chosen.row()).id == newest.id == log.current.id
    qtmodeltester.check(log.model)


def test_the_model_passes_the_model_tester(qtmodeltester):
    qtmodeltester.check(HarvestTableModel())


def test_a_gardener_cannot_log_for_someone_else_in_the_staff_form(
    make_window, demo_url, qtbot, answers
):
    window = make_window(demo_url)
    become(window, "Ann")
    log = window.show_page("harvest").staff.log
    jackie = become(window, "Jackie")
    # The gardener sees her own view, but the service refuses a harvest for another person.
    from dutchfarm.services.errors import NotAllowed
    from dutchfarm.services.harvest import add_harvest

    draft = log.form.draft()
    with pytest.raises(NotAllowed):
        add_harvest(window.context.db, window.context.actor, draft)
    assert jackie.role is Role.SERVICE_USER


def test_charts_show_and_save_as_a_picture(
    make_window, demo_url, qtbot, monkeypatch, tmp_path, answers
):
    window = make_window(demo_url)
    become(window, "Ann")
    page = window.show_page("harvest")
    staff = page.staff
    qtbot.mouseClick(staff.charts_button, LEFT)
    assert staff.views.currentIndex() == 1
    for kind, button in staff.kind_buttons.items():
        qtbot.mouseClick(button, LEFT)
        assert staff.chart.canvas.kind == kind
        assert staff.chart.sentence.text().startswith("The farm picked ")
    qtbot.mouseClick(staff.kind_buttons["crops"], LEFT)
    drawn = staff.chart.lines()
    top = staff.chart.charts.cumulative[0]
    assert drawn[top.label][-1] == pytest.approx(top.last)
    target = tmp_path / "chart"
    monkeypatch.setattr(dialogs, "save_file", lambda *_a: str(target))
    qtbot.mouseClick(staff.chart.save_button, LEFT)
    saved = tmp_path / "chart.png"
    assert saved.read_bytes().startswith(b"\x89PNG")
    assert answers.messages[-1][0] == "Picture saved"
    # An earlier season can be chosen.
    staff.chart_season.setCurrentIndex(staff.chart_season.findText(str(dt.date.today().year - 1)))
    assert staff.chart.charts.year == dt.date.today().year - 1


def test_the_charts_are_made_when_first_shown(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    become(window, "Ann")
    page = window.show_page("harvest")
    staff = page.staff
    # Landing shows the log: the charts are not made, nor drawn, for a visit that never looks.
    assert staff._charts is None
    assert staff.views.count() == 1
    page.refresh()
    assert staff._charts is None
    qtbot.mouseClick(staff.charts_button, LEFT)
    charts = staff._charts
    assert charts is not None and staff.views.currentWidget() is charts
    # Made for the season the log shows, with that season's chart.
    assert charts.chart_season.currentData() == staff.log.season_id()
    assert charts.chart.canvas.kind == "crops"
    assert page.note.text() == "Tap a chart's button to see it, and choose its season."
    # Back to the log and to the charts again: the same charts, not made twice.
    qtbot.mouseClick(staff.log_button, LEFT)
    assert staff.views.currentWidget() is staff.log
    qtbot.mouseClick(staff.charts_button, LEFT)
    assert staff._charts is charts and staff.views.count() == 2


def test_export_and_the_season_report_from_the_window(
    make_window, demo_url, qtbot, monkeypatch, tmp_path, answers
):
    window = make_window(demo_url)
    become(window, "Ann")
    staff = window.show_page("harvest").staff
    csv_path = tmp_path / "log.csv"
    monkeypatch.setattr(dialogs, "save_file", lambda *_a: str(csv_path))
    qtbot.mouseClick(staff.export_button, LEFT)
    season_rows = staff.log.model.rowCount()
    assert len(csv_path.read_text(encoding="utf-8").splitlines()) == season_rows + 1
    assert answers.messages[-1][0] == "Harvest log saved"
    pdf_path = tmp_path / "report"
    monkeypatch.setattr(dialogs, "save_file", lambda *_a: str(pdf_path))
    qtbot.mouseClick(staff.report_button, LEFT)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert answers.messages[-1][0] == "Season report saved"

    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(dialogs, "choose_printer", lambda *_a: printer)
    qtbot.mouseClick(staff.print_button, LEFT)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    assert answers.messages[-1][0] == "Season report printed"


@pytest.mark.skipif(not FILE_2021.is_file(), reason="the real harvest records are not here")
def test_import_from_the_window_with_a_preview(make_window, demo_url, qtbot, monkeypatch, answers):
    window = make_window(demo_url)
    become(window, "Rosa")
    staff = window.show_page("harvest").staff
    monkeypatch.setattr(dialogs, "open_file", lambda *_a: str(FILE_2021))
    in_log = count_harvests(window)
    qtbot.mouseClick(staff.import_button, LEFT)
    dialog = staff.import_dialog
    assert dialog.isVisible()
    assert "The file has 726 rows" in dialog.summary.text()
    assert dialog.unit_box.isVisible() and "30 rows have no unit" in dialog.unit_words.text()
    names = {
        dialog.crop_table.item(r, 0).text(): dialog.crop_table.item(r, 2).text()
        for r in range(dialog.crop_table.rowCount())
    }
    assert names["zucchini"] == "Courgette" and names["rutabaga"] == "Swede"
    assert not dialog.import_button.isEnabled()
    assert count_harvests(window) == in_log  # nothing until confirmed

    qtbot.mouseClick(dialog.unit_buttons[Unit.GRAMS], LEFT)
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Import 726 harvests"
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert count_harvests(window) == in_log + 726
    with window.context.db.reading() as session:
        grams = session.scalar(select(func.sum(Harvest.grams)).where(Harvest.imported.is_(True)))
    assert grams == 451_406
    assert answers.messages[-1][0] == "Harvests imported"
    assert "Imported 726 harvests" in window.undo_bar.message.text()
    # The log turns to the season that came in.
    assert staff.log.season.currentText() == "2021"
    assert staff.log.model.rowCount() == 726
    qtbot.mouseClick(window.undo_bar.undo_button, LEFT)
    assert count_harvests(window) == in_log


def test_import_asks_about_crops_the_library_lacks(
    make_window, demo_url, qtbot, monkeypatch, tmp_path, answers
):
    path = tmp_path / "odd.csv"
    path.write_text(
        "date,crop,quantity,unit\n2026-08-01,Kiwano,3,count\n2026-08-01,Salsify,200,g\n",
        encoding="utf-8",
    )
    window = make_window(demo_url)
    become(window, "Rosa")
    staff = window.show_page("harvest").staff
    monkeypatch.setattr(dialogs, "open_file", lambda *_a: str(path))
    qtbot.mouseClick(staff.import_button, LEFT)
    dialog = staff.import_dialog
    assert set(dialog.choosers) == {"kiwano", "salsify"}
    assert not dialog.import_button.isEnabled()
    assert "2 crops that the crop library lacks" in dialog.problems.text()
    kiwano, salsify = dialog.choosers["kiwano"], dialog.choosers["salsify"]
    kiwano.setCurrentIndex(kiwano.findData("new"))
    assert not dialog.import_button.isEnabled()
    salsify.setCurrentIndex(salsify.findText("Parsnip"))
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=60_000):
        qtbot.mouseClick(dialog.import_button, LEFT)
    names = {h.crop_name for h in list_harvests(window.context.db) if h.imported}
    assert names == {"Kiwano", "Parsnip"}


def test_the_people_page_shows_each_persons_harvest_chart(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    become(window, "Ann")
    page = window.show_page("people")
    jackie = next(p for p in list_people(window.context.db) if p.name == "Jackie")
    page.select_person(jackie.id)
    chart = page.harvest_chart
    qtbot.waitUntil(lambda: chart.canvas is not None)
    assert chart.sentence.text().startswith("Jackie picked ")
    assert "Strawberries" in chart.lines()
    page.new_person()
    assert not page.harvest_card.isVisible()


def test_matplotlib_is_imported_only_when_a_chart_is_first_shown(tmp_path, demo_url):
    script = f"""
import sys
from dutchfarm.ui.app import build_main_window
from dutchfarm.services.auth import sign_in
from dutchfarm.services.people import list_people
window = build_main_window({demo_url!r})
window.show()
ann = next(p for p in list_people(window.context.db) if p.name == "Ann")
window.context.set_actor(sign_in(window.context.db, ann.id, "1234"))
page = window.show_page("harvest")
print("after the log:", "matplotlib" in sys.modules)
page.staff.show_charts()
print("after the charts:", "matplotlib" in sys.modules)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "after the log: False" in result.stdout
    assert "after the charts: True" in result.stdout


def test_a_log_that_cannot_be_read_paints_empty_cells_and_tries_once_a_page(
    make_window, demo_url, monkeypatch
):
    from dutchfarm.db.database import DatabaseError
    from dutchfarm.ui import harvest_model
    from dutchfarm.ui.harvest_model import HarvestTableModel

    window = make_window(demo_url)
    model = HarvestTableModel(window.context.db)
    model.reload()
    assert model.rowCount() > 0
    tries = []

    def gone(*_args):
        tries.append(1)
        raise DatabaseError("The farm could not be read: the server has gone away.")

    real = harvest_model.log_page
    monkeypatch.setattr(harvest_model, "log_page", gone)
    cells = [model.data(model.index(row, 1)) for row in range(min(50, model.rowCount()))]
    assert cells == [None] * len(cells) and len(tries) == 1
    # Loading the log again tries again, and shows the rows once the farm can be read.
    monkeypatch.setattr(harvest_model, "log_page", real)
    model.reload()
    assert model.data(model.index(0, 1))
