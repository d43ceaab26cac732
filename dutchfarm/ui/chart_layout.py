"""Room around a harvest chart's axes for all its words, measured word by word at each draw.

matplotlib's own layouts (constrained, tight) find the room by working out the box of every
artist on the axes, twice over for the constrained one: a third of a chart's drawing time.
The harvest charts are one axes, or two stacked, with words only in known places: the
title, the tick labels, the axis labels and the names beside the lines or bars. Measuring
those words with the renderer's cached font metrics, and the few names exactly, gives the
same room for a fraction of the work, again at every draw so a resized window still fits.
"""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import LayoutEngine
from matplotlib.text import Text

EDGE_POINTS = 6.0  # the white edge kept around everything, in points
TICK_POINTS = 3.5 + 3.5  # matplotlib's tick length and the gap to its label, in points


class WordsLayout(LayoutEngine):
    """Sets the figure's margins so that every word of its charts is inside the figure."""

    _adjust_compatible = True
    _colorbar_gridspec = True

    def __init__(self, title_pad_points: float = 12.0) -> None:
        super().__init__()
        self._params = {"title_pad_points": title_pad_points}

    def set(self, *, title_pad_points: float | None = None) -> None:
        """Change the gap between a title and its axes, in points."""
        if title_pad_points is not None:
            self._params["title_pad_points"] = title_pad_points

    def execute(self, fig: Figure) -> None:
        """Work out the margins from the words and set them (a draw-time hook)."""
        axes = [ax for ax in fig.axes if ax.get_visible()]
        if not axes:
            return
        renderer = fig._get_renderer()  # type: ignore[attr-defined]
        px = fig.dpi / 72.0
        edge = EDGE_POINTS * px
        width, height = fig.bbox.width, fig.bbox.height
        title_pad = self._params["title_pad_points"]
        margins = (0.0, 0.0, 0.0, 0.0, 0.0)
        for _ in range(3):
            # Tick labels depend on the axes' size (a taller axes gets more ticks): measure
            # again once the axes have their size, until it no longer changes.
            room = [_room(ax, renderer, px, title_pad) for ax in axes]
            left = max(r["left"] for r in room) + edge
            # Stacked panels: the lower one's title and the upper one's tick labels between.
            gap = max(
                (a["bottom"] + b["top"] for a, b in zip(room, room[1:], strict=False)), default=0
            )
            measured = (left, edge, room[0]["top"] + edge, room[-1]["bottom"] + edge, gap)
            if measured == margins:
                break
            margins = measured
            _place(fig, *margins, len(axes))
        # The names beside the lines and bars are placed in data: they move in as the axes
        # narrow, each by its share of the axes' width, so the room they need is worked out
        # from where they are now.
        more_right, more_top = _overflow(axes, renderer, width - edge, height - edge)
        if more_right > 0.5 or more_top > 0.5:
            left, right, top, bottom, gap = margins
            _place(fig, left, right + more_right, top + more_top, bottom, gap, len(axes))
        for ax, needs in zip(axes, room, strict=True):
            _put_axis_labels(ax, needs, px)


def _put_axis_labels(ax: Axes, needs: dict[str, float], px: float) -> None:
    """Put the axis labels beside the tick labels, where the room for them was measured.

    Left to itself, matplotlib measures every tick label again at each draw to place them.
    """
    box = ax.get_position(original=False).transformed(ax.figure.transSubfigure)
    ax.yaxis.set_label_coords(-(needs["y_ticks"] + ax.yaxis.labelpad * px) / box.width, 0.5)
    ax.xaxis.set_label_coords(0.5, -(needs["x_ticks"] + ax.xaxis.labelpad * px) / box.height)


def _place(
    fig: Figure, left: float, right: float, top: float, bottom: float, gap: float, panels: int
) -> None:
    width, height = fig.bbox.width, fig.bbox.height
    inner = max(height - top - bottom - gap * (panels - 1), 1.0)
    fig.subplots_adjust(
        left=min(left / width, 0.45),
        right=max(1 - right / width, 0.55),
        top=max(1 - top / height, 0.55),
        bottom=min(bottom / height, 0.45),
        hspace=gap / (inner / panels) if panels > 1 else 0.2,
    )


# The height of a line of text in each font and resolution, as matplotlib lays it out
# (from the font's own ascent and descent, so the same for any words).
_LINE_HEIGHTS: dict[tuple[FontProperties, float], float] = {}


def _line_height(fig: Figure, renderer: Any, font: FontProperties) -> float:
    key = (font.copy(), fig.dpi)
    if key not in _LINE_HEIGHTS:
        probe = Text(0, 0, "lp", fontproperties=font)
        probe.set_figure(fig)
        _LINE_HEIGHTS[key] = probe.get_window_extent(renderer).height
    return _LINE_HEIGHTS[key]


_WIDTHS: dict[tuple[str, int, float], float] = {}


def _width(fig: Figure, renderer: Any, words: str, font: FontProperties) -> float:
    """Return the width in pixels of ``words`` (one line) in ``font``, remembered."""
    key = (words, hash(font), fig.dpi)
    if key not in _WIDTHS:
        if len(_WIDTHS) > 4096:
            _WIDTHS.clear()
        _WIDTHS[key] = renderer.get_text_width_height_descent(words, font, ismath=False)[0]
    return _WIDTHS[key]


def _height(fig: Figure, renderer: Any, words: str, font: FontProperties) -> float:
    """Return the height in pixels of ``words`` in ``font``: its lines, whatever letters."""
    if not words:
        return 0.0
    lines = words.count("\n") + 1
    return _line_height(fig, renderer, font) * (1 + (lines - 1) * 1.2)


def _tick_words(axis: Axis) -> list[str]:
    """Return the labels of the ticks in view, without making matplotlib's tick artists."""
    locations = list(axis.get_major_locator()())
    low, high = sorted(axis.get_view_interval())
    slack = (high - low) * 1e-9
    words = axis.get_major_formatter().format_ticks(locations)
    return [
        w for loc, w in zip(locations, words, strict=True) if low - slack <= loc <= high + slack
    ]


def _tick_font(axis: Axis) -> FontProperties:
    return FontProperties(size=axis.get_tick_params(which="major").get("labelsize"))


def _label_room(label: Text, pad: float, renderer: Any) -> float:
    fig = label.get_figure(root=True)
    assert isinstance(fig, Figure)
    high = _height(fig, renderer, label.get_text(), label.get_fontproperties())
    return high + pad if high else 0.0


def _room(ax: Axes, renderer: Any, px: float, title_pad: float) -> dict[str, float]:
    """Return the pixels ``ax`` needs on each side for its tick labels, labels and title."""
    ticks = TICK_POINTS * px
    x_font, y_font = _tick_font(ax.xaxis), _tick_font(ax.yaxis)
    x_words = _tick_words(ax.xaxis) if ax.xaxis.get_visible() else []
    y_words = _tick_words(ax.yaxis) if ax.yaxis.get_visible() else []
    fig = ax.get_figure(root=True)
    assert isinstance(fig, Figure)
    x_high = _line_height(fig, renderer, x_font) if any(x_words) else 0.0
    y_wide = max((_width(fig, renderer, w, y_font) for w in y_words if w), default=0.0)
    titles = (ax.title, ax._left_title, ax._right_title)  # type: ignore[attr-defined]
    title_high = max(_height(fig, renderer, t.get_text(), t.get_fontproperties()) for t in titles)
    y_ticks = y_wide + ticks if y_words else 0.0
    x_ticks = x_high + ticks if x_words else 0.0
    return {
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
        "left": y_ticks + _label_room(ax.yaxis.label, ax.yaxis.labelpad * px, renderer),
        "bottom": x_ticks + _label_room(ax.xaxis.label, ax.xaxis.labelpad * px, renderer),
        "top": title_high + title_pad * px if title_high else 0.0,
    }


def _overflow(axes: list[Axes], renderer: Any, right: float, top: float) -> tuple[float, float]:
    """Return how much the axes must give up on the right and top for the words placed on them.

    A word at a fraction f of the axes' width moves in by f times what the axes give up,
    so one reaching d pixels past the edge needs d / f.
    """
    more_right = more_top = 0.0
    for ax in axes:
        box = ax.bbox
        for text in ax.texts:
            if not text.get_visible() or not text.get_text():
                continue
            extent = text.get_window_extent(renderer)
            across = (extent.x0 - box.x0) / max(box.width, 1.0)
            up = (extent.y0 - box.y0) / max(box.height, 1.0)
            if extent.x1 > right and across > 0.05:
                more_right = max(more_right, (extent.x1 - right) / min(across, 1.0))
            if extent.y1 > top and up > 0.05:
                more_top = max(more_top, (extent.y1 - top) / min(up, 1.0))
    return more_right, more_top
