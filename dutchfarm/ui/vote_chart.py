"""The results of a crop vote as a big bar chart with the crops' pictures (matplotlib).

Imported only when results are first shown or printed, so matplotlib costs nothing at start.
"""

from __future__ import annotations

import textwrap
from importlib.resources import as_file, files

import numpy as np
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backend_bases import Event
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.offsetbox import AnnotationBbox, OffsetImage
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text
from matplotlib.ticker import MaxNLocator
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from dutchfarm.services.vote_results import BallotResults, OptionResult
from dutchfarm.ui import icons
from dutchfarm.ui.chart_canvas import FocusCanvas, chart_colours
from dutchfarm.ui.chart_words import vote_words
from dutchfarm.ui.colours import PAPER, ChartColours
from dutchfarm.words import _

# Winners in the charts' bar colour (leaf green), tied crops in Okabe and Ito's orange with
# stripes, the rest a warm grey, each inside a dark edge; every winner also has a star and
# the word "Won", so colour never carries it alone.
TIED = "#E69F00"
OTHER = "#BDB6A3"
# Atkinson Hyperlegible first; DejaVu Sans (shipped with matplotlib) draws the star.
FAMILY = ["Atkinson Hyperlegible", "DejaVu Sans"]
STAR = "\u2605"

_fonts_added = False


def _add_fonts() -> None:
    """Make the bundled Atkinson Hyperlegible available to matplotlib (once)."""
    global _fonts_added
    if _fonts_added:
        return
    for entry in files("dutchfarm.resources").joinpath("fonts").iterdir():
        if entry.name.endswith(".ttf"):
            with as_file(entry) as path:
                font_manager.fontManager.addfont(str(path))
    _fonts_added = True


def icon_array(name: str, size: int) -> np.ndarray:
    """Return an icon drawn from its SVG as an RGBA array of ``size`` × ``size`` pixels."""
    image = icons.pixmap(name, size).toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * height)
    return raw.reshape(height, stride // 4, 4)[:, :width, :].copy()


def _colour(option: OptionResult, c: ChartColours) -> str:
    if option.is_winner:
        return c.bar
    return TIED if option.tied else OTHER


def _label(option: OptionResult) -> str:
    mark = textwrap.fill(option.mark, width=10, break_long_words=False) if option.mark else ""
    if option.is_winner:
        mark = f"{STAR} {mark}"
    return f"{mark}\n{option.score_words}" if mark else option.score_words


def _name(option: OptionResult) -> str:
    # Two words go on two lines, so that names stay big when there are many bars.
    return option.plural.replace(" ", "\n", 1) if len(option.plural) > 9 else option.plural


def _longest(texts: list[str]) -> int:
    """Return the number of letters in the longest line of any of the texts."""
    return max((len(line) for text in texts for line in text.split("\n")), default=1)


# The average width of a letter of Atkinson Hyperlegible, as a share of the font size.
LETTER = 0.58


class _Fit:
    """Sizes the names, words and pictures to the room each bar has, now and on resize."""

    def __init__(self, figure: Figure, axes: Axes, size: float, picture_points: float) -> None:
        self.figure = figure
        self.axes = axes
        self.size = size
        self.picture_points = picture_points
        self.names: list[Text] = []
        self.labels: list[Annotation] = []
        self.pictures: list[OffsetImage] = []
        self.zoom = 72 / figure.dpi
        self.handle: int | None = None
        self.highest = 1.0

    def __call__(self, _event: Event | None = None) -> None:
        width, height = self.figure.get_size_inches() * 72
        crops = max(1, len(self.names))
        if width <= 0 or height <= 0:
            return
        left_points = self.size * 4.5
        slot = (width * 0.98 - left_points) / crops
        name_size = min(
            self.size, slot * 0.92 / (LETTER * _longest([t.get_text() for t in self.names]))
        )
        label_size = min(
            self.size, slot * 0.95 / (LETTER * _longest([t.get_text() for t in self.labels]))
        )
        picture = min(self.picture_points, slot * 0.8)
        for name in self.names:
            name.set_fontsize(name_size)
        for words in self.labels:
            words.set_fontsize(label_size)
        for image in self.pictures:
            image.set_zoom(self.zoom * picture / self.picture_points)
        self.axes.tick_params(axis="x", pad=picture + 8)
        lines = max((t.get_text().count("\n") + 1 for t in self.names), default=1)
        bottom_points = picture + 8 + lines * name_size * 1.25 + 10
        left = min(0.4, left_points / width)
        bottom = min(0.6, bottom_points / height)
        top = max(bottom + 0.1, 1 - self.size * 0.8 / height)
        self.figure.subplots_adjust(left=left, right=0.98, bottom=bottom, top=top)
        # Room above the tallest bar for its lines of words, whatever the chart's height.
        axes_points = height * (top - bottom)
        lines_above = max((t.get_text().count("\n") + 1 for t in self.labels), default=1)
        words_points = lines_above * label_size * 1.3 + 8
        share = min(0.8, words_points / max(axes_points, 1.0))
        self.axes.set_ylim(0, self.highest / (1 - share))

    def follow(self) -> None:
        """Fit now, and again whenever the canvas changes size."""
        self()
        canvas = self.figure.canvas
        earlier: _Fit | None = getattr(self.figure, "_dutchfarm_fit", None)
        if earlier is not None and earlier.handle is not None and canvas is not None:
            canvas.mpl_disconnect(earlier.handle)
        if canvas is not None:
            self.handle = canvas.mpl_connect("resize_event", self)
        self.figure._dutchfarm_fit = self  # type: ignore[attr-defined]


def draw_results(
    figure: Figure, results: BallotResults, scale: float = 1.0, c: ChartColours = PAPER
) -> None:
    """Draw the results as bars, the crop pictures and names under them, the winners starred."""
    _add_fonts()
    figure.clear()
    figure.set_facecolor(c.background)
    size = 13.0 * scale
    options = results.options
    axes = figure.add_subplot(111)
    axes.set_facecolor(c.background)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("bottom", "left"):
        axes.spines[side].set_color(c.ink)
    axes.grid(True, axis="y", color=c.grid, linewidth=1)
    axes.set_axisbelow(True)
    fit = _Fit(figure, axes, size, 48.0 * scale)
    places = list(range(len(options)))
    heights = [option.score for option in options]
    bars = axes.bar(
        places,
        heights,
        width=0.7,
        color=[_colour(option, c) for option in options],
        edgecolor=c.ink,
        linewidth=1.5,
    )
    for bar, option in zip(bars, options, strict=True):
        if option.tied and not option.is_winner:
            bar.set_hatch("//")
        fit.labels.append(
            axes.annotate(
                _label(option),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=size,
                fontweight="bold" if option.is_winner else "normal",
                fontfamily=FAMILY,
                color=c.bar if option.is_winner else c.ink,
            )
        )
    fit.highest = max(heights, default=0) or 1
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(results.score_label, fontsize=size, fontfamily=FAMILY, color=c.ink)
    axes.tick_params(axis="y", labelsize=size * 0.9, colors=c.ink)
    # The pictures sit just under the axis, the names under the pictures.
    pixels = max(8, round(fit.picture_points * figure.dpi / 72))
    for place, option in zip(places, options, strict=True):
        picture = OffsetImage(icon_array(option.icon, pixels), zoom=fit.zoom)
        fit.pictures.append(picture)
        axes.add_artist(
            AnnotationBbox(
                picture,
                (place, 0),
                xycoords=("data", "axes fraction"),
                xybox=(0, -4),
                boxcoords="offset points",
                box_alignment=(0.5, 1),
                frameon=False,
                annotation_clip=False,
            )
        )
    names = [_name(option) for option in options]
    axes.set_xticks(places, labels=names, fontsize=size, fontfamily=FAMILY, color=c.ink)
    axes.tick_params(axis="x", length=0)
    fit.names = list(axes.get_xticklabels())
    for tick, option in zip(fit.names, options, strict=True):
        if option.is_winner:
            tick.set_fontweight("bold")
    axes.set_xlim(-0.6, len(options) - 0.4)
    fit.follow()


def chart_image(results: BallotResults, width: int, height: int, dpi: float = 150) -> QImage:
    """Return the chart drawn off screen at ``width`` × ``height`` pixels, for paper and files."""
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    canvas = FigureCanvasAgg(figure)
    draw_results(figure, results)
    canvas.draw()  # type: ignore[no-untyped-call]
    rgba = np.asarray(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
    rows, columns = rgba.shape[0], rgba.shape[1]
    image = QImage(rgba.tobytes(), columns, rows, columns * 4, QImage.Format.Format_RGBA8888)
    return image.copy()


class VoteChart(QWidget):
    """The results chart on screen, redrawn with ``draw_idle()`` when results change."""

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.scale = scale
        self.figure = Figure(figsize=(8, 5), dpi=100)
        self.canvas = FocusCanvas(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setAccessibleName(_("Bar chart of the results"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.results: BallotResults | None = None

    def show_results(self, results: BallotResults) -> None:
        """Draw ``results``."""
        self.results = results
        draw_results(self.figure, results, self.scale, chart_colours())
        self.canvas.setAccessibleDescription(vote_words(results))
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]

    def bars(self) -> list[tuple[str, float]]:
        """Return each bar's crop name and height, as drawn (for checking the chart)."""
        axes = self.figure.axes[0]
        names = [tick.get_text().replace("\n", " ") for tick in axes.get_xticklabels()]
        heights = [patch.get_height() for patch in axes.patches if isinstance(patch, Rectangle)]
        return list(zip(names, heights, strict=True))

    def pictures(self) -> int:
        """Return how many crop pictures the chart shows."""
        return sum(isinstance(artist, AnnotationBbox) for artist in self.figure.axes[0].artists)
