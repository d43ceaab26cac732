"""Logging a harvest with pictures and a big number pad: no typing needed.

The panel can sit on any page (the harvest page has one; a bed's record can have one, with
its bed given)::

    panel = QuickHarvestPanel(context, bed_id=bed_id)
    panel.saved.connect(...)          # a HarvestInfo, after Done
    panel.load()                      # fill it for the current user
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.harvest import describe_amount
from dutchfarm.domain.terms import Unit
from dutchfarm.services.farm import current_season
from dutchfarm.services.harvest import (
    CropChoice,
    HarvestDraft,
    HarvestInfo,
    add_harvest,
    delete_harvest,
    harvest_choices,
    restore_harvest,
    update_harvest,
)
from dutchfarm.services.picking import log_picking, take_back_picking
from dutchfarm.ui import icons, keyboard
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.theme import TARGET_LARGE, colours
from dutchfarm.ui.widgets import PictureButton, label, picture, scaled, two_lines
from dutchfarm.words import _

# The units as pictures, with the words a gardener knows them by.
UNITS = (
    (Unit.COUNT, "count", _("How many")),
    (Unit.GRAMS, "scale", _("Grams")),
    (Unit.KILOGRAMS, "scale", _("Kilos")),
    (Unit.BUNCH, "bunch", _("Bunches")),
)
LONGEST_NUMBER = 7
PICKED_WORDS = _("You picked {}. Well done!")


class NumberPad(QWidget):
    """Big number keys and the number they make, shown large above them."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.display = QLabel("0")
        self.display.setProperty("role", "title")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setAccessibleName(_("How much"))
        self.display.setMinimumHeight(max(TARGET_LARGE, scaled(64)))
        self.display.setStyleSheet(f"border: 2px solid {colours().border}; border-radius: 8px;")
        layout.addWidget(self.display)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate("123456789.0"):
            button = self._key(key)
            grid.addWidget(button, index // 3, index % 3)
        self.rub_out = PictureButton("back", _("Rub out"), large=True)
        self.rub_out.setMinimumSize(max(TARGET_LARGE, scaled(80)), max(TARGET_LARGE, scaled(64)))
        self.rub_out.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rub_out.clicked.connect(self.backspace)
        grid.addWidget(self.rub_out, 3, 2)
        layout.addLayout(grid)
        self.text = ""
        # The keys take the focus, each with its ring; digits typed on any key still count.
        self.setFocusProxy(self.keys["1"])

    def _key(self, key: str) -> QPushButton:
        # A digit is its own picture: big and alone on its key.
        button = QPushButton(key)
        button.setAccessibleName(_("Point") if key == "." else _("Number {key}").format(key=key))
        button.setProperty("role", "digit")
        button.setMinimumSize(max(TARGET_LARGE, scaled(80)), max(TARGET_LARGE, scaled(64)))
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda: self.press(key))
        self.keys[key] = button
        return button

    def press(self, key: str) -> None:
        """Add a digit (or the point) to the number."""
        if len(self.text) >= LONGEST_NUMBER or (key == "." and "." in self.text):
            return
        if key == "." and not self.text:
            key = "0."
        self.text = key if self.text == "0" and key != "." else self.text + key
        self._show()

    def backspace(self) -> None:
        """Rub out the last digit."""
        self.text = self.text[:-1]
        self._show()

    def clear(self) -> None:
        """Start again from nothing."""
        self.text = ""
        self._show()

    def set_value(self, value: float) -> None:
        """Show ``value`` (to change a harvest)."""
        self.text = f"{value:g}"
        self._show()

    def value(self) -> float | None:
        """Return the number made, or None when there is none."""
        try:
            return float(self.text) if self.text.strip(".") else None
        except ValueError:
            return None

    def _show(self) -> None:
        self.display.setText(self.text or "0")
        self.display.setAccessibleName(_("How much: {0}").format(self.text or _("nothing yet")))
        self.changed.emit(self.text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Let a keyboard type on the pad too (the keys pass digits on to here)."""
        text = event.text()
        if text and text in "0123456789.":
            self.press(text)
        elif event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        else:
            super().keyPressEvent(event)


class CropButton(QToolButton):
    """A crop's big picture with its name under it."""

    def __init__(self, crop: CropChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.crop = crop
        self.setIcon(icons.icon(crop.icon))
        self.setIconSize(QSize(scaled(72), scaled(72)))
        self.setText(two_lines(crop.plural))
        self.setAccessibleName(crop.plural)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setMinimumSize(max(TARGET_LARGE, scaled(132)), max(TARGET_LARGE, scaled(120)))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)


class QuickHarvestPanel(QWidget):
    """ "What did you pick?" as pictures, then "How much?" on the number pad, then Done."""

    saved = Signal(object)

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        bed_id: int | None = None,
        columns: int = 4,
        diary: bool = False,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.bed_id = bed_id
        # On a bed's record, a new harvest is also written in the bed's diary.
        self.diary = diary
        self.columns = columns
        self.crop: CropChoice | None = None
        self.editing: HarvestInfo | None = None
        self.default_bed: int | None = bed_id
        self.crop_buttons: list[CropButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.steps = QStackedWidget()
        # Inside a white card the steps are white too; every button here is big (56 px).
        inner = TARGET_LARGE - 16
        self.setStyleSheet(
            "QStackedWidget > QWidget { background: transparent; }"
            f"QPushButton, QToolButton {{ min-height: {inner}px; }}"
            f'QPushButton[role="digit"] {{ min-height: {max(inner, scaled(64) - 16)}px; }}'
        )
        layout.addWidget(self.steps, 1)
        self.steps.addWidget(self._crop_step())
        self.steps.addWidget(self._amount_step())

    def _crop_step(self) -> QWidget:
        step = QWidget()
        column = QVBoxLayout(step)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label(_("What did you pick? Tap its picture."), "heading"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        host = QWidget()
        self.crop_grid = QGridLayout(host)
        self.crop_grid.setSpacing(10)
        scroll.setWidget(host)
        column.addWidget(scroll, 1)
        return step

    def _amount_step(self) -> QWidget:
        step = QWidget()
        column = QVBoxLayout(step)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.crop_picture = picture("harvest", 72, _("The crop you picked"))
        top.addWidget(self.crop_picture)
        self.amount_heading = label(_("How much did you pick?"), "heading")
        top.addWidget(self.amount_heading, 1)
        column.addLayout(top)
        middle = QHBoxLayout()
        middle.setSpacing(16)
        self.pad = NumberPad()
        self.pad.changed.connect(lambda _: self._update_done())
        middle.addWidget(self.pad, 3)
        units = QVBoxLayout()
        units.addWidget(label(_("Tap how you measured it.")))
        self.unit_group = QButtonGroup(self)
        self.unit_buttons: dict[Unit, PictureButton] = {}
        for unit, icon_name, words in UNITS:
            button = PictureButton(icon_name, words, icon_size=40, large=True)
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.unit_group.addButton(button)
            self.unit_buttons[unit] = button
            units.addWidget(button)
        units.addStretch(1)
        self.unit_group.buttonToggled.connect(lambda *_: self._update_done())
        middle.addLayout(units, 2)
        column.addLayout(middle)
        self.hint = label("", "warning")
        column.addWidget(self.hint)
        actions = QHBoxLayout()
        self.back_button = PictureButton("back", _("Back"), large=True)
        self.back_button.clicked.connect(self.start_again)
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        self.done_button = PictureButton("done", _("Done"), icon_size=40, large=True, primary=True)
        self.done_button.setMinimumWidth(max(TARGET_LARGE, scaled(180)))
        self.done_button.clicked.connect(self.done)
        actions.addWidget(self.done_button)
        column.addLayout(actions)
        column.addStretch(1)
        return step

    def load(self) -> None:
        """Show the crops as pictures, those in the person's own bed first."""
        season = current_season(self.context.db)
        choices = harvest_choices(
            self.context.db, self.context.actor, season.id if season else None
        )
        self.default_bed = self.bed_id if self.bed_id is not None else choices.own_bed_id
        self.crop_buttons = []
        while self.crop_grid.count():
            item = self.crop_grid.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        row = 0
        mine = [crop for crop in choices.crops if crop.in_my_bed]
        others = [crop for crop in choices.crops if not crop.in_my_bed]
        for heading, crops in ((_("In your bed"), mine), (_("All the crops"), others)):
            if not crops:
                continue
            if mine:
                self.crop_grid.addWidget(label(heading, "heading"), row, 0, 1, self.columns)
                row += 1
            for index, crop in enumerate(crops):
                button = CropButton(crop)
                button.clicked.connect(lambda _=False, c=crop: self.choose(c))
                self.crop_grid.addWidget(button, row + index // self.columns, index % self.columns)
                self.crop_buttons.append(button)
            row += (len(crops) + self.columns - 1) // self.columns
        self.crop_grid.setRowStretch(row, 1)
        self.start_again()

    def tab_sequence(self) -> list[QWidget]:
        """Return the crop pictures, then the number pad, the units, Back and Done."""
        return [
            *self.crop_buttons,
            *(self.pad.keys[key] for key in "123456789.0"),
            self.pad.rub_out,
            *self.unit_buttons.values(),
            self.back_button,
            self.done_button,
        ]

    def go_back(self) -> bool:
        """Escape: from "How much?" back to the crop pictures; False on the pictures."""
        if self.steps.currentIndex() == 0:
            return False
        crop = self.crop
        self.start_again()
        chosen = next((b for b in self.crop_buttons if crop and b.crop.id == crop.id), None)
        if chosen is not None:
            keyboard.give_focus(chosen)
        return True

    def button_for(self, crop_name: str) -> CropButton:
        """Return the picture button of a crop, by its name or plural (any case)."""
        wanted = crop_name.casefold()
        return next(
            b
            for b in self.crop_buttons
            if wanted in (b.crop.name.casefold(), b.crop.plural.casefold())
        )

    def choose(self, crop: CropChoice) -> None:
        """Go on to "How much?" for ``crop``, with its usual unit chosen."""
        self.crop = crop
        self.crop_picture.setPixmap(icons.pixmap(crop.icon, scaled(72)))
        self.crop_picture.setAccessibleName(crop.plural)
        self.amount_heading.setText(
            _("{plural}. How much did you pick?").format(plural=crop.plural)
        )
        if self.editing is None:
            self.pad.clear()
            self.unit_buttons[crop.unit].setChecked(True)
        self.steps.setCurrentIndex(1)
        self._update_done()
        self.pad.setFocus()

    def edit(self, harvest: HarvestInfo) -> None:
        """Change a harvest already logged: its crop, number and unit are shown to change."""
        self.editing = harvest
        crop = next((b.crop for b in self.crop_buttons if b.crop.id == harvest.crop_id), None)
        if crop is None:
            self.editing = None
            return
        self.pad.set_value(harvest.quantity)
        self.unit_buttons[harvest.unit].setChecked(True)
        self.choose(crop)

    def start_again(self) -> None:
        """Go back to the crop pictures."""
        self.crop = None
        self.editing = None
        self.pad.clear()
        self.hint.setText("")
        self.steps.setCurrentIndex(0)

    def unit(self) -> Unit | None:
        """Return the unit chosen."""
        return next((u for u, b in self.unit_buttons.items() if b.isChecked()), None)

    def _update_done(self) -> None:
        # Done stays ready to tap; tapping it too soon says kindly what is missing.
        if self.pad.value():
            self.hint.setText("")

    def done(self) -> None:
        """Log the harvest (or save the change), offer Undo, and start again."""
        quantity, unit, crop = self.pad.value(), self.unit(), self.crop
        if crop is None:
            return
        if not quantity:
            self.hint.setText(_("Tap the numbers first, to say how much."))
            return
        if unit is None:
            self.hint.setText(_("Tap how you measured it."))
            return
        actor = self.context.actor
        before = self.editing
        draft = HarvestDraft(
            day=before.day if before else dt.date.today(),
            crop_id=crop.id,
            quantity=quantity,
            unit=unit,
            bed_id=before.bed_id if before else self.default_bed,
            picked_by_id=before.picked_by_id if before else actor.person_id,
            variety=before.variety if before else None,
        )
        if self.diary and before is None:
            saved = self._log_picking(draft)
        else:
            saved = save_harvest(
                self.context, self, before, draft, PICKED_WORDS, _("Changed to {}.")
            )
        if saved is None:
            return
        self.start_again()
        self.saved.emit(saved)

    def _log_picking(self, draft: HarvestDraft) -> HarvestInfo | None:
        context = self.context
        db, actor = context.db, context.actor
        announce = (Topic.HARVESTS, Topic.BEDS)
        picking = context.run(self, log_picking, db, actor, draft, announce=announce)
        if picking is None:
            return None
        saved = picking.harvest
        words = describe_amount(saved.quantity, saved.unit, saved.crop_name, saved.crop_plural)
        # The Undo bar outlives a dialog this panel sits in: its messages go to the window.
        window = self.window().parentWidget() or self.window()
        context.offer_undo(
            PICKED_WORDS.format(words),
            lambda: context.run(window, take_back_picking, db, actor, picking, announce=announce),
        )
        return saved


def take_out(context: AppContext, parent: QWidget, harvest: HarvestInfo) -> None:
    """Take a harvest out of the log and offer to put it back."""
    db, actor = context.db, context.actor
    removed = context.run(parent, delete_harvest, db, actor, harvest.id, announce=(Topic.HARVESTS,))
    if removed is None:
        return
    words = describe_amount(removed.quantity, removed.unit, removed.crop_name, removed.crop_plural)
    context.offer_undo(
        _("{words} was taken out of the log.").format(words=words.capitalize()),
        lambda: context.run(
            parent, restore_harvest, db, actor, removed, announce=(Topic.HARVESTS,)
        ),
    )


def save_harvest(
    context: AppContext,
    parent: QWidget,
    before: HarvestInfo | None,
    draft: HarvestDraft,
    added: str,
    changed: str,
) -> HarvestInfo | None:
    """Log a new harvest or save changes to ``before``, then offer Undo.

    ``added`` and ``changed`` are the Undo bar's words, with ``{}`` for the amount.
    """
    db, actor = context.db, context.actor
    announce = (Topic.HARVESTS,)
    if before is None:
        saved = context.run(parent, add_harvest, db, actor, draft, announce=announce)
    else:
        saved = context.run(parent, update_harvest, db, actor, before.id, draft, announce=announce)
    if saved is None:
        return None
    words = describe_amount(saved.quantity, saved.unit, saved.crop_name, saved.crop_plural)
    if before is None:
        context.offer_undo(
            added.format(words),
            lambda: context.run(parent, delete_harvest, db, actor, saved.id, announce=announce),
        )
    else:
        earlier = before.draft()
        context.offer_undo(
            changed.format(words),
            lambda: context.run(
                parent, update_harvest, db, actor, before.id, earlier, announce=announce
            ),
        )
    return saved
