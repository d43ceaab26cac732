"""The pieces of the voting screen: people's pictures with ticks, and the crop cards."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.terms import BallotMethod
from dutchfarm.services.people import PersonInfo
from dutchfarm.services.voting import OptionInfo
from dutchfarm.ui import icons
from dutchfarm.ui.theme import TARGET_LARGE, colours, text_scale
from dutchfarm.ui.widgets import PictureButton, label, scaled
from dutchfarm.words import _, ngettext

# How long a finger stays down on a card before it takes a mark off instead of adding one.
LONG_PRESS_MS = 600


def at_least(button: QToolButton, side: int = TARGET_LARGE) -> None:
    """Keep a button at least ``side`` pixels tall.

    The application's style sheet gives every button a small minimum height, which wins
    over setMinimumSize; a minimum in the button's own style sheet wins over that. The
    theme's padding (6 px) and border (2 px) are added to it, top and bottom.
    """
    button.setStyleSheet(f"QToolButton {{ min-height: {side - 16}px; }}")


# Easy Read spells out "second", not "2nd"; a vote never has more cards than this in order.
ORDINAL_WORDS = (
    _("first"),
    _("second"),
    _("third"),
    _("fourth"),
    _("fifth"),
    _("sixth"),
    _("seventh"),
    _("eighth"),
    _("ninth"),
    _("tenth"),
    _("eleventh"),
    _("twelfth"),
)


def ordinal(number: int) -> str:
    """Return "first", "second", … "twelfth", then "number 13" and on."""
    if 1 <= number <= len(ORDINAL_WORDS):
        return ORDINAL_WORDS[number - 1]
    return _("number {number}").format(number=number)


def dots_words(count: int) -> str:
    """Return "1 dot" or "3 dots"."""
    return ngettext(
        "{count} dot",
        "{count} dots",
        count,
    ).format(count=count)


def row_of(icon_name: str, count: int, size: int) -> QPixmap:
    """Return ``count`` copies of an icon side by side (a row of sticky dots)."""
    count = max(count, 0)
    gap = max(2, size // 8)
    width = max(1, count * size + max(count - 1, 0) * gap)
    image = QPixmap(width, size)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    for index in range(count):
        painter.drawPixmap(index * (size + gap), 0, icons.pixmap(icon_name, size))
    painter.end()
    return image


def ticked(picture: QPixmap) -> QPixmap:
    """Return a picture with a big green tick in a white circle on its lower right."""
    result = QPixmap(picture)
    size = picture.width()
    badge = size * 0.45
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    area = QRectF(size - badge, size - badge, badge, badge)
    painter.setPen(QPen(QColor(colours().good), max(2.0, size / 40)))
    painter.setBrush(QColor("white"))
    painter.drawEllipse(area.adjusted(1, 1, -1, -1))
    inset = badge * 0.15
    painter.drawPixmap(
        area.adjusted(inset, inset, -inset, -inset).toRect(), icons.pixmap("tick", 64)
    )
    painter.end()
    return result


class CardGrid(QWidget):
    """A grid of cards that uses as many columns as fit the width, so nothing is cut off."""

    def __init__(self, card_width: int, parent: QWidget | None = None, *, fill: bool = True):
        super().__init__(parent)
        self.card_width = card_width
        # Cards share the width when ``fill``; otherwise they keep their size, to the left.
        self.fill = fill
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(scaled(12))
        self.cards: list[QWidget] = []
        self._columns = 0

    def set_cards(self, cards: list[QWidget]) -> None:
        """Show ``cards`` in place of the cards before."""
        for card in self.cards:
            self.grid.removeWidget(card)
            # Hidden at once: deleteLater only takes it away when control returns to Qt.
            card.hide()
            card.deleteLater()
        self.cards = list(cards)
        self._columns = 0
        self._place()

    def columns_for(self, width: int) -> int:
        """Return how many cards fit side by side in ``width`` pixels."""
        spacing = self.grid.spacing()
        return max(1, (width + spacing) // (self.card_width + spacing))

    def _place(self) -> None:
        columns = self.columns_for(self.width())
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)
        # A scroll area squeezes its content to the smallest size it allows, and the style
        # sheet's small minimum height would win; each row keeps its cards' natural height.
        rows = -(-len(self.cards) // columns)
        for row in range(max(self.grid.rowCount(), rows + 1)):
            in_row = self.cards[row * columns : (row + 1) * columns]
            tallest = max((card.sizeHint().height() for card in in_row), default=0)
            self.grid.setRowMinimumHeight(row, tallest)
            # Spare height goes below the cards, not into stretching them.
            self.grid.setRowStretch(row, 1 if row == rows else 0)
        for column in range(max(self.grid.columnCount(), columns + 1)):
            if self.fill:
                self.grid.setColumnStretch(column, 1 if column < columns else 0)
            else:
                self.grid.setColumnStretch(column, 1 if column == columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Lay the cards out again when the width changes how many fit in a row."""
        super().resizeEvent(event)
        self._place()


class VoterButton(QToolButton):
    """A person's big picture and name; a tick shows that they have voted (never how)."""

    def __init__(self, person: PersonInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        self.has_voted = False
        self.picture_size = scaled(88)
        self.setIconSize(QSize(self.picture_size, self.picture_size))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(max(TARGET_LARGE, scaled(140)), max(TARGET_LARGE, scaled(150)))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_voted(False)

    def set_voted(self, voted: bool) -> None:
        """Show the tick (and say "has voted") or not."""
        self.has_voted = voted
        person = self.person
        picture = icons.person_pixmap(
            person.name, person.colour, person.avatar, person.photo, self.picture_size
        )
        self.setIcon(QIcon(ticked(picture) if voted else picture))
        self.setText(
            _("{name}\nhas voted").format(name=person.name) if voted else f"{person.name}\n "
        )
        self.setAccessibleName(
            _("{name}, has voted").format(name=person.name)
            if voted
            else _("{name}, tap to vote").format(name=person.name)
        )
        self.setToolTip(_("Has voted. Thank you!") if voted else _("Tap your picture to vote"))


class CropCard(QFrame):
    """A crop on the ballot: a tap adds a dot (a yes, a place); "−" or a long press takes off."""

    tapped = Signal(int)
    taken_off = Signal(int)

    def __init__(self, option: OptionInfo, method: BallotMethod, parent: QWidget | None = None):
        super().__init__(parent)
        self.option = option
        self.method = method
        self.value = 0
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(scaled(8), scaled(8), scaled(8), scaled(8))
        layout.setSpacing(scaled(6))
        self.tap = QToolButton()
        self.tap.setIcon(icons.icon(option.icon))
        # Pictures grow less than the words, so that big text still leaves room for cards.
        side = round(96 * min(text_scale(), 1.3))
        self.tap.setIconSize(QSize(side, side))
        self.tap.setText(option.plural)
        self.tap.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.tap.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.tap.setMinimumSize(max(TARGET_LARGE, scaled(180)), TARGET_LARGE)
        self.tap.setCheckable(True)
        at_least(self.tap)
        self.tap.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.tap.setCursor(Qt.CursorShape.PointingHandCursor)
        self.tap.pressed.connect(self._pressed)
        self.tap.released.connect(self._released)
        self.tap.clicked.connect(self._clicked)
        self.tap.installEventFilter(self)
        layout.addWidget(self.tap)
        marks = QHBoxLayout()
        marks.setSpacing(scaled(8))
        self.mark_picture = QLabel()
        self.mark_picture.setMinimumHeight(scaled(32))
        marks.addWidget(self.mark_picture)
        self.mark_words = label("", "heading", wrap=True)
        marks.addWidget(self.mark_words, 1)
        layout.addLayout(marks)
        self.minus = PictureButton(_MINUS_ICONS[method], _("− Take off"), icon_size=28, large=True)
        self.minus.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        at_least(self.minus)
        self.minus.clicked.connect(lambda: self.taken_off.emit(self.option.crop_id))
        layout.addWidget(self.minus)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LONG_PRESS_MS)
        self._timer.timeout.connect(self._long_press)
        self._held = False
        self.show_value(0)

    # A long press takes a mark off; the click that ends it must not add one back.
    def _pressed(self) -> None:
        self._held = False
        self._timer.start()

    def _released(self) -> None:
        self._timer.stop()

    def _long_press(self) -> None:
        self._held = True
        if self.value:
            self.taken_off.emit(self.option.crop_id)

    def _clicked(self) -> None:
        if self._held:
            self._held = False
            self.show_value(self.value)
            return
        self.tapped.emit(self.option.crop_id)

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt override
        """Let Delete or Backspace on a focused card take a mark off, as "−" does."""
        if (
            watched is self.tap
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Minus)
        ):
            self.taken_off.emit(self.option.crop_id)
            return True
        return False

    def show_value(self, value: int) -> None:
        """Show the marks this voter has given the crop so far."""
        self.value = value
        name = self.option.plural
        size = scaled(28)
        if self.method is BallotMethod.DOTS:
            words = dots_words(value) if value else _("No dots")
            self.mark_picture.setPixmap(row_of("dot", value, size))
            spoken = _("{name}: {words}. Tap to add a dot.").format(name=name, words=words)
            minus_name = _("Take a dot off {name}").format(name=name)
        elif self.method is BallotMethod.APPROVAL:
            words = _("Yes!") if value else ""
            self.mark_picture.setPixmap(row_of("thumbs_up", 1 if value else 0, scaled(32)))
            spoken = _("{name}: {0}. Tap to say yes.").format(
                _("thumbs up") if value else _("no thumbs up"), name=name
            )
            minus_name = _("Take the thumbs up off {name}").format(name=name)
        else:
            words = (
                (
                    _("Your favourite")
                    if value == 1
                    else _("Your {value} choice").format(value=ordinal(value))
                )
                if value
                else ""
            )
            self.mark_picture.setPixmap(row_of("ranked", 1 if value else 0, scaled(32)))
            spoken = _("{name}: {0}. Tap to choose it next.").format(
                words or _("not chosen yet"), name=name
            )
            minus_name = _("Take {name} out of your order").format(name=name)
        self.mark_words.setText(words)
        # "No dots" is quiet; the crop's own dots stand out.
        self.mark_words.setProperty("role", "heading" if value else "muted")
        self.mark_words.style().unpolish(self.mark_words)
        self.mark_words.style().polish(self.mark_words)
        self.mark_picture.setVisible(bool(value))
        self.tap.setChecked(bool(value))
        self.tap.setAccessibleName(spoken)
        self.minus.setAccessibleName(minus_name)
        self.minus.setEnabled(bool(value))


_MINUS_ICONS = {
    BallotMethod.DOTS: "dot",
    BallotMethod.APPROVAL: "thumbs_up",
    BallotMethod.RANKED: "ranked",
    BallotMethod.HANDS: "hands",
}


def left_pictures(count: int, size: int) -> QPixmap:
    """Return the dots a voter has left, as a row of dot pictures."""
    return row_of("dot", count, size)
