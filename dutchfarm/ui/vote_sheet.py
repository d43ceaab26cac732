"""The results of a crop vote on paper: printed, or saved as a PDF or a PNG picture (A4)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPrintSupport import QPrinter

from dutchfarm.services.vote_results import BallotResults
from dutchfarm.services.voting import METHOD_WORDS
from dutchfarm.ui import icons
from dutchfarm.ui.theme import FONT_FAMILY, load_fonts
from dutchfarm.ui.vote_chart import chart_image
from dutchfarm.words import _, ngettext

INK = QColor("#1B1B1B")
MUTED = QColor("#4A4A40")
GREEN = QColor("#1F5A2A")
A4_MM = (210.0, 297.0)
MARGIN_MM = 15.0
FILE_DPI = 150
# A chart drawn finer than this only makes the file bigger, not the paper sharper.
CHART_DPI = 200


class _Sheet:
    """Lays the results out down a page, starting a new page when one is full."""

    def __init__(
        self,
        painter: QPainter,
        width: float,
        page_height: float,
        dpi: float,
        new_page: Callable[[], object] | None,
    ) -> None:
        self.painter = painter
        self.width = width
        self.page_height = page_height
        self.dpi = dpi
        self.new_page = new_page
        self.y = 0.0

    def mm(self, millimetres: float) -> float:
        """Return a length in millimetres as pixels of the page."""
        return millimetres * self.dpi / 25.4

    def _room(self, height: float) -> None:
        if self.new_page is not None and self.y > 0 and self.y + height > self.page_height:
            self.new_page()
            self.y = 0.0

    def text(
        self,
        words: str,
        points: float,
        *,
        bold: bool = False,
        colour: QColor = INK,
        picture: str | None = None,
        gap_mm: float = 3.0,
    ) -> None:
        """Write a paragraph, wrapped to the page, with a picture at its left if given."""
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(points)
        font.setBold(bold)
        self.painter.setFont(font)
        indent = self.mm(points * 0.45) if picture else 0.0
        area = QRectF(indent, self.y, self.width - indent, 1e7)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        needed = self.painter.boundingRect(area, flags, words)
        self._room(needed.height())
        area.moveTop(self.y)
        if picture:
            side = self.mm(points * 0.38)
            icons_rect = QRectF(0, self.y + (self.mm(points * 0.4) - side) / 2, side, side)
            self.painter.drawPixmap(icons_rect.toRect(), icons.pixmap(picture, 256))
        self.painter.setPen(colour)
        self.painter.drawText(area, flags, words)
        self.y += needed.height() + self.mm(gap_mm)

    def image(self, picture: QImage, height: float) -> None:
        """Place a picture across the page."""
        self._room(height)
        self.painter.drawImage(QRectF(0, self.y, self.width, height), picture)
        self.y += height + self.mm(4)


def paint_sheet(
    painter: QPainter,
    width: float,
    page_height: float,
    dpi: float,
    results: BallotResults,
    new_page: Callable[[], object] | None = None,
) -> float:
    """Paint the results sheet from the top; return how tall it is on its last page."""
    load_fonts()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    sheet = _Sheet(painter, width, page_height, dpi, new_page)
    ballot = results.ballot
    sheet.text(ballot.question, 24, bold=True, picture="vote", gap_mm=2)
    when = f"{ballot.closed_at.day} {ballot.closed_at:%B %Y}" if ballot.closed_at else ""
    people = ngettext(
        "{voters} person",
        "{voters} people",
        results.voters,
    ).format(voters=results.voters)
    about = _("The results of the vote on {when}. How we voted: {method}.").format(
        when=when, method=METHOD_WORDS[ballot.method]
    )
    if results.voters:
        about += _(" {people} voted.").format(people=people)
    if results.parent_question:
        about += _(" This quick vote settles a tie in: {parent_question}").format(
            parent_question=results.parent_question
        )
    sheet.text(about, 12, colour=MUTED, gap_mm=4)
    chart_height = min(page_height * 0.42, width * 0.62)
    chart_dpi = min(dpi, CHART_DPI)
    shrink = chart_dpi / dpi
    chart = chart_image(results, round(width * shrink), round(chart_height * shrink), dpi=chart_dpi)
    sheet.image(chart, chart_height)
    for sentence in (*results.sentences, *results.settlement):
        won = results.is_win(sentence)
        sheet.text(
            sentence, 17, bold=won, colour=GREEN if won else INK, picture="tick" if won else None
        )
    if results.rounds:
        sheet.text(_("The count, round by round"), 15, bold=True, gap_mm=2)
        for counted in results.rounds:
            sheet.text(counted.sentence, 14, gap_mm=0.5)
            sheet.text(counted.totals_words, 12, colour=MUTED, gap_mm=2)
    if results.chosen_sentence:
        sheet.text(results.chosen_sentence, 17, bold=True, picture="season", gap_mm=0)
    return sheet.y


def _a4_writer(path: str) -> QPdfWriter:
    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setResolution(FILE_DPI)
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM))
    writer.setTitle(_("Vote results"))
    writer.setCreator("Dutch Farm")
    return writer


def save_pdf(path: str, results: BallotResults) -> bool:
    """Write the results sheet to a PDF file; False if the file could not be written."""
    writer = _a4_writer(path)
    painter = QPainter()
    if not painter.begin(writer):
        return False
    paint_sheet(painter, writer.width(), writer.height(), FILE_DPI, results, writer.newPage)
    return painter.end()


def print_sheet(printer: QPrinter, results: BallotResults) -> bool:
    """Print the results sheet on ``printer``; False if printing could not start."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    dpi = printer.resolution()
    paint_sheet(painter, printer.width(), printer.height(), dpi, results, printer.newPage)
    return painter.end()


def sheet_image(results: BallotResults, dpi: int = FILE_DPI) -> QImage:
    """Return the results sheet as one picture, A4 wide and as tall as it needs."""
    width_px = round(A4_MM[0] * dpi / 25.4)
    margin = round(MARGIN_MM * dpi / 25.4)
    inner = width_px - 2 * margin
    dots_per_metre = round(dpi / 0.0254)

    def blank(height: int) -> QImage:
        """Return a white picture of the sheet's width, at the sheet's resolution."""
        image = QImage(width_px, height, QImage.Format.Format_ARGB32)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(QColor("white"))
        return image

    a4_height = round(A4_MM[1] * dpi / 25.4)
    # Measure first (nothing is kept), then paint on a page as tall as the sheet needs.
    scratch = blank(8)
    painter = QPainter(scratch)
    needed = paint_sheet(painter, inner, a4_height - 2 * margin, dpi, results)
    painter.end()
    image = blank(max(a4_height, round(needed) + 2 * margin))
    painter = QPainter(image)
    painter.translate(margin, margin)
    paint_sheet(painter, inner, image.height(), dpi, results)
    painter.end()
    return image


def save_png(path: str, results: BallotResults) -> bool:
    """Write the results sheet to a PNG picture; False if the file could not be written."""
    # PySide6 takes the format as text here, whatever its type hints say.
    return bool(sheet_image(results).save(path, "PNG"))  # type: ignore[call-overload]
