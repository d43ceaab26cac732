"""The table model behind the People list: plain rows of people mapped to Qt roles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon

from dutchfarm.services.people import ROLE_WORDS, PersonInfo
from dutchfarm.ui import icons
from dutchfarm.ui.table_model import RowsTableModel
from dutchfarm.words import _

COL_NAME, COL_ROLE, COL_BEDS, COL_SUPPORT, COL_CANNOT, COL_LIKES = range(6)
HEADERS = (_("Name"), _("Role"), _("Bed"), _("Needs support"), _("Cannot do"), _("Likes"))
ROLE_ICONS = {
    "coordinator": "coordinator",
    "volunteer": "volunteer",
    "service_user": "service_user",
}
# The value a column sorts by, where it differs from the words shown.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class PeopleTableModel(RowsTableModel):
    """People as rows; it holds plain data only and never reads the database."""

    headers = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self._task_names: dict[int, str] = {}

    def set_rows(self, rows: list[PersonInfo], task_names: dict[int, str] | None = None) -> None:
        """Replace every row (a model reset); ``task_names`` name the jobs by id."""
        self._task_names = dict(task_names or {})
        super().set_rows(rows)

    def person(self, row: int) -> PersonInfo:
        """Return the person on ``row``."""
        person: PersonInfo = self.row_data(row)
        return person

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
            return person.name + (_(" (archived)") if person.archived else "")
        if column == COL_ROLE:
            return ROLE_WORDS[person.role]
        if column == COL_BEDS:
            return ", ".join(person.beds)
        if column == COL_SUPPORT:
            return _("Yes") if person.needs_support else _("No")
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
