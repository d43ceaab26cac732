"""The map and the bed record, as a gardener, a volunteer and the coordinator use them."""

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from dutchfarm.domain.terms import DiaryAction, Unit
from dutchfarm.services.auth import sign_in
from dutchfarm.services.beds import add_diary_entry, bed_of, bed_record, list_beds
from dutchfarm.services.errors import NotAllowed
from dutchfarm.services.people import list_people
from dutchfarm.ui.context import Topic
from dutchfarm.ui.pages.bed import short_date


def person(window, name):
    return next(p for p in list_people(window.context.db) if p.name == name)


def tap_picture(window, qtbot, name):
    qtbot.mouseClick(window.user_bar.switch_button, Qt.MouseButton.LeftButton)
    who = window.pages["who"]
    button = next(b for b in who.buttons if b.person.name == name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_gardener_lands_on_their_bed_and_taps_i_watered(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    tap_picture(window, qtbot, "Jackie")
    assert window.current_page_name() == "bed"
    page = window.pages["bed"]
    jackie = person(window, "Jackie")
    own = bed_of(window.context.db, jackie.id)
    assert page.record.bed.id == own
    assert page.header.title.text() == f"My bed: {page.record.bed.name}"
    assert "Strawberry" in [p.crop.name for p in page.record.plantings]

    qtbot.mouseClick(page.action_buttons[DiaryAction.WATERED], Qt.MouseButton.LeftButton)

    newest = page.diary.item(0)
    assert newest.text() == f"{short_date(dt.date.today())}: Jackie watered."
    assert not newest.icon().isNull()
    [entry] = [e for e in page.record.diary if e.day == dt.date.today()]
    assert (entry.person.name, entry.action) == ("Jackie", DiaryAction.WATERED)
    assert "Saved: Jackie watered." in window.undo_bar.message.text()

    # Undo takes it out again.
    qtbot.mouseClick(window.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert not [e for e in page.record.diary if e.day == dt.date.today()]


def test_a_gardener_cannot_add_to_someone_elses_bed(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    tap_picture(window, qtbot, "Jackie")
    marco_bed = bed_of(window.context.db, person(window, "Marco").id)
    window.context.open_bed(marco_bed)
    page = window.pages["bed"]
    assert page.record.bed.id == marco_bed
    assert not page.actions_card.isVisible()
    assert not page.add_planting_button.isVisible()
    assert page.look_only.text() == "This is not your bed. You can look."
    try:
        add_diary_entry(window.context.db, window.context.actor, marco_bed, DiaryAction.WATERED)
    except NotAllowed as refusal:
        assert "not your bed" in str(refusal)
    else:
        raise AssertionError("the service let Jackie write in Marco's bed")


def test_a_gardener_adds_a_plant_by_its_picture(make_window, demo_url, qtbot, monkeypatch):
    from dutchfarm.ui import dialogs

    seen = {}

    def choose(_parent, crops, *, search, title):
        seen["search"] = search
        return next(c.id for c in crops if c.key == "runner_bean")

    monkeypatch.setattr(dialogs, "choose_crop", choose)
    window = make_window(demo_url)
    tap_picture(window, qtbot, "Jackie")
    page = window.pages["bed"]
    qtbot.mouseClick(page.add_planting_button, Qt.MouseButton.LeftButton)
    assert seen["search"] is False
    assert "Runner bean" in [p.crop.name for p in page.record.plantings]


def test_the_crop_picker_shows_pictures_and_search_for_staff(qtbot, db):
    from dutchfarm.services.catalogue import list_crops
    from dutchfarm.ui.crop_picker import CropPicker

    picker = CropPicker(list_crops(db), search=True, title="Choose a crop")
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.search, "bean")
    shown = [crop.name for crop, button in picker.buttons if button.isVisible()]
    assert shown and all("bean" in name.lower() for name in shown)
    runner = next(b for c, b in picker.buttons if c.key == "runner_bean")
    qtbot.mouseClick(runner, Qt.MouseButton.LeftButton)
    assert picker.chosen == next(c.id for c, _ in picker.buttons if c.key == "runner_bean")


def drag(view, start, end):
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 11):
        point = start + (end - start) * step / 10
        QTest.mouseMove(viewport, QPoint(round(point.x()), round(point.y())))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_the_coordinator_moves_a_bed_and_ctrl_z_puts_it_back(make_window, demo_url, qtbot, answers):
    window = make_window(demo_url)
    answers.pin = "1234"
    tap_picture(window, qtbot, "Ann")
    assert window.context.actor.is_coordinator
    page = window.show_page("beds")
    view = page.map_view
    bed = next(b for b in list_beds(window.context.db) if b.name == "Bed 3")
    item = view.items_by_id[bed.id]
    centre = view.mapFromScene(item.sceneBoundingRect().center())
    drag(view, centre, centre + QPoint(0, 120))

    moved = next(b for b in list_beds(window.context.db) if b.id == bed.id)
    assert moved.x == bed.x and moved.y > bed.y + 0.5
    assert "Bed 3 was moved." in window.undo_bar.message.text()

    # Ctrl+Z presses the Undo button (a shortcut "click" lands a moment later).
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.undo_bar.isVisible())
    back = next(b for b in list_beds(window.context.db) if b.id == bed.id)
    assert (back.x, back.y) == (bed.x, bed.y)
    redrawn = view.items_by_id[bed.id]
    assert round(redrawn.pos().y() / 90, 2) == bed.y


def test_others_can_only_look_at_the_map(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    tap_picture(window, qtbot, "Priya")
    page = window.show_page("beds")
    assert not page.add_button.isVisible() and not page.editor.isVisible()
    assert not any(
        item.flags() & item.GraphicsItemFlag.ItemIsMovable
        for item in page.map_view.items_by_id.values()
    )
    page.bed_list.setCurrentRow(1)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "bed"
    assert window.pages["bed"].record.bed.id == page.bed_list.item(1).data(Qt.ItemDataRole.UserRole)
    # A volunteer may add to any bed's diary.
    assert window.pages["bed"].actions_card.isVisible()


def test_the_map_zooms_with_keys(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    page = window.show_page("beds")
    view = page.map_view
    view.setFocus()
    before = view.transform().m11()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.transform().m11() > before
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.transform().m11() < before
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert abs(view.transform().m11() - before) < 0.01


def test_five_wrong_pins_lock_the_coordinators_functions(make_window, demo_url, qtbot, answers):
    window = make_window(demo_url)
    answers.pin = "9999"
    for _ in range(5):
        tap_picture(window, qtbot, "Ann")
    assert "Too many wrong PINs" in answers.messages[-1][1]
    answers.pin = "1234"
    tap_picture(window, qtbot, "Ann")
    assert "Too many wrong PINs" in answers.messages[-1][1]
    assert not window.context.actor.is_coordinator


def test_a_staff_session_returns_to_the_pictures_after_20_minutes(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    tap_picture(window, qtbot, "Priya")
    window.idle.last_input -= 19 * 60
    window.idle.check()
    assert window.context.actor.name == "Priya"
    window.idle.last_input -= 2 * 60
    window.idle.check()
    assert window.context.actor.person_id is None
    assert window.current_page_name() == "who"


def test_a_press_or_a_key_in_any_window_keeps_a_staff_session(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    tap_picture(window, qtbot, "Priya")
    handle = window.windowHandle()
    for touch in (
        lambda: QTest.keyClick(handle, Qt.Key.Key_Shift),
        lambda: QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=QPoint(600, 400)),
    ):
        window.idle.last_input -= 30 * 60
        touch()
        window.idle.check()
        assert window.context.actor.name == "Priya"
    # Input that reaches a dialog counts too, once the dialog has come to the front.
    dialog = QDialog(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)
    window.idle.last_input -= 30 * 60
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_Shift)
    window.idle.check()
    assert window.context.actor.name == "Priya"
    dialog.close()


def test_a_gardeners_session_never_times_out(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    tap_picture(window, qtbot, "Jackie")
    window.idle.last_input -= 10 * 60 * 60
    window.idle.check()
    assert window.context.actor.name == "Jackie"
    assert window.current_page_name() == "bed"


def test_someone_with_no_bed_lands_on_the_map(make_window, demo_url, qtbot):
    from dutchfarm.domain.terms import Role
    from dutchfarm.services.auth import COMMAND_LINE
    from dutchfarm.services.people import PersonDraft, add_person

    window = make_window(demo_url)
    add_person(window.context.db, COMMAND_LINE, PersonDraft(name="Zara", role=Role.SERVICE_USER))
    window.context.announce(Topic.PEOPLE)
    tap_picture(window, qtbot, "Zara")
    assert window.current_page_name() == "beds"


def test_the_record_shows_the_beds_harvest(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    jackie = person(window, "Jackie")
    actor = sign_in(window.context.db, jackie.id)
    record = bed_record(window.context.db, actor, bed_of(window.context.db, jackie.id))
    window.context.set_actor(actor)
    window.context.go("bed")
    page = window.pages["bed"]
    texts = [page.harvest_list.item(i).text() for i in range(page.harvest_list.count())]
    assert texts == [
        f"{line.crop.name}: {line.grams / 1000:.1f} kilos" for line in record.harvest if line.grams
    ]


def test_the_record_follows_the_harvest_log_while_it_is_shown(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    tap_picture(window, qtbot, "Jackie")
    page = window.pages["bed"]

    def lines():
        return [page.harvest_list.item(i).text() for i in range(page.harvest_list.count())]

    before = lines()
    harvest = window.show_page("harvest").gardener.entry
    qtbot.mouseClick(harvest.button_for("Strawberries"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(harvest.pad.keys["6"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(harvest.unit_buttons[Unit.COUNT], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(harvest.done_button, Qt.MouseButton.LeftButton)
    window.context.go("bed")
    assert lines()[0].endswith(", 6 picked")
    # Undo, tapped with her bed on show, takes the 6 strawberries off it there and then.
    qtbot.mouseClick(window.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert lines() == before


def test_the_map_shows_next_seasons_plan_when_asked_and_the_bed_says_it(
    make_window, demo_url, qtbot
):
    from dutchfarm.services.auth import COMMAND_LINE
    from dutchfarm.services.catalogue import list_crops
    from dutchfarm.services.farm import start_season
    from dutchfarm.services.rotation import accept_plan

    window = make_window(demo_url)
    db = window.context.db
    this_year = dt.date.today().year
    page = window.show_page("beds")
    # Before any plan for next season, the map shows only this season, with no choice.
    assert not page.next_season_button.isVisible()
    beds = {b.name: b for b in list_beds(db)}
    start_season(db, COMMAND_LINE, this_year + 1)
    sweetcorn = next(c.id for c in list_crops(db) if c.key == "sweetcorn")
    accept_plan(db, COMMAND_LINE, this_year + 1, {sweetcorn: beds["Bed 2"].id})
    window.context.announce(Topic.BEDS)
    assert page.this_season_button.isChecked()
    assert page.this_season_button.text() == f"This season: {this_year}"
    assert page.next_season_button.text() == f"Next season: {this_year + 1} (planned)"
    bed_two = page.map_view.items_by_id[beds["Bed 2"].id]
    assert bed_two.bed.crops == beds["Bed 2"].crops
    qtbot.mouseClick(page.next_season_button, Qt.MouseButton.LeftButton)
    bed_two = page.map_view.items_by_id[beds["Bed 2"].id]
    assert [c.name for c in bed_two.bed.crops] == ["Sweetcorn"]
    qtbot.mouseClick(page.this_season_button, Qt.MouseButton.LeftButton)
    assert page.map_view.items_by_id[beds["Bed 2"].id].bed.crops == beds["Bed 2"].crops
    # Bed 2's record says what is planned for it next season; Bed 3's has no such card.
    window.context.open_bed(beds["Bed 2"].id)
    record = window.pages["bed"]
    assert record.planned_card.isVisible()
    assert record.planned_title.text() == f"Planned for {this_year + 1}"
    window.context.open_bed(beds["Bed 3"].id)
    assert not record.planned_card.isVisible()
