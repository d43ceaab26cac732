"""The look of Dutch Farm: the bundled typeface, text sizes, colours and the style sheet."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import as_file, files

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from dutchfarm.settings import TEXT_SCALES

FONT_FAMILY = "Atkinson Hyperlegible"
BASE_POINT_SIZE = 14
# Smallest side of anything a person taps; service-user screens use the larger one.
TARGET = 44
TARGET_LARGE = 56


@dataclass(frozen=True)
class Colours:
    """One theme's colours; every text colour reaches 4.5:1 on the backgrounds it sits on."""

    window: str
    surface: str
    text: str
    muted_text: str
    primary: str
    on_primary: str
    primary_hover: str
    border: str
    focus: str
    selection: str
    warning: str
    good: str


DEFAULT = Colours(
    window="#F6F1E7",  # warm oat
    surface="#FFFFFF",
    text="#1B1B1B",
    muted_text="#4A4A40",
    primary="#2F6B3A",  # leaf green, 6.6:1 with white
    on_primary="#FFFFFF",
    primary_hover="#24562E",
    border="#7A7565",
    focus="#1A4C8B",
    selection="#D8E8C8",
    warning="#8A3B00",
    good="#1F5A2A",
)

HIGH_CONTRAST = Colours(
    window="#FFFFFF",
    surface="#FFFFFF",
    text="#000000",
    muted_text="#1B1B1B",
    primary="#0B3D17",
    on_primary="#FFFFFF",
    primary_hover="#000000",
    border="#000000",
    focus="#0000C8",
    selection="#FFE680",
    warning="#6B1D00",
    good="#0B3D17",
)

THEMES = {"default": DEFAULT, "high_contrast": HIGH_CONTRAST}

_fonts_loaded = False


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


def apply_theme(app: QApplication, text_size: str = "normal", theme: str = "default") -> None:
    """Set the application's font, palette and style sheet for a text size and theme."""
    load_fonts()
    scale = TEXT_SCALES.get(text_size, 1.0)
    colours = THEMES.get(theme, DEFAULT)
    font = QFont(FONT_FAMILY)
    font.setPointSize(point_size(scale))
    app.setFont(font)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(colours.window))
    palette.setColor(QPalette.ColorRole.Base, QColor(colours.surface))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(colours.window))
    palette.setColor(QPalette.ColorRole.Text, QColor(colours.text))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colours.text))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(colours.text))
    palette.setColor(QPalette.ColorRole.Button, QColor(colours.surface))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(colours.selection))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(colours.text))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor(colours.surface))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(colours.text))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(colours.muted_text))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(colours, scale))
    app.setProperty("text_scale", scale)
    app.setProperty("text_size", text_size if text_size in TEXT_SCALES else "normal")


def text_scale() -> float:
    """Return the text scale in use (1.0 before a theme is applied)."""
    app = QApplication.instance()
    value = app.property("text_scale") if app is not None else None
    return float(value) if value else 1.0


def text_size() -> str:
    """Return the name of the text size in use ("normal" before a theme is applied)."""
    app = QApplication.instance()
    value = app.property("text_size") if app is not None else None
    return str(value) if value else "normal"


def style_sheet(c: Colours, scale: float) -> str:
    """Return the application style sheet for a theme and text scale."""
    big = point_size(scale, 1.6)
    title = point_size(scale, 1.3)
    # A style sheet's min-height overrides a widget's own minimum, so it must grow with the
    # text: a line of text (its point size at 96 dpi, plus leading) or the 44 px target.
    content = max(TARGET - 16, round(point_size(scale) * 96 / 72 * 1.3))
    return f"""
QWidget {{ color: {c.text}; }}
QMainWindow, QStackedWidget > QWidget {{ background: {c.window}; }}
QLabel[role="title"] {{ font-size: {big}pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {title}pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {c.muted_text}; }}
QLabel[role="warning"] {{ color: {c.warning}; font-weight: bold; }}
QPushButton, QToolButton {{
    background: {c.surface}; border: 2px solid {c.border}; border-radius: 10px;
    padding: 6px 14px; min-height: {content}px;
}}
QPushButton:hover, QToolButton:hover {{ background: {c.selection}; }}
QPushButton:checked, QToolButton:checked {{
    background: {c.selection}; border: 3px solid {c.primary}; font-weight: bold;
}}
QPushButton[role="primary"], QToolButton[role="primary"] {{
    background: {c.primary}; color: {c.on_primary}; border-color: {c.primary}; font-weight: bold;
}}
QPushButton[role="primary"]:hover, QToolButton[role="primary"]:hover {{
    background: {c.primary_hover};
}}
QPushButton[role="digit"] {{ font-size: {title}pt; font-weight: bold; }}
QPushButton:disabled, QToolButton:disabled {{ color: {c.muted_text}; border-style: dashed; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QSpinBox:focus, QComboBox:focus,
QCheckBox:focus, QTableView:focus, QListView:focus, QListWidget:focus, QRadioButton:focus {{
    border: 4px solid {c.focus};
}}
QLineEdit, QSpinBox, QComboBox, QDateEdit, QPlainTextEdit {{
    background: {c.surface}; border: 2px solid {c.border}; border-radius: 6px;
    padding: 6px; min-height: {content}px;
}}
QSpinBox::up-button, QSpinBox::down-button {{ width: 28px; }}
QCheckBox, QRadioButton {{
    spacing: 12px; padding: 6px; min-height: {TARGET - 12}px;
    border: 4px solid transparent; border-radius: 6px;
}}
QCheckBox::indicator, QRadioButton::indicator {{ width: 28px; height: 28px; }}
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
