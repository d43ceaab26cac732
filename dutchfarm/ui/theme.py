"""The look of Dutch Farm: the bundled typeface, text sizes, colours and the style sheet."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.resources import as_file, files

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from dutchfarm.settings import TEXT_SCALES
from dutchfarm.ui.colours import DEFAULT, THEMES, Colours

FONT_FAMILY = "Atkinson Hyperlegible"
BASE_POINT_SIZE = 14
# Smallest side of anything a person taps; service-user screens use the larger one.
TARGET = 44
TARGET_LARGE = 56
# A button's padding inside its edge, and the focus ring, its thickest edge: Qt shortens a
# button's words with "…" when they do not fit inside both.
PADDING_X = 14
PADDING_Y = 6
BUTTON_EDGE = 2
FOCUS_RING = 4
# Buttons whose words sit on one line with any picture beside them (a tool button's style
# 0, 1, 2 or 4). A style sheet's min-height replaces a widget's own minimum, so it is never
# given to buttons with a big picture above their words (style 3): their own minimum, or
# the picture and words, decide their height, and a layout cannot squeeze the words out.
LINE_BUTTONS = ", ".join(
    ["QPushButton", *(f'QToolButton[toolButtonStyle="{style}"]' for style in (0, 1, 2, 4))]
)
# The screens a service user works on by themselves, as "module:Class" like the pages in
# main_window.PAGES: everything to tap on them is TARGET_LARGE or more. The bar across the
# top is on all of them.
SERVICE_USER_SCREENS = (
    "dutchfarm.ui.main_window:UserBar",
    "dutchfarm.ui.pages.who:WhoPage",
    "dutchfarm.ui.pages.today:TodayPage",
    "dutchfarm.ui.pages.bed:BedRecordPage",
    "dutchfarm.ui.harvest_entry:QuickHarvestPanel",
    "dutchfarm.ui.vote_box:BallotBox",
)


_fonts_loaded = False


def service_user_screens() -> list[type]:
    """Return the classes of the service users' screens (imported on first use)."""
    found = []
    for path in SERVICE_USER_SCREENS:
        module_name, _, class_name = path.partition(":")
        found.append(getattr(importlib.import_module(module_name), class_name))
    return found


def load_fonts() -> None:
    """Register the bundled Atkinson Hyperlegible files with Qt (once)."""
    global _fonts_loaded
    if _fonts_loaded:
        return
    folder = files("dutchfarm.resources").joinpath("fonts")
    for entry in folder.iterdir():
        if entry.name.endswith(".ttf"):
            with as_file(entry) as path:
                QFontDatabase.addApplicationFont(str(path))
    _fonts_loaded = True


def point_size(scale: float, factor: float = 1.0) -> int:
    """Return a font size in points for the text scale, never below the base size."""
    return max(BASE_POINT_SIZE, round(BASE_POINT_SIZE * scale * factor))


def system_prefers_high_contrast() -> bool:
    """Return True when the computer asks for high contrast (Qt 6.10 and later can tell)."""
    accessibility = getattr(QGuiApplication.styleHints(), "accessibility", None)
    preference = getattr(Qt, "ContrastPreference", None)
    if accessibility is None or preference is None:
        return False
    return bool(accessibility().contrastPreference() == preference.HighContrast)


def system_theme() -> str:
    """Return the theme this computer asks for: high contrast when it says so, else default.

    Older Qt versions and platforms that say nothing get the default theme. A dark colour
    scheme (``styleHints().colorScheme()``) is not a wish for more contrast, and Dutch Farm
    has no dark theme, so it gets the default too.
    """
    return "high_contrast" if system_prefers_high_contrast() else DEFAULT.name


def resolve_theme(choice: str) -> str:
    """Return the theme to use for a setting: "system" asks the computer."""
    if choice == "system":
        return system_theme()
    return choice if choice in THEMES else DEFAULT.name


def watch_system_theme(slot: Callable[[object], object]) -> None:
    """Call ``slot`` (a QObject's method) when the computer's contrast preference changes."""
    accessibility = getattr(QGuiApplication.styleHints(), "accessibility", None)
    if accessibility is not None:
        accessibility().contrastPreferenceChanged.connect(slot)


def apply_theme(app: QApplication, text_size: str = "normal", theme: str = "default") -> None:
    """Set the application's font, palette and style sheet for a text size and theme choice."""
    load_fonts()
    scale = TEXT_SCALES.get(text_size, 1.0)
    colours = THEMES[resolve_theme(theme)]
    font = QFont(FONT_FAMILY)
    font.setPointSize(point_size(scale))
    app.setFont(font)
    app.setPalette(palette(colours))
    app.setStyleSheet(style_sheet(colours, scale))
    app.setProperty("text_size", text_size if text_size in TEXT_SCALES else "normal")
    app.setProperty("theme", colours.name)
    app.setProperty("theme_choice", theme)


def palette(colours: Colours) -> QPalette:
    """Return the Qt palette of a theme, for what the style sheet does not colour."""
    result = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, colours.window),
        (roles.Base, colours.surface),
        (roles.AlternateBase, colours.window),
        (roles.Text, colours.text),
        (roles.WindowText, colours.text),
        (roles.ButtonText, colours.text),
        (roles.Button, colours.surface),
        (roles.Highlight, colours.selection),
        (roles.HighlightedText, colours.text),
        (roles.ToolTipBase, colours.surface),
        (roles.ToolTipText, colours.text),
        (roles.PlaceholderText, colours.muted_text),
        (roles.Link, colours.focus),
    ):
        result.setColor(role, QColor(colour))
    result.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor(colours.muted_text))
    result.setColor(QPalette.ColorGroup.Disabled, roles.WindowText, QColor(colours.muted_text))
    result.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor(colours.muted_text))
    return result


def _property(name: str, fallback: str) -> str:
    app = QApplication.instance()
    value = app.property(name) if app is not None else None
    return str(value) if value else fallback


def text_scale() -> float:
    """Return the text scale in use (1.0 before a theme is applied)."""
    return TEXT_SCALES.get(text_size(), 1.0)


def text_size() -> str:
    """Return the name of the text size in use ("normal" before a theme is applied)."""
    return _property("text_size", "normal")


def theme_choice() -> str:
    """Return the theme chosen on this PC ("system", "default" or "high_contrast")."""
    return _property("theme_choice", "default")


def colours() -> Colours:
    """Return the colours in use, for widgets that paint themselves."""
    return THEMES.get(_property("theme", DEFAULT.name), DEFAULT)


def style_sheet(c: Colours, scale: float) -> str:
    """Return the application style sheet for a theme and text scale."""
    big = point_size(scale, 1.6)
    title = point_size(scale, 1.3)
    # A style sheet's min-height overrides a widget's own minimum, so it must grow with the
    # text: a line of text (its point size at 96 dpi, plus leading) or the 44 px target.
    content = max(TARGET - 16, round(point_size(scale) * 96 / 72 * 1.3))
    large = max(TARGET_LARGE - 16, content)
    # Style sheets match a widget's class name, so the service users' screens get their
    # larger targets here, from the one list of them.
    screens = [path.partition(":")[2] for path in SERVICE_USER_SCREENS]
    big_targets = ",\n".join(
        f"{screen} {control}"
        for screen in screens
        for control in (*LINE_BUTTONS.split(", "), "QLineEdit", "QComboBox", "QSpinBox")
    )
    return f"""
QWidget {{ color: {c.text}; }}
QMainWindow, QStackedWidget > QWidget {{ background: {c.window}; }}
QLabel[role="title"] {{ font-size: {big}pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {title}pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {c.muted_text}; }}
QLabel[role="warning"] {{ color: {c.warning}; font-weight: bold; }}
QPushButton, QToolButton {{
    background: {c.surface}; border: {BUTTON_EDGE}px solid {c.border}; border-radius: 10px;
    padding: {PADDING_Y}px {PADDING_X}px;
}}
{LINE_BUTTONS} {{ min-height: {content}px; }}
QPushButton:hover, QToolButton:hover {{ background: {c.selection}; }}
QPushButton:checked, QToolButton:checked {{
    background: {c.selection}; border: 3px solid {c.chosen}; font-weight: bold;
}}
QPushButton[role="primary"], QToolButton[role="primary"] {{
    background: {c.primary}; color: {c.on_primary}; border-color: {c.primary_edge};
    font-weight: bold;
}}
QPushButton[role="primary"]:hover, QToolButton[role="primary"]:hover {{
    background: {c.primary_hover};
}}
QPushButton[role="digit"] {{ font-size: {title}pt; font-weight: bold; }}
QPushButton:disabled, QToolButton:disabled {{ color: {c.muted_text}; border-style: dashed; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QAbstractSpinBox:focus,
QComboBox:focus, QCheckBox:focus, QRadioButton:focus, QAbstractItemView:focus,
QGraphicsView:focus, QPlainTextEdit:focus, QTextEdit:focus, QTabBar::tab:focus {{
    border: {FOCUS_RING}px solid {c.focus};
}}
QPushButton:focus, QToolButton:focus {{ background: {c.focused}; color: {c.text}; }}
QPushButton:checked:focus, QToolButton:checked:focus {{ background: {c.selection}; }}
QPushButton[role="primary"]:focus, QToolButton[role="primary"]:focus {{
    background: {c.primary}; color: {c.on_primary}; background-clip: content;
}}
/* A list or the map keeps one frame width with focus, or its ring would be hidden. */
QTableView, QListView, QGraphicsView {{ padding: 2px; }}
QTableView:focus, QListView:focus, QGraphicsView:focus {{ padding: 0px; }}
QLineEdit, QSpinBox, QComboBox, QDateEdit, QPlainTextEdit {{
    background: {c.surface}; border: 2px solid {c.border}; border-radius: 6px;
    padding: 6px; min-height: {content}px;
}}
{big_targets} {{ min-height: {large}px; }}
QSpinBox::up-button, QSpinBox::down-button {{ width: 28px; }}
QCheckBox, QRadioButton {{
    spacing: 12px; padding: 6px; min-height: {TARGET - 12}px;
    border: 4px solid transparent; border-radius: 6px;
}}
QCheckBox::indicator, QRadioButton::indicator {{ width: 28px; height: 28px; }}
QGraphicsView {{ border: 2px solid {c.border}; }}
QTableView, QListView, QListWidget {{
    background: {c.surface}; border: 2px solid {c.border}; border-radius: 6px;
    selection-background-color: {c.selection}; selection-color: {c.text};
}}
QHeaderView::section {{
    background: {c.window}; padding: 8px; border: none; border-bottom: 2px solid {c.border};
    font-weight: bold;
}}
QFrame[role="card"] {{
    background: {c.surface}; border: 2px solid {c.border}; border-radius: 12px;
}}
QFrame[role="bar"] {{ background: {c.surface}; border-bottom: 2px solid {c.border}; }}
QFrame[role="undo"] {{ background: {c.selection}; border-top: 2px solid {c.border}; }}
QToolTip {{ background: {c.surface}; color: {c.text}; border: 2px solid {c.border}; padding: 6px; }}
QScrollArea {{ border: none; background: transparent; }}
"""
