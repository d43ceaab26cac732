"""The fairness chart: how often each person did each kind of job, as a grid of counts.

Imported only when the chart is first shown, so matplotlib costs nothing at start-up.
"""

from __future__ import annotations

from importlib.resources import as_file, files

from matplotlib import font_manager
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from dutchfarm.services.fairness import FairnessTable
from dutchfarm.ui.chart_canvas import FocusCanvas, chart_colours
from dutchfarm.ui.chart_words import fairness_words
from dutchfarm.ui.colours import readable_on
from dutchfarm.ui.theme import FONT_FAMILY
from dutchfarm.ui.widgets import scaled
from dutchfarm.words import _

# Light to dark green; each square also shows its number, so colour never carries it alone.
COLOUR_MAP = "Greens"


def _use_bundled_font() -> str:
    """Make Atkinson Hyperlegible known to matplotlib; return the family to ask for."""
    known = {font.name for font in font_manager.fontManager.ttflist}
    if FONT_FAMILY not in known:
        for entry in files("dutchfarm.resources").joinpath("fonts").iterdir():
            if entry.name.endswith(".ttf"):
                with as_file(entry) as path:
                    font_manager.fontManager.addfont(str(path))
    return FONT_FAMILY


class FairnessChart(QWidget):
    """A grid of people × kinds of job, each square darker the more often, with its count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.family = _use_bundled_font()
        self.figure = Figure(figsize=(8, 5), layout="constrained")
        self.canvas = FocusCanvas(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumHeight(scaled(360))
        self.setAccessibleName(_("Chart of how often each person did each kind of job"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.table: FairnessTable | None = None

    def show_table(self, table: FairnessTable) -> None:
        """Draw ``table``: a row for each person, a column for each kind of job."""
        self.table = table
        self.setAccessibleDescription(fairness_words(table))
        self.canvas.setAccessibleName(self.accessibleName())
        self.canvas.setAccessibleDescription(self.accessibleDescription())
        self.figure.clear()
        colours = chart_colours()
        self.figure.set_facecolor(colours.background)
        axes = self.figure.add_subplot()
        # Points as the rest of the program's text: 13 at normal size, more when larger.
        size = 13 * scaled(100) / 100
        rows = [row for row in table.rows if row.total] or list(table.rows)
        if not table.kinds or not rows:
            axes.set_axis_off()
            axes.text(
                0.5,
                0.5,
                _("Nobody had a job in these days."),
                ha="center",
                family=self.family,
                size=size,
                color=colours.ink,
            )
            self.canvas.draw_idle()  # type: ignore[no-untyped-call]
            return
        counts = [list(row.counts) for row in rows]
        most = max(max(line) for line in counts) or 1
        image = axes.imshow(counts, cmap=COLOUR_MAP, vmin=0, vmax=most * 1.25, aspect="auto")
        for y, line in enumerate(counts):
            for x, count in enumerate(line):
                # Each number in white or ink, whichever reads better on its square.
                square = to_hex(image.cmap(image.norm(count)))
                axes.text(
                    x,
                    y,
                    str(count),
                    ha="center",
                    va="center",
                    family=self.family,
                    size=size,
                    weight="bold",
                    color=readable_on(square),
                )
        axes.set_xticks(
            range(len(table.kinds)),
            labels=[kind.name for kind in table.kinds],
            rotation=30,
            ha="right",
            family=self.family,
            size=size,
        )
        axes.set_yticks(
            range(len(rows)),
            labels=[f"{row.name} ({row.total})" for row in rows],
            family=self.family,
            size=size,
        )
        axes.tick_params(length=0, colors=colours.ink)
        for side in axes.spines.values():
            side.set_visible(False)
        axes.set_title(
            _("How often each person did each job"),
            family=self.family,
            size=size * 1.2,
            weight="bold",
            color=colours.ink,
        )
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]
