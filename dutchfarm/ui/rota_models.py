"""Table models of the Rota page: jobs that come back, kinds of job, and the fairness counts."""

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

from dutchfarm.services.catalogue import TaskTypeInfo
from dutchfarm.services.fairness import FairnessTable
from dutchfarm.services.jobs import EFFORT_WORDS, RecurringJobInfo, natural
from dutchfarm.ui import icons
from dutchfarm.words import _

Index = QModelIndex | QPersistentModelIndex
# The value a column sorts by, where it differs from the words shown.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
EFFORT_ORDER = {"light": 0, "medium": 1, "heavy": 2}
REPEAT_ORDER = {"daily": 0, "weekdays": 1, "weekly": 2}


class _RowsModel(QAbstractTableModel):
    """Rows of plain data as a flat table; subclasses say what each cell shows."""

    headers: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Return the number of rows (no children: it is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Return the number of columns."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Return the column titles."""
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def row(self, number: int) -> Any:
        """Return the plain data of row ``number``."""
        return self._rows[number]

    def row_of(self, row_id: int) -> int | None:
        """Return the number of the row whose ``id`` is ``row_id``, or None."""
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return what a cell shows for ``role``."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, column)
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == ID_ROLE:
            return getattr(row, "id", None)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.picture(row, column)
        return None

    def text(self, row: Any, column: int) -> str:
        """The words in a cell."""
        raise NotImplementedError

    def sort_value(self, row: Any, column: int) -> Any:
        """What a cell sorts by (its words, folded, unless a subclass says otherwise)."""
        return self.text(row, column).casefold()

    def picture(self, row: Any, column: int) -> QIcon | None:
        """The picture in a cell, if any."""
        return None


COL_JOB, COL_WHEN, COL_PEOPLE, COL_WHERE, COL_FROM, COL_UNTIL = range(6)


class RecurringJobTableModel(_RowsModel):
    """The jobs that come back: what, how often, where, for how many, and from when."""

    headers = (_("Job"), _("How often"), _("People"), _("Where"), _("From"), _("Until"))

    def set_rows(self, rows: list[RecurringJobInfo]) -> None:
        """Replace every row (a model reset)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def text(self, row: RecurringJobInfo, column: int) -> str:
        """The words in a cell."""
        if column == COL_JOB:
            return row.task_name
        if column == COL_WHEN:
            return row.when
        if column == COL_WHERE:
            return row.bed_name or _("All over the farm")
        if column == COL_PEOPLE:
            return str(row.people_needed)
        if column == COL_FROM:
            return f"{row.starts_on.day} {row.starts_on:%b %Y}"
        if column == COL_UNTIL:
            return f"{row.ends_on.day} {row.ends_on:%b %Y}" if row.ends_on else _("No end")
        return ""

    def sort_value(self, row: RecurringJobInfo, column: int) -> Any:
        """Numbers and dates sort as such; beds in their number order."""
        if column == COL_PEOPLE:
            return row.people_needed
        if column == COL_FROM:
            return row.starts_on.toordinal()
        if column == COL_UNTIL:
            return row.ends_on.toordinal() if row.ends_on else 10**7
        if column == COL_WHERE:
            return " ".join(str(part).zfill(6) for part in natural(self.text(row, column)))
        if column == COL_WHEN:
            return f"{REPEAT_ORDER[row.repeat.value]}-{row.weekdays:03d}"
        return super().sort_value(row, column)

    def picture(self, row: RecurringJobInfo, column: int) -> QIcon | None:
        """The job's picture beside its name."""
        return icons.icon(row.icon) if column == COL_JOB else None


COL_KIND, COL_EFFORT = range(2)


class TaskTypeTableModel(_RowsModel):
    """The kinds of job, with their picture and how hard they are."""

    headers = (_("Kind of job"), _("Effort"))

    def set_rows(self, rows: list[TaskTypeInfo]) -> None:
        """Replace every row (a model reset)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def text(self, row: TaskTypeInfo, column: int) -> str:
        """The words in a cell."""
        if column == COL_KIND:
            return row.name
        return EFFORT_WORDS[row.effort] if column == COL_EFFORT else ""

    def sort_value(self, row: TaskTypeInfo, column: int) -> Any:
        """Effort sorts from light to heavy."""
        if column == COL_EFFORT:
            return EFFORT_ORDER[row.effort.value]
        return super().sort_value(row, column)

    def picture(self, row: TaskTypeInfo, column: int) -> QIcon | None:
        """The job's picture beside its name."""
        return icons.icon(row.icon) if column == COL_KIND else None


COL_PERSON, COL_ALL, FIRST_KIND = range(3)


class FairnessTableModel(_RowsModel):
    """People × kinds of job: how many times each person did each kind, and in all."""

    def __init__(self) -> None:
        super().__init__()
        self.table: FairnessTable | None = None

    def set_table(self, table: FairnessTable) -> None:
        """Show a new table (a model reset: the columns change with the kinds done)."""
        self.beginResetModel()
        self.table = table
        self._rows = list(table.rows)
        kinds = tuple(kind.name for kind in table.kinds)
        self.headers = (_("Person"), _("All jobs"), *kinds)
        self.endResetModel()

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles, with each kind's picture."""
        table = self.table
        if (
            role == Qt.ItemDataRole.DecorationRole
            and orientation == Qt.Orientation.Horizontal
            and table is not None
            and FIRST_KIND <= section < FIRST_KIND + len(table.kinds)
        ):
            return icons.icon(table.kinds[section - FIRST_KIND].icon)
        return super().headerData(section, orientation, role)

    def _count(self, row: Any, column: int) -> int:
        if column == COL_ALL:
            return int(row.total)
        return int(row.counts[column - FIRST_KIND])

    def text(self, row: Any, column: int) -> str:
        """The person's name, or a count."""
        if column == COL_PERSON:
            return str(row.name) + (_(" (archived)") if row.archived else "")
        return str(self._count(row, column))

    def sort_value(self, row: Any, column: int) -> Any:
        """Counts sort as numbers."""
        if column == COL_PERSON:
            return row.name.casefold()
        return self._count(row, column)

    def picture(self, row: Any, column: int) -> QIcon | None:
        """The person's picture beside their name."""
        if column != COL_PERSON:
            return None
        return QIcon(icons.person_pixmap(row.name, row.colour, row.avatar, row.photo, 32))


class SortedModel(QSortFilterProxyModel):
    """Sorts a table by each column's own sort value."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
