""" "I picked" on a bed's record: tap the crop's picture, tap how much, tap Done."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from dutchfarm.ui.context import AppContext
from dutchfarm.ui.harvest_entry import QuickHarvestPanel
from dutchfarm.ui.theme import text_scale
from dutchfarm.ui.widgets import PictureButton, fitted, scaled, scroll_area
from dutchfarm.words import _


class PickedDialog(QDialog):
    """The crop pictures and the big number pad for one bed; Done logs it and closes."""

    def __init__(
        self, context: AppContext, bed_id: int, bed_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("I picked, from {bed_name}").format(bed_name=bed_name))
        self.setAccessibleName(_("What did you pick?"))
        layout = QVBoxLayout(self)
        columns = 4 if text_scale() < 1.3 else 3
        self.panel = QuickHarvestPanel(context, bed_id=bed_id, columns=columns, diary=True)
        self.panel.saved.connect(lambda _harvest: self.accept())
        # With large text the number pad is taller than a screen: it scrolls, never cut.
        layout.addWidget(scroll_area(self.panel), 1)
        bottom = QHBoxLayout()
        self.close_button = PictureButton("cross", _("Not now"), large=True)
        self.close_button.setToolTip(_("Close this without saving anything"))
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.resize(fitted(self, QSize(scaled(820), scaled(640))))
        self.panel.load()
