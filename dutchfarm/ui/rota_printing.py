"""Printing a day's picture rota from a page: choose a printer or a file, and say how it went."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QWidget

from dutchfarm.services.rota import PrintableRota, printable_rota
from dutchfarm.ui import dialogs
from dutchfarm.ui.context import AppContext
from dutchfarm.words import _


def _printable(parent: QWidget, context: AppContext, day: dt.date) -> PrintableRota | None:
    return context.run(parent, printable_rota, context.db, day)


def print_day(parent: QWidget, context: AppContext, day: dt.date) -> None:
    """Print the picture rota of ``day`` on the printer the person chooses."""
    from dutchfarm.ui.print_rota import print_rota

    printable = _printable(parent, context, day)
    printer = dialogs.choose_printer(parent) if printable is not None else None
    if printable is None or printer is None:
        return
    try:
        print_rota(printable, printer)
    except OSError as error:
        dialogs.warn(parent, _("The rota did not print"), str(error))


def save_day(parent: QWidget, context: AppContext, day: dt.date) -> None:
    """Save the picture rota of ``day`` as a PDF file where the person chooses."""
    from dutchfarm.ui.print_rota import save_pdf

    printable = _printable(parent, context, day)
    if printable is None:
        return
    path = dialogs.save_file(
        parent, _("Save the rota as a PDF"), f"rota-{day.isoformat()}.pdf", _("PDF (*.pdf)")
    )
    if not path:
        return
    path = path if path.lower().endswith(".pdf") else path + ".pdf"
    name = Path(path).name
    try:
        save_pdf(printable, path)
    except OSError as error:
        reason = error.strerror or str(error)
        dialogs.warn(
            parent,
            _("The rota was not saved"),
            _("It could not be saved as {name}: {reason}.").format(name=name, reason=reason),
        )
        return
    dialogs.tell(
        parent, _("The rota is saved"), _("The picture rota is saved as {name}.").format(name=name)
    )
