"""Two small windows for the day's rota: choose a job to move someone to, and add a job."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.services.catalogue import CropInfo, TaskTypeInfo
from dutchfarm.services.jobs import MOST_PEOPLE, BedChoice
from dutchfarm.services.rota import DayJob
from dutchfarm.ui import icons
from dutchfarm.ui.theme import TARGET, text_scale
from dutchfarm.ui.widgets import (
    PictureButton,
    fitted,
    label,
    primary_button,
    scaled,
    scroll_area,
    two_lines,
)
from dutchfarm.words import _, people_count


def _columns(wide: int) -> int:
    # Fewer pictures a row with bigger text, so the words under them still fit.
    return max(2, round(wide / text_scale()))


class JobChooser(QDialog):
    """The day's jobs as big pictures: tap the one to move a person to."""

    def __init__(
        self,
        name: str,
        jobs: list[DayJob],
        current_job_id: int,
        cannot: frozenset[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Move {name}").format(name=name))
        self.setAccessibleName(_("Move {name} to another job").format(name=name))
        self.chosen: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(label(_("Move {name} to which job?").format(name=name), "heading"))
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setSpacing(12)
        self.buttons: dict[int, PictureButton] = {}
        columns = _columns(4)
        for job in jobs:
            if job.id == current_job_id:
                continue
            blocked = job.task_type_id in cannot
            words = (
                _("{title}\n{name} cannot do this").format(title=job.title, name=name)
                if blocked
                else job.title
            )
            button = PictureButton(job.icon, words, icon_size=48, vertical=True, large=True)
            button.setAccessibleName(job.title)
            button.setMinimumWidth(scaled(150))
            button.setEnabled(not blocked)
            button.clicked.connect(lambda _=False, job_id=job.id: self.choose(job_id))
            position = len(self.buttons)
            grid.addWidget(button, position // columns, position % columns)
            self.buttons[job.id] = button
        layout.addWidget(scroll_area(grid_host), 1)
        cancel = PictureButton("cross", _("Cancel"), large=True)
        cancel.clicked.connect(self.reject)
        layout.addWidget(cancel, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(fitted(self, QSize(scaled(760), scaled(520))))

    def choose(self, job_id: int) -> None:
        """Choose the job and close."""
        self.chosen = job_id
        self.accept()


class OneOffJobDialog(QDialog):
    """Add a job to today only: its picture, where it is, and how many people it needs."""

    def __init__(
        self,
        kinds: list[TaskTypeInfo],
        beds: list[BedChoice],
        crops: list[CropInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add a job for today"))
        self.setAccessibleName(_("Add a job for today"))
        self.people = 1
        layout = QVBoxLayout(self)
        layout.addWidget(label(_("Which job?"), "heading"))
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setSpacing(10)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[int, PictureButton] = {}
        columns = _columns(5)
        for index, kind in enumerate(kinds):
            button = PictureButton(kind.icon, two_lines(kind.name), icon_size=48, vertical=True)
            button.setAccessibleName(kind.name)
            button.setCheckable(True)

            self.kind_group.addButton(button)
            grid.addWidget(button, index // columns, index % columns)
            self.kind_buttons[kind.id] = button
        # All one size, and never smaller than the longest words: a squeezed button would
        # cut them short with "…".
        size = QSize(scaled(130), scaled(100))
        for button in self.kind_buttons.values():
            size = size.expandedTo(button.sizeHint())
        for button in self.kind_buttons.values():
            button.setMinimumSize(size)
        self.kind_group.buttonToggled.connect(lambda *_: self._update())
        layout.addWidget(scroll_area(grid_host), 1)

        layout.addWidget(label(_("Where?"), "heading"))
        self.bed = QComboBox()
        self.bed.setAccessibleName(_("Where is the job"))
        self.bed.setMinimumHeight(TARGET)
        self.bed.addItem(_("All over the farm"), None)
        for bed in beds:
            self.bed.addItem(bed.name, bed.id)
        layout.addWidget(self.bed)

        layout.addWidget(label(_("Which crop? (if it is for one)"), "heading"))
        self.crop = QComboBox()
        self.crop.setAccessibleName(_("Which crop the job is for"))
        self.crop.setMinimumHeight(TARGET)
        self.crop.setIconSize(QSize(scaled(32), scaled(32)))
        self.crop.addItem(icons.icon("cross"), _("No crop"), None)
        for crop in crops:
            self.crop.addItem(icons.icon(crop.icon), crop.plural, crop.id)
        layout.addWidget(self.crop)

        layout.addWidget(label(_("How many people?"), "heading"))
        count_row = QHBoxLayout()
        self.fewer = self._step("−", _("One person fewer"), -1)
        count_row.addWidget(self.fewer)
        self.count = label(_("1 person"), "heading", wrap=False)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setMinimumWidth(scaled(140))
        count_row.addWidget(self.count)
        self.more = self._step("+", _("One more person"), 1)
        count_row.addWidget(self.more)
        count_row.addStretch(1)
        layout.addLayout(count_row)

        buttons = QHBoxLayout()
        cancel = PictureButton("cross", _("Cancel"), large=True)
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        self.add_button = primary_button("add", _("Add the job"))
        self.add_button.setMinimumHeight(scaled(56))
        self.add_button.clicked.connect(self.accept)
        buttons.addWidget(self.add_button)
        layout.addLayout(buttons)
        self.resize(fitted(self, QSize(scaled(900), scaled(640))))
        self._update()

    def _step(self, text: str, name: str, change: int) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("role", "digit")
        button.setAccessibleName(name)
        button.setMinimumSize(scaled(64), scaled(56))
        button.clicked.connect(lambda: self.set_people(self.people + change))
        return button

    def set_people(self, count: int) -> None:
        """Say how many people the job needs (1 to the most a job may have)."""
        self.people = max(1, min(MOST_PEOPLE, count))
        self._update()

    def _update(self) -> None:
        self.count.setText(people_count(self.people))
        self.fewer.setEnabled(self.people > 1)
        self.more.setEnabled(self.people < MOST_PEOPLE)
        self.add_button.setEnabled(self.kind_group.checkedButton() is not None)

    def request(self) -> tuple[int, int, int | None, int | None]:
        """Return (kind of job, people needed, bed or None, crop or None) as chosen."""
        kind = next(k for k, b in self.kind_buttons.items() if b.isChecked())
        return kind, self.people, self.bed.currentData(), self.crop.currentData()
