"""The table model behind the harvest log, and the filter that also adds up what it shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from dutchfarm.domain.harvest import HarvestPoint, Totals, format_number, short_date, totals
from dutchfarm.domain.terms import Unit
from dutchfarm.services.harvest import HarvestInfo
from dutchfarm.ui import icons
from dutchfarm.ui.table_model import RowsTableModel

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
HEADERS = ("Date", "Crop", "Variety", "Bed", "How much", "Unit", "Grams", "Picked by")
UNIT_NAMES = {Unit.GRAMS: "g", Unit.KILOGRAMS: "kg", Unit.COUNT: "counted", Unit.BUNCH: "bunches"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
HARVEST_ID_ROLE = Qt.ItemDataRole.UserRole + 2
# A filter value meaning "harvests with no bed" (or picked by "someone").
NONE = -1

Index = QModelIndex | QPersistentModelIndex


class HarvestTableModel(RowsTableModel):
    """Harvests as rows; it holds plain data only and never reads the database."""

    headers = HEADERS

    def harvest(self, row: int) -> HarvestInfo:
        """Return the harvest on ``row``."""
        harvest: HarvestInfo = self.row_data(row)
        return harvest

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return what a cell shows for ``role``."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        harvest = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(harvest, column)
        if role == SORT_ROLE:
            return self._sort_value(harvest, column)
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

    def _text(self, harvest: HarvestInfo, column: int) -> str:
        texts = {
            COL_DATE: short_date(harvest.day),
            COL_CROP: harvest.crop_name,
            COL_VARIETY: harvest.variety or "",
            COL_BED: harvest.bed_name or "",
            COL_QUANTITY: format_number(harvest.quantity),
            COL_UNIT: UNIT_NAMES[harvest.unit],
            COL_GRAMS: format_number(harvest.grams) if harvest.grams is not None else "",
            COL_PICKED_BY: harvest.picked_by_name or "Someone",
        }
        return texts.get(column, "")

    def _sort_value(self, harvest: HarvestInfo, column: int) -> Any:
        if column == COL_DATE:
            return (harvest.day.toordinal() * 10_000_000) + harvest.id
        if column == COL_QUANTITY:
            return harvest.quantity
        if column == COL_GRAMS:
            return harvest.grams if harvest.grams is not None else -1.0
        return self._text(harvest, column).casefold()


class HarvestFilterModel(QSortFilterProxyModel):
    """Sorts by each column's own value; shows harvests between two dates, of one crop, …."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.first: dt.date | None = None
        self.last: dt.date | None = None
        self.crop_id: int | None = None
        self.bed_id: int | None = None
        self.person_id: int | None = None

    def set_filters(
        self,
        *,
        first: dt.date | None = None,
        last: dt.date | None = None,
        crop_id: int | None = None,
        bed_id: int | None = None,
        person_id: int | None = None,
    ) -> None:
        """Show only harvests matching every filter given (None: any; NONE: none set)."""
        # Qt 6.9 brought begin/endFilterChange and deprecated the older invalidate call.
        modern = hasattr(self, "beginFilterChange")
        if modern:
            self.beginFilterChange()
        self.first, self.last = first, last
        self.crop_id, self.bed_id, self.person_id = crop_id, bed_id, person_id
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        """Return True when the harvest on ``source_row`` passes every filter."""
        model = self.sourceModel()
        if not isinstance(model, HarvestTableModel):
            return True
        harvest = model.harvest(source_row)
        if self.first is not None and harvest.day < self.first:
            return False
        if self.last is not None and harvest.day > self.last:
            return False
        if self.crop_id is not None and harvest.crop_id != self.crop_id:
            return False
        if self.bed_id is not None and (harvest.bed_id or NONE) != self.bed_id:
            return False
        return self.person_id is None or (harvest.picked_by_id or NONE) == self.person_id

    def shown(self) -> list[HarvestInfo]:
        """Return the harvests shown now, in the order shown."""
        model = self.sourceModel()
        assert isinstance(model, HarvestTableModel)
        return [
            model.harvest(self.mapToSource(self.index(row, 0)).row())
            for row in range(self.rowCount())
        ]

    def totals(self) -> Totals:
        """Add up the harvests shown: grams, counts and bunches kept apart."""
        return totals(
            HarvestPoint(h.day, h.crop_plural, h.quantity, h.unit, h.grams) for h in self.shown()
        )
