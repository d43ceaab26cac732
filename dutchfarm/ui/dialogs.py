"""Every message box and file chooser goes through here, so tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dutchfarm.services.catalogue import CropInfo


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


def ask(parent: QWidget | None, title: str, question: str, yes: str, no: str = "Cancel") -> bool:
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
    path, _ = QFileDialog.getOpenFileName(
        parent, "Choose a picture", "", "Pictures (*.png *.jpg *.jpeg *.bmp *.gif)"
    )
    return path or None


def ask_pin(parent: QWidget | None, name: str) -> str | None:
    """Ask ``name`` for their PIN on the PIN pad; None if they cancel."""
    from dutchfarm.ui.pin_pad import PinPad

    pad = PinPad(name, parent)
    return pad.pin() if pad.exec() == PinPad.DialogCode.Accepted else None


def choose_crop(
    parent: QWidget | None, crops: list[CropInfo], *, search: bool, title: str = "Choose a crop"
) -> int | None:
    """Show the crops as pictures and return the id of the one tapped, or None."""
    from dutchfarm.ui.crop_picker import CropPicker

    picker = CropPicker(crops, search=search, title=title, parent=parent)
    return picker.chosen if picker.exec() == CropPicker.DialogCode.Accepted else None


def ask_text(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """Ask for a few words; None if cancelled."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getMultiLineText(parent, title, prompt)
    return text if ok else None
