"""The picture rota on A4: each person's picture and name, big, with their jobs' pictures."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from dutchfarm.domain.jobs import long_date
from dutchfarm.services.rota import PrintableRota, PrintJob, PrintPerson
from dutchfarm.ui import icons
from dutchfarm.ui.theme import FONT_FAMILY, load_fonts
from dutchfarm.words import _

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

MARGIN_MM = 10
PDF_DPI = 300
# Full size, as a volunteer reads it from across the cabin: the picture, the name (points),
# a job's picture, and the words under it (points).
PICTURE_MM = 35
NAME_PT = 30
JOB_MM = 25
JOB_PT = 22
DATE_PT = 40
# Smaller sizes are tried only to keep a big team on one page, never below this.
SMALLEST_SCALE = 0.6
TEXT = QColor("#1B1B1B")
RULE = QColor("#7A7565")


@dataclass(frozen=True)
class _Sizes:
    """Every size on the page, in device pixels, for one scale and number of columns.

    One column puts each person's name between their picture and their jobs; two columns
    (for a big team) put the name above the jobs, to make room across.
    """

    mm: float
    scale: float
    columns: int

    def px(self, millimetres: float) -> float:
        return millimetres * self.mm * self.scale

    @property
    def stacked(self) -> bool:
        return self.columns > 1

    @property
    def picture(self) -> float:
        return self.px(PICTURE_MM)

    @property
    def job(self) -> float:
        return self.px(JOB_MM)

    @property
    def gap(self) -> float:
        return self.px(4)

    @property
    def narrowest_slot(self) -> float:
        # A job's picture with room beside it for "Picking the harvest" in three short lines.
        return self.job + self.gap / 2 + self.px(27)

    @property
    def name_points(self) -> float:
        return NAME_PT * self.scale

    @property
    def job_points(self) -> float:
        return JOB_PT * self.scale


def _and_list(names: tuple[str, ...]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@lru_cache(maxsize=256)
def _font(points: float, bold: bool = True) -> QFont:
    """The typeface at a size; shared, so never changed by a caller (copy it first)."""
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


class _Page:
    """Lays out and paints the rota on pages of one device (a PDF or a printer)."""

    def __init__(self, device: QPagedPaintDevice, rota: PrintableRota, dpi: int) -> None:
        self.device = device
        self.rota = rota
        # The painter starts at the top left of the printable area, inside the margins.
        paint = device.pageLayout().paintRectPixels(dpi)
        self.area = QRectF(0, 0, paint.width(), paint.height())
        self.mm = dpi / 25.4
        self._name_widths: dict[_Sizes, float] = {}
        points = DATE_PT
        while self._width(_font(points), long_date(rota.day)) > self.area.width():
            points -= 1
        self.title_font = _font(points)
        self.small_font = _font(16, bold=False)
        self.header = self._height(self.title_font) + self._height(self.small_font) * 1.6
        footer_lines = len(rota.problems) + (1 if rota.problems else 0)
        self.footer = self._height(self.small_font) * 1.3 * footer_lines

    def _width(self, font: QFont, text: str) -> float:
        return QFontMetricsF(font, self.device).horizontalAdvance(text)

    def _height(self, font: QFont) -> float:
        return QFontMetricsF(font, self.device).height()

    # --- layout -----------------------------------------------------------------------------

    def _column_width(self, sizes: _Sizes) -> float:
        return (self.area.width() - sizes.gap * 2 * (sizes.columns - 1)) / sizes.columns

    def _name_width(self, sizes: _Sizes) -> float:
        if sizes.stacked:
            return self._column_width(sizes) - sizes.picture - sizes.gap
        if sizes not in self._name_widths:
            font = _font(sizes.name_points)
            widest = max((self._width(font, p.name) for p in self.rota.people), default=0.0)
            self._name_widths[sizes] = min(widest, self._column_width(sizes) * 0.3)
        return self._name_widths[sizes]

    def _jobs_width(self, sizes: _Sizes) -> float:
        room = self._column_width(sizes) - sizes.picture - sizes.gap
        return room if sizes.stacked else room - self._name_width(sizes) - sizes.gap

    def _per_line(self, sizes: _Sizes, jobs: int) -> int:
        room = self._jobs_width(sizes)
        most = max(1, math.floor((room + sizes.gap) / (sizes.narrowest_slot + sizes.gap)))
        return max(1, min(jobs, most))

    def _jobs_height(self, sizes: _Sizes, jobs: int) -> float:
        lines = math.ceil(max(jobs, 1) / self._per_line(sizes, jobs))
        return lines * sizes.job + (lines - 1) * sizes.gap

    def _name_height(self, sizes: _Sizes) -> float:
        return self._height(_font(sizes.name_points))

    def _cell_height(self, person: PrintPerson, sizes: _Sizes) -> float:
        jobs = self._jobs_height(sizes, len(person.jobs))
        if sizes.stacked:
            jobs += self._name_height(sizes) + sizes.gap / 2
        return max(sizes.picture, jobs) + sizes.gap * 1.5

    def pages(self, sizes: _Sizes) -> list[list[tuple[PrintPerson, QRectF]]]:
        """Place every person in columns and pages; each cell a rectangle on its page."""
        top = self.area.top() + self.header
        bottom = self.area.bottom() - self.footer
        width = self._column_width(sizes)
        heights = [self._cell_height(person, sizes) for person in self.rota.people]
        # When everyone fits on one page, the columns are kept about the same height.
        total = sum(heights)
        share = total / sizes.columns if total <= (bottom - top) * sizes.columns else bottom - top
        pages: list[list[tuple[PrintPerson, QRectF]]] = [[]]
        column, y = 0, top
        for person, height in zip(self.rota.people, heights, strict=True):
            full = y + height > bottom or (
                column < sizes.columns - 1 and y - top + height / 2 > share
            )
            if full and y > top:
                column, y = column + 1, top
                if column == sizes.columns:
                    pages.append([])
                    column = 0
            x = self.area.left() + column * (width + sizes.gap * 2)
            pages[-1].append((person, QRectF(x, y, width, height)))
            y += height
        return pages

    def choose_sizes(self) -> _Sizes:
        """The biggest sizes that keep everyone on one page; full size over pages otherwise."""
        scale = 1.0
        while scale >= SMALLEST_SCALE - 1e-9:
            for columns in (1, 2):
                sizes = _Sizes(self.mm, scale, columns)
                fits_across = self._jobs_width(sizes) >= sizes.narrowest_slot
                if fits_across and len(self.pages(sizes)) == 1:
                    return sizes
            scale = round(scale - 0.05, 2)
        return _Sizes(self.mm, 1.0, 1)

    # --- painting ---------------------------------------------------------------------------

    def paint(self, painter: QPainter, sizes: _Sizes) -> int:
        """Paint every page; return how many there are."""
        pages = self.pages(sizes)
        for number, cells in enumerate(pages, start=1):
            if number > 1:
                self.device.newPage()
            self._paint_header(painter, number, len(pages))
            for person, rect in cells:
                self._paint_person(painter, person, rect, sizes)
            if number == len(pages):
                self._paint_footer(painter)
        return len(pages)

    def _paint_header(self, painter: QPainter, number: int, count: int) -> None:
        painter.setPen(TEXT)
        painter.setFont(self.title_font)
        title = QRectF(
            self.area.left(), self.area.top(), self.area.width(), self._height(self.title_font)
        )
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft, long_date(self.rota.day))
        painter.setFont(self.small_font)
        words = (
            _("Today's jobs at {farm_name}").format(farm_name=self.rota.farm_name)
            if self.rota.farm_name
            else _("Today's jobs")
        )
        if count > 1:
            words += _("  (page {number} of {count})").format(number=number, count=count)
        below = QRectF(title.left(), title.bottom(), title.width(), self._height(self.small_font))
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, words)

    def _paint_person(
        self, painter: QPainter, person: PrintPerson, rect: QRectF, sizes: _Sizes
    ) -> None:
        inner = rect.adjusted(0, sizes.gap * 0.75, 0, -sizes.gap * 0.75)
        top = inner.top() if sizes.stacked else inner.center().y() - sizes.picture / 2
        picture = QRectF(inner.left(), top, sizes.picture, sizes.picture)
        icons.paint_person(
            painter, picture, person.name, person.colour, person.avatar, person.photo
        )

        left = picture.right() + sizes.gap
        name_width = self._name_width(sizes)
        points = sizes.name_points
        # A name too long for its place is shown smaller rather than cut off.
        while self._width(_font(points), person.name) > name_width and points > 12:
            points -= 1
        name_font = _font(points)
        painter.setPen(TEXT)
        painter.setFont(name_font)
        if sizes.stacked:
            name_rect = QRectF(left, inner.top(), name_width, self._name_height(sizes))
            jobs = QRectF(left, name_rect.bottom() + sizes.gap / 2, name_width, 0)
            jobs.setBottom(inner.bottom())
        else:
            name_rect = QRectF(left, inner.top(), name_width, inner.height())
            jobs = QRectF(name_rect.right() + sizes.gap, inner.top(), 0, inner.height())
            jobs.setRight(inner.right())
        align = Qt.AlignmentFlag.AlignLeft | (
            Qt.AlignmentFlag.AlignTop if sizes.stacked else Qt.AlignmentFlag.AlignVCenter
        )
        painter.drawText(name_rect, align, person.name)
        self._paint_jobs(painter, person, jobs, sizes)

        pen = QPen(RULE)
        pen.setWidthF(self.mm * 0.3)
        painter.setPen(pen)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

    def _paint_jobs(
        self, painter: QPainter, person: PrintPerson, area: QRectF, sizes: _Sizes
    ) -> None:
        painter.setFont(_font(sizes.job_points))
        painter.setPen(TEXT)
        middle = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        if not person.jobs:
            painter.drawText(area, middle, _("No job yet"))
            return
        per_line = self._per_line(sizes, len(person.jobs))
        slot = (area.width() - (per_line - 1) * sizes.gap) / per_line
        block = self._jobs_height(sizes, len(person.jobs))
        top = area.top() if sizes.stacked else area.center().y() - block / 2
        for index, job in enumerate(person.jobs):
            row, column = divmod(index, per_line)
            x = area.left() + column * (slot + sizes.gap)
            y = top + row * (sizes.job + sizes.gap)
            picture = QRectF(x, y, sizes.job, sizes.job)
            icons.draw(painter, job.icon, picture)
            label = QRectF(picture.right() + sizes.gap / 2, y, 0, sizes.job)
            label.setRight(x + slot)
            self._paint_label(painter, job, label, sizes)

    def _paint_label(self, painter: QPainter, job: PrintJob, rect: QRectF, sizes: _Sizes) -> None:
        """The job's name (and bed) in bold, and who else is on it, as big as fits beside."""
        name = (
            _("{name} in {bed_name}").format(name=job.name, bed_name=job.bed_name)
            if job.bed_name
            else job.name
        )
        others = (
            _("with {partners}").format(partners=_and_list(job.partners)) if job.partners else ""
        )
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        points = sizes.job_points
        while True:
            bold, plain = _font(points), _font(points * 0.8, bold=False)
            name_box = QFontMetricsF(bold, self.device).boundingRect(rect, flags, name)
            others_box = QFontMetricsF(plain, self.device).boundingRect(rect, flags, others)
            height = name_box.height() + (others_box.height() if others else 0)
            # A single long word does not wrap, so the width is checked as well.
            wide = max(name_box.width(), others_box.width() if others else 0.0)
            if (height <= rect.height() and wide <= rect.width()) or points <= 10:
                break
            points -= 1
        top = rect.center().y() - height / 2
        painter.setPen(TEXT)
        painter.setFont(bold)
        painter.drawText(QRectF(rect.left(), top, rect.width(), name_box.height()), flags, name)
        if others:
            painter.setFont(plain)
            below = QRectF(rect.left(), top + name_box.height(), rect.width(), others_box.height())
            painter.drawText(below, flags, others)

    def _paint_footer(self, painter: QPainter) -> None:
        if not self.rota.problems:
            return
        painter.setFont(self.small_font)
        painter.setPen(TEXT)
        line = self._height(self.small_font) * 1.3
        y = self.area.bottom() - self.footer
        for words in (_("Still to find someone for:"), *self.rota.problems):
            row = QRectF(self.area.left(), y, self.area.width(), line)
            painter.drawText(row, Qt.AlignmentFlag.AlignLeft, words)
            y += line


def _a4(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )


def paint_rota(device: QPagedPaintDevice, rota: PrintableRota, dpi: int) -> int:
    """Paint the picture rota on A4 pages of ``device`` (``dpi`` dots an inch); count pages."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("Painting the rota needs a running Qt application.")
    load_fonts()
    _a4(device)
    page = _Page(device, rota, dpi)
    sizes = page.choose_sizes()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(_("The rota could not be drawn on that printer or file."))
    try:
        return page.paint(painter, sizes)
    finally:
        painter.end()


def save_pdf(rota: PrintableRota, path: str | Path) -> int:
    """Write the picture rota to a PDF file; return the number of pages.

    Raises OSError (with the reason) when the file cannot be written.
    """
    # Opening it first gives a plain reason ("No such file or directory") where Qt has none.
    Path(path).open("wb").close()
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(_("Rota for {day}").format(day=long_date(rota.day)))
    writer.setCreator("Dutch Farm")
    return paint_rota(writer, rota, PDF_DPI)


def print_rota(rota: PrintableRota, printer: QPrinter) -> int:
    """Send the picture rota to a printer; return the number of pages."""
    return paint_rota(printer, rota, printer.resolution())
