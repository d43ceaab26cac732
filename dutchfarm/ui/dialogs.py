"""Every message box and file chooser goes through here, so tests can answer them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from dutchfarm.services.catalogue import CropInfo
from dutchfarm.words import _

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from dutchfarm.ui.help_content import PageHelp

T = TypeVar("T")


def tell(parent: QWidget | None, title: str, message: str) -> None:
    """Show a short message with one OK button."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.exec()


def warn(parent: QWidget | None, title: str, message: str) -> None:
    """Show a short warning with one OK button."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.exec()


def ask(parent: QWidget | None, title: str, question: str, yes: str, no: str = _("Cancel")) -> bool:
    """Ask a yes-or-no question with buttons that say what they do; True for ``yes``."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent
    )
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)
    box.exec()
    return box.clickedButton() is yes_button


def open_picture(parent: QWidget | None) -> str | None:
    """Ask for a picture file; return its path, or None."""
    path, __ = QFileDialog.getOpenFileName(
        parent, _("Choose a picture"), "", _("Pictures (*.png *.jpg *.jpeg *.bmp *.gif)")
    )
    return path or None


def ask_pin(parent: QWidget | None, name: str) -> str | None:
    """Ask ``name`` for their PIN on the PIN pad; None if they cancel."""
    from dutchfarm.ui.pin_pad import PinPad

    pad = PinPad(name, parent)
    return pad.pin() if pad.exec() == PinPad.DialogCode.Accepted else None


def choose_crop(
    parent: QWidget | None, crops: list[CropInfo], *, search: bool, title: str = _("Choose a crop")
) -> int | None:
    """Show the crops as pictures and return the id of the one tapped, or None."""
    from dutchfarm.ui.crop_picker import CropPicker

    picker = CropPicker(crops, search=search, title=title, parent=parent)
    return picker.chosen if picker.exec() == CropPicker.DialogCode.Accepted else None


def show_help(parent: QWidget | None, page_help: PageHelp) -> None:
    """Show a page's help and wait until it is closed."""
    from dutchfarm.ui.help_dialog import HelpDialog

    HelpDialog(page_help, parent).exec()


def wait_for(parent: QWidget | None, message: str, work: Callable[[], T]) -> T:
    """Do slow ``work``, saying ``message`` in a waiting window if it takes over a second."""
    from dutchfarm.ui.busy import run_while_waiting

    return run_while_waiting(parent, message, work)


def ask_text(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """Ask for a few words; None if cancelled."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getMultiLineText(parent, title, prompt)
    return text if ok else None


def show_dialog(dialog: QDialog) -> bool:
    """Show one of Dutch Farm's own dialogs and wait; True if it was accepted."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def open_file(parent: QWidget | None, title: str, kinds: str) -> str | None:
    """Ask which file to open (``kinds`` like "CSV files (*.csv)"); its path, or None."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", kinds)
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str, kinds: str) -> str | None:
    """Ask where to save a file (``kinds`` like "PDF files (*.pdf)"); its path, or None."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
    return path or None


def choose_printer(parent: QWidget | None) -> QPrinter | None:
    """Ask which printer to use (A4, portrait); the printer, or None if cancelled."""
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    """Ask for a folder; return its path, or None."""
    path = QFileDialog.getExistingDirectory(parent, title)
    return path or None
