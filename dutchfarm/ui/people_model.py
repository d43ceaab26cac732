"""The table model behind the People list: plain rows of people mapped to Qt roles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon

from dutchfarm.services.people import ROLE_WORDS, PersonInfo
from dutchfarm.ui import icons

COL_NAME, COL_ROLE, COL_BEDS, COL_SUPPORT, COL_CANNOT, COL_LIKES = range(6)
HEADERS = ("Name", "Role", "Bed", "Needs support", "Cannot do", "Likes")
ROLE_ICONS = {
    "coordinator": "coordinator",
    "volunteer": "volunteer",
    "service_user": "service_user",
}
# The value a column sorts by, where it differs from the words shown.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class PeopleTableModel(QAbstractTableModel):
    """People as rows; it holds plain data only and never reads the database."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[PersonInfo] = []
        self._task_names: dict[int, str] = {}

    def set_rows(self, rows: list[PersonInfo], task_names: dict[int, str]) -> None:
        """Replace every row (a model reset)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._task_names = dict(task_names)
        self.endResetModel()

    def person(self, row: int) -> PersonInfo:
        """Return the person on ``row``."""
        return self._rows[row]

    def row_of(self, person_id: int) -> int | None:
        """Return the row of the person with ``person_id``, or None."""
        return next((i for i, p in enumerate(self._rows) if p.id == person_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Return the number of people (no children: it is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Return the number of columns."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Return the column titles."""
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def _jobs(self, ids: frozenset[int]) -> str:
        return ", ".join(sorted(self._task_names.get(i, "?") for i in ids))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return what a cell shows for ``role``."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        person = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(person, column)
        if role == SORT_ROLE:
            if column == COL_NAME:
                return person.name.casefold()
            if column == COL_SUPPORT:
                return int(person.needs_support)
            return self._text(person, column).casefold()
        if role == PERSON_ID_ROLE:
            return person.id
        if role == Qt.ItemDataRole.DecorationRole:
            if column == COL_NAME:
                return QIcon(
                    icons.person_pixmap(person.name, person.colour, person.avatar, person.photo, 40)
                )
            if column == COL_ROLE:
                return icons.icon(ROLE_ICONS[person.role.value])
            if column == COL_SUPPORT and person.needs_support:
                return icons.icon("support")
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_CANNOT, COL_LIKES):
            return self._text(person, column) or None
        return None

    def _text(self, person: PersonInfo, column: int) -> str:
        if column == COL_NAME:
            return person.name + (" (archived)" if person.archived else "")
        if column == COL_ROLE:
            return ROLE_WORDS[person.role]
        if column == COL_BEDS:
            return ", ".join(person.beds)
        if column == COL_SUPPORT:
            return "Yes" if person.needs_support else "No"
        if column == COL_CANNOT:
            return self._jobs(person.cannot)
        if column == COL_LIKES:
            return self._jobs(person.likes)
        return ""


class PeopleFilterModel(QSortFilterProxyModel):
    """Sorts by each column's own sort value and filters by name, case-insensitively."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(COL_NAME)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
