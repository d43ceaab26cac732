"""The season report as an A4 PDF: what the farm grew and did, for its funders."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from dutchfarm.db.database import Database
from dutchfarm.domain.harvest import format_kg, format_number, short_date
from dutchfarm.domain.terms import Unit
from dutchfarm.services.errors import BadInput
from dutchfarm.services.report import AmountLine, SeasonReport, season_report
from dutchfarm.ui import icons
from dutchfarm.ui.theme import FONT_FAMILY, load_fonts
from dutchfarm.words import _, people_count

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

# The PDF is laid out at screen resolution (96 dots an inch), so that sizes in the HTML are
# the pixels they say; text stays sharp (it is drawn as text) and charts keep their pixels.
DPI = 96
FOOTER = 36
GREEN = "#2F6B3A"
INK = "#1B1B1B"
# (chart, heading) in the order the report shows them.
CHARTS = (
    ("crops", _("How the harvest grew")),
    ("weeks", _("Week by week")),
    ("crop_totals", _("Crop by crop")),
    ("beds", _("Bed by bed")),
    ("seasons", _("This year and the years before")),
    ("counts", _("Crops we counted")),
)


def _weight(grams: float) -> str:
    # Under 100 g, kilograms with one decimal would say "0.0 kg" of something picked.
    return f"{grams:,.0f} g" if grams < 100 else format_kg(grams)


# The amount columns of a table: (heading, the AmountLine or Totals field, how it is written).
AMOUNTS: tuple[tuple[str, str, Callable[[float], str]], ...] = (
    (_("Weight"), "grams", _weight),
    (_("Counted"), "count", format_number),
    (_("Bunches"), "bunches", format_number),
)


def _amount_rows(
    lines: tuple[AmountLine, ...],
    columns: list[tuple[str, str, Callable[[float], str]]],
    with_icons: bool,
) -> str:
    rows = []
    for line in lines:
        icon = (
            f'<img src="icon:{html.escape(line.icon)}" width="28" height="28"> '
            if with_icons and line.icon
            else ""
        )
        cells = "".join(
            f'<td align="right">{write(getattr(line, field)) if getattr(line, field) else ""}</td>'
            for _, field, write in columns
        )
        name = f'<td style="vertical-align: middle">{icon}{html.escape(line.name)}</td>'
        rows.append(f"<tr>{name}{cells}</tr>")
    return "".join(rows)


def _table(title: str, first: str, lines: tuple[AmountLine, ...], report: SeasonReport) -> str:
    totals = report.totals
    # Only the kinds of amount the season has: no column of nothing but zeros.
    columns = [column for column in AMOUNTS if getattr(totals, column[1])] or list(AMOUNTS[:1])
    headings = "".join(f'<th align="right">{heading}</th>' for heading, _, _ in columns)
    sums = "".join(
        f'<td align="right">{write(getattr(totals, field))}</td>' for _, field, write in columns
    )
    return (
        f"<h2>{html.escape(title)}</h2>"
        '<table width="100%" cellspacing="0" cellpadding="6" border="1" '
        'style="border-color: #7A7565; border-style: solid">'
        f'<tr style="background-color: #E7EFDC"><th align="left">{first}</th>{headings}</tr>'
        + _amount_rows(lines, columns, with_icons=first == "Crop")
        + _('<tr style="font-weight: bold"><td>All together</td>{sums}</tr></table>').format(
            sums=sums
        )
    )


def _figure(number: str, words: str) -> str:
    return (
        '<td width="50%" style="padding: 10px; background-color: #EEF4E6">'
        f'<p style="font-size: 30pt; font-weight: bold; color: {GREEN}; margin: 0">'
        f"{html.escape(number)}</p>"
        f'<p style="font-size: 14pt; margin: 0">{html.escape(words)}</p></td>'
    )


def report_html(report: SeasonReport) -> str:
    """Return the report as HTML for a QTextDocument (pictures named icon:… and chart:…)."""
    totals = report.totals
    took_part = people_count(report.people)
    extra = []
    if totals.count:
        extra.append(_("{count} counted").format(count=format_number(totals.count)))
    if totals.bunches:
        extra.append(_("{bunches} bunches").format(bunches=format_number(totals.bunches)))
    when = (
        _("Harvests from {first_day} to {last_day}.").format(
            first_day=short_date(report.first_day), last_day=short_date(report.last_day)
        )
        if report.first_day and report.last_day
        else _("No harvests were logged this season.")
    )
    parts = [
        f'<p style="font-size: 16pt; color: {GREEN}; margin: 0">'
        f"{html.escape(report.farm_name)}</p>",
        _("<h1>The {year} season</h1>").format(year=report.year),
        _('<p style="font-size: 14pt">What we grew and did together. {when}</p>').format(when=when),
        '<table width="100%" cellspacing="12" cellpadding="0">',
        "<tr>"
        + _figure(_weight(totals.grams), _("of food grown and weighed"))
        + _figure(took_part, _("took part"))
        + "</tr><tr>"
        + _figure(f"{report.jobs_done:,}", _("jobs done"))
        + _figure(
            f"{totals.harvests:,}",
            _("harvests logged by {pickers} people").format(pickers=report.pickers)
            + (_(", and {extra}").format(extra=" and ".join(extra)) if extra else ""),
        )
        + "</tr></table>",
        _("<h2>The crops the group chose</h2>"),
    ]
    if report.chosen_crops:
        cells = "".join(
            f'<td align="center" style="padding: 6px"><img src="icon:{html.escape(icon)}" '
            f'width="64" height="64"><br>{html.escape(name)}</td>'
            for name, icon in report.chosen_crops
        )
        parts.append(f'<table cellspacing="8"><tr>{cells}</tr></table>')
    else:
        parts.append(_("<p>The group has not chosen its crops for this season yet.</p>"))
    for vote in report.votes:
        parts.append(
            _("<p><b>{question}</b> {voters} people voted with {method}.</p>").format(
                question=html.escape(vote.question),
                voters=vote.voters,
                method=html.escape(vote.method),
            )
        )
        parts.extend(f"<p>{html.escape(sentence)}</p>" for sentence in vote.sentences)
    parts.append(_('<h2 style="page-break-before: always">What we picked</h2>'))
    parts.append(_table(_("Crop by crop"), _("Crop"), report.by_crop, report))
    parts.append('<div style="page-break-before: always"></div>')
    parts.append(_table(_("Bed by bed"), _("Bed"), report.by_bed, report))
    for index, (kind, heading) in enumerate(CHARTS):
        breaking = _(' style="page-break-before: always"') if index % 2 == 0 else ""
        parts.append(f"<h2{breaking}>{html.escape(heading)}</h2>")
        parts.append(f'<p style="font-size: 14pt">{html.escape(caption(kind, report))}</p>')
        parts.append(f'<p><img src="chart:{kind}" width="{{width}}"></p>')
    return "\n".join(parts)


def caption(kind: str, report: SeasonReport) -> str:
    """Return one sentence saying what a chart shows, for those who do not read charts."""
    charts = report.charts
    if kind in ("crops", "crop_totals") and charts.by_crop:
        best = charts.by_crop[0]
        return _("{label} gave the most: {0}.").format(_weight(best.value * 1000), label=best.label)
    if kind == "weeks" and charts.weekly:
        monday, kg = max(charts.weekly, key=lambda week: week[1])
        return _("The best week began on {monday}: {0}.").format(
            _weight(kg * 1000), monday=short_date(monday)
        )
    if kind == "beds" and charts.by_bed:
        best = charts.by_bed[0]
        return _("{label} gave the most: {0}.").format(_weight(best.value * 1000), label=best.label)
    if kind == "seasons" and charts.seasons:
        years = [
            f"{season.year}: {_weight(season.kilograms[-1] * 1000)}"
            for season in charts.seasons
            if season.kilograms
        ]
        return (
            _("Weighed each year: ") + "; ".join(years) + "."
            if years
            else _("Nothing weighed yet.")
        )
    if kind == "counts" and charts.counts:
        top = charts.counts[0]
        unit = "counted" if top.unit is Unit.COUNT else "bunches"
        return _("{label}: {last} {unit}. These are never added to weights.").format(
            label=top.label, last=format_number(top.last), unit=unit
        )
    return _("Nothing to show yet.")


def _document(report: SeasonReport, width: float) -> QTextDocument:
    from dutchfarm.ui.charts import render_png

    load_fonts()
    document = QTextDocument()
    font = QFont(FONT_FAMILY)
    font.setPointSize(12)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(
        _(
            "h1 {{ font-size: 34pt; color: {ink}; margin-top: 4px; margin-bottom: "
            "8px; }}h2 {{ font-size: 20pt; color: {green}; margin-top: 18px; "
            "margin-bottom: 8px; }}th, td {{ font-size: 12pt; }} p {{ font-size: "
            "12pt; }}"
        ).format(ink=INK, green=GREEN)
    )
    names = {icon for _, icon in report.chosen_crops}
    names.update(line.icon for line in report.by_crop if line.icon)
    for name in names:
        image = icons.pixmap(name, 128).toImage()
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"icon:{name}"), image)
    for kind, __ in CHARTS:
        png = render_png(kind, report.charts, width=8.0, height=4.4, dpi=220, scale=1.15)
        image = QImage.fromData(png)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{kind}"), image)
    document.setHtml(report_html(report).replace("{width}", str(int(width))))
    return document


def write_season_report(report: SeasonReport, path: Path | str) -> int:
    """Write the season report to an A4 PDF; return how many pages it has."""
    writer = QPdfWriter(str(path))
    writer.setTitle(
        _("{farm_name}: the {year} season").format(farm_name=report.farm_name, year=report.year)
    )
    writer.setCreator("Dutch Farm")
    writer.setResolution(DPI)
    return paint_season_report(report, writer)


def print_season_report(report: SeasonReport, printer: QPrinter) -> int:
    """Print the season report on A4 paper; return how many pages it has."""
    printer.setDocName(
        _("{farm_name}: the {year} season").format(farm_name=report.farm_name, year=report.year)
    )
    return paint_season_report(report, printer)


def paint_season_report(report: SeasonReport, device: QPagedPaintDevice) -> int:
    """Paint the report onto a PDF writer or a printer, page by page; return the pages."""
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 14, 16, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    # Laid out at 96 dots an inch and drawn scaled, so that a printer of any resolution
    # prints the same pages as the PDF.
    body = device.pageLayout().paintRectPixels(DPI)
    page = QSizeF(body.width(), body.height() - FOOTER)
    document = _document(report, page.width() - 20)
    # A printer's own resolution would change every size; it gets the pages of the PDF.
    buffer = QBuffer()
    layout_device = QPdfWriter(buffer)
    layout_device.setResolution(DPI)
    document.documentLayout().setPaintDevice(layout_device)
    document.setPageSize(page)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise BadInput(
            _(
                "The report could not be made. Is its file open in another program, or "
                "is the printer switched off?"
            )
        )
    zoom = device.logicalDpiX() / DPI
    painter.scale(zoom, zoom)
    footer_font = QFont(FONT_FAMILY)
    # 10 points on the page: the device turns points into its own dots, then the zoom.
    footer_font.setPointSizeF(10 / zoom)
    try:
        for number in range(pages):
            if number:
                device.newPage()
            painter.save()
            painter.translate(0, -number * page.height())
            document.drawContents(
                painter, QRectF(0, number * page.height(), page.width(), page.height())
            )
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor(INK))
            painter.drawText(
                QRectF(0, page.height() + 8, page.width(), FOOTER - 8),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                _("{farm_name}: the {year} season. Made on {made_on}.").format(
                    farm_name=report.farm_name, year=report.year, made_on=short_date(report.made_on)
                ),
            )
            painter.drawText(
                QRectF(0, page.height() + 8, page.width(), FOOTER - 8),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                _("Page {0} of {pages}").format(number + 1, pages=pages),
            )
    finally:
        painter.end()
    return pages


def make_season_report(db: Database, year: int, path: Path | str) -> SeasonReport:
    """Gather the season's figures and write its report to ``path``; return the figures."""
    report = season_report(db, year)
    write_season_report(report, path)
    return report
