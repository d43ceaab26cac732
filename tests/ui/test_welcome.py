"""The first start: a new farm is welcomed with a pretend farm to try, or its own first steps."""

import os
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from dutchfarm.domain.terms import Role
from dutchfarm.services.beds import list_beds
from dutchfarm.services.errors import BadInput
from dutchfarm.services.people import list_people
from dutchfarm.ui import app as app_module
from dutchfarm.ui import dialogs
from dutchfarm.ui.busy import BusyDialog, run_while_waiting
from dutchfarm.ui.first_coordinator import FirstCoordinatorDialog

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def start(qtbot, answers):
    """Start the program as a person would (backup, then the first page) on a database."""
    windows = []

    def open_on(url=None):
        window = app_module.open_window(url or os.environ["DUTCHFARM_DATABASE"])
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield open_on
    for window in windows:
        window.context.db.close()


def test_a_new_farm_opens_on_the_welcome_with_two_choices(start):
    window = start()
    assert window.current_page_name() == "welcome"
    page = window.pages["welcome"]
    assert page.pretend_button.text() == "Try it with a pretend farm"
    assert page.own_button.text() == "Start our own farm"
    assert page.pretend_button.isEnabled() and page.own_button.isEnabled()
    assert not page.in_use_note.isVisible()
    assert all(line.isVisible() for line in page.intro)


def test_a_farm_in_use_opens_on_today_and_offers_no_pretend_farm(start, demo_url):
    window = start(demo_url)
    assert window.current_page_name() == "today"
    page = window.show_page("welcome")
    assert not page.pretend_button.isEnabled() and not page.own_button.isEnabled()
    assert page.in_use_note.isVisible()
    assert not any(line.isVisible() for line in page.intro)


def test_trying_the_pretend_farm_fills_it_and_opens_today(start, qtbot, answers):
    window = start()
    qtbot.mouseClick(window.pages["welcome"].pretend_button, LEFT)
    assert window.current_page_name() == "today"
    db = window.context.db
    assert len(list_people(db)) == 15 and len(list_beds(db)) == 14
    # Today shows the pretend people at once, and the person is told how to sign in.
    assert len(window.pages["today"].who.toggles) == 15
    title, message = answers.messages[-1]
    assert title == "The pretend farm is ready" and "Her PIN is 1234" in message
    # The next start is an ordinary one.
    window.close()
    assert start().current_page_name() == "today"


def test_slow_work_says_so_in_a_waiting_window_and_hands_back_its_result(qtbot):
    seen = []
    release = threading.Event()

    def look():
        seen.append([w for w in QApplication.topLevelWidgets() if isinstance(w, BusyDialog)])
        release.set()

    def slow():
        release.wait(5)
        return 42

    QTimer.singleShot(200, look)
    assert run_while_waiting(None, "Making the pretend farm. Please wait.", slow, 50) == 42
    [[busy]] = seen
    assert busy.accessibleName() == "Making the pretend farm. Please wait."


def test_quick_work_shows_no_waiting_window_and_its_error_reaches_the_caller(qtbot):
    def refuse():
        raise BadInput("This farm is already in use.")

    shown = []
    QTimer.singleShot(0, lambda: shown.extend(QApplication.topLevelWidgets()))
    with pytest.raises(BadInput, match="already in use"):
        run_while_waiting(None, "Working", refuse)
    assert not any(isinstance(w, BusyDialog) and w.isVisible() for w in shown)


def add_coordinator_in_dialog(monkeypatch, qtbot, name, pin, again):
    """Answer the coordinator's dialog by typing into the real dialog and tapping Add."""
    results = []

    def show(dialog):
        assert isinstance(dialog, FirstCoordinatorDialog)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.name, name)
        qtbot.keyClicks(dialog.pin, pin)
        qtbot.keyClicks(dialog.pin_again, again)
        qtbot.mouseClick(dialog.add_button, LEFT)
        results.append(dialog)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "show_dialog", show)
    return results


def test_starting_our_own_farm_leads_through_the_first_steps(start, qtbot, monkeypatch, answers):
    window = start()
    qtbot.mouseClick(window.pages["welcome"].own_button, LEFT)
    assert window.current_page_name() == "first_steps"
    page = window.pages["first_steps"]
    rows = page.rows
    # The coordinator comes first: the other steps wait for them.
    assert rows["coordinator"].button.isEnabled()
    assert rows["coordinator"].button.property("role") == "primary"
    assert [rows[s].button.isEnabled() for s in ("people", "beds", "season")] == [False] * 3
    assert [rows[s].state.text() for s in rows] == ["Not yet"] * 4

    add_coordinator_in_dialog(monkeypatch, qtbot, "Ann", "2468", "2468")
    qtbot.mouseClick(rows["coordinator"].button, LEFT)
    assert window.context.actor.is_coordinator and window.context.actor.name == "Ann"
    assert window.user_bar.user_words.text() == "Ann (Coordinator)"
    assert rows["coordinator"].state.text() == "Done"
    assert not rows["coordinator"].button.isEnabled()
    assert rows["people"].button.isEnabled() and rows["people"].button.property("role") == "primary"

    # Each step opens its page, where the coordinator can do it straight away.
    qtbot.mouseClick(rows["people"].button, LEFT)
    people = window.pages["people"]
    assert window.current_page_name() == "people" and not people.locked_note.isVisible()
    people.new_person()
    qtbot.keyClicks(people.form.name, "Jackie")
    qtbot.mouseClick(people.save_button, LEFT)
    assert [p.role for p in list_people(window.context.db)] == [Role.COORDINATOR, Role.SERVICE_USER]

    window.show_page("first_steps")
    assert rows["people"].state.text() == "Done"
    assert rows["beds"].button.property("role") == "primary"
    qtbot.mouseClick(rows["beds"].button, LEFT)
    assert window.current_page_name() == "beds"
    window.show_page("first_steps")
    qtbot.mouseClick(rows["season"].button, LEFT)
    assert window.current_page_name() == "vote"
    window.show_page("first_steps")
    qtbot.mouseClick(page.today_button, LEFT)
    assert window.current_page_name() == "today"
    assert answers.messages == []

    # Closed half way, the program opens on the first steps again.
    window.close()
    assert start().current_page_name() == "first_steps"


def test_the_coordinators_two_pins_must_match(start, qtbot, monkeypatch):
    window = start()
    qtbot.mouseClick(window.pages["welcome"].own_button, LEFT)
    seen = add_coordinator_in_dialog(monkeypatch, qtbot, "Ann", "2468", "1357")
    page = window.pages["first_steps"]
    qtbot.mouseClick(page.rows["coordinator"].button, LEFT)
    [dialog] = seen
    assert dialog.problem.text() == "The two PINs are not the same. Please type them again."
    assert dialog.result() != dialog.DialogCode.Accepted
    assert list_people(window.context.db) == []
    assert page.rows["coordinator"].state.text() == "Not yet"
