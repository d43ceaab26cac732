"""The season chart series, checked against sums worked out by hand."""

import datetime as dt

import pytest
from chart_shapes import chart_shape
from hypothesis import given
from hypothesis import strategies as st

from dutchfarm.domain.harvest import (
    OTHER,
    HarvestPoint,
    cumulative_counts,
    cumulative_kg,
    day_of_season,
    describe_amount,
    format_kg,
    format_number,
    kg_by_bed,
    kg_by_crop,
    season_charts,
    season_kg,
    totals,
    totals_words,
    week_start,
    weekly_kg,
)
from dutchfarm.domain.terms import Unit, to_grams

D = dt.date


def weigh(day, crop, grams, bed=None, person=None):
    return HarvestPoint(day, crop, grams, Unit.GRAMS, grams, bed, person)


def kilos(day, crop, kg, bed=None):
    return HarvestPoint(day, crop, kg, Unit.KILOGRAMS, kg * 1000, bed)


def counted(day, crop, number, unit=Unit.COUNT, bed=None):
    return HarvestPoint(day, crop, number, unit, None, bed)


# A small season worked out by hand:
#   Potatoes: 2 kg on 1 Jul (Bed 1), 3 kg on 8 Jul (Bed 2)            -> 5 kg
#   Peas: 500 g on 1 Jul (Bed 1), 250 g on 1 Jul (Bed 2), 250 g on 15 Jul -> 1 kg
#   Carrots: 400 g on 8 Jul (Bed 2)                                    -> 0.4 kg
#   Strawberries: 6 counted on 2 Jul, 4 counted on 9 Jul (Bed 1)       -> 10 counted
#   Radishes: 2 bunches on 3 Jul                                       -> 2 bunches
SEASON = [
    kilos(D(2026, 7, 1), "Potatoes", 2, "Bed 1"),
    kilos(D(2026, 7, 8), "Potatoes", 3, "Bed 2"),
    weigh(D(2026, 7, 1), "Peas", 500, "Bed 1"),
    weigh(D(2026, 7, 1), "Peas", 250, "Bed 2"),
    weigh(D(2026, 7, 15), "Peas", 250),
    weigh(D(2026, 7, 8), "Carrots", 400, "Bed 2"),
    counted(D(2026, 7, 2), "Strawberries", 6, bed="Bed 1"),
    counted(D(2026, 7, 9), "Strawberries", 4, bed="Bed 1"),
    counted(D(2026, 7, 3), "Radishes", 2, Unit.BUNCH),
]


def test_totals_keep_weights_counts_and_bunches_apart():
    figures = totals(SEASON)
    assert figures.harvests == 9
    assert figures.grams == pytest.approx(6400.0)
    assert figures.kilograms == pytest.approx(6.4)
    assert figures.count == 10
    assert figures.bunches == 2


def test_cumulative_kilograms_per_crop_by_hand():
    series = {s.label: s for s in cumulative_kg(SEASON)}
    assert list(series) == ["Potatoes", "Peas", "Carrots"]
    assert series["Potatoes"].days == (D(2026, 7, 1), D(2026, 7, 8))
    assert series["Potatoes"].values == pytest.approx((2.0, 5.0))
    # Two pea harvests on one day are one step.
    assert series["Peas"].days == (D(2026, 7, 1), D(2026, 7, 15))
    assert series["Peas"].values == pytest.approx((0.75, 1.0))
    assert series["Carrots"].values == pytest.approx((0.4,))
    # Counted strawberries never appear among the weights.
    assert "Strawberries" not in series


def test_the_rest_of_the_crops_are_added_up_as_other():
    series = {s.label: s for s in cumulative_kg(SEASON, top=1)}
    assert list(series) == ["Potatoes", OTHER]
    other = series[OTHER]
    assert other.days == (D(2026, 7, 1), D(2026, 7, 8), D(2026, 7, 15))
    # 0.75 kg of peas; then 0.4 kg of carrots; then 0.25 kg of peas.
    assert other.values == pytest.approx((0.75, 1.15, 1.4))


def test_weekly_totals_by_hand_with_empty_weeks_as_zero():
    weeks = weekly_kg(SEASON + [weigh(D(2026, 8, 5), "Peas", 100)])
    # 1 Jul 2026 is a Wednesday; its week starts on Monday 29 June.
    assert weeks[0] == (D(2026, 6, 29), pytest.approx(2.75))
    assert weeks[1] == (D(2026, 7, 6), pytest.approx(3.4))
    assert weeks[2] == (D(2026, 7, 13), pytest.approx(0.25))
    assert weeks[3] == (D(2026, 7, 20), 0.0)
    assert weeks[4] == (D(2026, 7, 27), 0.0)
    assert weeks[5] == (D(2026, 8, 3), pytest.approx(0.1))
    assert len(weeks) == 6


def test_totals_per_bed_by_hand():
    beds = {bar.label: bar.value for bar in kg_by_bed(SEASON)}
    assert beds == {
        "Bed 1": pytest.approx(2.5),
        "Bed 2": pytest.approx(3.65),
        "No bed": pytest.approx(0.25),
    }
    assert [bar.label for bar in kg_by_bed(SEASON)] == ["Bed 2", "Bed 1", "No bed"]


def test_totals_per_crop_by_hand():
    crops = [(bar.label, round(bar.value, 3)) for bar in kg_by_crop(SEASON)]
    assert crops == [("Potatoes", 5.0), ("Peas", 1.0), ("Carrots", 0.4)]


def test_counts_and_bunches_have_their_own_lines():
    lines = cumulative_counts(SEASON)
    assert [(s.label, s.unit) for s in lines] == [
        ("Strawberries", Unit.COUNT),
        ("Radishes", Unit.BUNCH),
    ]
    assert lines[0].days == (D(2026, 7, 2), D(2026, 7, 9))
    assert lines[0].values == (6.0, 10.0)
    assert lines[1].last == 2.0


def test_this_season_against_earlier_ones_on_one_day_of_season_axis():
    earlier = {2025: [weigh(D(2025, 7, 1), "Peas", 1000), weigh(D(2025, 7, 3), "Peas", 500)]}
    charts = season_charts(2026, SEASON, earlier)
    this, last = charts.seasons
    assert this.year == 2026 and last.year == 2025
    # 1 July is day 181 of 2026 and of 2025 (neither is a leap year).
    assert this.days[0] == 181 and last.days == (181, 183)
    assert last.kilograms == pytest.approx((1.0, 1.5))
    assert this.kilograms[-1] == pytest.approx(6.4)
    assert day_of_season(D(2024, 3, 1), 2024) == 60  # a leap year


def test_a_season_without_harvests_still_has_its_line():
    charts = season_charts(2027, [], {2026: SEASON})
    assert [s.year for s in charts.seasons] == [2027, 2026]
    assert charts.seasons[0].days == ()
    assert charts.cumulative == () and charts.counts == () and charts.weekly == ()


def test_season_chart_count_series_lookup():
    charts = season_charts(2026, SEASON)
    strawberries = charts.count_series("Strawberries")
    assert strawberries is not None and strawberries.last == 10
    assert charts.count_series("Radishes") is None
    assert charts.count_series("Radishes", Unit.BUNCH).last == 2


def test_words():
    assert format_kg(432_255) == "432.3 kg"
    assert format_kg(451_406) == "451.4 kg"
    assert format_number(6.0) == "6" and format_number(2.5) == "2.5"
    assert format_number(1240) == "1,240"
    assert describe_amount(6, Unit.COUNT, "Strawberry", "Strawberries") == "6 strawberries"
    assert describe_amount(1, Unit.COUNT, "Cabbage", "Cabbages") == "1 cabbage"
    assert describe_amount(1, Unit.BUNCH, "Radish", "Radishes") == "1 bunch of radishes"
    assert describe_amount(250, Unit.GRAMS, "Pea", "Peas") == "250 g of peas"
    assert totals_words(totals(SEASON)) == "6.4 kg, 10 counted and 2 bunches"
    assert totals_words(totals([])) == "0.0 kg"
    assert week_start(D(2026, 11, 29)) == D(2026, 11, 23)


points = st.builds(
    lambda day, crop, unit, quantity, bed: HarvestPoint(
        D(2026, 1, 1) + dt.timedelta(days=day),
        crop,
        quantity,
        unit,
        to_grams(quantity, unit),
        bed,
    ),
    st.integers(0, 364),
    st.sampled_from(["Peas", "Beans", "Kale", "Leeks", "Chard", "Figs", "Okra", "Yams"]),
    st.sampled_from(list(Unit)),
    st.integers(1, 5000).map(float),
    st.sampled_from([None, "Bed 1", "Bed 2"]),
)


@given(st.lists(points, max_size=60))
def test_every_view_of_the_weights_adds_up_to_the_same_total(season):
    figures = totals(season)
    kilograms = figures.grams / 1000
    assert sum(s.last for s in cumulative_kg(season, top=3)) == pytest.approx(kilograms)
    assert sum(kg for _, kg in weekly_kg(season)) == pytest.approx(kilograms)
    assert sum(bar.value for bar in kg_by_bed(season)) == pytest.approx(kilograms)
    assert season_kg(2026, season).kilograms[-1:] in ((), (pytest.approx(kilograms),))
    counts = cumulative_counts(season)
    assert sum(s.last for s in counts if s.unit is Unit.COUNT) == pytest.approx(figures.count)
    assert sum(s.last for s in counts if s.unit is Unit.BUNCH) == pytest.approx(figures.bunches)
    for series in cumulative_kg(season) + counts:
        assert list(series.values) == sorted(series.values)
        assert list(series.days) == sorted(set(series.days))


def _added_up(season):
    """Return the points of ``season`` added up by day, crop, unit and bed."""
    groups = {}
    for point in season:
        groups.setdefault((point.day, point.crop, point.unit, point.bed), []).append(point)
    return [
        HarvestPoint(
            day,
            crop,
            sum(p.quantity for p in group),
            unit,
            None if group[0].grams is None else sum(p.grams for p in group),
            bed,
            harvests=len(group),
        )
        for (day, crop, unit, bed), group in groups.items()
    ]


@given(st.lists(points, max_size=60))
def test_harvests_added_up_by_day_crop_unit_and_bed_chart_the_same(season):
    added_up = season_charts(2026, _added_up(season))
    assert added_up.totals.harvests == len(season)
    assert chart_shape(added_up) == chart_shape(season_charts(2026, season))
