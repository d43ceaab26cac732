"""Journey 2: planning the beds. Ann plans next season from the crops the group chose."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from dutchfarm.services.beds import bed_record, list_beds
from dutchfarm.services.farm import list_seasons
from dutchfarm.ui.bed_map import BedMapView


def reasons(planner):
    """The plan's "Why" words, crop by crop, as the table shows them."""
    table = planner.table
    return {table.item(row, 0).text(): table.item(row, 2).text() for row in range(table.rowCount())}


def beds_chosen(planner):
    """The bed chosen for each crop in the plan, as its drop-down list shows it."""
    boxes = planner.table.findChildren(QComboBox)
    return {box.accessibleName().removeprefix("Bed for the "): box.currentText() for box in boxes}


def bed_box(planner, crop):
    return next(
        b for b in planner.table.findChildren(QComboBox) if b.accessibleName().endswith(crop)
    )


def test_ann_plans_next_season_from_the_vote(journey, crops_chosen_for_2027, the_vote):
    year = dt.date.today().year + 1
    last_year = year - 1
    # Ann gives her PIN on the pad and opens Rotation.
    journey.sign_in("Ann", pin="1234")
    page = journey.open_area("Rotation")

    # The grid shows six years of beds, and the season to come.
    grid = page.history.model
    across = Qt.Orientation.Horizontal
    years = [grid.headerData(c, across).split()[0] for c in range(grid.columnCount())]
    assert years == [str(y) for y in range(year - 6, year + 1)]
    assert grid.headerData(len(years) - 1, across) == f"{year}\n(next)"
    # Where potatoes grew last year, as the grid shows it.
    column = years.index(str(last_year))
    potato_beds = [
        grid.grid.beds[row][1]
        for row in range(grid.rowCount())
        if "Potato" in [crop.name for crop in grid.cell(row, column).crops]
    ]
    assert potato_beds

    # She runs the planner with the four crops the vote chose.
    journey.tap_tab("Plan a season", page)
    planner = page.planner
    assert planner.season.currentText() == str(year)
    ticked = [
        planner.crop_list.item(i).text()
        for i in range(planner.crop_list.count())
        if planner.crop_list.item(i).checkState().value
    ]
    assert ticked == ["Strawberry", "Potato", "Carrot", "Tomato"]
    journey.tap("Make a plan", planner)
    plan = beds_chosen(planner)
    assert set(plan) == {"strawberry", "potato", "carrot", "tomato"}
    assert all(bed.startswith("Bed ") for bed in plan.values())
    assert len(set(plan.values())) == 4
    # None breaks the 3-year rotation, and Jackie's wish is honoured in her own bed.
    assert not any("grew in" in why for why in reasons(planner).values()), reasons(planner)
    assert plan["strawberry"] == "Bed 1"
    assert "Jackie" in reasons(planner)["Strawberry"]

    # Ann swaps the potatoes with the crop in a bed where potatoes grew last year (or,
    # if no crop is there, moves them in): the program warns her at once.
    partner = next((c for c, bed in plan.items() if bed in potato_beds), None)
    bed = plan[partner] if partner else potato_beds[0]
    journey.choose(bed_box(planner, "potato"), bed)
    warning = f"Potatoes grew in {bed} in {last_year}. Wait until {last_year + 3}."
    assert reasons(planner)["Potato"].startswith(warning)
    if partner:
        assert beds_chosen(planner)[partner] == plan["potato"]
    # She changes her mind: the potatoes go back, and the plan is as it was.
    journey.choose(bed_box(planner, "potato"), plan["potato"])
    assert beds_chosen(planner) == plan
    assert not any("grew in" in why for why in reasons(planner).values())
    journey.tap("Accept the plan", planner)

    # The beds show the planned crops, on the map and in each bed's record.
    beds_page = journey.open_area("Beds")
    [season] = [s for s in list_seasons(journey.db) if s.year == year]
    assert season.id == crops_chosen_for_2027
    journey.tap(f"Next season: {year} (planned)", beds_page)
    map_view = beds_page.findChild(BedMapView)
    shown = {
        item.bed.name: [crop.name for crop in item.bed.crops]
        for item in map_view.items_by_id.values()
    }
    for crop, bed in plan.items():
        assert shown[bed] == [crop.capitalize()], (crop, bed, shown[bed])
    assert not any(item.bed.warnings for item in map_view.items_by_id.values())
    # Ann taps Jackie's bed on the map and opens it: strawberries are planned there.
    beds = {b.name: b.id for b in list_beds(journey.db)}
    bed_one = map_view.items_by_id[beds["Bed 1"]]
    journey.qtbot.mouseClick(
        map_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=map_view.mapFromScene(bed_one.sceneBoundingRect().center()),
    )
    journey.tap("Open this bed", beds_page)
    record_page = journey.page("bed")
    assert record_page.header.title.text() == "Bed 1"
    assert record_page.planned_title.text() == f"Planned for {year}"
    assert "Strawberry" in [w.text() for w in record_page.planned_card.findChildren(QLabel)]
    # What the database holds: a planned planting of each crop in its bed, next season.
    for crop, bed in plan.items():
        record = bed_record(journey.db, journey.context.actor, beds[bed])
        assert record.planned_year == year
        assert [c.name for c in record.planned] == [crop.capitalize()]
    # Back on the map, it still shows next season's plan.
    assert journey.open_area("Beds") is beds_page
    assert journey.button(f"Next season: {year} (planned)", beds_page).isChecked()
    assert [c.name for c in map_view.items_by_id[beds["Bed 1"]].bed.crops] == ["Strawberry"]
    journey.last_screen("2-planning")
