"""Who is in today: everyone's picture, to tap in; a big tick shows on those who are in."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QToolButton, QWidget

from dutchfarm.services.people import PersonInfo
from dutchfarm.ui import icons
from dutchfarm.ui.rota_board import person_picture
from dutchfarm.ui.theme import TARGET_LARGE
from dutchfarm.ui.widgets import scaled
from dutchfarm.words import _


class PersonToggle(QToolButton):
    """A person's picture to tap when they are in today; a tick shows on it when they are."""

    def __init__(self, person: PersonInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        self.size_px = scaled(56)
        self.setCheckable(True)
        self.setText(person.name)
        self.setAccessibleName(person.name)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setIconSize(QSize(self.size_px, self.size_px))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_in(False)

    def set_in(self, present: bool) -> None:
        """Show whether the person is in, without telling anyone it was tapped."""
        self.blockSignals(True)
        self.setChecked(present)
        self.blockSignals(False)
        # Drawn when first in sight: on a large farm most pictures start scrolled away.
        self.setIcon(icons.drawn_icon(partial(person_picture, self.person, ticked=present)))
        words = _("is in today") if present else _("is not in today")
        self.setAccessibleDescription(
            _("{name} {words}. Tap to change.").format(name=self.person.name, words=words)
        )
        self.setToolTip(f"{self.person.name} {words}.")


class WhoGrid(QWidget):
    """Everyone's picture to tick in, as many to a row as fit the width."""

    ticked = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.toggles: dict[int, PersonToggle] = {}
        self.columns = 0
        self.cell = QSize(max(TARGET_LARGE, scaled(92)), max(TARGET_LARGE, scaled(92)))
        # Set by hand, so that the grid may be narrower than one long row and flow instead.
        self.setMinimumSize(self.cell)

    def set_people(self, people: list[PersonInfo]) -> None:
        """Show a picture for each person (built again only when the people change)."""
        shown = [
            (t.person.id, t.person.name, t.person.colour, t.person.avatar, t.person.photo)
            for t in self.toggles.values()
        ]
        if shown == [(p.id, p.name, p.colour, p.avatar, p.photo) for p in people]:
            return
        for toggle in self.toggles.values():
            toggle.hide()
            self.grid.removeWidget(toggle)
            toggle.deleteLater()
        self.toggles = {}
        for person in people:
            toggle = PersonToggle(person)
            toggle.setFixedSize(self.cell)
            toggle.clicked.connect(lambda on, p=person: self.ticked.emit(p, on))
            self.toggles[person.id] = toggle
        self.columns = 0
        self._place()

    def set_present(self, present: frozenset[int], enabled: bool) -> None:
        """Tick the people who are in; let the pictures be tapped only when ``enabled``."""
        for person_id, toggle in self.toggles.items():
            toggle.set_in(person_id in present)
            toggle.setEnabled(enabled)

    def _place(self) -> None:
        spacing = self.grid.spacing()
        columns = max(1, (self.width() + spacing) // (self.cell.width() + spacing))
        if columns == self.columns:
            return
        self.columns = columns
        for toggle in self.toggles.values():
            self.grid.removeWidget(toggle)
        for index, toggle in enumerate(self.toggles.values()):
            self.grid.addWidget(toggle, index // columns, index % columns)
        rows = max(1, -(-len(self.toggles) // columns))
        self.setMinimumHeight(rows * self.cell.height() + (rows - 1) * spacing)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Flow the pictures again to fit the new width."""
        super().resizeEvent(event)
        self._place()
