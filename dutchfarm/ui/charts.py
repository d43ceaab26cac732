"""The harvest charts, drawn by matplotlib: imported only when a chart is first shown."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from importlib.resources import as_file, files
from typing import Any

import matplotlib
import numpy
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import (
    FixedFormatter,
    FixedLocator,
    FuncFormatter,
    Locator,
    MaxNLocator,
)
from matplotlib.transforms import offset_copy
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from dutchfarm.domain.harvest import UNIT_WORDS, SeasonCharts, Series, format_number
from dutchfarm.domain.terms import Unit
from dutchfarm.ui.chart_canvas import FocusCanvas, chart_colours
from dutchfarm.ui.chart_layout import WordsLayout
from dutchfarm.ui.colours import PAPER, ChartColours
from dutchfarm.words import _

MARKERS = ("o", "s", "^", "D", "v", "P", "X")
DASHES = ("-", "--", "-.", ":")
TITLE_PAD = 12  # points between a chart's title and its axes
MONTH_NAMES = (
    _("Jan"),
    _("Feb"),
    _("Mar"),
    _("Apr"),
    _("May"),
    _("Jun"),
    _("Jul"),
    _("Aug"),
    _("Sep"),
    _("Oct"),
    _("Nov"),
    _("Dec"),
)

_fonts_added = False


def _x(day: dt.date, year: int) -> int:
    """Return the x of a day: days after 1 January of the season's year."""
    return (day - dt.date(year, 1, 1)).days


def _calendar(axes: Axes, year: int, low: float, high: float) -> None:
    """Show the days ``low`` to ``high`` of ``year``, each month named at its start."""
    axes.set_xlim(low, high)
    # Only the months in view: matplotlib makes a tick for every place it is given, seen or
    # not, and making ticks is most of an axis's drawing time. The ticks' size was set with
    # the axes; naming them by a formatter (not with labels=) lets matplotlib make them once.
    months = [
        (start, name)
        for month, name in enumerate(MONTH_NAMES, start=1)
        if low <= (start := _x(dt.date(year, month, 1), year)) <= high
    ]
    axes.xaxis.set_major_locator(FixedLocator([start for start, _ in months]))
    axes.xaxis.set_major_formatter(FixedFormatter([name for _, name in months]))


class _InView(Locator):
    """The ticks of another locator that are in view, and no others.

    matplotlib makes a tick (its lines and label) for every place a locator gives, and its
    own locators give one past each end of the axis, which is never seen.
    """

    def __init__(self, locator: Locator) -> None:
        self.locator = locator

    def set_axis(self, axis: Any) -> None:
        """Give this locator, and the one it asks, their axis."""
        super().set_axis(axis)
        self.locator.set_axis(axis)

    def __call__(self) -> Sequence[float]:
        """Return the other locator's ticks that are in view (at its ends too)."""
        assert self.axis is not None
        low, high = sorted(self.axis.get_view_interval())
        slack = (high - low) * 1e-6
        return [place for place in self.locator() if low - slack <= place <= high + slack]

    def tick_values(self, vmin: float, vmax: float) -> Sequence[float]:
        """Return the other locator's ticks between ``vmin`` and ``vmax``."""
        return self.locator.tick_values(vmin, vmax)

    def view_limits(self, vmin: float, vmax: float) -> tuple[float, float]:
        """Return the view the other locator would choose."""
        return self.locator.view_limits(vmin, vmax)

    def nonsingular(self, v0: float, v1: float) -> tuple[float, float]:
        """Widen a range of no width as the other locator would."""
        return self.locator.nonsingular(v0, v1)


def _counting(axes: Axes) -> None:
    """Mark the y axis in whole numbers, as many as fit the text size (as matplotlib's own)."""
    steps = [1, 2, 2.5, 5, 10]
    axes.yaxis.set_major_locator(_InView(MaxNLocator(nbins="auto", steps=steps, integer=True)))
    _numbers(axes)


def _numbers(axes: Axes) -> None:
    """Write the y axis' numbers as the words do ("1,200"), without scientific notation."""
    locator = axes.yaxis.get_major_locator()
    if not isinstance(locator, _InView):
        axes.yaxis.set_major_locator(_InView(locator))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value)))


def _add_fonts() -> None:
    """Make the bundled Atkinson Hyperlegible available to matplotlib (once)."""
    global _fonts_added
    if _fonts_added:
        return
    for entry in files("dutchfarm.resources").joinpath("fonts").iterdir():
        if entry.name.endswith(".ttf"):
            with as_file(entry) as path:
                font_manager.fontManager.addfont(str(path))
    # Set once for the whole program: charts are only ever drawn by this module.
    matplotlib.rcParams["font.family"] = "Atkinson Hyperlegible"
    matplotlib.rcParams["font.sans-serif"] = ["Atkinson Hyperlegible", "DejaVu Sans"]
    _fonts_added = True


def _style(
    figure: Figure, scale: float, c: ChartColours, panels: int = 1
) -> tuple[list[Axes], float]:
    """Make the figure ready for a chart of ``panels`` axes, one under the other; return
    them, dressed in the theme, and the text size.

    The last chart's axes are kept when there are as many, emptied to be as new ones:
    making an axes, and the ticks matplotlib makes for it as it first draws, is a quarter
    of a chart's drawing time. A chart looks the same to the pixel either way.
    """
    _add_fonts()
    size = 13.0 * scale
    figure.set_facecolor(c.background)
    kept = _kept(figure, panels)
    if kept:
        for axes in kept:
            _clean(axes)
        # Back where new axes would be, for the layout to move them again.
        figure.subplotpars.reset()
        figure.subplots_adjust()
        return [_dress(axes, size, c) for axes in kept], size
    # Taken off before the figure is cleared: Figure.clear() would first clear each old
    # axes, work thrown away at once.
    for old in list(figure.axes):
        figure.delaxes(old)
    figure.clear()
    # The layout keeps titles, tick labels and the names at line ends inside the figure
    # at any size the window gives it.
    figure.set_layout_engine(WordsLayout(title_pad_points=TITLE_PAD))
    made = [figure.add_subplot(panels, 1, number) for number in range(1, panels + 1)]
    return [_dress(axes, size, c) for axes in made], size


def _kept(figure: Figure, panels: int) -> list[Axes]:
    """Return the figure's axes if they are the ``panels`` a chart here would make, else []."""
    axes = list(figure.axes)
    if len(axes) != panels or not isinstance(figure.get_layout_engine(), WordsLayout):
        return []
    for number, one in enumerate(axes, start=1):
        spec = one.get_subplotspec()
        if spec is None or spec.get_geometry() != (panels, 1, number - 1, number - 1):
            return []
    return axes


def _clean(axes: Axes) -> None:
    """Take off an axes all that the last chart put on it, as a new axes has nothing."""
    for artist in [
        *axes.lines,
        *axes.patches,
        *axes.texts,
        *axes.collections,
        *axes.images,
        *axes.tables,
        *axes.artists,
    ]:
        artist.remove()
    axes.containers.clear()
    legend = axes.get_legend()
    if legend is not None:
        legend.remove()
    for axis in (axes.xaxis, axes.yaxis):
        # Only the ticks the last chart drew: more (a bed's name each) would be dressed again
        # at every drawing for nothing. matplotlib makes more as a chart needs them.
        del axis.majorTicks[max(1, len(axis.get_majorticklocs())) :]
    # The default locators and formatters, limits found from the data again, no grid,
    # and no title or axis labels: as a new axes has them.
    axes.set_xscale("linear")
    axes.set_yscale("linear")
    axes.relim()
    axes.set_xlim(0, 1, auto=True)
    axes.set_ylim(0, 1, auto=True)
    axes.grid(False)
    axes.set_title("", loc="left")
    axes.set_xlabel("")
    axes.set_ylabel("")


def _dress(axes: Axes, size: float, c: ChartColours) -> Axes:
    """Dress an axes in the theme: its background, edges, tick words and grid."""
    axes.set_facecolor(c.background)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("bottom", "left"):
        axes.spines[side].set_color(c.ink)
    axes.tick_params(labelsize=size * 0.9, colors=c.ink)
    axes.grid(True, axis="y", color=c.grid, linewidth=1)
    axes.set_axisbelow(True)
    return axes


def _one_axes(figure: Figure, scale: float, c: ChartColours, title: str) -> tuple[Axes, float]:
    """Start a chart of one axes with its title; return the axes and the text size."""
    made, size = _style(figure, scale, c)
    _title(made[0], title, size, c)
    return made[0], size


def _title(axes: Axes, text: str, size: float, c: ChartColours) -> None:
    # A title set at the top (y=1) is not moved clear of tick labels at every draw: the
    # x axis is at the bottom, so there is nothing above the axes to clear.
    axes.set_title(
        text, fontsize=size * 1.25, fontweight="bold", color=c.ink, loc="left", pad=TITLE_PAD, y=1.0
    )


def _nothing(
    axes: Axes, size: float, c: ChartColours, words: str = _("Nothing picked yet.")
) -> None:
    axes.text(
        0.5,
        0.5,
        words,
        ha="center",
        va="center",
        fontsize=size * 1.2,
        color=c.ink,
        transform=axes.transAxes,
    )
    axes.set_xticks([])
    axes.set_yticks([])


def _spread(values: list[float], gap: float) -> list[float]:
    """Return label heights moved apart just enough that no two are closer than ``gap``."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = list(values)
    for previous, current in zip(order, order[1:], strict=False):
        placed[current] = max(placed[current], placed[previous] + gap)
    return placed


def _line_gap(axes: Axes, span: float, size: float) -> float:
    """Return the height in data units of one line of label text on ``axes``."""
    pixels = size * 1.3 * axes.figure.dpi / 72.0
    return span * pixels / max(axes.bbox.height, 1.0)


def _lines(
    axes: Axes,
    series: Sequence[Series],
    year: int,
    size: float,
    c: ChartColours,
    *,
    unit_words: bool,
) -> None:
    """Draw running totals as steps, each named at its end and in the legend."""
    # Each day's x (as _x gives it), worked out once from the days' numbers.
    new_year = dt.date(year, 1, 1).toordinal()
    xs = [[day.toordinal() - new_year for day in line.days] for line in series]
    last_day = max(max(days) for days in xs)
    first_day = min(min(days) for days in xs)
    ends: list[tuple[float, str, str]] = []
    for index, (line, days) in enumerate(zip(series, xs, strict=True)):
        colour = c.other if line.label == "Other" else c.lines[index % len(c.lines)]
        values = list(line.values)
        if days[-1] < last_day:
            # Carry each line on to the last day picked, so that the ends line up.
            days.append(last_day)
            values.append(values[-1])
        label = _label(line, unit_words)
        axes.plot(
            days,
            values,
            drawstyle="steps-post",
            color=colour,
            linewidth=2.5,
            linestyle=DASHES[index % len(DASHES)],
            marker=MARKERS[index % len(MARKERS)],
            markevery=[len(days) - 1],
            markersize=size * 0.6,
            label=label,
        )
        ends.append((line.last, label, colour))
    top = max(value for value, _, _ in ends) or 1.0
    heights = _spread([value for value, _, _ in ends], _line_gap(axes, top * 1.1, size))
    pad = max(1, (last_day - first_day) // 40)
    kg = all(line.unit is Unit.KILOGRAMS for line in series)
    # Each name starts just past its line's end marker, whose size grows with the text.
    past_marker = offset_copy(axes.transData, axes.figure, x=size * 0.3 + 3, units="points")
    for (value, label, colour), height in zip(ends, heights, strict=True):
        # Plain text, not an annotation: no arrow points back, so nothing more is needed.
        axes.text(
            last_day,
            height,
            f"{label}: {_amount(value, kg)}",
            fontsize=size * 0.85,
            color=colour,
            va="center",
            transform=past_marker,
        )
    axes.set_ylim(bottom=0, top=max(heights) * 1.08 or 1.0)
    # A few days' picking still shows a month or so, so that a month is named under it.
    _calendar(axes, year, max(0, min(first_day - 7, last_day - 35)), last_day + pad)


def _amount(value: float, kg: bool) -> str:
    return _("{value:,.1f} kg").format(value=value) if kg else format_number(value)


def _label(line: Series, unit_words: bool) -> str:
    if unit_words and line.unit in (Unit.COUNT, Unit.BUNCH):
        return f"{line.label} ({UNIT_WORDS[line.unit]})"
    return line.label


def _kg_axis(axes: Axes, size: float, c: ChartColours) -> None:
    axes.set_ylabel(_("kilograms (kg)"), fontsize=size, color=c.ink)
    _numbers(axes)


def draw_crops(
    figure: Figure, charts: SeasonCharts, scale: float = 1.0, c: ChartColours = PAPER
) -> None:
    """Running kilograms per crop over the season: the top crops, the rest as "Other"."""
    axes, size = _one_axes(
        figure,
        scale,
        c,
        _("Kilograms picked so far, crop by crop ({year})").format(year=charts.year),
    )
    if not charts.cumulative:
        _nothing(axes, size, c)
        return
    _lines(axes, charts.cumulative, charts.year, size, c, unit_words=False)
    _kg_axis(axes, size, c)


def draw_weeks(
    figure: Figure, charts: SeasonCharts, scale: float = 1.0, c: ChartColours = PAPER
) -> None:
    """Kilograms picked each week of the season."""
    axes, size = _one_axes(
        figure, scale, c, _("Kilograms picked each week ({year})").format(year=charts.year)
    )
    if not charts.weekly:
        _nothing(axes, size, c)
        return
    days = [_x(monday, charts.year) for monday, _ in charts.weekly]
    kilograms = [kg for _, kg in charts.weekly]
    axes.bar(days, kilograms, width=5.5, color=c.bar, edgecolor=c.ink, linewidth=0.8, align="edge")
    _calendar(axes, charts.year, days[0] - 7, days[-1] + 14)
    _kg_axis(axes, size, c)
    best = max(range(len(kilograms)), key=lambda i: kilograms[i])
    axes.annotate(
        _("Best week: {0}").format(_amount(kilograms[best], True)),
        xy=(days[best], kilograms[best]),
        xytext=(0, 6),
        textcoords="offset points",
        fontsize=size * 0.85,
        color=c.ink,
        ha="left",
    )


def _bars(
    axes: Axes, labels: Sequence[str], values: Sequence[float], size: float, c: ChartColours
) -> None:
    positions = list(range(len(labels)))[::-1]
    axes.barh(positions, values, color=c.bar, edgecolor=c.ink, linewidth=0.8, height=0.7)
    axes.set_yticks(positions, labels=list(labels))
    axes.grid(True, axis="x", color=c.grid, linewidth=1)
    axes.grid(False, axis="y")
    for position, value in zip(positions, values, strict=True):
        axes.annotate(
            _amount(value, True),
            xy=(value, position),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=size * 0.85,
            color=c.ink,
        )
    axes.set_xlim(right=max(values, default=1.0) * 1.2 or 1.0)
    axes.set_xlabel(_("kilograms (kg)"), fontsize=size, color=c.ink)


def draw_beds(
    figure: Figure, charts: SeasonCharts, scale: float = 1.0, c: ChartColours = PAPER
) -> None:
    """Kilograms from each bed, the most first."""
    axes, size = _one_axes(
        figure, scale, c, _("Kilograms from each bed ({year})").format(year=charts.year)
    )
    if not charts.by_bed:
        _nothing(axes, size, c)
        return
    _bars(axes, [bar.label for bar in charts.by_bed], [bar.value for bar in charts.by_bed], size, c)


def draw_crop_totals(
    figure: Figure, charts: SeasonCharts, scale: float = 1.0, c: ChartColours = PAPER
) -> None:
    """Kilograms of each crop (the fifteen heaviest), the most first."""
    axes, size = _one_axes(
        figure, scale, c, _("Kilograms of each crop ({year})").format(year=charts.year)
    )
    bars = charts.by_crop[:15]
    if not bars:
        _nothing(axes, size, c)
        return
    _bars(axes, [bar.label for bar in bars], [bar.value for bar in bars], size, c)


def draw_seasons(
    figure: Figure, charts: SeasonCharts, scale: float = 1.0, c: ChartColours = PAPER
) -> None:
    """This season's running kilograms against earlier seasons, day by day of the year."""
    axes, size = _one_axes(
        figure, scale, c, _("{year} against earlier seasons").format(year=charts.year)
    )
    if not any(season.days for season in charts.seasons):
        _nothing(axes, size, c)
        return
    ends = []
    for index, season in enumerate(s for s in charts.seasons if s.days):
        this = season.year == charts.year
        colour = c.lines[index % len(c.lines)]
        axes.plot(
            season.days,
            season.kilograms,
            drawstyle="steps-post",
            color=colour,
            linewidth=4 if this else 2,
            linestyle="-" if this else DASHES[index % len(DASHES)],
            label=str(season.year),
        )
        ends.append((season.days[-1], season.kilograms[-1], str(season.year), colour, this))
    top = max(kg for _, kg, *_ in ends) or 1.0
    heights = _spread([kg for _, kg, *_ in ends], _line_gap(axes, top * 1.1, size))
    for (day, kg, year, colour, this), height in zip(ends, heights, strict=True):
        axes.text(
            day + 4,
            height,
            f"{year}: {_amount(kg, True)}",
            fontsize=size * 0.9,
            color=colour,
            va="center",
            fontweight="bold" if this else "normal",
        )
    _calendar(axes, charts.year, min(min(s.days) for s in charts.seasons if s.days) - 10, 366)
    axes.set_ylim(bottom=0, top=max(heights) * 1.08)
    _kg_axis(axes, size, c)


def draw_counts(
    figure: Figure, charts: SeasonCharts, scale: float = 1.0, c: ChartColours = PAPER
) -> None:
    """Running totals of crops counted or picked in bunches, never mixed with weights."""
    axes, size = _one_axes(
        figure, scale, c, _("Crops counted or in bunches ({year})").format(year=charts.year)
    )
    if not charts.counts:
        _nothing(axes, size, c, _("Nothing counted yet."))
        return
    _lines(axes, charts.counts[:8], charts.year, size, c, unit_words=True)
    axes.set_ylabel(_("how many"), fontsize=size, color=c.ink)
    _counting(axes)


def panels_of(charts: SeasonCharts) -> int:
    """Return how many panels the chart of one person or bed has (weights, counts)."""
    return max(1, bool(charts.cumulative) + bool(charts.counts))


def draw_mine(
    figure: Figure, charts: SeasonCharts, scale: float = 1.0, c: ChartColours = PAPER
) -> None:
    """One person's or one bed's season: kilograms per crop, and counts under them."""
    panels = [kind for kind, has in (("kg", charts.cumulative), ("count", charts.counts)) if has]
    made, size = _style(figure, scale, c, max(1, len(panels)))
    if not panels:
        _nothing(made[0], size, c)
        return
    for axes, kind in zip(made, panels, strict=True):
        if kind == "kg":
            _title(axes, _("Kilograms picked ({year})").format(year=charts.year), size, c)
            _lines(axes, charts.cumulative, charts.year, size, c, unit_words=False)
            _kg_axis(axes, size, c)
        else:
            _title(axes, _("Counted and in bunches ({year})").format(year=charts.year), size, c)
            _lines(axes, charts.counts[:6], charts.year, size, c, unit_words=True)
            axes.set_ylabel(_("how many"), fontsize=size, color=c.ink)
            _counting(axes)
    # Both panels keep the same calendar, so that a day sits at one place in each.
    left = min(axes.get_xlim()[0] for axes in made)
    right = max(axes.get_xlim()[1] for axes in made)
    for axes in made:
        _calendar(axes, charts.year, left, right)


DRAW: dict[str, Callable[[Figure, SeasonCharts, float, ChartColours], None]] = {
    "crops": draw_crops,
    "weeks": draw_weeks,
    "beds": draw_beds,
    "seasons": draw_seasons,
    "counts": draw_counts,
    "crop_totals": draw_crop_totals,
    "mine": draw_mine,
}


def render_png(
    kind: str,
    charts: SeasonCharts,
    *,
    width: float = 10.0,
    height: float = 5.0,
    dpi: int = 150,
    scale: float = 1.0,
) -> bytes:
    """Return a chart drawn as a PNG picture for the printed report: on paper's white."""
    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    DRAW[kind](figure, charts, scale, PAPER)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=PAPER.background)
    return buffer.getvalue()


class ChartCanvas(QWidget):
    """A matplotlib figure inside the window, redrawn from plain series in the theme's colours."""

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.scale = scale
        self.figure = Figure(figsize=(8, 4.5), dpi=100)
        self.canvas = FocusCanvas(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.kind = ""

    def draw(self, kind: str, charts: SeasonCharts) -> None:
        """Draw the chart ``kind`` of ``charts``."""
        self.kind = kind
        DRAW[kind](self.figure, charts, self.scale, chart_colours())
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]

    def lines(self) -> dict[str, list[float]]:
        """Return the y values of every line drawn, by its name (for checking what shows)."""
        found: dict[str, list[float]] = {}
        for axes in self.figure.axes:
            for line in axes.get_lines():
                found[str(line.get_label())] = numpy.asarray(line.get_ydata(), float).tolist()
        return found

    def save_png(self, path: str) -> None:
        """Save the chart as a PNG picture."""
        self.figure.savefig(path, format="png", dpi=150, facecolor=self.figure.get_facecolor())
