"""Both colour themes: every colour drawn on another reaches its WCAG contrast."""

import dataclasses
import json
from importlib.resources import files

import pytest
from contrast_checks import OUTLINE_SHARE, outline_share
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from dutchfarm.services.people import PERSON_COLOURS
from dutchfarm.ui import icons
from dutchfarm.ui.colours import (
    CHART_COLOURS,
    CONTROL_MINIMUM,
    DEFAULT,
    HIGH_CONTRAST,
    THEMES,
    Colours,
    colour_pairs,
    contrast_ratio,
    readable_on,
)

ICON_NAMES = sorted(
    entry.name.removesuffix(".svg")
    for entry in files("dutchfarm.resources").joinpath("icons").iterdir()
    if entry.name.endswith(".svg")
)


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#7A7565", "#7A7565") == pytest.approx(1.0)
    # WCAG's own example: #767676 is the lightest grey that passes 4.5:1 on white.
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#FFFFFF") < 4.5


def test_every_colour_of_a_theme_is_in_a_checked_pair():
    # A colour added to the themes without saying what it sits on fails here.
    for entry in dataclasses.fields(Colours):
        assert entry.metadata.get("kind") in {"name", "background", "text", "control"}, entry.name
    in_pairs = {p.front for p in colour_pairs(DEFAULT)} | {p.back for p in colour_pairs(DEFAULT)}
    colours = {f.name for f in dataclasses.fields(Colours) if f.metadata["kind"] != "name"}
    assert colours - in_pairs == set()


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_every_pair_of_a_theme_reaches_its_contrast(theme):
    pairs = colour_pairs(theme)
    failing = [
        f"{p.front} {p.front_colour} on {p.back} {p.back_colour}: {p.ratio:.2f} < {p.minimum}"
        for p in pairs
        if p.ratio < p.minimum
    ]
    assert failing == []
    words = [p for p in pairs if p.minimum == theme.text_minimum]
    assert len(words) >= 10
    assert all(p.minimum == CONTROL_MINIMUM for p in pairs if p not in words)


def test_high_contrast_promises_more_for_words_than_the_default():
    assert DEFAULT.text_minimum == 4.5
    assert HIGH_CONTRAST.text_minimum == 7.0
    lowest = {
        name: min(p.ratio for p in colour_pairs(theme) if p.minimum == theme.text_minimum)
        for name, theme in THEMES.items()
    }
    assert lowest["high_contrast"] > lowest["default"]


def test_the_check_finds_a_pale_colour():
    pale = dataclasses.replace(DEFAULT, muted_text="#9A9A9A")
    assert any(p.front == "muted_text" and p.ratio < p.minimum for p in colour_pairs(pale))


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_words_on_the_colours_of_rotation_groups_and_people_are_clear(theme):
    groups = json.loads(
        files("dutchfarm.resources").joinpath("rotation_groups.json").read_text("utf-8")
    )
    fills = [g["colour"] for g in groups] + list(PERSON_COLOURS)
    assert [f for f in fills if contrast_ratio(theme.text, f) < theme.text_minimum] == []


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_every_picture_stands_out_on_every_button_fill(theme, qapp):
    fills = {p.back_colour for p in colour_pairs(theme) if p.front == "icon line"}
    faint = [
        f"{name} on {fill}: {share:.2f}"
        for fill in sorted(fills)
        for name in ICON_NAMES
        if (share := outline_share(icons.pixmap(name, 64).toImage(), fill)) < OUTLINE_SHARE
    ]
    assert faint == []


def _disc(fill: str, line: str | None) -> QImage:
    image = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(fill))
    painter.setPen(QPen(QColor(line), 3) if line else Qt.PenStyle.NoPen)
    painter.drawEllipse(6, 6, 52, 52)
    painter.end()
    return image


def test_the_outline_check_finds_a_picture_lost_in_its_fill(qapp):
    assert outline_share(_disc("#CFE3A6", None), DEFAULT.selection) < 0.1
    assert outline_share(_disc("#CFE3A6", "#000000"), DEFAULT.selection) == 1.0


@pytest.mark.parametrize("name", sorted(THEMES))
def test_the_charts_lines_and_the_names_at_their_ends_read_in_each_theme(name):
    chart, minimum = CHART_COLOURS[name], THEMES[name].text_minimum
    for colour in chart.words():
        # The name at a line's end is written in the line's colour: words.
        assert contrast_ratio(colour, chart.background) >= minimum, colour
    assert contrast_ratio(chart.bar, chart.background) >= CONTROL_MINIMUM
    assert contrast_ratio(chart.ink, chart.background) >= 7.0
    # Every line has a colour of its own.
    assert len(set(chart.lines)) == len(chart.lines)


def test_numbers_on_the_fairness_squares_read_on_every_shade():
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    from dutchfarm.ui.fairness_chart import COLOUR_MAP

    shades = [to_hex(colormaps[COLOUR_MAP](step / 100)) for step in range(101)]
    assert min(contrast_ratio(readable_on(s), s) for s in shades) >= 4.5
    assert readable_on("#FFFFFF") == "#000000" and readable_on("#00441B") == "#FFFFFF"
