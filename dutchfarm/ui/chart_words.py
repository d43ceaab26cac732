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
from dutchfarm.words import _, ngettext

# A chart shows at most this many parts; its words name as many.
MOST_NAMED = 15


def _kg(kilograms: float) -> str:
    return format_kg(kilograms * 1000)


def _listed(parts: Sequence[str]) -> str:
    """Return parts joined by commas, the rest counted: "a, b, c and 4 more"."""
    shown = list(parts[:MOST_NAMED])
    if len(parts) > MOST_NAMED:
        shown.append(_("and {0} more").format(len(parts) - MOST_NAMED))
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
    total = _("Total {grams}.").format(grams=format_kg(charts.totals.grams))
    if kind in ("crops", "crop_totals"):
        if kind == "crops":
            parts = _weights(charts.cumulative)
        else:
            parts = [f"{bar.label} {_kg(bar.value)}" for bar in charts.by_crop]
        return _sentence(_("Harvest by crop in {year}").format(year=year), parts, total)
    if kind == "weeks":
        if not charts.weekly:
            return _("Harvest each week in {year}: nothing picked yet.").format(year=year)
        monday, best = max(charts.weekly, key=lambda week: week[1])
        weeks = len(charts.weekly)
        return ngettext(
            "Harvest each week in {year}: {weeks} week with a harvest. The best "
            "week began {monday}: {best}. {total}",
            "Harvest each week in {year}: {weeks} weeks with a harvest. The best "
            "week began {monday}: {best}. {total}",
            weeks,
        ).format(weeks=weeks, year=year, monday=short_date(monday), best=_kg(best), total=total)
    if kind == "beds":
        parts = [f"{bar.label} {_kg(bar.value)}" for bar in charts.by_bed]
        return _sentence(_("Harvest from each bed in {year}").format(year=year), parts, total)
    if kind == "seasons":
        parts = [
            f"{season.year} {_kg(season.kilograms[-1] if season.kilograms else 0.0)}"
            + (_(" so far") if season.year == year else "")
            for season in charts.seasons
        ]
        return _sentence(_("{year} against earlier seasons").format(year=year), parts, "")
    if kind == "counts":
        return _sentence(
            _("Crops counted or in bunches in {year}").format(year=year), _counts(charts.counts), ""
        )
    parts = []
    if charts.cumulative:
        parts.append(_sentence(_("Kilograms"), _weights(charts.cumulative), ""))
    if charts.counts:
        parts.append(_sentence(_("Counted"), _counts(charts.counts), ""))
    return " ".join((title, *parts) if parts else (title, _("Nothing picked yet."))).strip()


def _sentence(heading: str, parts: Sequence[str], end: str) -> str:
    if not parts:
        return _("{heading}: nothing yet.").format(heading=heading)
    return f"{heading}: {_listed(parts)}. {end}".strip()


def vote_words(results: BallotResults) -> str:
    """Return every crop's score on the results chart, the winners marked, then who won."""
    parts = [
        f"{option.plural} {option.score_words}" + (_(" (chosen)") if option.is_winner else "")
        for option in results.options
    ]
    heading = _("{score_label} for each crop").format(score_label=results.score_label)
    return " ".join((_sentence(heading, parts, ""), *results.sentences))


def fairness_words(table: FairnessTable) -> str:
    """Return how many jobs each person did, and of which kinds, in the period."""
    period = _("from {start} to {end}").format(
        start=short_date(table.start), end=short_date(table.end)
    )
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
    end = _("No jobs: {idle}.").format(idle=", ".join(idle)) if idle and people else ""
    return _sentence(_("Jobs done by each person {period}").format(period=period), people, end)


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
        _("No crop is in the wrong place.")
        if not wrong
        else ngettext(
            "{wrong} crop is in the wrong place.",
            "{wrong} crops are in the wrong place.",
            wrong,
        ).format(wrong=wrong)
    )
    seasons = (
        _("Seasons {years} to {years2}. ").format(years=grid.years[0], years2=grid.years[-1])
        if grid.years
        else ""
    )
    return seasons + _sentence(_("In {year}").format(year=year), beds, end)
