"""Harvest rows turned into season chart series and totals: weights in kg, counts apart."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dutchfarm.domain.terms import Unit
from dutchfarm.words import _, ngettext

# The cumulative chart shows this many crops by name; the rest are added up as "Other".
TOP_CROPS = 6
OTHER = _("Other")
NO_BED = _("No bed")
UNIT_WORDS = {
    Unit.GRAMS: "g",
    Unit.KILOGRAMS: _("kg"),
    Unit.COUNT: _("counted"),
    Unit.BUNCH: _("bunches"),
}


@dataclass(frozen=True)
class HarvestPoint:
    """One harvest as the charts see it: when, what, how much, and where from.

    A point may stand for several harvests of one crop in one unit from one bed on one
    day, added up (``harvests`` says how many); every chart and total comes out the same.
    """

    day: dt.date
    crop: str
    quantity: float
    unit: Unit
    grams: float | None
    bed: str | None = None
    person: str | None = None
    harvests: int = 1


@dataclass(frozen=True)
class Series:
    """A line over the season: a running total on each day something was picked."""

    label: str
    days: tuple[dt.date, ...]
    values: tuple[float, ...]
    unit: Unit | None = None

    @property
    def last(self) -> float:
        """Return the running total at the end (0 for an empty series)."""
        return self.values[-1] if self.values else 0.0


@dataclass(frozen=True)
class YearSeries:
    """One season's running total in kilograms against the day of its season (1 January = 0)."""

    year: int
    days: tuple[int, ...]
    kilograms: tuple[float, ...]


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart: a label and its value."""

    label: str
    value: float


@dataclass(frozen=True)
class Totals:
    """What a set of harvests adds up to; weights, counts and bunches never mixed."""

    harvests: int
    grams: float
    count: float
    bunches: float

    @property
    def kilograms(self) -> float:
        """Return the weight in kilograms."""
        return self.grams / 1000.0


@dataclass(frozen=True)
class SeasonCharts:
    """Every series the season's charts draw."""

    year: int
    cumulative: tuple[Series, ...]
    weekly: tuple[tuple[dt.date, float], ...]
    by_bed: tuple[Bar, ...]
    by_crop: tuple[Bar, ...]
    seasons: tuple[YearSeries, ...]
    counts: tuple[Series, ...]
    totals: Totals

    def count_series(self, crop: str, unit: Unit = Unit.COUNT) -> Series | None:
        """Return the counts (or bunches) line of ``crop``, or None if there is none."""
        return next((s for s in self.counts if s.label == crop and s.unit is unit), None)


def is_weight(point: HarvestPoint) -> bool:
    """Return True for a harvest weighed in g or kg (it carries grams)."""
    return point.grams is not None


def totals(points: Iterable[HarvestPoint]) -> Totals:
    """Add up harvests: grams of weights, and counts and bunches each on their own."""
    harvests = 0
    grams = count = bunches = 0.0
    for point in points:
        harvests += point.harvests
        if point.grams is not None:
            grams += point.grams
        elif point.unit is Unit.COUNT:
            count += point.quantity
        elif point.unit is Unit.BUNCH:
            bunches += point.quantity
    return Totals(harvests, grams, count, bunches)


def _running(by_day: Mapping[dt.date, float], divisor: float = 1.0) -> Series:
    days = tuple(sorted(by_day))
    values: list[float] = []
    total = 0.0
    for day in days:
        total += by_day[day]
        values.append(total / divisor)
    return Series("", days, tuple(values))


def grams_by_crop(points: Iterable[HarvestPoint]) -> dict[str, float]:
    """Return the grams of each crop weighed (crops only counted are left out)."""
    found: dict[str, float] = defaultdict(float)
    for point in points:
        if point.grams is not None:
            found[point.crop] += point.grams
    return dict(found)


def top_crops(points: Sequence[HarvestPoint], top: int = TOP_CROPS) -> list[str]:
    """Return the crops with the most weight, heaviest first (ties by name)."""
    weights = grams_by_crop(points)
    ranked = sorted(weights, key=lambda crop: (-weights[crop], crop))
    return ranked[:top]


def cumulative_kg(points: Sequence[HarvestPoint], top: int = TOP_CROPS) -> tuple[Series, ...]:
    """Return the running kilograms of the heaviest crops, and of the rest as "Other"."""
    named = top_crops(points, top)
    daily: dict[str, dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
    for point in points:
        if point.grams is None:
            continue
        label = point.crop if point.crop in named else OTHER
        daily[label][point.day] += point.grams
    order = named + ([OTHER] if OTHER in daily and OTHER not in named else [])
    result = []
    for label in order:
        running = _running(daily[label], 1000.0)
        result.append(Series(label, running.days, running.values, Unit.KILOGRAMS))
    return tuple(result)


def week_start(day: dt.date) -> dt.date:
    """Return the Monday of the week ``day`` is in."""
    return day - dt.timedelta(days=day.weekday())


def weekly_kg(points: Iterable[HarvestPoint]) -> tuple[tuple[dt.date, float], ...]:
    """Return the kilograms picked each week (by its Monday), empty weeks between as 0."""
    weeks: dict[dt.date, float] = defaultdict(float)
    # Many points share a day: each day's Monday is worked out once.
    mondays: dict[dt.date, dt.date] = {}
    for point in points:
        if point.grams is not None:
            monday = mondays.get(point.day)
            if monday is None:
                monday = mondays[point.day] = week_start(point.day)
            weeks[monday] += point.grams / 1000.0
    if not weeks:
        return ()
    first, last = min(weeks), max(weeks)
    result = []
    monday = first
    while monday <= last:
        result.append((monday, weeks.get(monday, 0.0)))
        monday += dt.timedelta(days=7)
    return tuple(result)


def kg_by_bed(points: Iterable[HarvestPoint]) -> tuple[Bar, ...]:
    """Return the kilograms from each bed, heaviest first; harvests with no bed as "No bed"."""
    beds: dict[str, float] = defaultdict(float)
    for point in points:
        if point.grams is not None:
            beds[point.bed or NO_BED] += point.grams / 1000.0
    return tuple(Bar(bed, kg) for bed, kg in sorted(beds.items(), key=lambda i: (-i[1], i[0])))


def kg_by_crop(points: Iterable[HarvestPoint]) -> tuple[Bar, ...]:
    """Return the kilograms of each crop, heaviest first."""
    weights = grams_by_crop(points)
    ranked = sorted(weights.items(), key=lambda i: (-i[1], i[0]))
    return tuple(Bar(crop, grams / 1000.0) for crop, grams in ranked)


def cumulative_counts(points: Iterable[HarvestPoint]) -> tuple[Series, ...]:
    """Return a running total for each crop counted or bunched (each unit its own line)."""
    daily: dict[tuple[str, Unit], dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
    for point in points:
        if point.grams is None and point.unit in (Unit.COUNT, Unit.BUNCH):
            daily[(point.crop, point.unit)][point.day] += point.quantity
    result = []
    for (crop, unit), by_day in daily.items():
        running = _running(by_day)
        result.append(Series(crop, running.days, running.values, unit))
    result.sort(key=lambda s: (-s.last, s.label, s.unit or ""))
    return tuple(result)


def day_of_season(day: dt.date, year: int) -> int:
    """Return how many days ``day`` is after 1 January of the season's year."""
    return (day - dt.date(year, 1, 1)).days


def season_kg(year: int, points: Iterable[HarvestPoint]) -> YearSeries:
    """Return one season's running kilograms against the day of its season."""
    by_day: dict[int, float] = defaultdict(float)
    # Many points share a day: each day's place in the season is worked out once.
    offsets: dict[dt.date, int] = {}
    for point in points:
        if point.grams is not None:
            offset = offsets.get(point.day)
            if offset is None:
                offset = offsets[point.day] = day_of_season(point.day, year)
            by_day[offset] += point.grams
    days = tuple(sorted(by_day))
    values = []
    total = 0.0
    for day in days:
        total += by_day[day]
        values.append(total / 1000.0)
    return YearSeries(year, days, tuple(values))


def season_charts(
    year: int,
    points: Sequence[HarvestPoint],
    earlier: Mapping[int, Sequence[HarvestPoint]] | None = None,
    *,
    top: int = TOP_CROPS,
) -> SeasonCharts:
    """Return every chart series of a season; ``earlier`` holds other seasons to compare."""
    seasons = [season_kg(year, points)]
    for other_year in sorted(earlier or {}, reverse=True):
        if other_year != year:
            seasons.append(season_kg(other_year, (earlier or {})[other_year]))
    return SeasonCharts(
        year=year,
        cumulative=cumulative_kg(points, top),
        weekly=weekly_kg(points),
        by_bed=kg_by_bed(points),
        by_crop=kg_by_crop(points),
        seasons=tuple(s for s in seasons if s.days or s.year == year),
        counts=cumulative_counts(points),
        totals=totals(points),
    )


def format_kg(grams: float) -> str:
    """Return a weight as kilograms with one decimal: "432.3 kg"."""
    return _("{0:,.1f} kg").format(grams / 1000.0)


def short_date(day: dt.date) -> str:
    """Return a date the short way people write it: "6 Jun 2020"."""
    return f"{day.day} {day:%b %Y}"


def format_number(value: float) -> str:
    """Return a quantity without a needless ".0": 6, 2.5, 1,240."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def describe_amount(quantity: float, unit: Unit, crop_name: str, crop_plural: str) -> str:
    """Return a harvest in words: "6 strawberries", "1 bunch of radishes", "250 g of peas"."""
    number = format_number(quantity)
    if unit is Unit.COUNT:
        return f"{number} {crop_name.lower() if quantity == 1 else crop_plural.lower()}"
    if unit is Unit.BUNCH:
        bunches = ngettext(
            "bunch",
            "bunches",
            quantity,
        )
        return _("{number} {bunches} of {crop_plural}").format(
            number=number, bunches=bunches, crop_plural=crop_plural.lower()
        )
    return _("{number} {value} of {crop_plural}").format(
        number=number, value=unit.value, crop_plural=crop_plural.lower()
    )


def totals_words(figures: Totals) -> str:
    """Return totals in words: "12.5 kg, 40 counted and 3 bunches"."""
    parts = []
    if figures.grams or not (figures.count or figures.bunches):
        parts.append(format_kg(figures.grams))
    if figures.count:
        parts.append(_("{count} counted").format(count=format_number(figures.count)))
    if figures.bunches:
        word = ngettext(
            "bunch",
            "bunches",
            figures.bunches,
        )
        parts.append(f"{format_number(figures.bunches)} {word}")
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]
