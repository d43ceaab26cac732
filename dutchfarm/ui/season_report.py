"""The season report as an A4 PDF: what the farm grew and did, for its funders."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
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

# The PDF is laid out at screen resolution (96 dots an inch), so that sizes in the HTML are
# the pixels they say; text stays sharp (it is drawn as text) and charts keep their pixels.
DPI = 96
FOOTER = 36
GREEN = "#2F6B3A"
INK = "#1B1B1B"
# (chart, heading) in the order the report shows them.
CHARTS = (
    ("crops", "How the harvest grew"),
    ("weeks", "Week by week"),
    ("crop_totals", "Crop by crop"),
    ("beds", "Bed by bed"),
    ("seasons", "This year and the years before"),
    ("counts", "Crops we counted"),
)


def _amount_rows(lines: tuple[AmountLine, ...], with_icons: bool) -> str:
    rows = []
    for line in lines:
        icon = (
            f'<img src="icon:{html.escape(line.icon)}" width="28" height="28"> '
            if with_icons and line.icon
            else ""
        )
        rows.append(
            "<tr>"
            f'<td style="vertical-align: middle">{icon}{html.escape(line.name)}</td>'
            f'<td align="right">{format_kg(line.grams) if line.grams else ""}</td>'
            f'<td align="right">{format_number(line.count) if line.count else ""}</td>'
            f'<td align="right">{format_number(line.bunches) if line.bunches else ""}</td>'
            "</tr>"
        )
    return "".join(rows)


def _table(title: str, first: str, lines: tuple[AmountLine, ...], report: SeasonReport) -> str:
    totals = report.totals
    return (
        f"<h2>{html.escape(title)}</h2>"
        '<table width="100%" cellspacing="0" cellpadding="6" border="1" '
        'style="border-color: #7A7565; border-style: solid">'
        f'<tr style="background-color: #E7EFDC"><th align="left">{first}</th>'
        '<th align="right">Weight</th><th align="right">Counted</th>'
        '<th align="right">Bunches</th></tr>'
        + _amount_rows(lines, with_icons=first == "Crop")
        + '<tr style="font-weight: bold"><td>All together</td>'
        f'<td align="right">{format_kg(totals.grams)}</td>'
        f'<td align="right">{format_number(totals.count)}</td>'
        f'<td align="right">{format_number(totals.bunches)}</td></tr>'
        "</table>"
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
    took_part = f"{report.people} {'person' if report.people == 1 else 'people'}"
    extra = []
    if totals.count:
        extra.append(f"{format_number(totals.count)} counted")
    if totals.bunches:
        extra.append(f"{format_number(totals.bunches)} bunches")
    when = (
        f"Harvests from {short_date(report.first_day)} to {short_date(report.last_day)}."
        if report.first_day and report.last_day
        else "No harvests were logged this season."
    )
    parts = [
        f'<p style="font-size: 16pt; color: {GREEN}; margin: 0">'
        f"{html.escape(report.farm_name)}</p>",
        f"<h1>The {report.year} season</h1>",
        f'<p style="font-size: 14pt">What we grew and did together. {when}</p>',
        '<table width="100%" cellspacing="12" cellpadding="0">',
        "<tr>"
        + _figure(format_kg(totals.grams), "of food grown and weighed")
        + _figure(took_part, "took part")
        + "</tr><tr>"
        + _figure(f"{report.jobs_done:,}", "jobs done")
        + _figure(
            f"{totals.harvests:,}",
            f"harvests logged by {report.pickers} people"
            + (f", and {' and '.join(extra)}" if extra else ""),
        )
        + "</tr></table>",
        "<h2>The crops the group chose</h2>",
    ]
    if report.chosen_crops:
        cells = "".join(
            f'<td align="center" style="padding: 6px"><img src="icon:{html.escape(icon)}" '
            f'width="64" height="64"><br>{html.escape(name)}</td>'
            for name, icon in report.chosen_crops
        )
        parts.append(f'<table cellspacing="8"><tr>{cells}</tr></table>')
    else:
        parts.append("<p>The group has not chosen its crops for this season yet.</p>")
    for vote in report.votes:
        parts.append(
            f"<p><b>{html.escape(vote.question)}</b> {vote.voters} people voted with "
            f"{html.escape(vote.method)}.</p>"
        )
        parts.extend(f"<p>{html.escape(sentence)}</p>" for sentence in vote.sentences)
    parts.append('<h2 style="page-break-before: always">What we picked</h2>')
    parts.append(_table("Crop by crop", "Crop", report.by_crop, report))
    parts.append('<div style="page-break-before: always"></div>')
    parts.append(_table("Bed by bed", "Bed", report.by_bed, report))
    for index, (kind, heading) in enumerate(CHARTS):
        breaking = ' style="page-break-before: always"' if index % 2 == 0 else ""
        parts.append(f"<h2{breaking}>{html.escape(heading)}</h2>")
        parts.append(f'<p style="font-size: 14pt">{html.escape(caption(kind, report))}</p>')
        parts.append(f'<p><img src="chart:{kind}" width="{{width}}"></p>')
    return "\n".join(parts)


def caption(kind: str, report: SeasonReport) -> str:
    """Return one sentence saying what a chart shows, for those who do not read charts."""
    charts = report.charts
    if kind in ("crops", "crop_totals") and charts.by_crop:
        best = charts.by_crop[0]
        return f"{best.label} gave the most: {format_kg(best.value * 1000)}."
    if kind == "weeks" and charts.weekly:
        monday, kg = max(charts.weekly, key=lambda week: week[1])
        return f"The best week began on {short_date(monday)}: {format_kg(kg * 1000)}."
    if kind == "beds" and charts.by_bed:
        best = charts.by_bed[0]
        return f"{best.label} gave the most: {format_kg(best.value * 1000)}."
    if kind == "seasons" and charts.seasons:
        years = [
            f"{season.year}: {format_kg(season.kilograms[-1] * 1000)}"
            for season in charts.seasons
            if season.kilograms
        ]
        return "Weighed each year: " + "; ".join(years) + "." if years else "Nothing weighed yet."
    if kind == "counts" and charts.counts:
        top = charts.counts[0]
        unit = "counted" if top.unit is Unit.COUNT else "bunches"
        return f"{top.label}: {format_number(top.last)} {unit}. These are never added to weights."
    return "Nothing to show yet."


def _document(report: SeasonReport, width: float) -> QTextDocument:
    from dutchfarm.ui.charts import render_png

    load_fonts()
    document = QTextDocument()
    font = QFont(FONT_FAMILY)
    font.setPointSize(12)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(
        f"h1 {{ font-size: 34pt; color: {INK}; margin-top: 4px; margin-bottom: 8px; }}"
        f"h2 {{ font-size: 20pt; color: {GREEN}; margin-top: 18px; margin-bottom: 8px; }}"
        "th, td { font-size: 12pt; } p { font-size: 12pt; }"
    )
    names = {icon for _, icon in report.chosen_crops}
    names.update(line.icon for line in report.by_crop if line.icon)
    for name in names:
        image = icons.pixmap(name, 128).toImage()
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"icon:{name}"), image)
    for kind, _ in CHARTS:
        png = render_png(kind, report.charts, width=8.0, height=4.4, dpi=220, scale=1.15)
        image = QImage.fromData(png)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{kind}"), image)
    document.setHtml(report_html(report).replace("{width}", str(int(width))))
    return document


def write_season_report(report: SeasonReport, path: Path | str) -> int:
    """Write the season report to an A4 PDF; return how many pages it has."""
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{report.farm_name}: the {report.year} season")
    writer.setCreator("Dutch Farm")
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(16, 14, 16, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    body = writer.pageLayout().paintRectPixels(DPI)
    page = QSizeF(body.width(), body.height() - FOOTER)
    document = _document(report, page.width() - 20)
    document.documentLayout().setPaintDevice(writer)
    document.setPageSize(page)
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        raise BadInput(f"Dutch Farm could not write {Path(path).name}. Is it open elsewhere?")
    footer_font = QFont(FONT_FAMILY)
    footer_font.setPointSize(10)
    try:
        for number in range(pages):
            if number:
                writer.newPage()
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
                f"{report.farm_name}: the {report.year} season. Made on "
                f"{short_date(report.made_on)}.",
            )
            painter.drawText(
                QRectF(0, page.height() + 8, page.width(), FOOTER - 8),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"Page {number + 1} of {pages}",
            )
    finally:
        painter.end()
    return pages


def make_season_report(db: Database, year: int, path: Path | str) -> SeasonReport:
    """Gather the season's figures and write its report to ``path``; return the figures."""
    report = season_report(db, year)
    write_season_report(report, path)
    return report
