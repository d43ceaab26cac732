"""The coordinator's forms on the Rota page: a job that comes back, and a kind of job."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.jobs import WEEKDAY_NAMES, days_to_mask, mask_to_days
from dutchfarm.domain.terms import Effort, Repeat
from dutchfarm.services.catalogue import TaskTypeInfo
from dutchfarm.services.jobs import (
    EFFORT_WORDS,
    MOST_PEOPLE,
    BedChoice,
    RecurringJobDraft,
    RecurringJobInfo,
    TaskTypeDraft,
    task_icons,
)
from dutchfarm.ui import icons
from dutchfarm.ui.theme import TARGET, text_scale
from dutchfarm.ui.widgets import PictureButton, label, scaled
from dutchfarm.words import _

REPEAT_WORDS = {
    Repeat.DAILY: _("Every day"),
    Repeat.WEEKDAYS: _("Some days"),
    Repeat.WEEKLY: _("Once a week"),
}


def to_qdate(day: dt.date) -> QDate:
    """A date as Qt keeps it."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    """A Qt date as Python keeps it."""
    return dt.date(day.year(), day.month(), day.day())


def date_box(name: str) -> QDateEdit:
    """A date chooser with a calendar that drops down, named for screen readers."""
    box = QDateEdit()
    box.setCalendarPopup(True)
    box.setDisplayFormat("d MMMM yyyy")
    box.setAccessibleName(name)
    box.setMinimumSize(scaled(200), TARGET)
    return box


class RecurringJobForm(QWidget):
    """A job that comes back: which job, how often, where, for how many, from when."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.heading = label(_("New job that comes back"), "heading")
        layout.addWidget(self.heading)

        layout.addWidget(label(_("Which job?")))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Which job"))
        self.kind.setIconSize(QSize(scaled(28), scaled(28)))
        self.kind.setMinimumHeight(TARGET)
        layout.addWidget(self.kind)

        layout.addWidget(label(_("How often?")))
        repeats = QHBoxLayout()
        self.repeat_group = QButtonGroup(self)
        self.repeat_buttons: dict[Repeat, PictureButton] = {}
        for repeat, words in REPEAT_WORDS.items():
            button = PictureButton("calendar", words)
            button.setCheckable(True)
            self.repeat_group.addButton(button)
            self.repeat_buttons[repeat] = button
            repeats.addWidget(button)
        repeats.addStretch(1)
        self.repeat_group.buttonToggled.connect(lambda *_: self._repeat_changed())
        layout.addLayout(repeats)

        self.days_row = QWidget()
        days = QGridLayout(self.days_row)
        days.setContentsMargins(0, 0, 0, 0)
        self.day_buttons: list[QPushButton] = []
        per_row = 7 if text_scale() < 1.3 else 4
        for number, name in enumerate(WEEKDAY_NAMES):
            day = QPushButton(name[:3])
            day.setCheckable(True)
            day.setAccessibleName(name)
            day.setToolTip(name)
            day.setMinimumSize(scaled(56), TARGET)
            day.clicked.connect(lambda _=False, n=number: self._day_tapped(n))
            days.addWidget(day, number // per_row, number % per_row)
            self.day_buttons.append(day)
        layout.addWidget(self.days_row)

        layout.addWidget(label(_("Where?")))
        self.bed = QComboBox()
        self.bed.setAccessibleName(_("Where is the job"))
        self.bed.setMinimumHeight(TARGET)
        layout.addWidget(self.bed)

        layout.addWidget(label(_("How many people?")))
        self.people = QSpinBox()
        self.people.setRange(1, MOST_PEOPLE)
        self.people.setAccessibleName(_("How many people"))
        self.people.setMinimumSize(scaled(120), TARGET)
        layout.addWidget(self.people, 0, Qt.AlignmentFlag.AlignLeft)

        layout.addWidget(label(_("First day")))
        self.starts_on = date_box(_("First day"))
        layout.addWidget(self.starts_on, 0, Qt.AlignmentFlag.AlignLeft)
        self.has_end = QCheckBox(_("It stops on a day"))
        self.has_end.setAccessibleName(_("It stops on a day"))
        layout.addWidget(self.has_end, 0, Qt.AlignmentFlag.AlignLeft)
        self.ends_on = date_box(_("Last day"))
        self.has_end.toggled.connect(self.ends_on.setEnabled)
        layout.addWidget(self.ends_on, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_job(
        self, job: RecurringJobInfo | None, kinds: list[TaskTypeInfo], beds: list[BedChoice]
    ) -> None:
        """Fill the form with ``job``, or empty it for a new one."""
        self.heading.setText(
            f"{job.task_name}: {job.when}" if job else _("New job that comes back")
        )
        self.kind.clear()
        for kind in kinds:
            self.kind.addItem(icons.icon(kind.icon), kind.name, kind.id)
        self.bed.clear()
        self.bed.addItem(_("All over the farm"), None)
        for bed in beds:
            self.bed.addItem(bed.name, bed.id)
        if job is None:
            self.kind.setCurrentIndex(0)
            self.repeat_buttons[Repeat.DAILY].setChecked(True)
            self._set_days(0)
            self.people.setValue(1)
            self.starts_on.setDate(to_qdate(dt.date.today()))
            self.has_end.setChecked(False)
            self.ends_on.setDate(to_qdate(dt.date.today()))
        else:
            self.kind.setCurrentIndex(max(0, self.kind.findData(job.task_type_id)))
            self.repeat_buttons[job.repeat].setChecked(True)
            self._set_days(job.weekdays)
            self.bed.setCurrentIndex(max(0, self.bed.findData(job.bed_id)))
            self.people.setValue(job.people_needed)
            self.starts_on.setDate(to_qdate(job.starts_on))
            self.has_end.setChecked(job.ends_on is not None)
            self.ends_on.setDate(to_qdate(job.ends_on or job.starts_on))
        self.ends_on.setEnabled(self.has_end.isChecked())
        self._repeat_changed()

    def _set_days(self, mask: int) -> None:
        chosen = set(mask_to_days(mask))
        for number, button in enumerate(self.day_buttons):
            button.setChecked(number in chosen)

    def repeat(self) -> Repeat:
        """How often the job comes back, as chosen."""
        return next(r for r, b in self.repeat_buttons.items() if b.isChecked())

    def _repeat_changed(self) -> None:
        self.days_row.setVisible(self.repeat() is not Repeat.DAILY)

    def _day_tapped(self, number: int) -> None:
        # Once a week means one day: tapping a day chooses it alone.
        if self.repeat() is Repeat.WEEKLY:
            for other, button in enumerate(self.day_buttons):
                button.setChecked(other == number)

    def draft(self) -> RecurringJobDraft:
        """Return what the form holds now."""
        days = [n for n, b in enumerate(self.day_buttons) if b.isChecked()]
        return RecurringJobDraft(
            task_type_id=self.kind.currentData(),
            repeat=self.repeat(),
            weekdays=days_to_mask(days),
            people_needed=self.people.value(),
            bed_id=self.bed.currentData(),
            starts_on=from_qdate(self.starts_on.date()),
            ends_on=from_qdate(self.ends_on.date()) if self.has_end.isChecked() else None,
        )


class TaskTypeForm(QWidget):
    """A kind of job: its name, its picture (from the bundled ones) and how hard it is."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.heading = label(_("New kind of job"), "heading")
        layout.addWidget(self.heading)
        layout.addWidget(label(_("Name")))
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name of the job"))
        self.name.setPlaceholderText(_("For example: Sweeping the paths"))
        layout.addWidget(self.name)

        layout.addWidget(label(_("How hard is it?")))
        efforts = QHBoxLayout()
        self.effort_group = QButtonGroup(self)
        self.effort_buttons: dict[Effort, PictureButton] = {}
        for effort, words in EFFORT_WORDS.items():
            button = PictureButton("scale", words)
            button.setCheckable(True)
            self.effort_group.addButton(button)
            self.effort_buttons[effort] = button
            efforts.addWidget(button)
        efforts.addStretch(1)
        layout.addLayout(efforts)

        layout.addWidget(label(_("Picture")))
        self.pictures = QListWidget()
        self.pictures.setAccessibleName(_("Picture of the job"))
        self.pictures.setViewMode(QListView.ViewMode.IconMode)
        self.pictures.setResizeMode(QListView.ResizeMode.Adjust)
        self.pictures.setMovement(QListView.Movement.Static)
        self.pictures.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pictures.setIconSize(QSize(scaled(44), scaled(44)))
        self.pictures.setGridSize(QSize(scaled(64), scaled(64)))
        self.pictures.setMinimumHeight(scaled(220))
        for name in task_icons():
            item = QListWidgetItem(icons.icon(name), "")
            words = name.replace("_", " ")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(words)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, words)
            self.pictures.addItem(item)
        layout.addWidget(self.pictures, 1)

    def show_kind(self, kind: TaskTypeInfo | None) -> None:
        """Fill the form with ``kind``, or empty it for a new one."""
        self.heading.setText(kind.name if kind else _("New kind of job"))
        self.name.setText(kind.name if kind else "")
        self.effort_buttons[kind.effort if kind else Effort.LIGHT].setChecked(True)
        self.choose_picture(kind.icon if kind else "note")

    def choose_picture(self, name: str) -> None:
        """Select the picture called ``name`` and show it."""
        for row in range(self.pictures.count()):
            item = self.pictures.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.pictures.setCurrentItem(item)
                self.pictures.scrollToItem(item)
                return

    def draft(self) -> TaskTypeDraft:
        """Return what the form holds now."""
        item = self.pictures.currentItem()
        effort = next(e for e, b in self.effort_buttons.items() if b.isChecked())
        return TaskTypeDraft(
            name=self.name.text(),
            icon=item.data(Qt.ItemDataRole.UserRole) if item is not None else "",
            effort=effort,
        )
