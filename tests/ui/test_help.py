"""Help on every page: the same button in the same place, F1, and Easy Read steps with pictures."""

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from dutchfarm.services.auth import Actor
from dutchfarm.services.people import list_people
from dutchfarm.ui import dialogs, icons
from dutchfarm.ui.help_content import COORDINATOR, EVERYONE, HELP, STAFF, help_for
from dutchfarm.ui.help_dialog import HelpDialog
from dutchfarm.ui.main_window import PAGES
from dutchfarm.ui.theme import TARGET_LARGE

EVERY_HELP = [(page, audience) for page, versions in HELP.items() for audience in versions]


def test_every_page_has_help_and_there_is_none_for_a_page_that_does_not_exist():
    assert set(HELP) == set(PAGES)
    assert all(EVERYONE in versions for versions in HELP.values())
    assert {a for versions in HELP.values() for a in versions} <= {EVERYONE, STAFF, COORDINATOR}


@pytest.mark.parametrize(("page", "audience"), EVERY_HELP)
def test_each_help_says_what_the_page_is_for_in_three_or_four_pictured_steps(page, audience):
    page_help = HELP[page][audience]
    assert 3 <= len(page_help.steps) <= 4
    assert icons.has_icon(page_help.picture)
    assert all(icons.has_icon(step.picture) for step in page_help.steps)
    # Easy Read: short sentences, each ending in a full stop (or a question mark).
    for words in (page_help.purpose, *(step.words for step in page_help.steps)):
        assert words.strip() and words[-1] in ".?"
        for sentence in re.split(r"(?<=[.?])\s+", words):
            assert len(sentence.split()) <= 15, sentence


@pytest.mark.parametrize("page", ["today", "bed", "vote", "harvest", "rota"])
def test_a_gardener_and_the_staff_read_different_help_where_the_page_differs(page):
    gardener = help_for(page, ())
    volunteer = help_for(page, (STAFF,))
    assert gardener != volunteer
    assert help_for(page, (COORDINATOR, STAFF)) == volunteer


def test_the_coordinators_own_work_has_the_coordinators_help():
    assert help_for("beds", (COORDINATOR, STAFF)).job == "How to add a bed"
    # A volunteer cannot draw beds, so reads what everyone reads.
    assert help_for("beds", (STAFF,)) == help_for("beds", ())


@pytest.fixture
def shown_help(monkeypatch):
    """Every help asked for, instead of the window itself."""
    asked = []
    monkeypatch.setattr(dialogs, "show_help", lambda _parent, page_help: asked.append(page_help))
    return asked


def sign_in_as(window, name):
    person = next(p for p in list_people(window.context.db) if p.name == name)
    window.context.set_actor(Actor(person.id, person.role, person.name))


@pytest.mark.parametrize(
    ("name", "audiences"),
    [("Jackie", ()), ("Sam", (STAFF,)), ("Ann", (COORDINATOR, STAFF))],
    ids=["gardener", "volunteer", "coordinator"],
)
def test_f1_and_the_help_button_open_the_help_of_the_page_shown(
    make_window, demo_url, qtbot, shown_help, name, audiences
):
    window = make_window(demo_url)
    sign_in_as(window, name)
    for page in PAGES:
        window.show_page(page)
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F1)
        qtbot.mouseClick(window.user_bar.help_button, Qt.MouseButton.LeftButton)
        expected = help_for(page, audiences)
        assert shown_help[-2:] == [expected, expected], page
    assert len(shown_help) == 2 * len(PAGES)
    jackie_bed = [h for h in shown_help if h.title in ("My bed", "A bed")]
    assert jackie_bed[0].job == (
        "How to say what you did today" if name == "Jackie" else "How to add a plant"
    )


def test_on_a_new_farm_whoever_sets_it_up_reads_the_coordinators_help(
    make_window, qtbot, shown_help
):
    window = make_window()
    window.show_page("people")
    qtbot.mouseClick(window.user_bar.help_button, Qt.MouseButton.LeftButton)
    assert shown_help == [help_for("people", (COORDINATOR,))]


@pytest.mark.parametrize("text_size", ["normal", "very_large"])
def test_the_help_button_is_in_the_same_place_on_every_page(make_window, demo_url, text_size):
    window = make_window(demo_url, text_size=text_size)
    sign_in_as(window, "Ann")
    button = window.user_bar.help_button
    assert button.accessibleName() == "Help" and button.text() == "Help"
    assert not button.icon().isNull()
    assert button.width() >= TARGET_LARGE and button.height() >= TARGET_LARGE
    places = set()
    for page in PAGES:
        window.show_page(page)
        QApplication.processEvents()
        assert button.parentWidget() is window.user_bar and button.isVisible()
        places.add((button.mapTo(window, QPoint(0, 0)), button.size()))
    assert len(places) == 1, places


def test_the_help_closes_with_escape_or_the_big_close_button(qtbot):
    page_help = help_for("harvest", ())
    for close in ("escape", "button"):
        dialog = HelpDialog(page_help)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.close_button.text() == "Close"
        assert dialog.close_button.height() >= TARGET_LARGE
        if close == "escape":
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()


@pytest.mark.parametrize(("page", "audience"), EVERY_HELP)
def test_the_help_shows_every_step_whole_at_very_large_text(make_window, qtbot, page, audience):
    window = make_window(text_size="very_large")
    dialog = HelpDialog(HELP[page][audience], window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    shown = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    for step in HELP[page][audience].steps:
        assert step.words in shown
    for words in dialog.findChildren(QLabel):
        if not words.isVisible() or not words.text():
            continue
        # Nothing cut off: each label has the height its wrapped words need, and its
        # right edge is inside the window.
        if words.wordWrap():
            assert words.height() >= words.heightForWidth(words.width()), words.text()
        right = words.mapTo(dialog, QPoint(words.width(), 0)).x()
        assert right <= dialog.width(), words.text()
    dialog.close()
