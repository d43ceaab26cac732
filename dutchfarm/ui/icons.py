"""Pictures: the bundled SVG icons and each person's own picture, drawn at any size."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache, partial
from importlib.resources import as_file, files

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QStyleOption


@cache
def _renderer(name: str) -> QSvgRenderer | None:
    entry = files("dutchfarm.resources").joinpath("icons", f"{name}.svg")
    if not entry.is_file():
        return None
    with as_file(entry) as path:
        renderer = QSvgRenderer(str(path))
    return renderer if renderer.isValid() else None


def has_icon(name: str) -> bool:
    """Return True when a bundled icon of that name exists."""
    return _renderer(name) is not None


@lru_cache(maxsize=2048)
def pixmap(name: str, size: int) -> QPixmap:
    """Return the icon ``name`` drawn as a square pixmap of ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = _renderer(name) or _renderer("note")
    if renderer is not None:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
    return QPixmap.fromImage(image)


class DrawnWhenShown(QIconEngine):
    """An icon drawn at the size asked for the first time it is shown, not before."""

    def __init__(self, draw: Callable[[int], QPixmap]) -> None:
        super().__init__()
        self.draw = draw

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """Return the picture at ``size``, greyed or tinted as Qt does any icon's."""
        picture = self.draw(min(size.width(), size.height()))
        if mode is not QIcon.Mode.Normal:
            return QApplication.style().generatedIconPixmap(mode, picture, QStyleOption())
        return picture

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """Draw the picture into ``rect``."""
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def clone(self) -> QIconEngine:
        """Return a copy, as Qt asks for when an icon is copied and then changed."""
        return DrawnWhenShown(self.draw)


def drawn_icon(draw: Callable[[int], QPixmap]) -> QIcon:
    """Return an icon that calls ``draw(side)`` for its picture only when it is shown."""
    return QIcon(DrawnWhenShown(draw))


@lru_cache(maxsize=512)
def icon(name: str) -> QIcon:
    """Return the icon ``name`` as a QIcon, drawn sharp at whatever size it is shown."""
    return drawn_icon(partial(pixmap, name))


def _initials(name: str) -> str:
    parts = [part for part in name.split() if part]
    return "".join(part[0] for part in parts[:2]).upper() or "?"


def draw(painter: QPainter, name: str, rect: QRectF) -> None:
    """Draw the icon ``name`` into ``rect`` as vector shapes (sharp on paper and in PDFs)."""
    renderer = _renderer(name) or _renderer("note")
    if renderer is not None:
        renderer.render(painter, rect)


def paint_person(
    painter: QPainter,
    rect: QRectF,
    name: str,
    colour: str,
    avatar: str | None,
    photo: bytes | None,
) -> None:
    """Paint a person's round picture into ``rect``: their photo, else avatar, else initials."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    size = min(rect.width(), rect.height())
    # The ring is about a pixel wide at screen sizes and grows with the picture on paper.
    ring = max(1.0, size / 64)
    circle_rect = QRectF(
        rect.x() + (rect.width() - size) / 2 + ring / 2,
        rect.y() + (rect.height() - size) / 2 + ring / 2,
        size - ring,
        size - ring,
    )
    circle = QPainterPath()
    circle.addEllipse(circle_rect)
    painter.fillPath(circle, QColor(colour))
    photo_image = QImage.fromData(QByteArray(photo)) if photo else QImage()
    if not photo_image.isNull():
        painter.setClipPath(circle)
        painter.drawImage(circle_rect, _square(photo_image))
        painter.setClipping(False)
    elif avatar and has_icon(avatar):
        inset = size * 0.12
        draw(painter, avatar, circle_rect.adjusted(inset, inset, -inset, -inset))
    else:
        font = QFont()
        font.setPixelSize(max(10, int(size * 0.4)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#1B1B1B"))
        painter.drawText(circle_rect, Qt.AlignmentFlag.AlignCenter, _initials(name))
    # A dark ring keeps the picture distinct on any background.
    pen = QPen(QColor("#1B1B1B"))
    pen.setWidthF(ring)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(circle_rect)
    painter.restore()


def _square(image: QImage) -> QImage:
    """Return the middle square of a photo, so it fills a circle without stretching."""
    side = min(image.width(), image.height())
    return image.copy((image.width() - side) // 2, (image.height() - side) // 2, side, side)


@lru_cache(maxsize=512)
def _person_pixmap(
    name: str, colour: str, avatar: str | None, photo: bytes | None, size: int
) -> QPixmap:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_person(painter, QRectF(0, 0, size, size), name, colour, avatar, photo)
    painter.end()
    return QPixmap.fromImage(image)


def person_pixmap(
    name: str, colour: str, avatar: str | None, photo: bytes | None, size: int
) -> QPixmap:
    """Return a person's round picture: their photo, else their avatar, else initials."""
    return _person_pixmap(name, colour, avatar, photo, size)


def photo_to_png(image: QImage, longest: int = 256) -> bytes:
    """Return a picture scaled to at most ``longest`` pixels a side, as PNG bytes."""
    if image.width() > longest or image.height() > longest:
        image = image.scaled(
            longest,
            longest,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    device = QBuffer()
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as text here, whatever its type hints say.
    image.save(device, "PNG")  # type: ignore[call-overload]
    device.close()
    return bytes(device.data().data())
