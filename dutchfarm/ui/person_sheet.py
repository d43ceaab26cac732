"""The Easy Read page "What Dutch Farm keeps about you", as a PDF or on a printer."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from dutchfarm.services.personal_data import PersonRecord
from dutchfarm.ui import icons
from dutchfarm.ui.theme import FONT_FAMILY, load_fonts
from dutchfarm.words import _

PICTURE = 64


def _times(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.format(count=count)


def sheet_lines(record: PersonRecord) -> list[tuple[str, str]]:
    """Return the page's lines as (picture, sentence): one idea each, in everyday words."""
    diary = record.count("diary")
    harvests = record.count("harvest")
    jobs = record.count("job")
    days = record.count("attendance")
    votes = record.count("voted")
    lines = [
        ("person", _("Your name is {name}.").format(name=record.name)),
        ("people", _("At the farm you are a {role}.").format(role=record.role.lower())),
        ("likes", _("Jobs you like: ") + (", ".join(record.likes) or _("none written down")) + "."),
        (
            "cannot",
            _("Jobs you do not do: ") + (", ".join(record.cannot) or _("none written down")) + ".",
        ),
        (
            "support",
            _("Someone is with you for jobs.")
            if record.needs_support
            else _("You do jobs on your own."),
        ),
        (
            "bed",
            _("Your bed: ") + (", ".join(record.beds) or _("you have no bed of your own")) + ".",
        ),
        (
            "note",
            _times(
                diary,
                _("You wrote in a bed diary once."),
                _("You wrote in bed diaries {count} times."),
            ),
        ),
        (
            "picked",
            _times(harvests, _("You picked food once."), _("You picked food {count} times.")),
        ),
        ("rota", _times(jobs, _("You did 1 job."), _("You did {count} jobs."))),
        ("calendar", _times(days, _("You came in on 1 day."), _("You came in on {count} days."))),
        (
            "vote",
            _times(votes, _("You voted once."), _("You voted {count} times."))
            if votes
            else _("You have not voted yet."),
        ),
        ("lock", _("Nobody can see how you voted. We only know that you voted.")),
        ("lock", _("We do not keep your address, your health or your birthday.")),
        (
            "delete",
            _("You can ask us to take your name away. Then your work says “someone”."),
        ),
    ]
    return lines


def sheet_html(record: PersonRecord) -> str:
    """Return the page as HTML for a QTextDocument; pictures are named resources."""
    rows = "".join(
        f'<tr><td width="{PICTURE + 16}"><img src="icon:{name}" width="{PICTURE}" '
        f'height="{PICTURE}"></td><td style="font-size: 20pt; padding: 6px">'
        f"{html.escape(sentence)}</td></tr>"
        for name, sentence in sheet_lines(record)
    )
    return _(
        '<h1 style="font-size: 28pt">What Dutch Farm keeps about '
        'you</h1><table cellspacing="6"><tr><td><img src="person:me" '
        'width="120" height="120"></td><td style="font-size: 26pt; '
        'font-weight: bold">{name}</td></tr></table><table '
        'cellspacing="4">{rows}</table>'
    ).format(name=html.escape(record.name), rows=rows)


def build_document(
    record: PersonRecord, photo: tuple[str, str | None, bytes | None]
) -> QTextDocument:
    """Return the page as a text document, its pictures loaded."""
    load_fonts()
    document = QTextDocument()
    font = QFont(FONT_FAMILY)
    font.setPointSize(18)
    document.setDefaultFont(font)
    for name, _sentence in sheet_lines(record):
        document.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(f"icon:{name}"),
            icons.pixmap(name, PICTURE * 2).toImage(),
        )
    colour, avatar, picture = photo
    document.addResource(
        QTextDocument.ResourceType.ImageResource,
        QUrl("person:me"),
        icons.person_pixmap(record.name, colour, avatar, picture, 240).toImage(),
    )
    document.setHtml(sheet_html(record))
    return document


def print_to(device: QPagedPaintDevice, document: QTextDocument) -> None:
    """Lay the page out on A4 and print it to ``device`` (a PDF writer or a printer)."""
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    # The document is laid out in points, so the sizes in its style are the printed sizes.
    rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(device)


def write_pdf(
    record: PersonRecord, photo: tuple[str, str | None, bytes | None], path: Path
) -> Path:
    """Write the page to a PDF file."""
    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setTitle(_("What Dutch Farm keeps about {name}").format(name=record.name))
    print_to(writer, build_document(record, photo))
    return path
