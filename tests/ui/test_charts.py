"""Every chart draws, from a full season and from an empty one, and shows its series."""

import datetime as dt
import itertools

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text

from dutchfarm.domain.harvest import HarvestPoint, season_charts
from dutchfarm.domain.terms import Unit
from dutchfarm.ui.charts import DRAW, ChartCanvas, panels_of, render_png
from dutchfarm.ui.colours import CHART_COLOURS, PAPER, THEMES, contrast_ratio

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


# --- the theme's colours ---------------------------------------------------------------------


@pytest.fixture
def theme(qapp):
    """Return a function that applies a theme to the program; the default comes back after."""
    from dutchfarm.ui.theme import apply_theme

    yield lambda name: apply_theme(qapp, "normal", name)
    apply_theme(qapp)


def faint_words(figure, minimum):
    """Return each word drawn on ``figure`` that reads at less than ``minimum`` on it."""
    from matplotlib.colors import to_hex
    from matplotlib.text import Text

    figure.canvas.draw()
    back = to_hex(figure.get_facecolor())
    behind = {to_hex(axes.get_facecolor()) for axes in figure.axes} | {back}
    found = []
    for text in figure.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        ink = to_hex(text.get_color())
        ratio = min(contrast_ratio(ink, colour) for colour in behind)
        if ratio < minimum:
            found.append(f"{text.get_text()!r} {ink} at {ratio:.2f}:1")
    return found


@pytest.mark.parametrize("name", sorted(THEMES))
@pytest.mark.parametrize("kind", sorted(DRAW))
def test_every_chart_is_drawn_in_the_themes_colours(qtbot, theme, name, kind):
    theme(name)
    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    canvas.draw(kind, season_charts(2026, SEASON, EARLIER))
    wanted = CHART_COLOURS[name]
    assert to_hex(canvas.figure.get_facecolor()) == wanted.background.lower()
    assert faint_words(canvas.figure, THEMES[name].text_minimum) == []
    # Words of every kind were looked at: title, tick labels and the names on the chart.
    inks = {to_hex(t.get_color()) for t in canvas.figure.findobj(Text) if t.get_text()}
    assert wanted.ink.lower() in inks
    if kind in ("crops", "counts", "seasons", "mine"):
        assert inks & {colour.lower() for colour in wanted.lines}


def test_the_contrast_check_finds_a_chart_that_ignores_the_theme(qapp):
    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    DRAW["crops"](figure, season_charts(2026, SEASON, EARLIER), 1.0, PAPER)
    # Paper's line colours read at 4.5:1, not at the 7:1 of high contrast.
    assert faint_words(figure, THEMES["default"].text_minimum) == []
    assert faint_words(figure, THEMES["high_contrast"].text_minimum) != []


def test_a_shown_chart_is_drawn_again_when_the_theme_changes(make_window, demo_url, qtbot, theme):
    from dutchfarm.ui.context import Topic
    from dutchfarm.ui.harvest_chart import HarvestChart

    window = make_window(demo_url)
    chart = HarvestChart(window.context)
    qtbot.addWidget(chart)
    chart.show()
    chart.show_farm("crops")
    first = chart.canvas.figure.axes[0].get_lines()[0].get_color()
    theme("high_contrast")
    window.context.announce(Topic.LOOK)
    qtbot.waitUntil(lambda: chart.canvas.figure.axes[0].get_lines()[0].get_color() != first)
    assert faint_words(chart.canvas.figure, THEMES["high_contrast"].text_minimum) == []
    assert (
        chart.canvas.figure.axes[0].get_lines()[0].get_color()
        in CHART_COLOURS["high_contrast"].lines
    )


def test_the_printed_chart_stays_dark_on_white_paper(theme):
    theme("high_contrast")
    figure = Figure()
    FigureCanvasAgg(figure)
    DRAW["seasons"](figure, season_charts(2026, SEASON, EARLIER), 1.0, PAPER)
    assert to_hex(figure.get_facecolor()) == "#ffffff"
    assert png_corner(render_png("seasons", season_charts(2026, SEASON, EARLIER))) == (
        255,
        255,
        255,
    )


def png_corner(png):
    """Return the colour of a PNG's top left pixel."""
    from PySide6.QtGui import QImage

    pixel = QImage.fromData(png).pixelColor(0, 0)
    return pixel.red(), pixel.green(), pixel.blue()


@pytest.mark.parametrize("name", sorted(THEMES))
def test_the_vote_and_fairness_charts_are_drawn_in_the_themes_colours(qtbot, theme, demo_url, name):
    import datetime as dt

    from dutchfarm.db.database import open_database
    from dutchfarm.domain.terms import BallotStatus
    from dutchfarm.services.fairness import fairness
    from dutchfarm.services.vote_results import ballot_results
    from dutchfarm.services.voting import list_ballots
    from dutchfarm.ui.fairness_chart import FairnessChart
    from dutchfarm.ui.vote_chart import VoteChart

    theme(name)
    db = open_database(demo_url)
    try:
        closed = next(b for b in list_ballots(db) if b.status is BallotStatus.CLOSED)
        results = ballot_results(db, closed.id)
        table = fairness(db, dt.date.today() - dt.timedelta(days=60), dt.date.today())
    finally:
        db.close()
    votes = VoteChart()
    qtbot.addWidget(votes)
    votes.show_results(results)
    fair = FairnessChart()
    qtbot.addWidget(fair)
    fair.show_table(table)
    wanted = CHART_COLOURS[name]
    for figure in (votes.figure, fair.figure):
        assert to_hex(figure.get_facecolor()) == wanted.background.lower()
    assert faint_words(votes.figure, THEMES[name].text_minimum) == []
    # The winners' names are in the bar colour of the theme.
    inks = {to_hex(t.get_color()) for t in votes.figure.findobj(Text) if t.get_text()}
    assert wanted.bar.lower() in inks
    # The numbers on the squares are each on their own square, not on the background.
    squares = fair.figure.axes[0].texts
    titles = [t for t in fair.figure.findobj(Text) if t.get_text() and t not in squares]
    assert min(contrast_ratio(to_hex(t.get_color()), wanted.background) for t in titles) >= (
        THEMES[name].text_minimum
    )


@pytest.mark.parametrize("kind", ["crops", "counts", "weeks", "seasons", "mine"])
def test_the_y_axis_makes_ticks_only_where_they_are_seen(qapp, kind):
    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    DRAW[kind](figure, season_charts(2026, SEASON, EARLIER))
    figure.canvas.draw()
    for axes in figure.axes:
        low, high = axes.get_ylim()
        slack = (high - low) * 1e-6
        places = list(axes.yaxis.get_majorticklocs())
        assert len(places) >= 2
        assert all(low - slack <= place <= high + slack for place in places)


def small_figure():
    figure = Figure(figsize=(6, 4), dpi=50)
    FigureCanvasAgg(figure)
    return figure


def pixels(figure):
    figure.canvas.draw()
    return bytes(figure.canvas.buffer_rgba())


def test_a_chart_drawn_where_another_was_looks_as_on_a_new_figure(qapp):
    # Names close together, moved apart by the height of the axes they are drawn on.
    close = [
        HarvestPoint(D(2026, 7, 9), "Peas", 4.9, Unit.KILOGRAMS, 4900, "Bed 3"),
        HarvestPoint(D(2026, 7, 9), "Leeks", 6, Unit.COUNT, None, "Bed 3"),
    ]
    full = season_charts(2026, SEASON + close, EARLIER)
    weights = season_charts(2026, [p for p in SEASON + close if p.grams], EARLIER)
    seasons = [full, season_charts(2026, []), weights]
    looks = [(colours, scale) for colours in CHART_COLOURS.values() for scale in (1.0, 1.6)]
    kept = small_figure()
    # Every chart after every chart, in the themes and text sizes, full, empty and weights
    # only (one panel of "mine" instead of two): each as a new figure shows it.
    for step, (first, then) in enumerate(itertools.product(sorted(DRAW), repeat=2)):
        for turn, kind in enumerate((first, then)):
            charts = seasons[(step + turn) % len(seasons)]
            colours, scale = looks[(step * 2 + turn) % len(looks)]
            DRAW[kind](kept, charts, scale, colours)
            new = small_figure()
            DRAW[kind](new, charts, scale, colours)
            assert pixels(kept) == pixels(new), (first, then, kind)


def test_a_chart_drawn_again_keeps_its_axes(qapp):
    figure = small_figure()
    charts = season_charts(2026, SEASON, EARLIER)
    DRAW["counts"](figure, charts)
    axes = figure.axes[0]
    DRAW["crops"](figure, charts)
    assert figure.axes == [axes] and [line.get_label() for line in axes.lines] == ["Potatoes"]
    DRAW["mine"](figure, charts)
    assert len(figure.axes) == 2


def test_a_chart_drawn_after_a_long_one_keeps_only_the_ticks_it_draws(qapp):
    figure = small_figure()
    beds = [
        HarvestPoint(D(2026, 7, 1), "Potatoes", 1, Unit.KILOGRAMS, 1000, f"Bed {n}")
        for n in range(1, 31)
    ]
    DRAW["beds"](figure, season_charts(2026, beds))
    pixels(figure)
    assert len(figure.axes[0].yaxis.majorTicks) == 30
    for _ in range(2):
        DRAW["counts"](figure, season_charts(2026, SEASON))
        pixels(figure)
    axis = figure.axes[0].yaxis
    assert len(axis.majorTicks) == len(axis.get_majorticklocs()) < 30
