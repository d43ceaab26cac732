"""This PC's colours on the Settings page: chosen with pictures, used at once and at start-up."""

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from dutchfarm.paths import settings_path
from dutchfarm.settings import Settings
from dutchfarm.ui import theme
from dutchfarm.ui.colours import DEFAULT, HIGH_CONTRAST


def _window_colour() -> str:
    return QApplication.instance().palette().color(QPalette.ColorRole.Window).name().upper()


def test_high_contrast_is_chosen_with_a_picture_and_used_at_once(make_window, qtbot):
    window = make_window()
    page = window.show_page("settings")
    button = page.theme_buttons["high_contrast"]
    assert not button.icon().isNull() and button.text() == "High contrast"
    assert button.accessibleName() == "High contrast"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert Settings().get("theme") == "high_contrast"
    assert theme.colours() is HIGH_CONTRAST
    assert _window_colour() == HIGH_CONTRAST.window
    assert HIGH_CONTRAST.primary in QApplication.instance().styleSheet()
    # The pages are built again in the new colours, and the choice shows as made.
    assert window.current_page_name() == "settings"
    assert window.page("settings") is not page
    assert window.page("settings").theme_buttons["high_contrast"].isChecked()


def test_the_colours_are_kept_on_this_pc_and_used_at_start_up(make_window, qtbot, tmp_path):
    window = make_window()
    qtbot.mouseClick(
        window.show_page("settings").theme_buttons["high_contrast"], Qt.MouseButton.LeftButton
    )
    assert json.loads(settings_path().read_text(encoding="utf-8"))["theme"] == "high_contrast"
    window.close()
    theme.apply_theme(QApplication.instance(), "normal", "default")
    # Another farm's data on this PC opens in this PC's colours: they are not the farm's.
    again = make_window(f"sqlite:///{tmp_path / 'another.sqlite'}")
    assert theme.colours() is HIGH_CONTRAST
    assert again.show_page("settings").theme_buttons["high_contrast"].isChecked()


def test_a_new_pc_follows_the_computer(make_window, qtbot, monkeypatch):
    monkeypatch.setattr(theme, "system_prefers_high_contrast", lambda: True)
    window = make_window()
    assert Settings().get("theme") == "system"
    assert theme.colours() is HIGH_CONTRAST
    assert window.show_page("settings").theme_buttons["system"].isChecked()
    # The computer's setting changes while Dutch Farm is open: the colours follow at once.
    monkeypatch.setattr(theme, "system_prefers_high_contrast", lambda: False)
    window._on_system_contrast()
    assert theme.colours() is DEFAULT
    assert _window_colour() == DEFAULT.window


def test_a_chosen_theme_stays_when_the_computer_changes(make_window, qtbot, monkeypatch):
    window = make_window()
    qtbot.mouseClick(
        window.show_page("settings").theme_buttons["default"], Qt.MouseButton.LeftButton
    )
    monkeypatch.setattr(theme, "system_prefers_high_contrast", lambda: True)
    window._on_system_contrast()
    assert theme.colours() is DEFAULT


def test_the_computer_is_asked_through_qt(qapp):
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "accessibility"):
        asks = hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast
        assert theme.system_prefers_high_contrast() is asks
    else:
        assert theme.system_prefers_high_contrast() is False
    assert theme.resolve_theme("system") == theme.system_theme()
    assert theme.resolve_theme("no such theme") == "default"
