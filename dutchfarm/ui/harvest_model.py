"""The table model behind the harvest log: a window on the log, fetched a page at a time.

A season of a large farm is 10,000 harvests, every season 100,000. The database filters,
sorts, counts and adds them up; the model holds only the pages of rows the view has asked
for, so showing the log costs the same for a season of ten harvests or of ten thousand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from dutchfarm.db.database import Database, DatabaseError
from dutchfarm.domain.harvest import Totals, format_number, short_date
from dutchfarm.domain.terms import Unit
from dutchfarm.services.harvest import HarvestInfo
from dutchfarm.services.harvest_log import (
    HarvestFilters,
    LogOrder,
    LogSort,
    LogSummary,
    log_page,
    log_position,
    log_summary,
)
from dutchfarm.ui import icons
from dutchfarm.ui.table_model import RowsTableModel
from dutchfarm.words import _

(
    COL_DATE,
    COL_CROP,
    COL_VARIETY,
    COL_BED,
    COL_QUANTITY,
    COL_UNIT,
    COL_GRAMS,
    COL_PICKED_BY,
) = range(8)
HEADERS = (
    _("Date"),
    _("Crop"),
    _("Variety"),
    _("Bed"),
    _("How much"),
    _("Unit"),
    _("Grams"),
    _("Picked by"),
)
UNIT_NAMES = {
    Unit.GRAMS: "g",
    Unit.KILOGRAMS: _("kg"),
    Unit.COUNT: _("counted"),
    Unit.BUNCH: _("bunches"),
}
HARVEST_ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
# Rows fetched in one go: a screenful or two, and few enough to fetch at once.
PAGE = 200

# What each column shows, worked out only for the cell asked for.
TEXTS: dict[int, Callable[[HarvestInfo], str]] = {
    COL_DATE: lambda h: short_date(h.day),
    COL_CROP: lambda h: h.crop_name,
    COL_VARIETY: lambda h: h.variety or "",
    COL_BED: lambda h: h.bed_name or "",
    COL_QUANTITY: lambda h: format_number(h.quantity),
    COL_UNIT: lambda h: UNIT_NAMES[h.unit],
    COL_GRAMS: lambda h: format_number(h.grams) if h.grams is not None else "",
    COL_PICKED_BY: lambda h: h.picked_by_name or _("Someone"),
}

# What the database sorts by for each column.
SORTS: dict[int, LogSort] = {
    COL_DATE: LogSort.DAY,
    COL_CROP: LogSort.CROP,
    COL_VARIETY: LogSort.VARIETY,
    COL_BED: LogSort.BED,
    COL_QUANTITY: LogSort.QUANTITY,
    COL_UNIT: LogSort.UNIT,
    COL_GRAMS: LogSort.GRAMS,
    COL_PICKED_BY: LogSort.PICKED_BY,
}
EMPTY = LogSummary(0, Totals(0, 0.0, 0.0, 0.0))


class HarvestTableModel(RowsTableModel):
    """The harvests that pass the filters, in order; it asks the services for a page at a time."""

    headers = HEADERS

    def __init__(self, db: Database | None = None) -> None:
        super().__init__()
        self.db = db
        self.filters = HarvestFilters()
        self.order = LogOrder()
        self._summary = EMPTY
        self._pages: dict[int, list[HarvestInfo]] = {}
        # Pages that could not be read (a server gone away), left empty until a reload.
        self._unreadable: set[int] = set()

    def set_filters(self, filters: HarvestFilters) -> None:
        """Show the harvests that pass ``filters``, from the first page (a reset)."""
        self.beginResetModel()
        self.filters = filters
        self._pages, self._unreadable = {}, set()
        self._summary = EMPTY if self.db is None else log_summary(self.db, filters)
        self.endResetModel()

    def reload(self) -> None:
        """Fetch the count, the totals and the rows again (the log has changed)."""
        self.set_filters(self.filters)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the whole log by ``column``, keeping the row chosen chosen."""
        if column not in SORTS:
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        ids = [self.harvest(i.row()).id for i in kept]
        self.order = LogOrder(SORTS[column], order == Qt.SortOrder.DescendingOrder)
        self._pages, self._unreadable = {}, set()
        moved = [self.row_of(harvest_id) for harvest_id in ids]
        self.changePersistentIndexList(
            kept,
            [
                self.index(row, i.column()) if row is not None else QModelIndex()
                for row, i in zip(moved, kept, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Return how many harvests pass the filters (not only the ones fetched)."""
        return 0 if parent.isValid() else self._summary.count

    def harvest(self, row: int) -> HarvestInfo:
        """Return the harvest on ``row``, fetching its page the first time.

        Raises DatabaseError when the page cannot be read (a server gone away, say).
        """
        number, place = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None:
            page = (
                []
                if self.db is None
                else log_page(self.db, self.filters, self.order, number * PAGE, PAGE)
            )
            self._pages[number] = page
        return page[place]

    def row_data(self, row: int) -> Any:
        """Return the plain data on ``row``."""
        return self.harvest(row)

    def row_of(self, row_id: int) -> int | None:
        """Return the row of harvest ``row_id``, or None if the filters leave it out."""
        if self.db is None:
            return None
        return log_position(self.db, self.filters, self.order, row_id)

    def fetched(self) -> int:
        """Return how many rows the model holds now."""
        return sum(len(page) for page in self._pages.values())

    def shown(self) -> list[HarvestInfo]:
        """Return every harvest that passes the filters, in order (it fetches them all)."""
        return [self.harvest(row) for row in range(self.rowCount())]

    def totals(self) -> Totals:
        """Return the totals of every harvest that passes the filters."""
        return self._summary.totals

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return what a cell shows for ``role``."""
        if not index.isValid() or not 0 <= index.row() < self._summary.count:
            return None
        page = index.row() // PAGE
        if page in self._unreadable:
            return None
        try:
            harvest = self.harvest(index.row())
        except DatabaseError:
            # Painting must not fail, nor try again for every cell: the page stays empty
            # until the log is loaded again, the fault is in the log, and the next thing the
            # person does says in plain words that the farm cannot be read.
            self._unreadable.add(page)
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return TEXTS[column](harvest)
        if role == HARVEST_ID_ROLE:
            return harvest.id
        if role == Qt.ItemDataRole.DecorationRole:
            if column == COL_CROP:
                return icons.icon(harvest.crop_icon)
            if column == COL_UNIT:
                return icons.icon("scale" if harvest.grams is not None else harvest.unit.value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_QUANTITY, COL_GRAMS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
