"""Harvest charts: Dutch Farm drawing each chart of a season, against matplotlib drawing the
same series already in plain lists on a figure of the same size (the floor)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.report import Budget, Figure, interleaved

SIZE = (8.0, 4.5)  # inches, as the chart on the Harvest page
DPI = 100


def _days(days: Any, year: int) -> list[int]:
    import datetime as dt

    return [(day - dt.date(year, 1, 1)).days for day in days]


def plain_lists(kind: str, charts: Any) -> list[tuple[str, list[Any], list[float]]]:
    """Return what chart ``kind`` draws as (how, xs, ys) lists: "line", "bar" or "barh"."""
    year = charts.year
    if kind in ("crops", "counts", "mine"):
        lines = charts.cumulative if kind == "crops" else charts.counts[:8]
        if kind == "mine":
            lines = charts.cumulative + charts.counts[:6]
        return [("line", _days(s.days, year), list(s.values)) for s in lines]
    if kind == "weeks":
        return [
            ("bar", _days([w for w, _ in charts.weekly], year), [kg for _, kg in charts.weekly])
        ]
    if kind == "seasons":
        return [("line", list(s.days), list(s.kilograms)) for s in charts.seasons if s.days]
    bars = charts.by_bed if kind == "beds" else charts.by_crop[:15]
    return [("barh", [b.label for b in bars], [b.value for b in bars])]


def draw_plain(figure: Any, drawn: list[tuple[str, list[Any], list[float]]]) -> None:
    """Draw lists the plain matplotlib way: one axes, default style, then the Agg draw."""
    figure.clear()
    axes = figure.add_subplot(111)
    for how, xs, ys in drawn:
        if how == "line":
            axes.plot(xs, ys, drawstyle="steps-post")
        elif how == "bar":
            axes.bar(xs, ys, width=5.5, align="edge")
        else:
            positions = list(range(len(xs)))[::-1]
            axes.barh(positions, ys)
            axes.set_yticks(positions, labels=xs)
    figure.canvas.draw()


def chart_series(url: str) -> tuple[Any, Any]:
    """Return the current season's charts of the whole farm and of its first bed."""
    from dutchfarm.db.database import open_database
    from dutchfarm.services.beds import list_beds
    from dutchfarm.services.farm import current_season
    from dutchfarm.services.harvest import season_chart_series

    db = open_database(url)
    try:
        season = current_season(db)
        assert season is not None, "the farm has no season"
        bed = list_beds(db)[0]
        return (
            season_chart_series(db, season.id),
            season_chart_series(db, season.id, bed_id=bed.id),
        )
    finally:
        db.close()


def measure_charts(url: str, runs: int) -> list[Figure]:
    """Time drawing every chart kind, each against the plain drawing of its lists."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as PlotFigure

    from dutchfarm.ui.charts import DRAW

    farm, bed = chart_series(url)
    ours = PlotFigure(figsize=SIZE, dpi=DPI)
    FigureCanvasAgg(ours)
    plain = PlotFigure(figsize=SIZE, dpi=DPI)
    FigureCanvasAgg(plain)
    figures = []
    for kind, draw in DRAW.items():
        charts = bed if kind == "mine" else farm
        drawn = plain_lists(kind, charts)

        def chart(draw: Callable[..., None] = draw, charts: Any = charts) -> None:
            draw(ours, charts, 1.0)
            ours.canvas.draw()

        found, floor = interleaved(runs, chart, lambda drawn=drawn: draw_plain(plain, drawn))
        figures.append(
            Figure(
                f"chart_{kind}",
                f"chart: {kind}",
                found,
                Budget(1.5, "floor"),
                floor,
                "matplotlib drawing the same series from lists, same size and dpi",
            )
        )
    return figures
