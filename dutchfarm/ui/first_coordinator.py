"""Adding a new farm's first coordinator: their name and a PIN, typed twice to be sure."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from dutchfarm.domain.people import PIN_MAX
from dutchfarm.ui.widgets import PictureButton, label, picture, scaled
from dutchfarm.words import _


class FirstCoordinatorDialog(QDialog):
    """Asks who looks after the farm and for their PIN; accepted only when both PINs match."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add the coordinator"))
        self.setAccessibleName(_("Add the coordinator"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(scaled(24), scaled(24), scaled(24), scaled(24))
        layout.setSpacing(scaled(12))
        top = QHBoxLayout()
        top.addWidget(picture("coordinator", 64, _("Coordinator")))
        top.addWidget(label(_("Who looks after the farm?"), "heading"), 1)
        layout.addLayout(top)
        layout.addWidget(label(_("The coordinator adds people and beds. A PIN keeps that safe.")))
        layout.addWidget(label(_("Name")))
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name"))
        self.name.setPlaceholderText(_("For example: Ann"))
        layout.addWidget(self.name)
        layout.addWidget(label(_("A PIN of 4 to {pin_max} numbers").format(pin_max=PIN_MAX)))
        digits = QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX}}}"), self)
        self.pin = self._pin_box(_("PIN"), digits)
        layout.addWidget(self.pin)
        layout.addWidget(label(_("The same PIN again")))
        self.pin_again = self._pin_box(_("The same PIN again"), digits)
        layout.addWidget(self.pin_again)
        self.problem = label("", "warning")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        cancel = PictureButton("cross", _("Cancel"), large=True)
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        self.add_button = PictureButton("tick", _("Add the coordinator"), large=True, primary=True)
        self.add_button.clicked.connect(self.check_and_accept)
        buttons.addWidget(self.add_button)
        layout.addLayout(buttons)
        self.name.setFocus()

    def _pin_box(self, name: str, digits: QRegularExpressionValidator) -> QLineEdit:
        box = QLineEdit()
        box.setEchoMode(QLineEdit.EchoMode.Password)
        box.setMaxLength(PIN_MAX)
        box.setValidator(digits)
        box.setAccessibleName(name)
        return box

    def check_and_accept(self) -> None:
        """Close with the details, or say in plain words what is missing."""
        if not self.name.text().strip():
            self._say(_("Please type the coordinator's name."))
        elif len(self.pin.text()) < 4:
            self._say(_("Please type a PIN of 4 to {pin_max} numbers.").format(pin_max=PIN_MAX))
        elif self.pin.text() != self.pin_again.text():
            self._say(_("The two PINs are not the same. Please type them again."))
            self.pin.clear()
            self.pin_again.clear()
        else:
            self.accept()

    def _say(self, words: str) -> None:
        self.problem.setText(words)
        self.problem.show()
