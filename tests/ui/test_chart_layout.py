"""Every word of every harvest chart is inside the picture, at any size and text size."""

import datetime as dt

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from dutchfarm.domain.harvest import HarvestPoint, season_charts
from dutchfarm.domain.terms import Unit
from dutchfarm.ui.charts import DRAW

CROPS = ("Potatoes", "Jerusalem artichokes", "Salad leaves", "Broad beans", "Onions", "Kale")
BEDS = ("Bed 1", "Strawberry bed", "Polytunnel", None)


def _season(year, grams):
    points = []
    for number in range(120):
        day = dt.date(year, 4, 1) + dt.timedelta(days=number * 2)
        crop = CROPS[number % len(CROPS)]
        points.append(
            HarvestPoint(day, crop, grams * (1 + number % 7), Unit.GRAMS, grams * (1 + number % 7))
        )
        points.append(HarvestPoint(day, "Strawberries", 1 + number % 5, Unit.COUNT, None))
        points.append(HarvestPoint(day, "Radishes", 1, Unit.BUNCH, None, BEDS[number % len(BEDS)]))
    return points


CHARTS = season_charts(
    2026, _season(2026, 900.0), {year: _season(year, 700.0) for year in (2023, 2024, 2025)}
)


# (inches wide, inches high, text scale): the Harvest page's chart at normal text, a low
# one, and the page's chart at the largest text, where it gets the whole width.
SIZES = {
    "page": (8, 4.5, 1.0),
    "low": (12, 3.5, 1.0),
    "low_large_text": (12, 3.5, 1.6),
    "large_text": (12, 6, 1.6),
}


@pytest.mark.parametrize("kind", sorted(DRAW))
@pytest.mark.parametrize("how", sorted(SIZES))
def test_every_word_of_a_chart_is_inside_the_picture(kind, how):
    *size, scale = SIZES[how]
    figure = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(figure)
    DRAW[kind](figure, CHARTS, scale)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    edge = figure.bbox
    for axes in figure.axes:
        # Everything drawn on and around the axes: tick labels, axis labels, title, names.
        drawn = axes.get_tightbbox(renderer)
        assert drawn.x0 >= edge.x0 - 1 and drawn.y0 >= edge.y0 - 1, (kind, drawn, edge)
        assert drawn.x1 <= edge.x1 + 1 and drawn.y1 <= edge.y1 + 1, (kind, drawn, edge)
