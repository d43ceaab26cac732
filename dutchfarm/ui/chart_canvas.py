"""A matplotlib canvas the keyboard can reach: Tab stops on it and a ring shows it has focus.

A screen reader hears the chart's accessible name and description (its figures in words)
when the keyboard lands on it. Imported only with matplotlib, when a chart is first shown.
"""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPen

from dutchfarm.ui.colours import CHART_COLOURS, PAPER, ChartColours
from dutchfarm.ui.theme import FOCUS_RING, colours


def chart_colours() -> ChartColours:
    """Return the colours charts are drawn in with the theme in use."""
    return CHART_COLOURS.get(colours().name, PAPER)


class FocusCanvas(FigureCanvasQTAgg):
    """A figure's canvas that takes the keyboard's focus and draws the theme's focus ring."""

    def __init__(self, figure: Figure) -> None:
        super().__init__(figure)  # type: ignore[no-untyped-call]
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw the figure, then the focus ring inside its edge while it has focus."""
        super().paintEvent(event)  # type: ignore[no-untyped-call]
        if not self.hasFocus():
            return
        painter = QPainter(self)
        pen = QPen(QColor(colours().focus), FOCUS_RING)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = FOCUS_RING // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Show the ring as the keyboard arrives."""
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Take the ring away as the keyboard leaves."""
        super().focusOutEvent(event)
        self.update()
