"""The rota on screen: the day's jobs, each person's jobs as chips, and moving them by hand."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.services.people import PersonInfo
from dutchfarm.services.rota import DayJob, DayRota, Placement
from dutchfarm.ui import icons
from dutchfarm.ui.theme import FOCUS_RING, PADDING_X, PADDING_Y, TARGET, colours
from dutchfarm.ui.widgets import PictureButton, label, scaled
from dutchfarm.words import _, people_count

# What a dragged job chip carries: "job id:person id".
PLACE_MIME = "application/x-dutchfarm-place"


def place_mime(job_id: int, person_id: int) -> QMimeData:
    """Return drag data for one person's place on one job."""
    data = QMimeData()
    data.setData(PLACE_MIME, QByteArray(f"{job_id}:{person_id}".encode()))
    return data


def read_place(data: QMimeData) -> tuple[int, int] | None:
    """Return (job id, person id) from drag data, or None if it is not a place."""
    if not data.hasFormat(PLACE_MIME):
        return None
    job, _, person = bytes(data.data(PLACE_MIME).data()).decode().partition(":")
    return (int(job), int(person)) if job.isdigit() and person.isdigit() else None


def person_picture(person: PersonInfo, size: int, ticked: bool = False) -> QPixmap:
    """A person's round picture, with a big green tick on it when ``ticked``."""
    base = icons.person_pixmap(person.name, person.colour, person.avatar, person.photo, size)
    if not ticked:
        return base
    image = base.toImage()
    painter = QPainter(image)
    badge = size * 0.42
    icons.draw(painter, "done", QRectF(size - badge, size - badge, badge, badge))
    painter.end()
    return QPixmap.fromImage(image)


def _fit_card(button: QToolButton) -> None:
    # The card decides the width; the button grows taller when its words need more lines.
    button.setMinimumSize(max(TARGET, scaled(120)), max(TARGET, scaled(52)))
    button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)


def wrap_words(words: str, metrics: QFontMetrics, width: int) -> str:
    """Return ``words`` broken at spaces onto as many lines as keep each within ``width``."""
    lines: list[str] = []
    for word in words.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


class _DragButton(QToolButton):
    """A button that can also be dragged, carrying a person's place to a job."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._press: QPoint | None = None

    def drag_data(self) -> QMimeData | None:
        """What a drag carries; None when this button cannot be dragged."""
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Remember where a drag may start."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Start dragging once the pointer has moved far enough with the button held."""
        start, data = self._press, self.drag_data()
        if (
            data is not None
            and start is not None
            and event.buttons() & Qt.MouseButton.LeftButton
            and (event.position().toPoint() - start).manhattanLength()
            >= QApplication.startDragDistance()
        ):
            self._press = None
            self.setDown(False)
            drag = QDrag(self)
            drag.setMimeData(data)
            drag.setPixmap(self.grab())
            drag.exec(Qt.DropAction.MoveAction)
            return
        super().mouseMoveEvent(event)


class JobChip(_DragButton):
    """One of a person's jobs: tap it to see why they have it; drag it to another job to move."""

    chosen = Signal(object)

    def __init__(
        self, job: DayJob, place: Placement, movable: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.job = job
        self.place = place
        self.movable = movable and place.person_id is not None
        self.setCheckable(True)
        self.setIcon(icons.icon(job.icon))
        self.setIconSize(QSize(scaled(40), scaled(40)))
        words = job.title + (_(" (done)") if job.done else "")
        self.words = words
        self.setText(words)
        self.setAccessibleName(f"{place.name}: {words}")
        self.setAccessibleDescription(place.reason)
        self.setToolTip(place.reason or words)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        _fit_card(self)
        self.setCursor(
            Qt.CursorShape.OpenHandCursor if self.movable else Qt.CursorShape.ArrowCursor
        )
        self.clicked.connect(lambda: self.chosen.emit(self))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Break the words onto more lines when the card is too narrow for them on one."""
        super().resizeEvent(event)
        bold = QFont(self.font())
        bold.setBold(True)  # a chosen chip shows its words in bold
        picture = self.iconSize().width() + 4
        room = self.width() - picture - 2 * (FOCUS_RING + PADDING_X)
        text = wrap_words(self.words, QFontMetrics(bold), max(room, 1))
        if text != self.text():
            self.setText(text)
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Tall enough for every line of the words inside the padding and the focus ring."""
        hint = super().sizeHint()
        lines = self.fontMetrics().size(0, self.text()).height()
        return QSize(hint.width(), max(hint.height(), lines + 2 * (FOCUS_RING + PADDING_Y)))

    @property
    def key(self) -> tuple[int, int | None]:
        """(job id, person id): what this chip stands for."""
        return (self.job.id, self.place.person_id)

    def drag_data(self) -> QMimeData | None:
        """The person's place on this job, when it may be moved."""
        if not self.movable or self.place.person_id is None:
            return None
        return place_mime(self.job.id, self.place.person_id)


class NoJobButton(_DragButton):
    """Someone who is in with no job: tap to give them one, or drag them onto a job."""

    give = Signal(int)

    def __init__(self, person: PersonInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        self.setIcon(icons.icon("add"))
        self.setIconSize(QSize(scaled(32), scaled(32)))
        self.setText(_("Give a job"))
        self.setAccessibleName(_("Give {name} a job").format(name=person.name))
        self.setToolTip(
            _("{name} has no job yet. Tap to choose one, or drag onto a job.").format(
                name=person.name
            )
        )
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        _fit_card(self)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.clicked.connect(lambda: self.give.emit(person.id))

    def drag_data(self) -> QMimeData | None:
        """The person with no job (job 0)."""
        return place_mime(0, self.person.id)


class PersonCard(QFrame):
    """A person on the rota: their picture and name, and their jobs as chips."""

    def __init__(
        self,
        person: PersonInfo,
        jobs: list[tuple[DayJob, Placement]],
        movable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        top = QHBoxLayout()
        picture = QLabel()
        picture.setPixmap(person_picture(person, scaled(48)))
        picture.setAccessibleName(_("Picture of {name}").format(name=person.name))
        top.addWidget(picture)
        self.name = label(person.name, "heading", wrap=False)
        top.addWidget(self.name, 1)
        layout.addLayout(top)
        self.chips: list[JobChip] = []
        for job, place in jobs:
            chip = JobChip(job, place, movable)
            layout.addWidget(chip)
            self.chips.append(chip)
        self.no_job: NoJobButton | None = None
        if not jobs and movable:
            self.no_job = NoJobButton(person)
            layout.addWidget(self.no_job)
        elif not jobs:
            layout.addWidget(label(_("No job yet."), "muted"))
        layout.addStretch(1)


class JobRow(QFrame):
    """One of the day's jobs: its picture, who is on it, what it still needs, and Done.

    A person's job chip can be dropped here to move them onto this job.
    """

    done_toggled = Signal(int, bool)
    # (person id, the job they come from or 0 if they had none, this job's id)
    dropped = Signal(int, int, int)

    def __init__(
        self, job: DayJob, can_change: bool, made: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.job = job
        self.setObjectName("jobRow")
        self.setProperty("role", "card")
        self.setAcceptDrops(can_change)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(10)
        picture = QLabel()
        picture.setPixmap(icons.pixmap(job.icon, scaled(44)))
        picture.setAccessibleName(job.name)
        layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.title = label(job.title)
        self.title.setStyleSheet("font-weight: bold;")
        words.addWidget(self.title)
        needed = people_count(job.people_needed)
        names = ", ".join(place.name for place in job.people)
        self.who = label(
            _("{names}. Needs {needed}.").format(names=names, needed=needed)
            if names
            else _("Needs {needed}.").format(needed=needed),
            "muted",
        )
        words.addWidget(self.who)
        # Places still to fill are only news once the rota is made.
        self.short = label(job.needs_words or "", "warning")
        self.short.setVisible(made and bool(job.needs_words))
        words.addWidget(self.short)
        layout.addLayout(words, 1)
        self.done_button = PictureButton("done" if job.done else "tick", _("Done"))
        self.done_button.setCheckable(True)
        self.done_button.setChecked(job.done)
        self.done_button.setAccessibleName(_("{title} done").format(title=job.title))
        self.done_button.setToolTip(_("Tap when this job is done"))
        self.done_button.setEnabled(can_change)
        self.done_button.toggled.connect(lambda on: self.done_toggled.emit(job.id, on))
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def _highlight(self, on: bool) -> None:
        focus = colours().focus
        self.setStyleSheet(f"QFrame#jobRow {{ border: 4px solid {focus}; }}" if on else "")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Accept a person's place from another job, and show where it would land."""
        place = read_place(event.mimeData())
        if place is not None and place[0] != self.job.id:
            event.acceptProposedAction()
            self._highlight(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802 - Qt override
        """Stop showing the drop place."""
        self._highlight(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Ask for the person to be moved onto this job."""
        self._highlight(False)
        place = read_place(event.mimeData())
        if place is None or place[0] == self.job.id:
            event.ignore()
            return
        event.acceptProposedAction()
        job_id, person_id = place
        self.dropped.emit(person_id, job_id, self.job.id)


class RotaView(QWidget):
    """The day's rota as people: each person's card with their jobs, and why they have them.

    Tapping a job shows the reason under the cards; ``selection_changed`` says which job
    chip is chosen (or None).
    """

    selection_changed = Signal(object)
    # Someone with no job was tapped: give them one (person id).
    give_requested = Signal(int)

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.cards_host = QWidget()
        self.grid = QGridLayout(self.cards_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        layout.addWidget(self.cards_host)
        self.empty = label("", "muted")
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.cards: list[PersonCard] = []
        self.selected: JobChip | None = None

    @property
    def chips(self) -> list[JobChip]:
        """Every job chip on the cards."""
        return [chip for card in self.cards for chip in card.chips]

    def show_rota(
        self, rota: DayRota, people: dict[int, PersonInfo], movable: bool, empty: str
    ) -> None:
        """Show a card for everyone in or on a job, keeping the chosen job if it is still there."""
        keep = self.selected.key if self.selected is not None else None
        for card in self.cards:
            # Hidden at once: deleteLater alone would leave it drawn until the next loop.
            card.hide()
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards = []
        self.selected = None
        ids = set(rota.present) | {p.person_id for p in rota.placements() if p.person_id}
        shown = sorted((people[i] for i in ids if i in people), key=lambda p: p.name.lower())
        if rota.made:
            for index, person in enumerate(shown):
                jobs = [
                    (job, next(p for p in job.people if p.person_id == person.id))
                    for job in rota.jobs_of(person.id)
                ]
                card = PersonCard(person, jobs, movable)
                for chip in card.chips:
                    chip.chosen.connect(self.choose)
                if card.no_job is not None:
                    card.no_job.give.connect(self.give_requested)
                self.grid.addWidget(card, index // self.columns, index % self.columns)
                self.cards.append(card)
        self.empty.setText("" if rota.made else empty)
        self.empty.setVisible(not rota.made)
        self.choose(next((c for c in self.chips if c.key == keep), None))

    def choose(self, chip: JobChip | None) -> None:
        """Make ``chip`` the chosen job (None: nothing chosen) and say why the person has it."""
        for other in self.chips:
            other.setChecked(other is chip)
        self.selected = chip
        self.selection_changed.emit(chip)

    def chip(self, job_id: int, person_id: int) -> JobChip | None:
        """Return the chip of ``person_id`` on ``job_id``, if they are on it."""
        return next((c for c in self.chips if c.key == (job_id, person_id)), None)
