"""Tests for crop rotation: the conflict rule, its messages and the bed planner."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutchfarm.domain.rotation import (
    ANYWHERE,
    BRASSICAS,
    DEFAULT_YEARS,
    GROUP_NAMES,
    LEGUMES,
    MAX_YEARS,
    MIN_YEARS,
    NEVER_CONFLICT,
    ONIONS,
    PERENNIAL,
    POTATOES,
    ROOTS,
    ROTATION_GROUPS,
    BedPlan,
    HistoryConflict,
    conflict_message,
    conflicts_in_history,
    group_name,
    last_conflict,
    plan_beds,
    validate_years,
)

YEAR = 2026
ROTATING = [LEGUMES, BRASSICAS, POTATOES, ONIONS, ROOTS]

History = Mapping[str, Mapping[int, Collection[str]]]


# --- groups and rotation length ---------------------------------------------------------


def test_group_ids_are_stable_and_in_order() -> None:
    assert ROTATION_GROUPS == (
        "legumes",
        "brassicas",
        "potatoes",
        "onions",
        "roots",
        "anywhere",
        "perennial",
    )
    assert {"anywhere", "perennial"} == NEVER_CONFLICT
    assert (ANYWHERE, PERENNIAL) == ("anywhere", "perennial")


def test_every_group_has_a_plain_name() -> None:
    assert set(GROUP_NAMES) == set(ROTATION_GROUPS)
    assert group_name(LEGUMES) == "Peas and beans"
    assert group_name(BRASSICAS) == "Cabbage family"
    assert group_name(POTATOES) == "Potato family"
    assert group_name(ONIONS) == "Onion family"
    assert group_name(ROOTS) == "Root crops"
    assert group_name(ANYWHERE) == "Grow anywhere"
    assert group_name(PERENNIAL) == "Perennials"
    with pytest.raises(ValueError, match="not a rotation group"):
        group_name("tomatoes")


def test_rotation_length_limits() -> None:
    assert (DEFAULT_YEARS, MIN_YEARS, MAX_YEARS) == (3, 2, 6)
    for years in range(2, 7):
        assert validate_years(years) == years


@pytest.mark.parametrize("years", [0, 1, 7, -3, True, 3.0, "3"])
def test_rotation_length_outside_the_limits_is_refused(years: object) -> None:
    with pytest.raises(ValueError, match="A rotation lasts"):
        validate_years(years)  # type: ignore[arg-type]


# --- last_conflict ----------------------------------------------------------------------


@pytest.mark.parametrize("group", ROTATING)
def test_each_rotating_group_conflicts_with_itself_last_year(group: str) -> None:
    history = {"Bed 1": {YEAR - 1: {group}}}
    assert last_conflict(history, "Bed 1", YEAR, group, DEFAULT_YEARS) == YEAR - 1


@pytest.mark.parametrize("group", ROTATING)
def test_a_different_group_does_not_conflict(group: str) -> None:
    others = set(ROTATION_GROUPS) - {group}
    history = {"Bed 1": {YEAR - 1: others, YEAR - 2: others}}
    assert last_conflict(history, "Bed 1", YEAR, group, DEFAULT_YEARS) is None


@pytest.mark.parametrize("years", range(MIN_YEARS, MAX_YEARS + 1))
def test_window_edges(years: int) -> None:
    # years - 1 seasons ago is the oldest that still counts; years ago is free again.
    inside = {"Bed 1": {YEAR - (years - 1): {POTATOES}}}
    outside = {"Bed 1": {YEAR - years: {POTATOES}}}
    assert last_conflict(inside, "Bed 1", YEAR, POTATOES, years) == YEAR - (years - 1)
    assert last_conflict(outside, "Bed 1", YEAR, POTATOES, years) is None


def test_two_year_rotation() -> None:
    history = {"Bed 1": {2024: {BRASSICAS}, 2025: {ROOTS}}}
    assert last_conflict(history, "Bed 1", 2026, ROOTS, 2) == 2025
    assert last_conflict(history, "Bed 1", 2026, BRASSICAS, 2) is None


def test_six_year_rotation() -> None:
    history = {"Bed 1": {2020: {ONIONS}, 2021: {LEGUMES}}}
    assert last_conflict(history, "Bed 1", 2026, LEGUMES, 6) == 2021
    assert last_conflict(history, "Bed 1", 2026, ONIONS, 6) is None
    assert last_conflict(history, "Bed 1", 2026, ONIONS, 5) is None
    assert last_conflict(history, "Bed 1", 2025, ONIONS, 6) == 2020


def test_the_most_recent_earlier_year_is_given() -> None:
    history = {"Bed 1": {2022: {ROOTS}, 2023: {ROOTS}, 2024: {ROOTS}, 2025: {LEGUMES}}}
    assert last_conflict(history, "Bed 1", 2026, ROOTS, 5) == 2024


def test_this_year_and_later_years_do_not_count() -> None:
    history = {"Bed 1": {2026: {ROOTS}, 2027: {ROOTS}, 2028: {ROOTS}}}
    assert last_conflict(history, "Bed 1", 2026, ROOTS, 6) is None


@pytest.mark.parametrize("group", sorted(NEVER_CONFLICT))
def test_anywhere_and_perennials_never_conflict(group: str) -> None:
    every_year = {y: {group} for y in range(YEAR - 6, YEAR + 1)}
    history = {"Bed 1": every_year}
    for years in range(MIN_YEARS, MAX_YEARS + 1):
        assert last_conflict(history, "Bed 1", YEAR, group, years) is None


def test_missing_beds_and_years_are_empty() -> None:
    history: History = {"Bed 1": {2020: {POTATOES}}, "Bed 2": {}}
    assert last_conflict({}, "Bed 1", YEAR, POTATOES, 3) is None
    assert last_conflict(history, "Bed 9", YEAR, POTATOES, 3) is None
    assert last_conflict(history, "Bed 2", YEAR, POTATOES, 3) is None
    assert last_conflict(history, "Bed 1", YEAR, POTATOES, 3) is None


def test_last_conflict_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="not a rotation group"):
        last_conflict({}, "Bed 1", YEAR, "tomatoes", 3)
    with pytest.raises(ValueError, match="A rotation lasts"):
        last_conflict({}, "Bed 1", YEAR, POTATOES, 1)


# --- messages ---------------------------------------------------------------------------


def test_conflict_message_exact_text() -> None:
    assert (
        conflict_message("Potatoes", "Bed 4", 2025, 3)
        == "Potatoes grew in Bed 4 in 2025. Wait until 2028."
    )
    assert (
        conflict_message("Broad beans", "Top bed", 2024, 2)
        == "Broad beans grew in Top bed in 2024. Wait until 2026."
    )
    assert conflict_message("Leeks", "Bed 1", 2021, 6) == (
        "Leeks grew in Bed 1 in 2021. Wait until 2027."
    )


# --- conflicts_in_history ---------------------------------------------------------------


def test_conflicts_in_history_marks_every_clash() -> None:
    history = {
        "Bed 2": {
            2022: {POTATOES, ANYWHERE},
            2023: {ANYWHERE},
            2024: {POTATOES, PERENNIAL},
            2025: {POTATOES, ROOTS, PERENNIAL},
        },
        "Bed 1": {2023: {ROOTS, ONIONS}, 2025: {ONIONS, ROOTS}, 2026: {BRASSICAS}},
        "Bed 3": {2025: {LEGUMES}},
    }
    assert conflicts_in_history(history, 3) == (
        HistoryConflict("Bed 2", 2024, POTATOES, 2022),
        HistoryConflict("Bed 2", 2025, POTATOES, 2024),
        HistoryConflict("Bed 1", 2025, ONIONS, 2023),
        HistoryConflict("Bed 1", 2025, ROOTS, 2023),
    )
    assert conflicts_in_history(history, 2) == (HistoryConflict("Bed 2", 2025, POTATOES, 2024),)


def test_conflicts_in_history_of_nothing() -> None:
    assert conflicts_in_history({}, 3) == ()
    assert conflicts_in_history({"Bed 1": {}}, 3) == ()


def test_conflicts_in_history_refuses_unknown_groups() -> None:
    with pytest.raises(ValueError, match="not a rotation group"):
        conflicts_in_history({"Bed 1": {2025: {"tomatoes"}}}, 3)


# --- plan_beds: worked examples ---------------------------------------------------------


def greedy_plan(
    beds: Sequence[str], crops: Sequence[tuple[str, str]], history: History, years: int
) -> dict[str, str]:
    """Each crop in turn takes the first free bed where it does not conflict (else any)."""
    free = list(beds)
    plan: dict[str, str] = {}
    for name, group in crops:
        if not free:
            break
        fitting = [b for b in free if last_conflict(history, b, YEAR, group, years) is None]
        bed = (fitting or free)[0]
        plan[name] = bed
        free.remove(bed)
    return plan


def test_finds_the_conflict_free_plan_a_greedy_misses() -> None:
    beds = ["Bed 1", "Bed 2", "Bed 3"]
    crops = [("Potatoes", POTATOES), ("Cabbages", BRASSICAS), ("Carrots", ROOTS)]
    history = {
        "Bed 1": {2025: {ONIONS}},
        "Bed 2": {2024: {BRASSICAS, ROOTS}},
        "Bed 3": {2025: {POTATOES, ROOTS}},
    }
    greedy = greedy_plan(beds, crops, history, 3)
    # Potatoes take the first bed they may have, which is the only one carrots may have.
    assert greedy == {"Potatoes": "Bed 1", "Cabbages": "Bed 3", "Carrots": "Bed 2"}
    assert last_conflict(history, "Bed 2", YEAR, ROOTS, 3) == 2024

    plan = plan_beds(beds, crops, history, YEAR, 3)
    assert plan == BedPlan(
        placed={"Potatoes": "Bed 2", "Cabbages": "Bed 3", "Carrots": "Bed 1"},
        conflicts={},
        unplaced=(),
        wishes_honoured=(),
    )


def test_fewest_conflicts_when_some_are_unavoidable() -> None:
    beds = ["Bed 1", "Bed 2", "Bed 3"]
    crops = [("Potatoes", POTATOES), ("Onions", ONIONS), ("Peas", LEGUMES)]
    history = {
        "Bed 1": {2025: {POTATOES, ONIONS}},
        "Bed 2": {2024: {POTATOES, LEGUMES}},
        "Bed 3": {2025: {POTATOES}, 2024: {ONIONS}},
    }
    # Potatoes clash everywhere; onions and peas can both be kept clear.
    plan = plan_beds(beds, crops, history, YEAR, 3)
    assert plan.placed == {"Potatoes": "Bed 1", "Onions": "Bed 2", "Peas": "Bed 3"}
    assert plan.conflicts == {"Potatoes": "Potatoes grew in Bed 1 in 2025. Wait until 2028."}
    assert plan.unplaced == ()

    # Over two years only last season counts: potatoes fit Bed 2 alone, onions Bed 2 or 3.
    plan = plan_beds(beds, crops, history, YEAR, 2)
    assert plan.conflicts == {}
    assert plan.placed == {"Potatoes": "Bed 2", "Onions": "Bed 3", "Peas": "Bed 1"}


def test_every_conflict_is_explained() -> None:
    beds = ["North", "South"]
    crops = [("Early potatoes", POTATOES), ("Maincrop potatoes", POTATOES)]
    history = {"North": {2025: {POTATOES}}, "South": {2024: {POTATOES}}}
    plan = plan_beds(beds, crops, history, YEAR, 4)
    assert plan.placed == {"Early potatoes": "North", "Maincrop potatoes": "South"}
    assert plan.conflicts == {
        "Early potatoes": "Early potatoes grew in North in 2025. Wait until 2029.",
        "Maincrop potatoes": "Maincrop potatoes grew in South in 2024. Wait until 2028.",
    }


def test_wishes_are_honoured_between_equally_good_plans() -> None:
    beds = ["Bed 1", "Bed 2", "Bed 3"]
    crops = [("Beans", LEGUMES), ("Kale", BRASSICAS), ("Squash", ANYWHERE)]
    wishes = {"Bed 3": ["Beans"], "Bed 2": ["Squash", "Beans"]}
    plan = plan_beds(beds, crops, {}, YEAR, 3, wishes)
    assert plan.placed == {"Beans": "Bed 3", "Kale": "Bed 1", "Squash": "Bed 2"}
    assert plan.wishes_honoured == ("Beans", "Squash")
    assert plan.conflicts == {}


def test_a_wish_never_outweighs_the_rotation() -> None:
    beds = ["Bed 1", "Bed 2"]
    crops = [("Beans", LEGUMES), ("Kale", BRASSICAS)]
    history = {"Bed 2": {2025: {LEGUMES}}}
    wishes = {"Bed 2": {"Beans"}, "Bed 1": {"Beans"}}
    plan = plan_beds(beds, crops, history, YEAR, 3, wishes)
    assert plan.placed == {"Beans": "Bed 1", "Kale": "Bed 2"}
    assert plan.wishes_honoured == ("Beans",)

    wishes = {"Bed 2": {"Beans"}}
    plan = plan_beds(beds, crops, history, YEAR, 3, wishes)
    assert plan.placed == {"Beans": "Bed 1", "Kale": "Bed 2"}
    assert plan.wishes_honoured == ()
    assert plan.conflicts == {}


def test_wishes_for_unknown_beds_or_crops_are_ignored() -> None:
    crops = [("Beans", LEGUMES)]
    wishes = {"Bed 9": ["Beans"], "Bed 1": ["Melons"]}
    plan = plan_beds(["Bed 1"], crops, {}, YEAR, 3, wishes)
    assert plan.placed == {"Beans": "Bed 1"}
    assert plan.wishes_honoured == ()


def test_more_crops_than_beds_drops_the_latest() -> None:
    beds = ["Bed 1", "Bed 2"]
    crops = [("Peas", LEGUMES), ("Leeks", ONIONS), ("Beet", ROOTS), ("Kale", BRASSICAS)]
    plan = plan_beds(beds, crops, {}, YEAR, 3)
    assert plan.placed == {"Peas": "Bed 1", "Leeks": "Bed 2"}
    assert plan.unplaced == ("Beet", "Kale")


def test_keeping_the_rotation_comes_before_the_order_of_the_vote() -> None:
    beds = ["Bed 1", "Bed 2"]
    crops = [("Peas", LEGUMES), ("Leeks", ONIONS), ("Beet", ROOTS), ("Kale", BRASSICAS)]
    history = {"Bed 1": {2025: {LEGUMES, ONIONS}}, "Bed 2": {2024: {ONIONS}}}
    plan = plan_beds(beds, crops, history, YEAR, 3)
    # Peas fit in Bed 2, and leeks fit nowhere, so the next crop, beet, takes Bed 1.
    assert plan.placed == {"Peas": "Bed 2", "Beet": "Bed 1"}
    assert plan.unplaced == ("Leeks", "Kale")
    assert plan.conflicts == {}


def test_wishes_come_before_the_order_of_the_vote() -> None:
    crops = [("Peas", LEGUMES), ("Leeks", ONIONS), ("Beet", ROOTS)]
    plan = plan_beds(["Bed 1"], crops, {}, YEAR, 3, {"Bed 1": {"Beet"}})
    assert plan.placed == {"Beet": "Bed 1"}
    assert plan.unplaced == ("Peas", "Leeks")
    assert plan.wishes_honoured == ("Beet",)


def test_equal_plans_give_earlier_crops_earlier_beds() -> None:
    beds = ["C", "A", "B", "D"]
    crops = [("Squash", ANYWHERE), ("Rhubarb", PERENNIAL), ("Lettuce", ANYWHERE)]
    plan = plan_beds(beds, crops, {}, YEAR, 3)
    assert plan.placed == {"Squash": "C", "Rhubarb": "A", "Lettuce": "B"}
    assert list(plan.placed) == ["Squash", "Rhubarb", "Lettuce"]


def test_placed_crops_are_listed_in_the_order_of_the_vote() -> None:
    beds = ["Bed 1", "Bed 2", "Bed 3"]
    crops = [("Onions", ONIONS), ("Potatoes", POTATOES), ("Beans", LEGUMES)]
    wishes = {"Bed 1": {"Beans"}, "Bed 2": {"Potatoes"}, "Bed 3": {"Onions"}}
    plan = plan_beds(beds, crops, {}, YEAR, 3, wishes)
    assert list(plan.placed.items()) == [
        ("Onions", "Bed 3"),
        ("Potatoes", "Bed 2"),
        ("Beans", "Bed 1"),
    ]
    assert plan.wishes_honoured == ("Onions", "Potatoes", "Beans")


def test_never_conflicting_crops_go_anywhere() -> None:
    history = {"Bed 1": {2025: set(ROTATION_GROUPS)}, "Bed 2": {2024: set(ROTATION_GROUPS)}}
    crops = [("Peas", LEGUMES), ("Courgettes", ANYWHERE), ("Asparagus", PERENNIAL)]
    plan = plan_beds(["Bed 1", "Bed 2"], crops, history, YEAR, 3)
    assert plan.placed == {"Courgettes": "Bed 1", "Asparagus": "Bed 2"}
    assert plan.unplaced == ("Peas",)
    assert plan.conflicts == {}


def test_nothing_to_plan() -> None:
    assert plan_beds([], [("Peas", LEGUMES)], {}, YEAR, 3) == BedPlan({}, {}, ("Peas",), ())
    assert plan_beds(["Bed 1"], [], {}, YEAR, 3) == BedPlan({}, {}, (), ())


def test_plan_beds_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="crop may be named only once"):
        plan_beds(["Bed 1", "Bed 2"], [("Peas", LEGUMES), ("Peas", ROOTS)], {}, YEAR, 3)
    with pytest.raises(ValueError, match="bed may be named only once"):
        plan_beds(["Bed 1", "Bed 1"], [("Peas", LEGUMES)], {}, YEAR, 3)
    with pytest.raises(ValueError, match="not a rotation group"):
        plan_beds(["Bed 1"], [("Tomatoes", "tomatoes")], {}, YEAR, 3)
    with pytest.raises(ValueError, match="A rotation lasts"):
        plan_beds(["Bed 1"], [("Peas", LEGUMES)], {}, YEAR, 7)


# --- plan_beds: determinism -------------------------------------------------------------


def _example() -> tuple[list[str], list[tuple[str, str]]]:
    beds = [f"Bed {n}" for n in range(1, 7)]
    crops = [
        ("Potatoes", POTATOES),
        ("Kale", BRASSICAS),
        ("Sprouts", BRASSICAS),
        ("Leeks", ONIONS),
        ("Peas", LEGUMES),
        ("Squash", ANYWHERE),
        ("Parsnips", ROOTS),
    ]
    return beds, crops


def test_same_input_same_plan() -> None:
    beds, crops = _example()
    history = {bed: {2025: {ROTATION_GROUPS[n % 5]}} for n, bed in enumerate(beds)}
    wishes = {"Bed 1": {"Kale", "Peas"}, "Bed 4": {"Squash"}}
    first = plan_beds(beds, crops, history, YEAR, 3, wishes)
    assert plan_beds(beds, crops, history, YEAR, 3, wishes) == first


def test_the_order_of_history_and_wishes_does_not_matter() -> None:
    beds, crops = _example()
    history = {
        "Bed 1": {2025: [POTATOES, BRASSICAS], 2024: [ROOTS]},
        "Bed 2": {2024: [POTATOES], 2025: [ONIONS, LEGUMES]},
        "Bed 3": {2025: [BRASSICAS]},
        "Bed 5": {2023: [LEGUMES], 2025: [ROOTS, BRASSICAS, POTATOES]},
    }
    wishes = {"Bed 2": ["Squash", "Kale"], "Bed 6": ["Peas", "Leeks"], "Bed 3": ["Potatoes"]}
    expected = plan_beds(beds, crops, history, YEAR, 3, wishes)

    flipped_history = {
        bed: {y: list(reversed(groups)) for y, groups in reversed(seasons.items())}
        for bed, seasons in reversed(history.items())
    }
    flipped_wishes = {bed: list(reversed(names)) for bed, names in reversed(wishes.items())}
    assert plan_beds(beds, crops, flipped_history, YEAR, 3, flipped_wishes) == expected


def test_the_order_of_the_beds_changes_only_ties() -> None:
    beds, crops = _example()
    history = {bed: {2025: {ROTATION_GROUPS[n % 5]}} for n, bed in enumerate(beds)}
    wishes = {"Bed 1": {"Kale", "Peas"}, "Bed 4": {"Squash"}}
    plan = plan_beds(beds, crops, history, YEAR, 3, wishes)
    other = plan_beds(list(reversed(beds)), crops, history, YEAR, 3, wishes)
    assert len(other.conflicts) == len(plan.conflicts)
    assert len(other.wishes_honoured) == len(plan.wishes_honoured)
    assert other.unplaced == plan.unplaced == ("Parsnips",)


# --- plan_beds against brute force ------------------------------------------------------

CROP_NAMES = ["Potatoes", "Beans", "Kale", "Leeks", "Carrots", "Squash", "Lettuce", "Rhubarb"]


def brute_force(
    beds: Sequence[str],
    crops: Sequence[tuple[str, str]],
    history: History,
    years: int,
    wishes: Mapping[str, Collection[str]],
) -> tuple[tuple[int, int, tuple[bool, ...], tuple[int, ...]], dict[int, int]]:
    """Try every assignment; return the best (key, crop index -> bed index) by the spec."""

    def conflicts(i: int, b: int) -> bool:
        group = crops[i][1]
        seasons = history.get(beds[b], {})
        return group not in NEVER_CONFLICT and any(
            group in seasons.get(y, ()) for y in range(YEAR - years + 1, YEAR)
        )

    def wished(i: int, b: int) -> bool:
        return crops[i][0] in wishes.get(beds[b], ())

    n_beds, n_crops = len(beds), len(crops)
    if n_crops <= n_beds:
        assignments = [dict(enumerate(p)) for p in permutations(range(n_beds), n_crops)]
    else:
        assignments = [
            {i: b for b, i in enumerate(p)} for p in permutations(range(n_crops), n_beds)
        ]
    best: tuple[tuple[int, int, tuple[bool, ...], tuple[int, ...]], dict[int, int]] | None
    best = None
    for assignment in assignments:
        key = (
            sum(conflicts(i, b) for i, b in assignment.items()),
            -sum(wished(i, b) for i, b in assignment.items()),
            tuple(i not in assignment for i in range(n_crops)),
            tuple(assignment[i] for i in sorted(assignment)),
        )
        if best is None or key < best[0]:
            best = (key, assignment)
    assert best is not None
    return best


@st.composite
def instances(
    draw: st.DrawFn,
) -> tuple[list[str], list[tuple[str, str]], History, int, dict[str, frozenset[str]]]:
    n_beds = draw(st.integers(0, 6))
    n_crops = draw(st.integers(0, 6))
    beds = [f"Bed {n}" for n in draw(st.permutations(range(1, 7)))[:n_beds]]
    names = draw(st.permutations(CROP_NAMES))[:n_crops]
    crops = [(name, draw(st.sampled_from(ROTATION_GROUPS))) for name in names]
    years = draw(st.integers(MIN_YEARS, MAX_YEARS))
    groups = st.frozensets(st.sampled_from(ROTATION_GROUPS), max_size=2)
    history: dict[str, dict[int, frozenset[str]]] = {}
    for bed in beds:
        if draw(st.booleans()):
            seasons = draw(st.lists(st.integers(YEAR - 7, YEAR + 1), unique=True, max_size=4))
            history[bed] = {y: draw(groups) for y in seasons}
    wish_names = st.frozensets(st.sampled_from([*CROP_NAMES, "Melons"]), max_size=3)
    wishes = {bed: draw(wish_names) for bed in beds if draw(st.booleans())}
    return beds, crops, history, years, wishes


@settings(max_examples=200, deadline=None)
@given(instances())
def test_plan_matches_brute_force(
    instance: tuple[list[str], list[tuple[str, str]], History, int, dict[str, frozenset[str]]],
) -> None:
    beds, crops, history, years, wishes = instance
    plan = plan_beds(beds, crops, history, YEAR, years, wishes)
    (fewest, most_wishes, left_out, _), best = brute_force(beds, crops, history, years, wishes)

    assert len(plan.placed) == min(len(beds), len(crops))
    assert len(set(plan.placed.values())) == len(plan.placed)
    assert len(plan.conflicts) == fewest
    assert len(plan.wishes_honoured) == -most_wishes
    names = [name for name, _ in crops]
    assert set(plan.placed) == {names[i] for i, out in enumerate(left_out) if not out}
    assert plan.unplaced == tuple(name for name, out in zip(names, left_out, strict=True) if out)
    assert plan.placed == {names[i]: beds[b] for i, b in sorted(best.items())}

    # Every reported conflict and wish is real, and none is missed.
    groups = dict(crops)
    for name, bed in plan.placed.items():
        grew = last_conflict(history, bed, YEAR, groups[name], years)
        if grew is None:
            assert name not in plan.conflicts
        else:
            assert plan.conflicts[name] == conflict_message(name, bed, grew, years)
        assert (name in plan.wishes_honoured) == (name in wishes.get(bed, ()))
