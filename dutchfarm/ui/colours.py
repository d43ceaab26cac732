"""The two colour themes, and which colour sits on which, so every pair's contrast is checked."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from dutchfarm.words import _

# WCAG 2.2: text needs 4.5:1 (7:1 for the enhanced level the high-contrast theme aims at);
# the edges of controls, the focus ring and the lines of pictures need 3:1.
TEXT_MINIMUM = 4.5
HIGH_CONTRAST_TEXT_MINIMUM = 7.0
CONTROL_MINIMUM = 3.0
# Every picture is drawn in the OpenMoji style: flat colours inside a black line.
ICON_LINE = "#000000"

_BACKGROUNDS_OF_TEXT = ("window", "surface", "selection", "focused")


def _background(*, icons: bool = False) -> Any:
    """A colour that things are drawn on; ``icons``: pictures sit on it (a button's fill)."""
    return field(metadata={"kind": "background", "icons": icons})


def _text(*on: str) -> Any:
    """A colour of words, and the backgrounds those words are ever drawn on."""
    return field(metadata={"kind": "text", "on": on or _BACKGROUNDS_OF_TEXT})


def _control(*on: str) -> Any:
    """A colour of an edge or a mark (not words), and the backgrounds beside it."""
    return field(metadata={"kind": "control", "on": on or _BACKGROUNDS_OF_TEXT})


@dataclass(frozen=True)
class Colours:
    """One theme's colours; each says what it is and what it is drawn on."""

    name: str = field(metadata={"kind": "name"})
    # The page behind everything, and the cards, boxes and buttons on it.
    window: str = _background()
    surface: str = _background(icons=True)
    # A chosen row, a chosen or pointed-at button, the undo bar.
    selection: str = _background(icons=True)
    # The fill of the page's one main action, and of it under the mouse.
    primary: str = _background(icons=True)
    primary_hover: str = _background(icons=True)
    # A focused button: a tint of the focus ring, so focus shows on any button.
    focused: str = _background(icons=True)
    text: str = _text()
    muted_text: str = _text()
    warning: str = _text()
    good: str = _text()
    on_primary: str = _text("primary", "primary_hover")
    # The edge of buttons, boxes, cards and tables.
    border: str = _control()
    # The edge of the main action button.
    primary_edge: str = _control("window", "surface")
    # The thicker edge of a chosen button (its fill is the selection colour).
    chosen: str = _control()
    # The ring round whatever has the keyboard's attention. On the main action the fill
    # draws back inside the ring (the style sheet's background-clip), so the ring always
    # lies between the page and a light gap, never on the fill.
    focus: str = _control()

    @property
    def text_minimum(self) -> float:
        """Return the contrast this theme promises for words."""
        return HIGH_CONTRAST_TEXT_MINIMUM if self.name == "high_contrast" else TEXT_MINIMUM


def mix(colour: str, other: str, share: float) -> str:
    """Return ``share`` of ``colour`` mixed into ``other`` (both "#RRGGBB")."""
    channels = (
        round(int(colour[i : i + 2], 16) * share + int(other[i : i + 2], 16) * (1 - share))
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{value:02X}" for value in channels)


DEFAULT = Colours(
    name="default",
    window="#F6F1E7",  # warm oat
    surface="#FFFFFF",
    selection="#D8E8C8",  # pale leaf
    primary="#2F6B3A",  # leaf green
    primary_hover="#2E7A3E",
    focused=mix("#1A4C8B", "#FFFFFF", 0.15),
    text="#1B1B1B",
    muted_text="#4A4A40",
    warning="#8A3B00",
    good="#1F5A2A",
    on_primary="#FFFFFF",
    border="#7A7565",
    primary_edge="#2F6B3A",
    chosen="#2F6B3A",
    focus="#1A4C8B",
)

# Black on white, with a yellow main action and light blue for what is chosen: the black
# lines of the pictures stay clear on every fill.
HIGH_CONTRAST = Colours(
    name="high_contrast",
    window="#FFFFFF",
    surface="#FFFFFF",
    selection="#CCE5FF",
    primary="#FFE14D",
    primary_hover="#FFD000",
    focused=mix("#0000C8", "#FFFFFF", 0.15),
    text="#000000",
    muted_text="#1B1B1B",
    warning="#6B1D00",
    good="#0B3D17",
    on_primary="#000000",
    border="#000000",
    primary_edge="#000000",
    chosen="#000000",
    focus="#0000C8",
)

THEMES = {theme.name: theme for theme in (DEFAULT, HIGH_CONTRAST)}


@dataclass(frozen=True)
class ChartColours:
    """The colours a chart is drawn in: its words, grid, bars and lines on its background."""

    background: str
    # Titles, tick labels, axis names and the figures written on the chart.
    ink: str
    grid: str
    # The fill of bars, and the words of a vote's winners beside theirs.
    bar: str
    # Each line, and its name written in the same colour at its end.
    lines: tuple[str, ...]
    other: str

    def words(self) -> tuple[str, ...]:
        """Return every colour the chart writes words in."""
        return (self.ink, self.bar, *self.lines, self.other)


# Lines in Okabe and Ito's colours, told apart by people with any colour vision, made dark
# enough for the names written in them to read at the theme's contrast for words; each line
# also has its own marker and dash, so colour never carries meaning alone.
CHART_COLOURS = {
    DEFAULT.name: ChartColours(
        background=DEFAULT.surface,
        ink=DEFAULT.text,
        grid="#D9D3C3",
        bar="#2F6B3A",
        lines=("#0072B2", "#C25200", "#007F5F", "#AD4A84", "#8F6400", "#5A4CA8", "#000000"),
        other="#7A7565",
    ),
    # The same hues darker, to 7:1, and a grid that stays visible.
    HIGH_CONTRAST.name: ChartColours(
        background=HIGH_CONTRAST.surface,
        ink=HIGH_CONTRAST.text,
        grid="#8A8A8A",
        bar=HIGH_CONTRAST.good,
        lines=("#00579A", "#A02C00", "#00603F", "#8A2868", "#574A00", "#4A38A0", "#000000"),
        other="#555555",
    ),
}
# Printed and saved reports are on white paper whatever the screen's theme.
PAPER = CHART_COLOURS[DEFAULT.name]


@dataclass(frozen=True)
class Pair:
    """A colour drawn on another, and the contrast it must reach."""

    front: str
    back: str
    front_colour: str
    back_colour: str
    minimum: float

    @property
    def ratio(self) -> float:
        """Return the WCAG contrast ratio of the two colours."""
        return contrast_ratio(self.front_colour, self.back_colour)


def colour_pairs(colours: Colours) -> list[Pair]:
    """Return every pair of colours the theme draws one on the other, with its minimum."""
    values = {f.name: getattr(colours, f.name) for f in fields(colours)}
    pairs = []
    for entry in fields(colours):
        kind = entry.metadata["kind"]
        if kind in ("text", "control"):
            minimum = colours.text_minimum if kind == "text" else CONTROL_MINIMUM
            for back in entry.metadata["on"]:
                pairs.append(Pair(entry.name, back, values[entry.name], values[back], minimum))
        elif kind == "background" and entry.metadata["icons"]:
            line = Pair(_("icon line"), entry.name, ICON_LINE, values[entry.name], CONTROL_MINIMUM)
            pairs.append(line)
    return pairs


def readable_on(background: str) -> str:
    """Return white or black, whichever reads better on ``background`` (4.5:1 or more)."""
    return max(("#FFFFFF", "#000000"), key=lambda ink: contrast_ratio(ink, background))


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a ``#RRGGBB`` colour."""
    digits = colour.lstrip("#")
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
