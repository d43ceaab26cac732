"""The Rotation page and the rotation warning where plantings are made, through the window."""

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select

from dutchfarm.db.models import Planting
from dutchfarm.domain.terms import PlantingStatus
from dutchfarm.services.auth import sign_in
from dutchfarm.services.beds import list_beds
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.farm import start_season
from dutchfarm.services.people import list_people
from dutchfarm.services.rotation import rotation_grid
from dutchfarm.ui import dialogs
from dutchfarm.ui.context import Topic
from dutchfarm.ui.pages.rotation import COL_BED, COL_CROP, COL_REASON
from dutchfarm.ui.rotation_model import EMPTY

TODAY = dt.date.today()


def as_person(window, name, pin=None):
    person = next(p for p in list_people(window.context.db) if p.name == name)
    window.context.set_actor(sign_in(window.context.db, person.id, pin))


def test_the_grid_shows_the_demos_conflict_free_history(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    as_person(window, "Ann", "1234")
    page = window.show_page("rotation")
    history = page.history
    assert history.model.rowCount() == 14 and history.model.columnCount() == 7
    assert history.model.headerData(6, Qt.Orientation.Horizontal) == f"{TODAY.year + 1}\n(next)"
    assert [history.conflicts.item(i).text() for i in range(history.conflicts.count())] == [
        "No crop is in the wrong place."
    ]
    bed_one = [name for _, name in history.model.grid.beds].index("Bed 1")
    words = history.model.index(bed_one, 5).data()
    assert words == "Perennials\nStrawberry"
    tooltip = history.model.index(bed_one, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == f"Bed 1, {TODAY.year}: Perennials: Strawberry."


def test_the_grid_model_passes_the_model_tester(make_window, demo_url, qtmodeltester):
    window = make_window(demo_url)
    page = window.show_page("rotation")
    qtmodeltester.check(page.history.model)


def test_potatoes_where_potatoes_grew_last_year_show_the_warning(
    make_window, demo_url, qtbot, monkeypatch, answers
):
    window = make_window(demo_url)
    db = window.context.db
    grid = rotation_grid(db)
    bed_id, bed_name = next(
        (bed_id, name)
        for bed_id, name in grid.beds
        if (bed_id, TODAY.year - 1) in grid.cells
        and "potatoes" in grid.cells[(bed_id, TODAY.year - 1)].groups
    )
    potato = next(c.id for c in list_crops(db) if c.key == "potato")
    monkeypatch.setattr(dialogs, "choose_crop", lambda *_a, **_k: potato)
    asked = []

    def ask(_parent, title, question, yes, no="Cancel"):
        asked.append(question)
        return True

    monkeypatch.setattr(dialogs, "ask", ask)
    as_person(window, "Ann", "1234")
    window.context.open_bed(bed_id)
    page = window.pages["bed"]
    qtbot.mouseClick(page.add_planting_button, Qt.MouseButton.LeftButton)
    sentence = f"Potatoes grew in {bed_name} in {TODAY.year - 1}. Wait until {TODAY.year + 2}."
    assert asked == [f"{sentence} Plant them anyway?"]
    [potatoes] = [p for p in page.record.plantings if p.crop.name == "Potato"]
    assert potatoes.warning == sentence
    # The map marks the bed, and the grid lists the conflict.
    assert sentence in next(b for b in list_beds(db) if b.id == bed_id).warnings
    rotation = window.show_page("rotation")
    items = [
        rotation.history.conflicts.item(i).text() for i in range(rotation.history.conflicts.count())
    ]
    assert items == [sentence]


def test_a_gardener_is_told_and_nothing_is_planted(
    make_window, demo_url, qtbot, monkeypatch, answers
):
    window = make_window(demo_url)
    db = window.context.db
    grid = rotation_grid(db)
    bed_id, _ = next(
        (bed_id, name)
        for bed_id, name in grid.beds
        if (bed_id, TODAY.year - 1) in grid.cells
        and "potatoes" in grid.cells[(bed_id, TODAY.year - 1)].groups
    )
    owner = next(b for b in list_beds(db) if b.id == bed_id).owner
    potato = next(c.id for c in list_crops(db) if c.key == "potato")
    monkeypatch.setattr(dialogs, "choose_crop", lambda *_a, **_k: potato)
    window.context.set_actor(sign_in(db, owner.id))
    window.context.open_bed(bed_id)
    page = window.pages["bed"]
    before = len(page.record.plantings)
    qtbot.mouseClick(page.add_planting_button, Qt.MouseButton.LeftButton)
    assert answers.messages[-1][0] == "Not in this bed this year"
    assert answers.messages[-1][1].endswith("Ask a volunteer.")
    assert len(page.record.plantings) == before


def test_accepting_a_plan_creates_the_plantings(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    as_person(window, "Ann", "1234")
    page = window.show_page("rotation")
    page.show_planner()
    planner = page.planner
    planner.season.setCurrentIndex(planner.season.findData(TODAY.year))
    assert planner.ticked() and len(planner.ticked()) == 4
    qtbot.mouseClick(planner.plan_button, Qt.MouseButton.LeftButton)
    assert planner.table.rowCount() == 4
    rows = {
        planner.table.item(row, COL_CROP).text(): row for row in range(planner.table.rowCount())
    }
    strawberries = rows["Strawberry"]
    box = planner.table.cellWidget(strawberries, COL_BED)
    assert box.currentText() == "Bed 1"
    assert planner.table.item(strawberries, COL_REASON).text() == (
        "Jackie would like strawberries in Bed 1."
    )
    # The proposal shows on the map too.
    bed_one = next(b for b in list_beds(window.context.db) if b.name == "Bed 1")
    assert [c.name for c in planner.map_view.items_by_id[bed_one.id].bed.crops] == ["Strawberry"]

    # Move the potatoes by hand to a bed that had potatoes last year: a warning shows.
    grid = rotation_grid(window.context.db)
    potato_bed = next(
        name
        for bed_id, name in grid.beds
        if (bed_id, TODAY.year - 1) in grid.cells
        and "potatoes" in grid.cells[(bed_id, TODAY.year - 1)].groups
    )
    tomato_box = planner.table.cellWidget(rows["Tomato"], COL_BED)
    original = tomato_box.currentIndex()
    tomato_box.setCurrentIndex(tomato_box.findText(potato_bed))
    reason = planner.table.item(rows["Tomato"], COL_REASON).text()
    assert reason.startswith(f"Potatoes grew in {potato_bed} in {TODAY.year - 1}.")
    assert "Tomatoes are in the same family. You moved it here by hand." in reason
    tomato_box.setCurrentIndex(original)
    # Back in the bed the planner chose, the planner's own reason shows again.
    assert planner.table.item(rows["Tomato"], COL_REASON).text() == (
        f"The potato family has not grown in {tomato_box.currentText()} for 2 years or more."
    )

    placed = planner.placements()
    qtbot.mouseClick(planner.accept_button, Qt.MouseButton.LeftButton)
    with window.context.db.reading() as session:
        planned = session.execute(
            select(Planting.crop_id, Planting.bed_id).where(
                Planting.status == PlantingStatus.PLANNED
            )
        ).all()
    assert set(planned) <= set(placed.items()) and len(planned) >= 3
    assert "The plan for" in window.undo_bar.message.text()
    assert planner.table.rowCount() == 0


def test_choosing_a_bed_another_crop_has_swaps_them_and_checks_both(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    as_person(window, "Ann", "1234")
    page = window.show_page("rotation")
    page.show_planner()
    planner = page.planner
    planner.season.setCurrentIndex(planner.season.findData(TODAY.year))
    qtbot.mouseClick(planner.plan_button, Qt.MouseButton.LeftButton)
    rows = {planner.table.item(r, COL_CROP).text(): r for r in range(planner.table.rowCount())}
    box = {crop: planner.table.cellWidget(row, COL_BED) for crop, row in rows.items()}
    before = {crop: b.currentText() for crop, b in box.items()}
    other = next(crop for crop in rows if crop != "Strawberry")
    plural = {c.name: c.plural.lower() for c in list_crops(window.context.db)}
    # Another crop goes to the strawberries' bed: the strawberries move to its bed.
    box[other].setCurrentIndex(box[other].findText(before["Strawberry"]))
    assert box["Strawberry"].currentText() == before[other]
    assert len(set(planner.placements().values())) == len(rows)
    other_why = planner.table.item(rows[other], COL_REASON).text()
    strawberry_why = planner.table.item(rows["Strawberry"], COL_REASON).text()
    assert other_why.endswith("Swapped with the strawberries. No rotation problem.") or (
        "grew in" in other_why and other_why.endswith("Swapped with the strawberries.")
    )
    assert strawberry_why == f"Swapped with the {plural[other]}. No rotation problem."
    # Both moves show on the map: each bed holds the crop it now has.
    beds = {b.name: b.id for b in list_beds(window.context.db)}
    on_map = planner.map_view.items_by_id
    assert [c.name for c in on_map[beds[before[other]]].bed.crops] == ["Strawberry"]
    assert [c.name for c in on_map[beds[before["Strawberry"]]].bed.crops] == [other]
    # Swapping back gives the planner's plan and its reasons again.
    box[other].setCurrentIndex(box[other].findText(before[other]))
    assert {crop: b.currentText() for crop, b in box.items()} == before
    assert planner.table.item(rows["Strawberry"], COL_REASON).text() == (
        "Jackie would like strawberries in Bed 1."
    )
    assert not any(item.bed.warnings for item in on_map.values())


def test_a_rotation_warning_of_a_move_is_marked_on_the_map(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    as_person(window, "Ann", "1234")
    page = window.show_page("rotation")
    page.show_planner()
    planner = page.planner
    planner.season.setCurrentIndex(planner.season.findData(TODAY.year))
    qtbot.mouseClick(planner.plan_button, Qt.MouseButton.LeftButton)
    grid = rotation_grid(window.context.db)
    potato_bed_id, potato_bed = next(
        (bed_id, name)
        for bed_id, name in grid.beds
        if "potatoes" in grid.cells.get((bed_id, TODAY.year - 1), EMPTY).groups
    )
    row = next(
        r
        for r in range(planner.table.rowCount())
        if planner.table.item(r, COL_CROP).text() == "Tomato"
    )
    box = planner.table.cellWidget(row, COL_BED)
    box.setCurrentIndex(box.findText(potato_bed))
    [warning] = planner.map_view.items_by_id[potato_bed_id].bed.warnings
    assert warning.startswith(f"Potatoes grew in {potato_bed} in {TODAY.year - 1}.")


def test_the_planner_opens_on_a_later_season_the_group_has_voted_for(make_window, demo_url, qtbot):
    from dutchfarm.services.auth import COMMAND_LINE
    from dutchfarm.services.vote_closing import close_ballot
    from dutchfarm.services.vote_seasons import create_ballot_for_season
    from dutchfarm.services.voting import BallotDraft, cast_vote, open_ballot

    window = make_window(demo_url)
    db = window.context.db
    crops = [c.id for c in list_crops(db)][:3]
    later = TODAY.year + 1
    ballot = create_ballot_for_season(
        db, COMMAND_LINE, later, BallotDraft("Next year?", seats=1, crop_ids=tuple(crops))
    )
    open_ballot(db, COMMAND_LINE, ballot.id)
    jackie = next(p.id for p in list_people(db) if p.name == "Jackie")
    cast_vote(db, COMMAND_LINE, ballot.id, jackie, {crops[1]: 3})
    close_ballot(db, COMMAND_LINE, ballot.id)
    as_person(window, "Ann", "1234")
    page = window.show_page("rotation")
    page.show_planner()
    assert page.planner.season.currentData() == later
    assert page.planner.ticked() == [crops[1]]


def test_the_planner_loads_when_its_tab_is_chosen_and_again_after_a_change(
    make_window, demo_url, qtbot
):
    window = make_window(demo_url)
    as_person(window, "Ann", "1234")
    page = window.show_page("rotation")
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert page.tabs.currentIndex() == 1

    def years():
        return [page.planner.season.itemData(i) for i in range(page.planner.season.count())]

    assert years() == [TODAY.year]
    # Back on the grid, next year's season is started; the planner offers it when shown.
    page.tabs.setCurrentIndex(0)
    start_season(window.context.db, window.context.actor, TODAY.year + 1)
    window.context.announce(Topic.SEASONS)
    page.tabs.setCurrentIndex(1)
    assert years() == [TODAY.year, TODAY.year + 1]
