"""Each chart's main figures in words, for screen readers: what a sighted person reads off it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dutchfarm.domain.harvest import (
    UNIT_WORDS,
    SeasonCharts,
    Series,
    format_kg,
    format_number,
    short_date,
)
from dutchfarm.domain.rotation import GROUP_NAMES
from dutchfarm.domain.terms import Unit
from dutchfarm.services.fairness import FairnessTable
from dutchfarm.services.rotation import GridCell, RotationGrid
from dutchfarm.services.vote_results import BallotResults

# A chart shows at most this many parts; its words name as many.
MOST_NAMED = 15


def _kg(kilograms: float) -> str:
    return format_kg(kilograms * 1000)


def _listed(parts: Sequence[str]) -> str:
    """Return parts joined by commas, the rest counted: "a, b, c and 4 more"."""
    shown = list(parts[:MOST_NAMED])
    if len(parts) > MOST_NAMED:
        shown.append(f"and {len(parts) - MOST_NAMED} more")
    return ", ".join(shown)


def _weights(series: Iterable[Series]) -> list[str]:
    ends = sorted(series, key=lambda line: -line.last)
    return [f"{line.label} {_kg(line.last)}" for line in ends]


def _counts(series: Iterable[Series]) -> list[str]:
    ends = sorted(series, key=lambda line: -line.last)
    return [
        f"{line.label} {format_number(line.last)} {UNIT_WORDS.get(line.unit or Unit.COUNT, '')}"
        for line in ends
    ]


def harvest_words(kind: str, charts: SeasonCharts, title: str = "") -> str:
    """Return the figures of one of the harvest charts (see ``dutchfarm.ui.charts.DRAW``)."""
    year = charts.year
    total = f"Total {format_kg(charts.totals.grams)}."
    if kind in ("crops", "crop_totals"):
        if kind == "crops":
            parts = _weights(charts.cumulative)
        else:
            parts = [f"{bar.label} {_kg(bar.value)}" for bar in charts.by_crop]
        return _sentence(f"Harvest by crop in {year}", parts, total)
    if kind == "weeks":
        if not charts.weekly:
            return f"Harvest each week in {year}: nothing picked yet."
        monday, best = max(charts.weekly, key=lambda week: week[1])
        weeks = len(charts.weekly)
        return (
            f"Harvest each week in {year}: {weeks} {'week' if weeks == 1 else 'weeks'} with a "
            f"harvest. The best week began {short_date(monday)}: {_kg(best)}. {total}"
        )
    if kind == "beds":
        parts = [f"{bar.label} {_kg(bar.value)}" for bar in charts.by_bed]
        return _sentence(f"Harvest from each bed in {year}", parts, total)
    if kind == "seasons":
        parts = [
            f"{season.year} {_kg(season.kilograms[-1] if season.kilograms else 0.0)}"
            + (" so far" if season.year == year else "")
            for season in charts.seasons
        ]
        return _sentence(f"{year} against earlier seasons", parts, "")
    if kind == "counts":
        return _sentence(f"Crops counted or in bunches in {year}", _counts(charts.counts), "")
    parts = []
    if charts.cumulative:
        parts.append(_sentence("Kilograms", _weights(charts.cumulative), ""))
    if charts.counts:
        parts.append(_sentence("Counted", _counts(charts.counts), ""))
    return " ".join((title, *parts) if parts else (title, "Nothing picked yet.")).strip()


def _sentence(heading: str, parts: Sequence[str], end: str) -> str:
    if not parts:
        return f"{heading}: nothing yet."
    return f"{heading}: {_listed(parts)}. {end}".strip()


def vote_words(results: BallotResults) -> str:
    """Return every crop's score on the results chart, the winners marked, then who won."""
    parts = [
        f"{option.plural} {option.score_words}" + (" (chosen)" if option.is_winner else "")
        for option in results.options
    ]
    heading = f"{results.score_label} for each crop"
    return " ".join((_sentence(heading, parts, ""), *results.sentences))


def fairness_words(table: FairnessTable) -> str:
    """Return how many jobs each person did, and of which kinds, in the period."""
    period = f"from {short_date(table.start)} to {short_date(table.end)}"
    people = []
    for row in sorted(table.rows, key=lambda r: (-r.total, r.name.lower())):
        if not row.total:
            continue
        kinds = ", ".join(
            f"{kind.name} {count}"
            for kind, count in zip(table.kinds, row.counts, strict=True)
            if count
        )
        people.append(f"{row.name} {row.total} ({kinds})")
    idle = [row.name for row in table.rows if not row.total]
    end = f"No jobs: {', '.join(idle)}." if idle and people else ""
    return _sentence(f"Jobs done by each person {period}", people, end)


def _cell_words(cell: GridCell) -> str:
    groups = ", ".join(GROUP_NAMES.get(group, group).lower() for group in cell.groups)
    crops = ", ".join(crop.name.lower() for crop in cell.crops)
    return f"{groups} ({crops})" if crops else "nothing"


def rotation_words(grid: RotationGrid, year: int) -> str:
    """Return what each bed grows in ``year``, and how many crops are in the wrong place."""
    beds = [
        f"{name} {_cell_words(grid.cells.get((bed_id, year), GridCell((), (), ())))}"
        for bed_id, name in grid.beds
    ]
    wrong = len(grid.conflicts())
    end = (
        "No crop is in the wrong place."
        if not wrong
        else f"{wrong} {'crop is' if wrong == 1 else 'crops are'} in the wrong place."
    )
    seasons = f"Seasons {grid.years[0]} to {grid.years[-1]}. " if grid.years else ""
    return seasons + _sentence(f"In {year}", beds, end)
