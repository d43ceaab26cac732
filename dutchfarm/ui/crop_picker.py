"""Choosing a crop by its picture, with a search box for staff."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.services.catalogue import CropInfo
from dutchfarm.ui import icons
from dutchfarm.ui.theme import TARGET_LARGE
from dutchfarm.ui.widgets import PictureButton, fitted, label, scaled
from dutchfarm.words import _

COLUMNS = 6


class CropPicker(QDialog):
    """A grid of crop pictures; tapping one chooses it."""

    def __init__(
        self, crops: list[CropInfo], *, search: bool, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.chosen: int | None = None
        self.resize(fitted(self, QSize(scaled(900), scaled(640))))
        layout = QVBoxLayout(self)
        layout.addWidget(label(title, "heading"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type to find a crop"))
        self.search.setAccessibleName(_("Find a crop"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.search.setVisible(search)
        layout.addWidget(self.search)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        host = QWidget()
        self.grid = QGridLayout(host)
        self.grid.setSpacing(8)
        scroll.setWidget(host)
        layout.addWidget(scroll, 1)
        self.buttons: list[tuple[CropInfo, QToolButton]] = []
        for crop in crops:
            button = QToolButton()
            button.setIcon(icons.icon(crop.icon))
            button.setIconSize(QSize(scaled(64), scaled(64)))
            button.setText(crop.name)
            button.setAccessibleName(crop.name)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setMinimumSize(max(TARGET_LARGE, scaled(120)), max(TARGET_LARGE, scaled(110)))
            button.clicked.connect(lambda _=False, crop_id=crop.id: self._choose(crop_id))
            self.buttons.append((crop, button))
        self._filter("")
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = PictureButton("cross", _("Cancel"), large=True)
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        layout.addLayout(row)

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        shown = 0
        for crop, button in self.buttons:
            self.grid.removeWidget(button)
            visible = (
                not wanted or wanted in crop.name.casefold() or wanted in crop.plural.casefold()
            )
            button.setVisible(visible)
            if visible:
                self.grid.addWidget(button, shown // COLUMNS, shown % COLUMNS)
                shown += 1

    def _choose(self, crop_id: int) -> None:
        self.chosen = crop_id
        self.accept()
