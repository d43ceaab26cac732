"""The staff's charts of the whole farm: a button for each chart, the season, and the chart."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from dutchfarm.services.farm import SeasonInfo
from dutchfarm.ui import icons
from dutchfarm.ui.context import AppContext
from dutchfarm.ui.harvest_chart import FARM_CHARTS, HarvestChart
from dutchfarm.ui.harvest_form import select_data
from dutchfarm.ui.theme import text_scale
from dutchfarm.ui.widgets import PictureButton, label, scaled
from dutchfarm.words import _


class FarmCharts(QWidget):
    """The farm's harvest charts, one at a time, for the season chosen."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        wide = text_scale() < 1.3
        kinds = QGridLayout()
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, PictureButton] = {}
        per_row = len(FARM_CHARTS) if wide else 3
        for index, (kind, icon_name, words) in enumerate(FARM_CHARTS):
            button = PictureButton(icon_name, words, icon_size=28)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=kind: self.show_chart(k))
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            kinds.addWidget(button, index // per_row, index % per_row)
        kinds.setColumnStretch(per_row, 1)
        column.addLayout(kinds)
        season_row = QHBoxLayout()
        season_row.addWidget(label(_("Season"), wrap=False))
        self.chart_season = QComboBox()
        self.chart_season.setAccessibleName(_("Season of the chart"))
        self.chart_season.setMinimumWidth(scaled(120))
        self.chart_season.currentIndexChanged.connect(lambda *_: self.show_chart(self.chart_kind()))
        season_row.addWidget(self.chart_season)
        if wide:
            kinds.addLayout(season_row, 0, per_row + 1)
        else:
            season_row.addStretch(1)
            column.addLayout(season_row)
        self.chart = HarvestChart(self.context)
        column.addWidget(self.chart, 1)
        self.kind_buttons["crops"].setChecked(True)

    def refresh(self, seasons: Sequence[SeasonInfo], season_id: int | None) -> None:
        """Offer ``seasons``, keep the one chosen (else ``season_id``), and redraw the chart."""
        keep = self.chart_season.currentData() or season_id
        self.chart_season.blockSignals(True)
        self.chart_season.clear()
        for season in seasons:
            self.chart_season.addItem(icons.icon("season"), str(season.year), season.id)
        select_data(self.chart_season, keep)
        self.chart_season.blockSignals(False)
        self.show_chart(self.chart_kind())

    def chart_kind(self) -> str:
        """Return the chart chosen."""
        return next((k for k, b in self.kind_buttons.items() if b.isChecked()), "crops")

    def show_chart(self, kind: str) -> None:
        """Show the farm's chart ``kind`` for the season chosen."""
        self.kind_buttons[kind].setChecked(True)
        self.chart.show_farm(kind, self.chart_season.currentData())
