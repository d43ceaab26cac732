"""The main window: pages by name, who is using it, the PIN pad, text size, its size and place."""

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QPushButton

from dutchfarm.services.people import list_people
from dutchfarm.settings import Settings
from dutchfarm.ui import app as app_module
from dutchfarm.ui import dialogs
from dutchfarm.ui.main_window import PAGES


def test_every_page_opens_by_its_stable_name(make_window, demo_url):
    window = make_window(demo_url)
    assert window.current_page_name() == "today"
    for name in PAGES:
        page = window.show_page(name)
        assert window.current_page_name() == name
        assert page.isVisible()


def test_keyboard_shortcuts_reach_the_areas(make_window, qtbot):
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_name() == "people"
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.current_page_name() == "today"


def person_button(window, name):
    page = window.show_page("who")
    return next(b for b in page.buttons if b.person.name == name)


def test_tapping_your_picture_makes_you_the_current_user(make_window, demo_url, qtbot):
    window = make_window(demo_url)
    qtbot.mouseClick(window.user_bar.switch_button, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "who"
    qtbot.mouseClick(person_button(window, "Jackie"), Qt.MouseButton.LeftButton)
    assert window.context.actor.name == "Jackie"
    assert window.user_bar.user_words.text() == "Jackie (Gardener)"
    assert window.current_page_name() == "bed"
    qtbot.mouseClick(window.user_bar.home_button, Qt.MouseButton.LeftButton)
    assert "Hello Jackie" in window.pages["today"].greeting.text()


def test_the_coordinator_gives_their_pin(make_window, demo_url, qtbot, answers):
    window = make_window(demo_url)
    answers.pin = "0000"
    qtbot.mouseClick(person_button(window, "Ann"), Qt.MouseButton.LeftButton)
    assert window.context.actor.person_id is None
    assert "not right" in answers.messages[-1][1]
    answers.pin = "1234"
    qtbot.mouseClick(person_button(window, "Ann"), Qt.MouseButton.LeftButton)
    assert window.context.actor.is_coordinator


def test_the_pin_pad_types_digits(qtbot):
    from dutchfarm.ui.pin_pad import PinPad

    pad = PinPad("Ann")
    qtbot.addWidget(pad)
    for digit in "1234":
        button = next(b for b in pad.findChildren(QPushButton) if b.text() == digit)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pad.pin() == "1234"
    qtbot.keyClicks(pad.entry, "ab")
    assert pad.pin() == "1234"


def test_a_photo_can_be_used_as_a_persons_picture(make_window, qtbot, tmp_path, monkeypatch):
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    path = tmp_path / "me.jpg"
    image.save(str(path))
    monkeypatch.setattr(dialogs, "open_picture", lambda _parent: str(path))
    window = make_window()
    page = window.show_page("people")
    qtbot.keyClicks(page.form.name, "Rosa")
    qtbot.mouseClick(page.form.photo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [rosa] = list_people(window.context.db)
    stored = QImage.fromData(rosa.photo)
    assert max(stored.width(), stored.height()) == 256


def test_the_text_size_setting_is_kept_and_rebuilds_the_pages(make_window, qtbot):
    window = make_window()
    page = window.show_page("settings")
    small_tile = window.page("today").tiles["people"].minimumWidth()
    qtbot.mouseClick(page.size_buttons["large"], Qt.MouseButton.LeftButton)
    assert Settings().get("text_size") == "large"
    assert window.current_page_name() == "settings"
    assert window.page("today").tiles["people"].minimumWidth() > small_tile


def test_the_window_remembers_its_size(make_window, qtbot):
    window = make_window()
    window.resize(700, 520)
    window.close()
    again = make_window(size=None)
    assert (again.width(), again.height()) == (700, 520)


def test_an_unexpected_error_is_logged_and_told_kindly(answers, caplog):
    try:
        raise RuntimeError("a fault of ours")
    except RuntimeError as error:
        with caplog.at_level(logging.ERROR):
            app_module._report_unexpected(type(error), error, error.__traceback__)
    assert "a fault of ours" in caplog.text and "Traceback" in caplog.text
    title, message = answers.messages[-1]
    assert title == "Something went wrong" and "Nothing you saved is lost" in message


@pytest.mark.parametrize("page_name", list(PAGES))
def test_pages_look_right_at_a_glance(make_window, demo_url, page_name, tmp_path):
    # A picture of each page is made, so a broken page (blank, or one that fails to draw)
    # shows up here; the screenshots are looked at by a person before a release.
    window = make_window(demo_url)
    window.show_page(page_name)
    image = window.grab().toImage()
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 40) for y in range(0, image.height(), 40)
    }
    assert len(colours) > 3
