"""A season harvest chart to put on any page: the farm's, one person's or one bed's.

It imports matplotlib (through ``dutchfarm.ui.charts``) only when it is first shown, so a
page that holds one costs nothing at start-up. To put one on a page::

    chart = HarvestChart(context)
    layout.addWidget(chart)
    chart.show_bed(bed_id)            # or chart.show_person(person_id), each with season_id
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from dutchfarm.domain.harvest import SeasonCharts, describe_amount, format_kg, totals_words
from dutchfarm.domain.terms import Unit
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.farm import current_season, list_seasons
from dutchfarm.services.harvest import season_chart_series
from dutchfarm.services.people import get_person
from dutchfarm.ui import dialogs
from dutchfarm.ui.chart_words import harvest_words
from dutchfarm.ui.context import AppContext, Topic
from dutchfarm.ui.theme import text_scale
from dutchfarm.ui.widgets import PictureButton, label, scaled
from dutchfarm.words import _

if TYPE_CHECKING:
    from dutchfarm.ui.charts import ChartCanvas

# The charts of the whole farm, as (kind, picture, words) for the buttons that choose them.
FARM_CHARTS = (
    ("crops", "chart", _("Crops")),
    ("weeks", "calendar", _("Each week")),
    ("beds", "beds", _("Each bed")),
    ("seasons", "season", _("Other years")),
    ("counts", "count", _("Counted")),
)
PANEL_HEIGHT = 300


class HarvestChart(QWidget):
    """A season chart with a sentence above it and a button to save it as a picture."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        saving: bool = True,
        panel_height: int = PANEL_HEIGHT,
    ) -> None:
        super().__init__(parent)
        self.context = context
        # The height of each panel of one person's or bed's chart, before the text scale.
        self.panel_height = panel_height
        self.setAccessibleName(_("Harvest chart"))
        self.kind = "mine"
        self.season_id: int | None = None
        self.person_id: int | None = None
        self.bed_id: int | None = None
        self.bed_name = ""
        self.charts: SeasonCharts | None = None
        self.canvas: ChartCanvas | None = None
        self._stale = False
        self._wanted = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.sentence = label("")
        self.sentence.setAccessibleName(_("What the chart shows"))
        top.addWidget(self.sentence, 1)
        self.save_button = PictureButton("save", _("Save picture"))
        self.save_button.setToolTip(_("Save this chart as a picture (PNG)"))
        self.save_button.clicked.connect(self.save_picture)
        top.addWidget(self.save_button)
        layout.addLayout(top)
        # Only once it has a parent: shown before, it would open as a window of its own
        # and take the keyboard away from the main window.
        self.save_button.setVisible(saving)
        self.area = QVBoxLayout()
        layout.addLayout(self.area, 1)
        context.changed.connect(self._on_changed)

    def show_person(self, person_id: int, season_id: int | None = None) -> None:
        """Show one person's own harvest this season (or in ``season_id``)."""
        self._show("mine", season_id, person_id=person_id)

    def show_bed(self, bed_id: int, season_id: int | None = None, name: str = "") -> None:
        """Show the harvest from one bed this season (or in ``season_id``)."""
        self.bed_name = name
        self._show("mine", season_id, bed_id=bed_id)

    def show_farm(self, kind: str, season_id: int | None = None) -> None:
        """Show one of the farm's charts (see FARM_CHARTS) for a season."""
        self._show(kind, season_id)

    def _show(
        self,
        kind: str,
        season_id: int | None,
        *,
        person_id: int | None = None,
        bed_id: int | None = None,
    ) -> None:
        self.kind = kind
        self.season_id = season_id
        self.person_id = person_id
        self.bed_id = bed_id
        self._wanted = True
        self.refresh()

    def _season(self) -> int | None:
        if self.season_id is not None and any(
            s.id == self.season_id for s in list_seasons(self.context.db)
        ):
            return self.season_id
        season = current_season(self.context.db)
        return season.id if season else None

    def refresh(self) -> None:
        """Load the series and draw them now if the chart is shown, else when it is shown."""
        if not self._wanted:
            return
        # A chart out of sight (on a tab not chosen) loads nothing until it comes into view.
        self._stale = True
        if self.isVisible():
            self._load()
            self._draw()

    def _load(self) -> None:
        season_id = self._season()
        if season_id is None:
            self.charts = None
            self.sentence.setText(_("No season has started yet."))
            self.setAccessibleDescription(self.sentence.text())
            return
        self.charts = season_chart_series(
            self.context.db, season_id, person_id=self.person_id, bed_id=self.bed_id
        )
        self.sentence.setText(self._words(self.charts))
        # A screen reader hears the figures the chart shows, as soon as they change.
        self.setAccessibleDescription(harvest_words(self.kind, self.charts, self.sentence.text()))
        if self.canvas is not None:
            self.canvas.canvas.setAccessibleDescription(self.accessibleDescription())

    def _amounts(self, charts: SeasonCharts) -> str:
        # One person's or bed's counts are few: name them ("6 strawberries"), not "6 counted".
        if len(charts.counts) > 3:
            return totals_words(charts.totals)
        parts = [format_kg(charts.totals.grams)] if charts.totals.grams else []
        parts += [
            describe_amount(line.last, line.unit or Unit.COUNT, line.label, line.label)
            for line in charts.counts
        ]
        if not parts:
            return totals_words(charts.totals)
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    def _words(self, charts: SeasonCharts) -> str:
        figures = charts.totals
        if self.person_id is not None:
            try:
                who = get_person(self.context.db, self.person_id).name
            except ServiceError:
                who = _("Someone")
            if not figures.harvests:
                return _("{who} has not picked anything in {year} yet.").format(
                    who=who, year=charts.year
                )
            return _("{who} picked {charts} in {year}.").format(
                who=who, charts=self._amounts(charts), year=charts.year
            )
        if self.bed_id is not None:
            where = self.bed_name or _("This bed")
            if not figures.harvests:
                return _("Nothing picked from {where} in {year} yet.").format(
                    where=where, year=charts.year
                )
            return _("{where} gave {charts} in {year}.").format(
                where=where, charts=self._amounts(charts), year=charts.year
            )
        return _("The farm picked {figures} in {year}.").format(
            figures=totals_words(figures), year=charts.year
        )

    def _draw(self) -> None:
        self._stale = False
        if self.charts is None:
            return
        if self.canvas is None:
            # matplotlib is imported here, the first time a chart is shown.
            from dutchfarm.ui.charts import ChartCanvas

            self.canvas = ChartCanvas(self, scale=text_scale())
            self.area.addWidget(self.canvas, 1)
            # Made after the page, it would join the end of the window's chain: Tab comes to
            # it where the chart is, straight after the button to save it (shown or not).
            QWidget.setTabOrder(self.save_button, self.canvas.canvas)
        if self.kind == "mine":
            from dutchfarm.ui.charts import panels_of

            self.canvas.setMinimumHeight(scaled(self.panel_height) * panels_of(self.charts))
        else:
            self.canvas.setMinimumHeight(scaled(PANEL_HEIGHT + 60))
        # The name says which chart it is; the description says its figures.
        shown = {kind: words for kind, _icon, words in FARM_CHARTS}.get(self.kind)
        name = _("Harvest chart: {chart}").format(chart=shown) if shown else _("Harvest chart")
        self.canvas.canvas.setAccessibleName(name)
        self.canvas.draw(self.kind, self.charts)
        self.canvas.canvas.setAccessibleDescription(self.accessibleDescription())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Draw the chart the first time it comes into view, or when it changed meanwhile."""
        super().showEvent(event)
        if self._stale:
            self._load()
            self._draw()

    def _on_changed(self, topic: str) -> None:
        if topic in (Topic.HARVESTS, Topic.SEASONS, Topic.PEOPLE):
            self.refresh()
        elif topic == Topic.LOOK and self.canvas is not None:
            # A new theme or text size: the same figures, drawn again in its colours and size.
            self.canvas.scale = text_scale()
            self._stale = True
            if self.isVisible():
                self._draw()

    def tab_sequence(self) -> list[QWidget]:
        """Return the chart's controls in the order Tab visits them: Save, then the chart."""
        controls: list[QWidget] = [self.save_button]
        if self.canvas is not None:
            controls.append(self.canvas.canvas)
        return controls

    def lines(self) -> dict[str, list[float]]:
        """Return the lines drawn now, by name (empty before the chart is first shown)."""
        return self.canvas.lines() if self.canvas is not None else {}

    def save_picture(self) -> None:
        """Ask where to save the chart, and save it as a PNG picture."""
        if self._stale:
            self._load()
            self._draw()
        if self.charts is None:
            return
        if self.canvas is None:
            self._draw()
        path = dialogs.save_file(
            self,
            _("Save the chart as a picture"),
            f"harvest-{self.charts.year}.png",
            _("PNG (*.png)"),
        )
        if not path:
            return
        if not path.lower().endswith(".png"):
            path += ".png"
        assert self.canvas is not None
        try:
            self.canvas.save_png(path)
        except OSError as error:
            dialogs.warn(self, _("The picture was not saved"), f"{error.strerror or error}.")
            return
        dialogs.tell(self, _("Picture saved"), _("The chart is saved as {path}.").format(path=path))
