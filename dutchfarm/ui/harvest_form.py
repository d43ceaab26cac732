"""The full harvest form for volunteers and the coordinator: every detail of one harvest."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.terms import Unit
from dutchfarm.services.harvest import HarvestChoices, HarvestDraft, HarvestInfo
from dutchfarm.services.people import PersonInfo
from dutchfarm.ui import icons
from dutchfarm.ui.harvest_entry import UNITS
from dutchfarm.ui.theme import TARGET
from dutchfarm.ui.widgets import PictureButton, label, scaled
from dutchfarm.words import _


def to_qdate(day: dt.date) -> QDate:
    """Return a Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    """Return a QDate as a Python date."""
    return dt.date(day.year(), day.month(), day.day())


def _combo(name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.setIconSize(QSize(scaled(28), scaled(28)))
    box.setMinimumWidth(scaled(180))
    return box


def select_data(box: QComboBox, value: object) -> None:
    """Choose the entry of ``box`` whose data is ``value`` (the first if none is)."""
    index = box.findData(value)
    box.setCurrentIndex(index if index >= 0 else 0)


class HarvestForm(QWidget):
    """Date, crop, bed, how much and in what unit, who picked it, and the variety."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = label(_("New harvest"), "heading")
        layout.addWidget(self.heading)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.day = QDateEdit()
        self.day.setAccessibleName(_("Date picked"))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("d MMM yyyy")
        form.addRow(_("Date"), self.day)
        self.crop = _combo(_("Crop"))
        self.crop.currentIndexChanged.connect(self._crop_changed)
        form.addRow(_("Crop"), self.crop)
        self.bed = _combo(_("Bed"))
        form.addRow(_("Bed"), self.bed)
        self.quantity = QDoubleSpinBox()
        self.quantity.setAccessibleName(_("How much"))
        self.quantity.setRange(0.0, 100_000.0)
        self.quantity.setDecimals(2)
        self.quantity.setMinimumWidth(scaled(140))
        self.quantity.setMinimumHeight(max(TARGET, scaled(40)))
        form.addRow(_("How much"), self.quantity)
        layout.addLayout(form)
        units = QGridLayout()
        self.unit_group = QButtonGroup(self)
        self.unit_buttons: dict[Unit, PictureButton] = {}
        for index, (unit, icon_name, words) in enumerate(UNITS):
            button = PictureButton(icon_name, words, icon_size=28)
            button.setCheckable(True)
            self.unit_group.addButton(button)
            self.unit_buttons[unit] = button
            units.addWidget(button, index // 2, index % 2)
        layout.addLayout(units)
        more = QFormLayout()
        more.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.picked_by = _combo(_("Picked by"))
        more.addRow(_("Picked by"), self.picked_by)
        self.variety = QLineEdit()
        self.variety.setAccessibleName(_("Variety"))
        self.variety.setPlaceholderText(_("For example: Cherry Belle"))
        more.addRow(_("Variety"), self.variety)
        layout.addLayout(more)
        self.choices: HarvestChoices | None = None

    def set_choices(self, choices: HarvestChoices, people: list[PersonInfo]) -> None:
        """Fill the lists of crops, beds and people."""
        self.choices = choices
        for box in (self.crop, self.bed, self.picked_by):
            box.blockSignals(True)
            box.clear()
        for crop in sorted(choices.crops, key=lambda c: c.name.casefold()):
            self.crop.addItem(icons.icon(crop.icon), crop.name, crop.id)
        self.bed.addItem(icons.icon("bed"), _("No bed"), None)
        for bed in choices.beds:
            self.bed.addItem(icons.icon("bed"), bed.name, bed.id)
        self.picked_by.addItem(icons.icon("person"), _("Someone"), None)
        for person in people:
            picture = icons.person_pixmap(
                person.name, person.colour, person.avatar, person.photo, scaled(28)
            )
            self.picked_by.addItem(QIcon(picture), person.name, person.id)
        for box in (self.crop, self.bed, self.picked_by):
            box.blockSignals(False)

    def show_harvest(
        self, harvest: HarvestInfo | None, person_id: int | None, bed_id: int | None
    ) -> None:
        """Show ``harvest`` to change it, or an empty form for a new one."""
        today = dt.date.today()
        self.day.setMaximumDate(to_qdate(today))
        if harvest is None:
            self.heading.setText(_("New harvest"))
            self.day.setDate(to_qdate(today))
            self.crop.setCurrentIndex(0)
            self._crop_changed()
            select_data(self.bed, bed_id)
            self.quantity.setValue(0.0)
            select_data(self.picked_by, person_id)
            self.variety.clear()
            return
        self.heading.setText(f"{harvest.crop_name}, {harvest.day.day} {harvest.day:%b %Y}")
        self.day.setDate(to_qdate(harvest.day))
        select_data(self.crop, harvest.crop_id)
        select_data(self.bed, harvest.bed_id)
        self.quantity.setValue(harvest.quantity)
        self.unit_buttons[harvest.unit].setChecked(True)
        select_data(self.picked_by, harvest.picked_by_id)
        self.variety.setText(harvest.variety or "")

    def _crop_changed(self, *_: object) -> None:
        # A new crop starts in its usual unit; a person can change it.
        if self.choices is None:
            return
        crop_id = self.crop.currentData()
        crop = next((c for c in self.choices.crops if c.id == crop_id), None)
        if crop is not None:
            self.unit_buttons[crop.unit].setChecked(True)

    def unit(self) -> Unit:
        """Return the unit chosen."""
        return next((u for u, b in self.unit_buttons.items() if b.isChecked()), Unit.GRAMS)

    def draft(self) -> HarvestDraft:
        """Return what the form holds now."""
        return HarvestDraft(
            day=from_qdate(self.day.date()),
            crop_id=int(self.crop.currentData() or 0),
            quantity=self.quantity.value(),
            unit=self.unit(),
            bed_id=self.bed.currentData(),
            picked_by_id=self.picked_by.currentData(),
            variety=self.variety.text() or None,
        )
