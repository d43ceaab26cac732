"""Every chart draws, from a full season and from an empty one, and shows its series."""

import datetime as dt

import pytest

from dutchfarm.domain.harvest import HarvestPoint, season_charts
from dutchfarm.domain.terms import Unit
from dutchfarm.ui.charts import DRAW, ChartCanvas, panels_of, render_png

D = dt.date
SEASON = [
    HarvestPoint(D(2026, 7, 1), "Potatoes", 2, Unit.KILOGRAMS, 2000, "Bed 1"),
    HarvestPoint(D(2026, 7, 8), "Potatoes", 3, Unit.KILOGRAMS, 3000, "Bed 2"),
    HarvestPoint(D(2026, 7, 2), "Strawberries", 6, Unit.COUNT, None, "Bed 1"),
    HarvestPoint(D(2026, 7, 3), "Radishes", 2, Unit.BUNCH, None),
]
EARLIER = {2025: [HarvestPoint(D(2025, 7, 1), "Peas", 900, Unit.GRAMS, 900)]}


@pytest.mark.parametrize("kind", sorted(DRAW))
@pytest.mark.parametrize("points", [SEASON, []], ids=["full", "empty"])
def test_every_chart_draws_as_a_picture(qapp, kind, points):
    png = render_png(kind, season_charts(2026, points, EARLIER), width=6, height=4, dpi=50)
    assert png.startswith(b"\x89PNG")


def test_the_canvas_draws_the_series_it_is_given(qtbot):
    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    charts = season_charts(2026, SEASON, EARLIER)
    canvas.draw("counts", charts)
    lines = canvas.lines()
    # Each line runs on to the last day picked, so that their ends line up.
    assert lines["Strawberries (counted)"] == [6.0, 6.0]
    assert lines["Radishes (bunches)"] == [2.0]
    canvas.draw("crops", charts)
    assert canvas.lines()["Potatoes"] == [2.0, 5.0]
    canvas.draw("seasons", charts)
    assert canvas.lines()["2025"] == [0.9]
    assert panels_of(charts) == 2 and panels_of(season_charts(2026, [])) == 1
