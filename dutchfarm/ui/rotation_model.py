"""The table model behind the rotation grid: beds as rows, seasons as columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QIcon, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from dutchfarm.domain.rotation import GROUP_NAMES
from dutchfarm.services.rotation import GridCell, RotationGrid
from dutchfarm.ui import icons
from dutchfarm.ui.theme import colours
from dutchfarm.words import _

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
EMPTY = GridCell((), (), ())
Index = QModelIndex | QPersistentModelIndex


def cell_icon(cell: GridCell, size: int = 32) -> QIcon:
    """Return the cell's crop pictures side by side, with a warning sign first if needed."""
    names = (["warning"] if cell.conflicts else []) + [crop.icon for crop in cell.crops[:3]]
    if not names:
        return QIcon()
    image = QImage(len(names) * (size + 2), size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    for position, name in enumerate(names):
        painter.drawPixmap(
            QRectF(position * (size + 2), 0, size, size),
            icons.pixmap(name, size * 2),
            QRectF(0, 0, size * 2, size * 2),
        )
    painter.end()
    return QIcon(QPixmap.fromImage(image))


def cell_words(cell: GridCell) -> str:
    """Return the cell as words: the groups' names, then the crops."""
    if not cell.crops:
        return ""
    groups = ", ".join(GROUP_NAMES.get(group, group) for group in cell.groups)
    crops = ", ".join(crop.name for crop in cell.crops)
    return f"{groups}\n{crops}"


class RotationGridModel(QAbstractTableModel):
    """What grew in each bed each season, coloured and named by rotation group."""

    def __init__(self) -> None:
        super().__init__()
        self.grid = RotationGrid((), (), {}, 3)
        self.colours: dict[str, str] = {}
        self.this_year = 0

    def set_grid(self, grid: RotationGrid, colours: dict[str, str], this_year: int) -> None:
        """Replace the whole grid (a model reset)."""
        self.beginResetModel()
        self.grid = grid
        self.colours = dict(colours)
        self.this_year = this_year
        self.endResetModel()

    def cell(self, row: int, column: int) -> GridCell:
        """Return the cell for a row (bed) and column (year)."""
        bed_id = self.grid.beds[row][0]
        return self.grid.cells.get((bed_id, self.grid.years[column]), EMPTY)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Return the number of beds."""
        return 0 if parent.isValid() else len(self.grid.beds)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """Return the number of seasons shown."""
        return 0 if parent.isValid() else len(self.grid.years)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Return the years across the top and the beds down the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.grid.years):
            year = self.grid.years[section]
            return _("{year}\n(next)").format(year=year) if year > self.this_year else str(year)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.grid.beds):
            return self.grid.beds[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return a cell's words, pictures, colour and explanation."""
        if not index.isValid() or not 0 <= index.row() < len(self.grid.beds):
            return None
        cell = self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_words(cell)
        if role == Qt.ItemDataRole.DecorationRole:
            return cell_icon(cell)
        if role == Qt.ItemDataRole.BackgroundRole and cell.groups:
            return QBrush(QColor(self.colours.get(cell.groups[0], "#FFFFFF")))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(colours().text))
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            bed = self.grid.beds[index.row()][1]
            year = self.grid.years[index.column()]
            words = cell_words(cell).replace("\n", ": ") or "nothing"
            return " ".join((f"{bed}, {year}: {words}.", *cell.conflicts))
        if role == SORT_ROLE:
            # Sorting a season's column groups the beds by what they grew that year.
            return cell_words(cell)
        return None


class RotationCellDelegate(QStyledItemDelegate):
    """Draws a grid cell: its group's colour, the crops' pictures in a row, the words below."""

    def __init__(self, model: RotationGridModel, proxy: QSortFilterProxyModel) -> None:
        super().__init__()
        self.model = model
        self.proxy = proxy

    def paint(  # noqa: D102 - Qt override
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index
    ) -> None:
        source = self.proxy.mapToSource(self.proxy.index(index.row(), index.column()))
        cell = self.model.cell(source.row(), source.column())
        rect = option.rect
        painter.save()
        colour = self.model.colours.get(cell.groups[0], "#FFFFFF") if cell.groups else "#FFFFFF"
        painter.fillRect(rect, QColor(colour))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(QColor(colours().focus), 4))
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
        size = min(28, max(16, rect.height() // 3))
        x, y = rect.left() + 6, rect.top() + 4
        names = (["warning"] if cell.conflicts else []) + [crop.icon for crop in cell.crops]
        for name in names:
            if x + size > rect.right() - 4:
                break
            painter.drawPixmap(
                QRectF(x, y, size, size),
                icons.pixmap(name, size * 2),
                QRectF(0, 0, size * 2, size * 2),
            )
            x += size + 3
        painter.setPen(QColor(colours().text))
        painter.setFont(option.font)
        # Each group's name on its own line, shortened with "…" if the column is narrow;
        # the tooltip always has the whole of it.
        metrics = QFontMetrics(option.font)
        words = "\n".join(
            metrics.elidedText(
                GROUP_NAMES.get(group, group), Qt.TextElideMode.ElideRight, rect.width() - 10
            )
            for group in cell.groups
        )
        text_rect = rect.adjusted(6, size + 8, -4, -2)
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), words
        )
        painter.restore()
