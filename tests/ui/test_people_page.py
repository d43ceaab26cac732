"""The People page, driven as the coordinator would: add a person, change them, archive them."""

from PySide6.QtCore import Qt

from dutchfarm.domain.terms import Role
from dutchfarm.services.people import list_people
from dutchfarm.ui.people_model import COL_NAME, PeopleTableModel


def names_in_table(page):
    proxy = page.proxy
    return [proxy.index(row, COL_NAME).data() for row in range(proxy.rowCount())]


def job_item(checklist, name):
    for row in range(checklist.count()):
        if checklist.item(row).text() == name:
            return checklist.item(row)
    raise AssertionError(f"no job {name}")


def test_add_edit_and_archive_a_person(make_window, qtbot, answers):
    window = make_window()
    page = window.show_page("people")
    db = window.context.db

    # A new farm has no coordinator yet, so whoever sets it up may add people.
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.form.name, "Jackie")
    qtbot.mouseClick(page.form.role_buttons[Role.SERVICE_USER], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.form.avatar_buttons["avatar_05"], Qt.MouseButton.LeftButton)
    job_item(page.form.likes, "Watering").setCheckState(Qt.CheckState.Checked)
    job_item(page.form.cannot, "Digging").setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert answers.messages == []
    assert names_in_table(page) == ["Jackie"]
    [jackie] = list_people(db)
    assert jackie.role is Role.SERVICE_USER and jackie.avatar == "avatar_05"
    assert window.undo_bar.isVisible() and "Jackie was added" in window.undo_bar.message.text()

    # Edit: she needs support now, and her name is spelled in full.
    page.select_person(jackie.id)
    page.form.name.clear()
    qtbot.keyClicks(page.form.name, "Jacqueline")
    qtbot.mouseClick(page.form.needs_support, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [changed] = list_people(db)
    assert changed.name == "Jacqueline" and changed.needs_support
    assert names_in_table(page) == ["Jacqueline"]

    # Undo puts the old details back.
    qtbot.mouseClick(window.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    [undone] = list_people(db)
    assert undone.name == "Jackie" and not undone.needs_support

    # Archive (after the question): she leaves the list, and Undo brings her back.
    page.select_person(jackie.id)
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert list_people(db) == []
    assert names_in_table(page) == []
    assert [p.name for p in list_people(db, include_archived=True)] == ["Jackie"]
    qtbot.mouseClick(window.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in list_people(db)] == ["Jackie"]


def test_archiving_asks_first(make_window, qtbot, answers):
    window = make_window()
    page = window.show_page("people")
    qtbot.keyClicks(page.form.name, "Marco")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    answers.reply = False
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in list_people(window.context.db)] == ["Marco"]


def test_an_empty_name_is_refused_in_plain_words(make_window, qtbot, answers):
    window = make_window()
    page = window.show_page("people")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert answers.messages == [("That did not work", "Please give a name.")]
    assert list_people(window.context.db) == []


def test_a_coordinator_needs_a_pin_and_then_only_they_may_change_people(
    make_window, qtbot, answers
):
    window = make_window()
    page = window.show_page("people")
    qtbot.keyClicks(page.form.name, "Ann")
    qtbot.mouseClick(page.form.role_buttons[Role.COORDINATOR], Qt.MouseButton.LeftButton)
    assert page.form.pin.isVisible()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert answers.messages[-1][1] == "A coordinator needs a PIN of 4 to 8 numbers."
    qtbot.keyClicks(page.form.pin, "2468")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [ann] = list_people(window.context.db)
    assert ann.has_pin
    # Now the farm has a coordinator: somebody else sees the form locked.
    assert page.locked_note.isVisible()
    assert not page.save_button.isEnabled()


def test_the_list_sorts_and_filters(qtbot, qtmodeltester, make_window):
    window = make_window()
    page = window.show_page("people")
    for name in ("Priya", "ann", "Sam"):
        page.new_person()
        qtbot.keyClicks(page.form.name, name)
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert names_in_table(page) == ["ann", "Priya", "Sam"]
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert names_in_table(page) == ["Sam", "Priya", "ann"]
    qtbot.keyClicks(page.search, "pri")
    assert names_in_table(page) == ["Priya"]
    qtmodeltester.check(page.model)


def test_the_people_model_passes_the_model_tester(qtmodeltester):
    model = PeopleTableModel()
    qtmodeltester.check(model)
