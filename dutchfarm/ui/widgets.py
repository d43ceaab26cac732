"""Shared widgets: picture buttons, big tiles, page headings, people's pictures, the undo bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.ui import icons
from dutchfarm.ui.theme import BUTTON_EDGE, FOCUS_RING, TARGET, TARGET_LARGE, text_scale
from dutchfarm.words import _


def scaled(pixels: int) -> int:
    """Return a size in pixels grown with the text size setting."""
    return round(pixels * text_scale())


def room_for_words(hint: QSize, side: int = 0) -> QSize:
    """Return a button's size hint grown so its words fit with the focus ring drawn too.

    The style sheet's edge is thinner than the focus ring; without the difference, Qt
    shortens the words of a focused button that is just wide enough with "…".
    """
    grow = 2 * (FOCUS_RING - BUTTON_EDGE)
    return QSize(max(hint.width() + grow, side), max(hint.height(), side))


def fitted(widget: QWidget, wanted: QSize) -> QSize:
    """Return ``wanted``, made smaller where needed to fit inside the window it opens over."""
    parent = widget.parentWidget()
    if parent is not None:
        room = parent.window().size()
    else:
        screen = widget.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return wanted
        room = screen.availableGeometry().size()
    return wanted.boundedTo(room * 0.95)


def two_lines(words: str) -> str:
    """Return a long name on two lines, broken at the space nearest its middle, so buttons
    stay narrow: "Looking after the tools" becomes "Looking after" and "the tools"."""
    spaces = [i for i, letter in enumerate(words) if letter == " "]
    if len(words) <= 10 or not spaces:
        return words
    middle = min(spaces, key=lambda i: abs(2 * i - len(words)))
    return f"{words[:middle]}\n{words[middle + 1 :]}"


class PictureButton(QToolButton):
    """A button with a picture above or beside its words; never words or picture alone."""

    def __init__(
        self,
        icon_name: str,
        text: str,
        *,
        icon_size: int = 32,
        vertical: bool = False,
        large: bool = False,
        primary: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setIcon(icons.icon(icon_name))
        self.setIconSize(QSize(scaled(icon_size), scaled(icon_size)))
        self.setText(text)
        self.setAccessibleName(text)
        self.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextUnderIcon
            if vertical
            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
        self.side = TARGET_LARGE if large else TARGET
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        if primary:
            self.setProperty("role", "primary")

    def set_label(self, text: str) -> None:
        """Change the words on the button and its accessible name together."""
        self.setText(text)
        self.setAccessibleName(text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Return the size that shows the picture and all the words, bold and focused too."""
        hint = super().sizeHint()
        if self.isCheckable() and self.text():
            # Leave room for the words in bold, as a chosen button shows them.
            bold = QFont(self.font())
            bold.setBold(True)
            plain, heavy = self.fontMetrics(), QFontMetrics(bold)
            lines = self.text().split("\n")
            extra = max(
                heavy.horizontalAdvance(line) - plain.horizontalAdvance(line) for line in lines
            )
            hint = QSize(hint.width() + max(0, extra), hint.height())
        return room_for_words(hint, self.side)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Never less than the words need: a layout may not squeeze them into "…"."""
        return self.sizeHint()


class MainButton(QPushButton):
    """The page's one main action: green, with a picture, never squeezed below its words."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Return the size that shows the picture and all the words, even with focus."""
        return room_for_words(super().sizeHint(), TARGET)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Never less than the words need."""
        return self.sizeHint()


class Tile(PictureButton):
    """A big square tile on the home page that opens an area of the program."""

    def __init__(self, icon_name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(icon_name, text, icon_size=96, vertical=True, large=True, parent=parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(scaled(200), scaled(170))
        self.setMaximumSize(scaled(280), scaled(220))


def button_rows(widgets: Sequence[QWidget], per_row: int) -> QGridLayout:
    """Lay buttons out ``per_row`` to a row, so that big text never cuts their words short."""
    grid = QGridLayout()
    grid.setSpacing(8)
    for index, widget in enumerate(widgets):
        grid.addWidget(widget, index // per_row, index % per_row)
    grid.setColumnStretch(per_row, 1)
    return grid


def clear_layout(layout: QLayout) -> None:
    """Take every widget out of a layout at once; Qt frees them when the event loop runs."""
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None:
            # Hidden first: one put on the page a moment ago is still to be shown, and once
            # it has no parent it would be shown as a window of its own, taking the keyboard.
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()


class VerticalScroll(QScrollArea):
    """Scrolls up and down only, so it is never narrower than what it holds needs."""

    def __init__(self, inner: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if inner is not None:
            self.setWidget(inner)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Ask for the width the content needs beside the scroll bar: its right is never cut."""
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        extra = self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), inner.minimumSizeHint().width() + extra), hint.height())


def scroll_area(inner: QWidget) -> QScrollArea:
    """Return a scroll area that grows ``inner`` to its width and scrolls it up and down."""
    return VerticalScroll(inner)


def scrolling_column(spacing: int = 12) -> tuple[QScrollArea, QVBoxLayout]:
    """Return a scroll area and the column inside it, filled from the top by the caller."""
    inner = QWidget()
    column = QVBoxLayout(inner)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(spacing)
    return scroll_area(inner), column


def label(text: str, role: str | None = None, *, wrap: bool = True) -> QLabel:
    """Return a label with a style role (title, heading, muted, warning)."""
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    return widget


def picture(icon_name: str, size: int, description: str) -> QLabel:
    """Return a label showing an icon, with words for screen readers."""
    widget = QLabel()
    widget.setPixmap(icons.pixmap(icon_name, scaled(size)))
    widget.setAccessibleName(description)
    widget.setFixedSize(scaled(size), scaled(size))
    return widget


class PageHeader(QWidget):
    """A page's picture and title, the same on every page."""

    def __init__(self, icon_name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(picture(icon_name, 56, title))
        self.title = label(title, "title", wrap=False)
        layout.addWidget(self.title)
        layout.addStretch(1)


class UndoBar(QFrame):
    """A bar that says what was just done and offers to undo it; it never times out."""

    undone = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "undo")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        self.message = label("")
        layout.addWidget(self.message, 1)
        self.undo_button = PictureButton("undo", _("Undo"))
        self.undo_button.setShortcut("Ctrl+Z")
        self.undo_button.clicked.connect(self._undo)
        layout.addWidget(self.undo_button)
        self.close_button = PictureButton("tick", _("OK"))
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button)
        self._undo_action: Callable[[], object] | None = None
        self.hide()

    def offer(self, message: str, undo: Callable[[], object]) -> None:
        """Show ``message`` with an Undo button that calls ``undo``."""
        self.message.setText(message)
        self._undo_action = undo
        self.show()

    def _undo(self) -> None:
        action, self._undo_action = self._undo_action, None
        self.hide()
        if action is not None:
            action()
            self.undone.emit()


class Card(QFrame):
    """A white panel with a border that groups one idea on a page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 16, 16, 16)
        self.body.setSpacing(12)


def primary_button(icon_name: str, text: str) -> QPushButton:
    """Return the page's one main action button, green and with a picture."""
    button = MainButton(icons.icon(icon_name), text)
    button.setIconSize(QSize(scaled(32), scaled(32)))
    button.setProperty("role", "primary")
    button.setAccessibleName(text)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button
