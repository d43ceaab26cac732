"""A PIN pad: big number buttons, so the coordinator can give their PIN without a keyboard."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.domain.people import PIN_MAX
from dutchfarm.ui.widgets import PictureButton, label, primary_button, scaled
from dutchfarm.words import _


class PinPad(QDialog):
    """Ask for a PIN with a number pad; the digits show as dots."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Enter your PIN"))
        self.setAccessibleName(_("PIN pad"))
        layout = QVBoxLayout(self)
        layout.addWidget(label(_("{name}, please enter your PIN.").format(name=name), "heading"))
        self.entry = QLineEdit()
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setMaxLength(PIN_MAX)
        self.entry.setValidator(
            QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX}}}"), self)
        )
        self.entry.setAccessibleName(_("PIN"))
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.entry)
        grid = QGridLayout()
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit(digit), index // 3, index % 3)
        back = PictureButton("back", _("Rub out"), large=True)
        back.clicked.connect(self.entry.backspace)
        grid.addWidget(back, 3, 0)
        grid.addWidget(self._digit("0"), 3, 1)
        layout.addLayout(grid)
        buttons = QHBoxLayout()
        cancel = PictureButton("cross", _("Cancel"), large=True)
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        ok = primary_button("key", _("Open"))
        ok.setMinimumHeight(scaled(56))
        ok.setDefault(True)
        ok.clicked.connect(self.accept)
        buttons.addWidget(ok)
        layout.addLayout(buttons)
        self.entry.setFocus()

    def _digit(self, digit: str) -> QPushButton:
        # A digit is its own picture: big and alone on its key.
        button = QPushButton(digit)
        button.setAccessibleName(_("Number {digit}").format(digit=digit))
        button.setProperty("role", "digit")
        button.setMinimumSize(scaled(72), scaled(64))
        button.clicked.connect(lambda: self.entry.insert(digit))
        return button

    def pin(self) -> str:
        """Return what was entered."""
        return self.entry.text()
