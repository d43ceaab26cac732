"""The table model behind the harvest log: it filters, sorts and adds up its own rows.

A season of a large farm is 10,000 harvests. A QSortFilterProxyModel would ask Python for
every row's sort value at every comparison; sorting and filtering the plain list here costs
a few milliseconds, and the view only asks for the rows it paints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from dutchfarm.domain.harvest import HarvestPoint, Totals, format_number, short_date, totals
from dutchfarm.domain.terms import Unit
from dutchfarm.services.harvest import HarvestInfo
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
# A filter value meaning "harvests with no bed" (or picked by "someone").
NONE = -1

Index = QModelIndex | QPersistentModelIndex

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

# How each column sorts: dates by day (the later logged first among equals), amounts by
# their number, the rest by their words without regard to case.
SORT_KEYS: dict[int, Callable[[HarvestInfo], Any]] = {
    COL_DATE: lambda h: (h.day, h.id),
    COL_QUANTITY: lambda h: h.quantity,
    COL_GRAMS: lambda h: h.grams if h.grams is not None else -1.0,
}


@dataclass(frozen=True)
class HarvestFilters:
    """Which harvests the log shows: between two dates, of one crop, bed or picker."""

    first: dt.date | None = None
    last: dt.date | None = None
    crop_id: int | None = None
    bed_id: int | None = None
    person_id: int | None = None

    def accepts(self, harvest: HarvestInfo) -> bool:
        """Return True when ``harvest`` passes every filter (None: any; NONE: none set)."""
        if self.first is not None and harvest.day < self.first:
            return False
        if self.last is not None and harvest.day > self.last:
            return False
        if self.crop_id is not None and harvest.crop_id != self.crop_id:
            return False
        if self.bed_id is not None and (harvest.bed_id or NONE) != self.bed_id:
            return False
        return self.person_id is None or (harvest.picked_by_id or NONE) == self.person_id


class HarvestTableModel(RowsTableModel):
    """The harvests shown, filtered and sorted; it holds plain data and never reads the database."""

    headers = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self._all: list[HarvestInfo] = []
        self.filters = HarvestFilters()
        self.sort_column = COL_DATE
        self.sort_order = Qt.SortOrder.DescendingOrder

    def set_rows(self, rows: list[Any], filters: HarvestFilters | None = None) -> None:
        """Replace every harvest (and the filters, if given), keeping the order (a reset)."""
        self._all = list(rows)
        if filters is not None:
            self.filters = filters
        self.beginResetModel()
        self._rows = self._shown()
        self.endResetModel()

    def set_filters(self, filters: HarvestFilters) -> None:
        """Show only the harvests that pass ``filters``."""
        self.filters = filters
        self.beginResetModel()
        self._rows = self._shown()
        self.endResetModel()

    def _shown(self) -> list[HarvestInfo]:
        accepts = self.filters.accepts
        column = self.sort_column
        key = SORT_KEYS.get(column) or (lambda h: TEXTS[column](h).casefold())
        return sorted(
            (h for h in self._all if accepts(h)),
            key=key,
            reverse=self.sort_order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``, keeping the row chosen chosen."""
        if column not in TEXTS:
            return
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._rows = self._shown()
        moved = {id(harvest): row for row, harvest in enumerate(self._rows)}
        kept = self.persistentIndexList()
        self.changePersistentIndexList(
            kept, [self.index(moved[id(before[i.row()])], i.column()) for i in kept]
        )
        self.layoutChanged.emit()

    def harvest(self, row: int) -> HarvestInfo:
        """Return the harvest on ``row``."""
        harvest: HarvestInfo = self.row_data(row)
        return harvest

    def shown(self) -> list[HarvestInfo]:
        """Return the harvests shown now, in the order shown."""
        return list(self._rows)

    def totals(self) -> Totals:
        """Add up the harvests shown: grams, counts and bunches kept apart."""
        return totals(
            HarvestPoint(h.day, h.crop_plural, h.quantity, h.unit, h.grams) for h in self._rows
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return what a cell shows for ``role``."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        harvest = self._rows[index.row()]
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
