"""The allotment map: every bed drawn to scale where it stands, with its owner and crops."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from dutchfarm.services.beds import BedInfo
from dutchfarm.ui import icons
from dutchfarm.ui.theme import colours
from dutchfarm.ui.widgets import scaled
from dutchfarm.words import _

# Pixels for one metre at 100% zoom.
PX_PER_M = 90.0
# Moves snap to 10 cm, the precision anyone measures a bed to.
SNAP_M = 0.1
SHARED_COLOUR = "#E3EBD3"
GRASS = "#CFE0B4"


class BedLabel(QGraphicsItem):
    """A bed's name, owner's picture and crop pictures, drawn at a fixed size on screen."""

    def __init__(self, bed: BedInfo, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.bed = bed
        # Sizes on screen, grown with the text size setting.
        self.name_px = scaled(15)
        self.picture_px = scaled(44)
        self.crop_px = scaled(26)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setPos(0, 0)

    def _screen_size(self) -> tuple[float, float]:
        scene = self.scene()
        zoom = float(scene.property("zoom") or 1.0) if scene is not None else 1.0
        return self.bed.width * PX_PER_M * zoom, self.bed.length * PX_PER_M * zoom

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        """Return the area the label draws in, in screen pixels."""
        width, length = self._screen_size()
        return QRectF(0, 0, width, length)

    def paint(  # noqa: D102 - Qt override
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        width, length = self._screen_size()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont()
        font.setBold(True)
        # As large as the text size asks, but small enough for the whole name to fit the
        # bed as drawn; below 11 px the name is shortened instead.
        pixels = self.name_px
        while True:
            font.setPixelSize(pixels)
            if QFontMetricsF(font).horizontalAdvance(self.bed.name) <= width - 8 or pixels <= 11:
                break
            pixels -= 1
        painter.setFont(font)
        painter.setPen(QColor(colours().text))
        name = QFontMetricsF(font).elidedText(self.bed.name, Qt.TextElideMode.ElideRight, width - 8)
        painter.drawText(QRectF(4, 2, width - 6, pixels + 6), name)
        top = pixels + 8.0
        if self.bed.warnings:
            # A rotation problem is a warning sign in the corner, and words in the tooltip.
            sign = min(28.0, width / 3)
            painter.drawPixmap(
                QRectF(width - sign - 2, 2, sign, sign),
                icons.pixmap("warning", 56),
                QRectF(0, 0, 56, 56),
            )
        owner = self.bed.owner
        if owner is not None:
            side = min(self.picture_px, max(16.0, width - 8))
            if self.bed.crops:
                # Leave room for at least one row of crop pictures under the owner.
                side = max(16.0, min(side, (length - top) / 2 - 4))
            picture = icons.person_pixmap(owner.name, owner.colour, owner.avatar, owner.photo, 88)
            painter.drawPixmap(QRectF(4, top, side, side), picture, QRectF(picture.rect()))
            top += side + 4
        size = min(self.crop_px, max(12.0, width - 8), max(12.0, length - top - 2))
        x, y = 4.0, top
        for crop in self.bed.crops:
            if x + size > width - 2:
                x, y = 4.0, y + size + 2
            if y + size > length:
                break
            crop_picture = icons.pixmap(crop.icon, 52)
            painter.drawPixmap(QRectF(x, y, size, size), crop_picture, QRectF(0, 0, 52, 52))
            x += size + 2


class BedItem(QGraphicsObject):
    """One bed: a rectangle in its owner's colour with its name, owner and crop pictures."""

    moved = Signal(int, float, float)

    def __init__(self, bed: BedInfo, movable: bool) -> None:
        super().__init__()
        self.bed = bed
        self.setPos(bed.x * PX_PER_M, bed.y * PX_PER_M)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, movable)
        self.setCursor(
            Qt.CursorShape.OpenHandCursor if movable else Qt.CursorShape.PointingHandCursor
        )
        owner = _("{name}'s bed").format(name=bed.owner.name) if bed.owner else _("A shared bed")
        crops = ", ".join(crop.name for crop in bed.crops) or _("nothing planted yet")
        self.setToolTip(
            " ".join(
                (
                    _("{name}. {owner}. Growing: {crops}.").format(
                        name=bed.name, owner=owner, crops=crops
                    ),
                    *bed.warnings,
                )
            )
        )
        self._press_pos = QPointF()
        # The words and pictures keep their size on screen whatever the zoom, and are
        # clipped to the bed, so they stay readable on a map of the whole allotment.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape, True)
        self.label = BedLabel(bed, self)

    def shape(self) -> QPainterPath:
        """Return the bed's own rectangle, which its label is clipped to."""
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.bed.width * PX_PER_M, self.bed.length * PX_PER_M))
        return path

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        """Return the bed's rectangle in its own coordinates, with room for the outline."""
        return QRectF(-3, -3, self.bed.width * PX_PER_M + 6, self.bed.length * PX_PER_M + 6)

    def paint(  # noqa: D102 - Qt override
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = QRectF(0, 0, self.bed.width * PX_PER_M, self.bed.length * PX_PER_M)
        colour = QColor(self.bed.owner.colour if self.bed.owner else SHARED_COLOUR)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QBrush(colour))
        selected = self.isSelected()
        pen = QPen(QColor(colours().focus if selected else colours().text), 5 if selected else 2)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawRoundedRect(rect, 8, 8)
        if self.bed.owner is None:
            # Shared beds are hatched as well as coloured, so colour is not the only sign.
            painter.setBrush(QBrush(QColor(colours().border), Qt.BrushStyle.BDiagPattern))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 6, 6)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        """Remember where a drag started."""
        self._press_pos = self.pos()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        """Snap a dragged bed to 10 cm and report the move, to be saved."""
        super().mouseReleaseEvent(event)
        if self.pos() != self._press_pos:
            self.snap_and_report()

    def snap_and_report(self) -> None:
        """Snap to 10 cm (never off the map's top or left) and emit ``moved``."""
        x = max(0.0, round(self.pos().x() / PX_PER_M / SNAP_M) * SNAP_M)
        y = max(0.0, round(self.pos().y() / PX_PER_M / SNAP_M) * SNAP_M)
        self.setPos(x * PX_PER_M, y * PX_PER_M)
        self.moved.emit(self.bed.id, round(x, 2), round(y, 2))


class BedMapView(QGraphicsView):
    """The map: zoom with the wheel, + and -, 0 to fit; arrows choose a bed, or move it."""

    bed_chosen = Signal(int)
    bed_opened = Signal(int)
    bed_moved = Signal(int, float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QColor(GRASS))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Map of the allotment"))
        self.items_by_id: dict[int, BedItem] = {}
        self.movable = False
        self.beds_words = ""
        # The map keeps the whole allotment in view as it is resized, until someone zooms.
        self.fit_on_resize = True
        self.scene().selectionChanged.connect(self._selection_changed)

    def set_beds(self, beds: list[BedInfo], movable: bool) -> None:
        """Draw ``beds``; the coordinator may drag them."""
        chosen = self.chosen_bed()
        self.scene().clear()
        self.items_by_id = {}
        self.movable = movable
        for bed in beds:
            item = BedItem(bed, movable)
            item.moved.connect(self.bed_moved)
            self.scene().addItem(item)
            self.items_by_id[bed.id] = item
        self.scene().setProperty("zoom", self.transform().m11())
        # The map's extent comes from the beds alone: their labels are sized for the
        # screen, not the ground, and would stretch it.
        bounds = QRectF()
        for bed in beds:
            bounds = bounds.united(
                QRectF(
                    bed.x * PX_PER_M, bed.y * PX_PER_M, bed.width * PX_PER_M, bed.length * PX_PER_M
                )
            )
        self.scene().setSceneRect(bounds.adjusted(-30, -30, 30, 30) if beds else QRectF())
        self.beds_words = _("{beds} beds. ").format(beds=len(beds)) + " ".join(
            f"{bed.name}: {bed.owner.name if bed.owner else 'shared'}"
            f"{', ' + ', '.join(c.name for c in bed.crops) if bed.crops else ''}."
            for bed in beds
        )
        self.setAccessibleDescription(self.beds_words)
        if chosen is not None and chosen in self.items_by_id:
            self.choose(chosen)

    def chosen_bed(self) -> int | None:
        """Return the id of the selected bed, or None."""
        selected = [item for item in self.scene().selectedItems() if isinstance(item, BedItem)]
        return selected[0].bed.id if selected else None

    def choose(self, bed_id: int) -> None:
        """Select the bed ``bed_id`` and bring it into view."""
        item = self.items_by_id.get(bed_id)
        if item is None or self.chosen_bed() == bed_id:
            return
        # Quietly: choosing from the list must not echo back as a choice on the map.
        self.scene().blockSignals(True)
        self.scene().clearSelection()
        item.setSelected(True)
        self.scene().blockSignals(False)
        self.scene().update()
        self.ensureVisible(item)
        self._describe()

    def _describe(self) -> None:
        # A screen reader hears the chosen bed first, then every bed on the map.
        chosen = self.items_by_id.get(self.chosen_bed() or 0)
        words = _("Chosen: {0} ").format(chosen.toolTip()) if chosen is not None else ""
        self.setAccessibleDescription(words + self.beds_words)

    def _selection_changed(self) -> None:
        self._describe()
        chosen = self.chosen_bed()
        if chosen is not None:
            self.bed_chosen.emit(chosen)

    def zoom_to_fit(self) -> None:
        """Show the whole allotment."""
        if not self.items_by_id:
            return
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.fit_on_resize = True
        self._zoom_changed()

    def zoom(self, factor: float) -> None:
        """Zoom in (factor above 1) or out, within sensible limits."""
        current = self.transform().m11()
        if 0.15 <= current * factor <= 6:
            self.scale(factor, factor)
            self.fit_on_resize = False
            self._zoom_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Keep the whole allotment in view while nobody has zoomed."""
        super().resizeEvent(event)
        if self.fit_on_resize:
            self.zoom_to_fit()

    def _zoom_changed(self) -> None:
        # Labels draw at screen size inside their bed, so they need the zoom to know how
        # much room the bed has on screen.
        scene = self.scene()
        scene.setProperty("zoom", self.transform().m11())
        for item in self.items_by_id.values():
            item.label.prepareGeometryChange()
            item.label.update()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        """Zoom with the mouse wheel."""
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)

    def mouseDoubleClickEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """Open the bed that was double-clicked."""
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, BedItem):
            item = item.parentItem()
        if isinstance(item, BedItem):
            self.bed_opened.emit(item.bed.id)
        else:
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """+/- zoom, 0 fits, Enter opens the chosen bed; arrows move it (coordinator) or choose."""
        key = event.key()
        chosen = self.chosen_bed()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key == Qt.Key.Key_0:
            self.zoom_to_fit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and chosen is not None:
            self.bed_opened.emit(chosen)
        elif self.movable and chosen is not None and key in _ARROWS:
            dx, dy = _ARROWS[Qt.Key(key)]
            item = self.items_by_id[chosen]
            item.setPos(item.pos() + QPointF(dx * SNAP_M * PX_PER_M, dy * SNAP_M * PX_PER_M))
            item.snap_and_report()
        elif key in _ARROWS and self.items_by_id:
            self.choose_towards(Qt.Key(key))
        else:
            super().keyPressEvent(event)

    def choose_towards(self, key: Qt.Key) -> None:
        """Choose the nearest bed left, right, above or below the chosen one (by arrow key)."""
        chosen = self.chosen_bed()
        if chosen is None:
            first = min(self.items_by_id.values(), key=lambda i: (i.pos().y(), i.pos().x()))
            self.choose(first.bed.id)
            self.bed_chosen.emit(first.bed.id)
            return
        dx, dy = _ARROWS[key]
        here = self.items_by_id[chosen].sceneBoundingRect().center()
        best: tuple[float, float] | None = None
        found: BedItem | None = None
        for item in self.items_by_id.values():
            offset = item.sceneBoundingRect().center() - here
            ahead = offset.x() * dx + offset.y() * dy
            aside = abs(offset.x() * dy) + abs(offset.y() * dx)
            # Only beds in the arrow's direction, the nearest and most in line first.
            if item.bed.id == chosen or ahead <= 0 or aside > ahead * 2:
                continue
            score = (ahead + 2 * aside, aside)
            if best is None or score < best:
                best, found = score, item
        if found is not None:
            self.choose(found.bed.id)
            self.bed_chosen.emit(found.bed.id)


_ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
