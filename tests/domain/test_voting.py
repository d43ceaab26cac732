"""Tests for counting votes: dots, thumbs up, ranked ballots, hands and the plain words."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutchfarm.domain import voting
from dutchfarm.domain.voting import (
    Method,
    Round,
    TallyResult,
    explain,
    tally_approval,
    tally_dots,
    tally_hands,
    tally_ranked,
)

CROPS = ["Beans", "Carrots", "Kale", "Leeks", "Onions", "Peas"]

modest = settings(max_examples=150, deadline=None)


def refuses(message: str) -> Any:
    """Expect a ValueError with exactly this message."""
    return pytest.raises(ValueError, match=f"^{re.escape(message)}$")


# --- options and seats ----------------------------------------------------------------------


TALLIES: list[Callable[[Sequence[str], int], TallyResult]] = [
    lambda options, seats: tally_dots(options, [], seats),
    lambda options, seats: tally_approval(options, [], seats),
    lambda options, seats: tally_approval(options, [], seats, fair_shares=True),
    lambda options, seats: tally_ranked(options, [], seats),
    lambda options, seats: tally_hands(options, {}, seats),
]


@pytest.mark.parametrize("tally", TALLIES)
@pytest.mark.parametrize(
    ("options", "seats", "message"),
    [
        (["Peas", "Kale", "Peas"], 1, "'Peas' is on the list of options more than once."),
        ([], 1, "There must be at least one option."),
        ("Peas", 1, "The options must be a list of names, not a single piece of text."),
        (["Peas", 5], 1, "Option 2 is not a name: 5."),
        (["Peas", " "], 1, "Option 2 has no name."),
        (["Peas", "Kale"], 0, "The number of seats must be between 1 and 2; it is 0."),
        (["Peas", "Kale"], 3, "The number of seats must be between 1 and 2; it is 3."),
        (["Peas", "Kale"], 1.5, "The number of seats must be a whole number, not 1.5."),
        (["Peas", "Kale"], True, "The number of seats must be a whole number, not True."),
    ],
)
def test_options_and_seats_are_checked(
    tally: Callable[[Sequence[str], int], TallyResult], options: Any, seats: Any, message: str
) -> None:
    with refuses(message):
        tally(options, seats)


@pytest.mark.parametrize("tally", TALLIES)
def test_every_seat_can_be_filled_when_there_are_no_votes(
    tally: Callable[[Sequence[str], int], TallyResult],
) -> None:
    everything = tally(["Peas", "Kale", "Leeks"], 3)
    assert set(everything.winners) == {"Peas", "Kale", "Leeks"}
    assert everything.tied == ()
    assert all(score == 0 for score in everything.scores.values())
    one = tally(["Peas", "Kale", "Leeks"], 1)
    assert one.winners == ()
    assert one.tied == ("Peas", "Kale", "Leeks")


# --- dots -----------------------------------------------------------------------------------


def test_dots_worked_example() -> None:
    options = ["Strawberries", "Peas", "Kale", "Beans"]
    ballots = [
        {"Strawberries": 2, "Peas": 1},
        {"Strawberries": 1, "Kale": 2},
        {"Peas": 3},
        {"Strawberries": 3},
        {"Kale": 1, "Peas": 1, "Beans": 0},
    ]
    result = tally_dots(options, ballots, 2, dots_per_voter=3)
    assert result.method is Method.DOTS
    assert result.seats == 2
    assert result.winners == ("Strawberries", "Peas")
    assert result.tied == ()
    assert dict(result.scores) == {"Strawberries": 6, "Peas": 5, "Kale": 3, "Beans": 0}
    assert dict(result.supporters) == {"Strawberries": 3, "Peas": 3, "Kale": 2, "Beans": 0}
    assert result.rounds == ()


def test_dots_tie_on_score_goes_to_the_option_with_more_supporters() -> None:
    # Kale's 4 dots come from one keen voter, Peas' 4 from two.
    ballots = [{"Kale": 4}, {"Peas": 2}, {"Peas": 2, "Beans": 1}]
    result = tally_dots(["Kale", "Peas", "Beans"], ballots, 1)
    assert result.winners == ("Peas",)
    assert result.tied == ()
    two = tally_dots(["Kale", "Peas", "Beans"], ballots, 2)
    assert two.winners == ("Peas", "Kale")


def test_dots_tie_that_remains_is_reported_not_broken() -> None:
    ballots = [{"A": 5}, {"B": 3}, {"C": 3}]
    result = tally_dots(["A", "B", "C"], ballots, 2)
    assert result.winners == ("A",)
    assert result.tied == ("B", "C")
    # A tie that sits wholly inside the seats is no tie: both are elected.
    three = tally_dots(["A", "B", "C", "D"], ballots + [{"D": 1}], 3)
    assert three.winners == ("A", "B", "C")
    assert three.tied == ()


@pytest.mark.parametrize(
    ("ballots", "options", "message"),
    [
        (
            [{"Peas": 1}, {"Peas": 1}, {"Kiwi": 1}],
            {},
            "Ballot 3 gives dots to 'Kiwi', which is not on this ballot.",
        ),
        ([{"Peas": 1}, {"Peas": -1}], {}, "Ballot 2 has -1 dots for 'Peas'."),
        (
            [{"Peas": 3}] * 4 + [{"Peas": 2, "Kale": 2}],
            {"dots_per_voter": 3},
            "Ballot 5 uses 4 dots; each voter has 3.",
        ),
        (
            [{"Peas": 3}],
            {"cap_per_option": 2},
            "Ballot 1 gives 3 dots to 'Peas'; each option can have at most 2.",
        ),
        (
            [{"Peas": 1}, {"Peas": 1}, {"Peas": 1}, {"Peas": 1.5}],
            {},
            "Ballot 4 has 1.5 dots for 'Peas'; dots must be whole numbers.",
        ),
        ([{"Peas": True}], {}, "Ballot 1 has True dots for 'Peas'; dots must be whole numbers."),
        ([["Peas"]], {}, "Ballot 1 must give a number of dots for each option."),
        (
            [],
            {"dots_per_voter": 0},
            "The dots per voter must be a whole number of at least 1, not 0.",
        ),
        (
            [],
            {"cap_per_option": 1.5},
            "The cap per option must be a whole number of at least 1, not 1.5.",
        ),
    ],
)
def test_dots_refusals(ballots: Any, options: dict[str, Any], message: str) -> None:
    with refuses(message):
        tally_dots(["Peas", "Kale"], ballots, 1, **options)


def test_dots_within_the_limits_are_accepted() -> None:
    result = tally_dots(
        ["Peas", "Kale"], [{"Peas": 2, "Kale": 1}], 1, dots_per_voter=3, cap_per_option=2
    )
    assert result.winners == ("Peas",)


# --- thumbs up (approval) -------------------------------------------------------------------


def test_approval_counts_yeses() -> None:
    ballots = [{"Peas", "Kale"}, {"Peas"}, ["Peas", "Beans"], ("Kale",), set()]
    result = tally_approval(["Peas", "Kale", "Beans"], ballots, 2)
    assert result.method is Method.APPROVAL
    assert result.winners == ("Peas", "Kale")
    assert result.tied == ()
    assert dict(result.scores) == {"Peas": 3, "Kale": 2, "Beans": 1}
    assert dict(result.supporters) == dict(result.scores)


def test_approval_tie_is_reported() -> None:
    ballots = [{"A", "B"}, {"A", "C"}, {"A"}, {"B"}, {"C"}]
    result = tally_approval(["A", "B", "C"], ballots, 2)
    assert result.winners == ("A",)
    assert result.tied == ("B", "C")


# 6 of 9 voters (two thirds) like potatoes and carrots; 3 (one third) only want kale.
FAIR_OPTIONS = ["Potatoes", "Carrots", "Onions", "Kale"]
FAIR_BALLOTS = (
    [{"Potatoes", "Carrots", "Onions"}] * 3
    + [{"Potatoes", "Carrots"}] * 2
    + [{"Potatoes", "Onions"}]
    + [{"Kale"}] * 3
)


def test_plain_approval_gives_a_third_of_the_voters_nothing() -> None:
    result = tally_approval(FAIR_OPTIONS, FAIR_BALLOTS, 3)
    assert result.winners == ("Potatoes", "Carrots", "Onions")


def test_fair_shares_gives_a_third_of_the_voters_one_of_three_seats() -> None:
    # By hand: Potatoes costs its 6 voters 1/6 each. Then Carrots would raise its 5 voters
    # to (1 + 5/6) / 5 = 11/30, Onions its 4 to (1 + 4/6) / 4 = 5/12, Kale its 3 to 1/3:
    # Kale is cheapest. Then Carrots (11/30) beats Onions (5/12).
    result = tally_approval(FAIR_OPTIONS, FAIR_BALLOTS, 3, fair_shares=True)
    assert result.method is Method.FAIR_SHARES
    assert result.winners == ("Potatoes", "Kale", "Carrots")
    assert result.tied == ()
    assert dict(result.scores) == {"Potatoes": 6, "Carrots": 5, "Onions": 4, "Kale": 3}


def test_fair_shares_with_one_seat_is_plain_approval() -> None:
    result = tally_approval(FAIR_OPTIONS, FAIR_BALLOTS, 1, fair_shares=True)
    assert result.winners == ("Potatoes",)


def test_fair_shares_level_loads_go_to_more_supporters() -> None:
    # After Potatoes, Carrots (4 voters) and Kale (2 voters) both cost 1/2 a voter.
    ballots = [{"Potatoes", "Carrots"}] * 4 + [{"Potatoes"}] * 2 + [{"Kale"}] * 2
    result = tally_approval(["Potatoes", "Carrots", "Kale"], ballots, 2, fair_shares=True)
    assert result.winners == ("Potatoes", "Carrots")
    assert result.tied == ()


def test_fair_shares_cannot_separate_options_with_the_same_supporters() -> None:
    options = ["Peas", "Beans", "Kale", "Leeks"]
    ballots = [{"Peas", "Beans", "Kale"}] * 4 + [{"Leeks"}] * 3
    # Peas, Beans and Kale have exactly the same voters, so one of them takes the first
    # seat (1/4 a voter) but nothing says which. Leeks (1/3) then beats a second (1/2).
    result = tally_approval(options, ballots, 2, fair_shares=True)
    assert result.winners == ("Leeks",)
    assert result.tied == ("Peas", "Beans", "Kale")
    # With only 2 Leeks voters, Leeks and a second of the three are level at 1/2 a voter
    # and the three, having more supporters, take both seats between them.
    fewer = tally_approval(options, ballots[:-1], 2, fair_shares=True)
    assert fewer.winners == ()
    assert fewer.tied == ("Peas", "Beans", "Kale")


def test_fair_shares_follows_a_tie_every_way_it_could_go() -> None:
    # Peas and Beans tie at 1/3 a voter with different voters. Either way the other's
    # voters are still fresh, so it comes next: both ways elect both, so no tie is left.
    ballots = [{"Peas"}] * 3 + [{"Beans"}] * 3 + [{"Kale"}]
    result = tally_approval(["Peas", "Beans", "Kale"], ballots, 2, fair_shares=True)
    assert result.winners == ("Peas", "Beans")
    assert result.tied == ()


def test_fair_shares_tie_that_decides_a_seat_is_reported() -> None:
    # Peas, Beans and Kale all start at 1/3 a voter. Once Peas or Beans is in, the other
    # costs (1 + 1/3) / 3 = 4/9 because of the voter who wanted both, so Kale (1/3) takes
    # the other seat whichever way the tie goes; Peas and Beans stay tied.
    ballots = [{"Peas"}] * 2 + [{"Beans"}] * 2 + [{"Peas", "Beans"}] + [{"Kale"}] * 3
    result = tally_approval(["Peas", "Beans", "Kale"], ballots, 2, fair_shares=True)
    assert result.winners == ("Kale",)
    assert result.tied == ("Peas", "Beans")


def test_fair_shares_tie_with_shared_voters_is_not_elected_whole() -> None:
    # Peas and Beans tie at 1/4 a voter and share two voters. Once one is in, the other
    # costs (1 + 2/4) / 4 = 3/8, more than Kale's 1/3: Kale takes the second seat.
    ballots = [{"Peas"}] * 2 + [{"Beans"}] * 2 + [{"Peas", "Beans"}] * 2 + [{"Kale"}] * 3
    result = tally_approval(["Peas", "Beans", "Kale"], ballots, 2, fair_shares=True)
    assert result.winners == ("Kale",)
    assert result.tied == ("Peas", "Beans")
    # With a third seat both get in whichever goes first.
    three = tally_approval(["Peas", "Beans", "Kale", "Leeks"], ballots, 3, fair_shares=True)
    assert three.winners == ("Peas", "Kale", "Beans")
    assert three.tied == ()


def test_fair_shares_too_tangled_to_follow_claims_only_what_is_certain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each voter wants two neighbours in a ring of crops: every step is a tangled tie.
    options = CROPS
    ballots = [{crop, options[(i + 1) % len(options)]} for i, crop in enumerate(options)] * 2
    ballots += [{"Beans"}]
    full = tally_approval(options, ballots, 3, fair_shares=True)
    assert full.winners == ("Beans",)
    assert full.tied == ("Carrots", "Kale", "Leeks", "Onions", "Peas")
    monkeypatch.setattr(voting, "_MAX_TIE_STATES", 1)
    rough = tally_approval(options, ballots, 3, fair_shares=True)
    assert rough.winners == ("Beans",)
    assert rough.tied == full.tied
    monkeypatch.setattr(voting, "_MAX_TIE_STATES", 0)
    roughest = tally_approval(options, ballots, 3, fair_shares=True)
    assert roughest.winners == ()
    assert roughest.tied == tuple(options)


@pytest.mark.parametrize("fair_shares", [False, True])
@pytest.mark.parametrize(
    ("ballots", "message"),
    [
        (
            [{"Peas"}, {"Peas"}, {"Kiwi"}],
            "Ballot 3 says yes to 'Kiwi', which is not on this ballot.",
        ),
        ([{"Peas"}, ["Peas", "Peas"]], "Ballot 2 says yes to 'Peas' more than once."),
        (["Peas"], "Ballot 1 must be a list of the options it says yes to."),
        ([3], "Ballot 1 must be a list of the options it says yes to."),
    ],
)
def test_approval_refusals(ballots: Any, message: str, fair_shares: bool) -> None:
    with refuses(message):
        tally_approval(["Peas", "Kale"], ballots, 2, fair_shares=fair_shares)


# --- ranked ballots -------------------------------------------------------------------------

M, N, C, K = "Memphis", "Nashville", "Chattanooga", "Knoxville"
TENNESSEE = [M, N, C, K]
TENNESSEE_BALLOTS = (
    [[M, N, C, K]] * 42 + [[N, C, K, M]] * 26 + [[C, K, N, M]] * 15 + [[K, C, N, M]] * 17
)


def totals(counted: Round) -> dict[str, Fraction]:
    return dict(counted.totals)


def test_instant_run_off_elects_knoxville() -> None:
    result = tally_ranked(TENNESSEE, TENNESSEE_BALLOTS, 1)
    assert result.method is Method.RANKED
    assert result.winners == (K,)
    assert result.tied == ()
    assert [(r.elected, r.eliminated) for r in result.rounds] == [
        ((), (C,)),
        ((), (N,)),
        ((K,), ()),
    ]
    assert totals(result.rounds[0]) == {M: 42, N: 26, C: 15, K: 17}
    assert totals(result.rounds[1]) == {M: 42, N: 26, K: 32}
    assert totals(result.rounds[2]) == {M: 42, K: 58}
    assert dict(result.scores) == {M: 42, N: 26, C: 15, K: 58}
    assert dict(result.supporters) == {M: 42, N: 26, C: 15, K: 17}


def test_stv_with_two_seats_elects_memphis_then_nashville() -> None:
    result = tally_ranked(TENNESSEE, TENNESSEE_BALLOTS, 2)
    assert result.winners == (M, N)
    assert result.tied == ()
    # Quota 100/3. Memphis' surplus 42 - 100/3 = 26/3 passes on to Nashville.
    assert [(r.elected, r.eliminated) for r in result.rounds] == [((M,), ()), ((N,), ())]
    assert totals(result.rounds[0]) == {M: 42, N: 26, C: 15, K: 17}
    assert totals(result.rounds[1]) == {N: Fraction(104, 3), C: 15, K: 17}
    assert result.scores[N] == Fraction(104, 3)


def test_stv_twenty_voters_three_seats() -> None:
    options = ["Orange", "Pear", "Chocolate", "Strawberry", "Sweets"]
    ballots = (
        [["Orange"]] * 4
        + [["Pear", "Orange"]] * 2
        + [["Chocolate", "Strawberry"]] * 8
        + [["Chocolate", "Sweets"]] * 4
        + [["Strawberry"]]
        + [["Sweets"]]
    )
    result = tally_ranked(options, ballots, 3)
    assert set(result.winners) == {"Chocolate", "Orange", "Strawberry"}
    # With the exact quota of 5 (not the rounded 6 of the usual telling) Chocolate's
    # surplus of 7 passes at 7/12 and lifts Strawberry to 17/3 straight away; Orange waits
    # for Pear's 2 votes.
    assert result.winners == ("Chocolate", "Strawberry", "Orange")
    assert result.tied == ()
    assert [(r.elected, r.eliminated) for r in result.rounds] == [
        (("Chocolate",), ()),
        (("Strawberry",), ()),
        ((), ("Pear",)),
        (("Orange",), ()),
    ]
    assert totals(result.rounds[1]) == {
        "Orange": 4,
        "Pear": 2,
        "Strawberry": Fraction(17, 3),
        "Sweets": Fraction(10, 3),
    }
    assert totals(result.rounds[3]) == {"Orange": 6, "Sweets": Fraction(10, 3)}
    assert result.scores["Sweets"] == Fraction(10, 3)


def test_stv_elects_several_in_one_round_in_order_of_their_totals() -> None:
    ballots = [["A", "C"]] * 4 + [["B", "C"]] * 5 + [["C"]] * 1 + [["D"]] * 2
    # Quota 12/4 = 3: A and B both exceed it in the first round.
    result = tally_ranked(["A", "B", "C", "D"], ballots, 3)
    assert result.rounds[0].elected == ("B", "A")
    # Surpluses 1 and 2 both pass to C, which then beats D.
    assert totals(result.rounds[1]) == {"C": 4, "D": 2}
    assert result.winners == ("B", "A", "C")


def test_ranked_lowest_tie_goes_to_the_one_behind_at_an_earlier_round() -> None:
    ballots = [["A"]] * 7 + [["B", "C"]] * 4 + [["C", "B"]] * 3 + [["D", "C", "B"]]
    result = tally_ranked(["A", "B", "C", "D"], ballots, 1)
    # Round 2 has B and C on 4 each; in round 1 C had 3 to B's 4, so C goes out.
    assert totals(result.rounds[1]) == {"A": 7, "B": 4, "C": 4}
    assert result.rounds[1].eliminated == ("C",)
    assert result.winners == ("B",)


def test_ranked_lowest_that_never_differed_go_out_together() -> None:
    ballots = [["A"]] * 5 + [["B", "A"]] * 4 + [["C", "B"]] + [["D", "B"]]
    result = tally_ranked(["A", "B", "C", "D"], ballots, 1)
    assert result.rounds[0].eliminated == ("C", "D")
    assert totals(result.rounds[1]) == {"A": 5, "B": 6}
    assert result.winners == ("B",)


def test_ranked_tie_that_never_differed_and_decides_the_seat_is_reported() -> None:
    result = tally_ranked(["A", "B"], [["A", "B"]] * 3 + [["B", "A"]] * 3, 1)
    assert result.winners == ()
    assert result.tied == ("A", "B")
    assert len(result.rounds) == 1


def test_stv_tie_for_the_last_seat_is_reported() -> None:
    ballots = [["A"]] * 5 + [["B"]] * 2 + [["C"]] * 2
    result = tally_ranked(["A", "B", "C"], ballots, 2)
    assert result.winners == ("A",)
    assert result.tied == ("B", "C")


def test_stv_tie_lets_the_options_ahead_in() -> None:
    ballots = [["A"]] * 3 + [["B"]] * 3 + [["C"]] * 2 + [["D"]] * 2 + [["E"]] * 2
    # Quota 12/4 = 3 and nobody exceeds it; C, D and E are level and have always been.
    result = tally_ranked(["A", "B", "C", "D", "E"], ballots, 3)
    assert result.winners == ("A", "B")
    assert result.tied == ("C", "D", "E")


def test_ranked_exhausted_ballots_drop_out_of_the_majority() -> None:
    # Once C is out, its two ballots rank nobody else: A's 4 of the remaining 7 is a majority.
    ballots = [["A"]] * 4 + [["B"]] * 3 + [["C"]] * 2
    result = tally_ranked(["A", "B", "C"], ballots, 1)
    assert result.winners == ("A",)
    assert totals(result.rounds[-1]) == {"A": 4, "B": 3}


def test_ranked_supporters_are_first_preferences() -> None:
    result = tally_ranked(["A", "B", "C"], [["A", "B"], ["B", "A"], ["A"], []], 1)
    assert dict(result.supporters) == {"A": 2, "B": 1, "C": 0}
    assert result.scores["C"] == 0


@pytest.mark.parametrize(
    ("ballots", "message"),
    [
        (
            [["Peas"], ["Kale"], ["Peas", "Kiwi"]],
            "Ballot 3 ranks 'Kiwi', which is not on this ballot.",
        ),
        ([["Peas"], ["Peas", "Kale", "Peas"]], "Ballot 2 ranks 'Peas' more than once."),
        (["Peas"], "Ballot 1 must list options in order of preference."),
        ([{"Peas", "Kale"}], "Ballot 1 must list options in order of preference."),
    ],
)
def test_ranked_refusals(ballots: Any, message: str) -> None:
    with refuses(message):
        tally_ranked(["Peas", "Kale"], ballots, 1)


# --- hands ----------------------------------------------------------------------------------


def test_hands_worked_example() -> None:
    result = tally_hands(["Carrots", "Peas", "Kale"], {"Carrots": 12, "Peas": 7}, 2)
    assert result.method is Method.HANDS
    assert result.winners == ("Carrots", "Peas")
    assert dict(result.scores) == {"Carrots": 12, "Peas": 7, "Kale": 0}
    assert dict(result.supporters) == dict(result.scores)


def test_hands_tie_is_reported() -> None:
    result = tally_hands(["Carrots", "Peas", "Kale"], {"Carrots": 8, "Peas": 8, "Kale": 9}, 2)
    assert result.winners == ("Kale",)
    assert result.tied == ("Carrots", "Peas")


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({"Kiwi": 3}, "Hands were counted for 'Kiwi', which is not on this ballot."),
        ({"Peas": -1}, "The count for 'Peas' is -1; it cannot be below 0."),
        ({"Peas": 2.5}, "The count for 'Peas' is 2.5; it must be a whole number."),
    ],
)
def test_hands_refusals(counts: Any, message: str) -> None:
    with refuses(message):
        tally_hands(["Peas", "Kale"], counts, 1)


# --- the result and the plain words ---------------------------------------------------------


def test_result_cannot_be_changed_and_can_be_hashed() -> None:
    result = tally_ranked(TENNESSEE, TENNESSEE_BALLOTS, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.winners = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.scores[M] = 0  # type: ignore[index]
    with pytest.raises(TypeError):
        result.rounds[0].totals[M] = Fraction(0)  # type: ignore[index]
    assert hash(result) == hash(tally_ranked(TENNESSEE, list(reversed(TENNESSEE_BALLOTS)), 2))


def test_explain_dots() -> None:
    ballots = [{"Strawberries": 1}] * 9 + [{"Kale": 2}] * 4 + [{"Peas": 1}]
    result = tally_dots(["Strawberries", "Kale", "Peas"], ballots, 2)
    assert explain(result) == (
        "Strawberries won. 9 people gave them dots.",
        "Kale won. 4 people gave them dots.",
    )
    single = tally_dots(["Kale", "Peas"], [{"Kale": 3}], 1)
    assert explain(single) == ("Kale won. 1 person gave them dots.",)


def test_explain_approval() -> None:
    result = tally_approval(["Peas", "Kale"], [{"Peas"}] * 7 + [{"Kale"}], 1)
    assert explain(result) == ("Peas won. 7 people said yes to them.",)
    fair = tally_approval(FAIR_OPTIONS, FAIR_BALLOTS, 3, fair_shares=True)
    assert explain(fair)[1] == "Kale won. 3 people said yes to them."


def test_explain_ranked() -> None:
    ballots = [["Potatoes", "Leeks"]] * 5 + [["Leeks"]] * 2
    result = tally_ranked(["Potatoes", "Leeks", "Kale"], ballots, 2)
    assert explain(result) == (
        "Potatoes won. 5 people put them first.",
        "Leeks won. 2 people put them first.",
    )
    nobody_first = tally_ranked(["A", "B"], [["A"]], 2)
    assert explain(nobody_first) == (
        "A won. 1 person put them first.",
        "B won. No one put them first.",
    )


def test_explain_hands() -> None:
    result = tally_hands(["Carrots", "Peas", "Kale"], {"Carrots": 12, "Peas": 1}, 3)
    assert explain(result) == (
        "Carrots won. 12 hands went up for them.",
        "Peas won. 1 hand went up for them.",
        "Kale won. No hands went up for them.",
    )


def test_explain_tie() -> None:
    result = tally_dots(["A", "B", "C"], [{"A": 5}, {"B": 3}, {"C": 3}], 2)
    assert explain(result) == (
        "A won. 1 person gave them dots.",
        "B and C are tied for the last place. The group needs to choose.",
    )
    three = tally_hands(["A", "B", "C", "D"], {"A": 1, "B": 1, "C": 1}, 2)
    assert explain(three) == (
        "A, B and C are tied for the last 2 places. The group needs to choose.",
    )


# --- properties -----------------------------------------------------------------------------


@st.composite
def options_and_seats(draw: st.DrawFn) -> tuple[list[str], int]:
    options = draw(st.lists(st.sampled_from(CROPS), min_size=1, max_size=5, unique=True))
    return options, draw(st.integers(1, len(options)))


@st.composite
def dot_votes(draw: st.DrawFn) -> tuple[list[str], list[dict[str, int]], int]:
    options, seats = draw(options_and_seats())
    ballots = draw(
        st.lists(st.dictionaries(st.sampled_from(options), st.integers(0, 4)), max_size=8)
    )
    return options, ballots, seats


@st.composite
def approval_votes(draw: st.DrawFn) -> tuple[list[str], list[frozenset[str]], int]:
    options, seats = draw(options_and_seats())
    ballots = draw(st.lists(st.frozensets(st.sampled_from(options)), max_size=8))
    return options, ballots, seats


@st.composite
def ranked_votes(draw: st.DrawFn) -> tuple[list[str], list[list[str]], int]:
    options, seats = draw(options_and_seats())
    ballots = draw(st.lists(st.lists(st.sampled_from(options), unique=True), max_size=10))
    return options, ballots, seats


@st.composite
def full_rankings(draw: st.DrawFn) -> tuple[list[str], list[list[str]], int]:
    options, seats = draw(options_and_seats())
    ballots = draw(st.lists(st.permutations(options), min_size=1, max_size=10))
    return options, [list(ballot) for ballot in ballots], seats


@st.composite
def hand_counts(draw: st.DrawFn) -> tuple[list[str], dict[str, int], int]:
    options, seats = draw(options_and_seats())
    return options, draw(st.dictionaries(st.sampled_from(options), st.integers(0, 6))), seats


def check_shape(result: TallyResult, options: Collection[str]) -> None:
    """Winners and ties fit the seats, and a missing seat always comes with a tie."""
    assert len(set(result.winners)) == len(result.winners) <= result.seats
    assert not set(result.winners) & set(result.tied)
    assert set(result.winners) | set(result.tied) <= set(options)
    assert set(result.scores) == set(result.supporters) == set(options)
    if result.tied:
        assert len(result.winners) < result.seats < len(result.winners) + len(result.tied)
    else:
        assert len(result.winners) == result.seats


@modest
@given(dot_votes())
def test_property_dots_lose_no_vote_and_fit_the_seats(
    votes: tuple[list[str], list[dict[str, int]], int],
) -> None:
    options, ballots, seats = votes
    result = tally_dots(options, ballots, seats)
    check_shape(result, options)
    assert sum(result.scores.values()) == sum(sum(ballot.values()) for ballot in ballots)


@modest
@given(approval_votes(), st.booleans())
def test_property_approval_fits_the_seats(
    votes: tuple[list[str], list[frozenset[str]], int], fair_shares: bool
) -> None:
    options, ballots, seats = votes
    check_shape(tally_approval(options, ballots, seats, fair_shares=fair_shares), options)


@modest
@given(ranked_votes())
def test_property_ranked_fits_the_seats(votes: tuple[list[str], list[list[str]], int]) -> None:
    options, ballots, seats = votes
    result = tally_ranked(options, ballots, seats)
    check_shape(result, options)
    elected = [name for counted in result.rounds for name in counted.elected]
    eliminated = [name for counted in result.rounds for name in counted.eliminated]
    assert tuple(elected) == result.winners
    assert len(set(eliminated)) == len(eliminated)
    assert not set(elected) & set(eliminated)


@modest
@given(hand_counts())
def test_property_hands_fit_the_seats(votes: tuple[list[str], dict[str, int], int]) -> None:
    options, counts, seats = votes
    check_shape(tally_hands(options, counts, seats), options)


@modest
@given(full_rankings())
def test_property_ranked_loses_no_vote(votes: tuple[list[str], list[list[str]], int]) -> None:
    options, ballots, seats = votes
    result = tally_ranked(options, ballots, seats)
    # Full rankings never run out, so every vote is with a continuing option or, for each
    # option elected in an earlier round, a quota's worth is kept by it.
    quota = Fraction(len(ballots), seats + 1)
    elected_before = 0
    for counted in result.rounds:
        assert sum(counted.totals.values()) + quota * elected_before == len(ballots)
        elected_before += len(counted.elected)


@modest
@given(dot_votes(), st.data())
def test_property_a_dot_more_for_a_winner_never_makes_it_lose(
    votes: tuple[list[str], list[dict[str, int]], int], data: st.DataObject
) -> None:
    options, ballots, seats = votes
    result = tally_dots(options, ballots, seats)
    for winner in result.winners:
        index = data.draw(st.integers(0, len(ballots)))
        more = [dict(ballot) for ballot in ballots] + [{}]
        more[index][winner] = more[index].get(winner, 0) + 1
        assert winner in tally_dots(options, more, seats).winners


@modest
@given(approval_votes(), st.data())
def test_property_a_yes_more_for_a_winner_never_makes_it_lose(
    votes: tuple[list[str], list[frozenset[str]], int], data: st.DataObject
) -> None:
    options, ballots, seats = votes
    result = tally_approval(options, ballots, seats)
    for winner in result.winners:
        without = [i for i, ballot in enumerate(ballots) if winner not in ballot]
        index = data.draw(st.sampled_from([*without, len(ballots)]))
        more = [*ballots, frozenset()]
        more[index] = more[index] | {winner}
        assert winner in tally_approval(options, more, seats).winners


@modest
@given(dot_votes(), st.data())
def test_property_dots_do_not_depend_on_ballot_order(
    votes: tuple[list[str], list[dict[str, int]], int], data: st.DataObject
) -> None:
    options, ballots, seats = votes
    shuffled = data.draw(st.permutations(ballots))
    assert tally_dots(options, shuffled, seats) == tally_dots(options, ballots, seats)


@modest
@given(approval_votes(), st.booleans(), st.data())
def test_property_approval_does_not_depend_on_ballot_order(
    votes: tuple[list[str], list[frozenset[str]], int], fair_shares: bool, data: st.DataObject
) -> None:
    options, ballots, seats = votes
    shuffled = data.draw(st.permutations(ballots))
    assert tally_approval(options, shuffled, seats, fair_shares) == tally_approval(
        options, ballots, seats, fair_shares
    )


@modest
@given(ranked_votes(), st.data())
def test_property_ranked_does_not_depend_on_ballot_order(
    votes: tuple[list[str], list[list[str]], int], data: st.DataObject
) -> None:
    options, ballots, seats = votes
    shuffled = data.draw(st.permutations(ballots))
    assert tally_ranked(options, shuffled, seats) == tally_ranked(options, ballots, seats)


@modest
@given(hand_counts())
def test_property_hands_do_not_depend_on_the_order_of_the_counts(
    votes: tuple[list[str], dict[str, int], int],
) -> None:
    options, counts, seats = votes
    backwards: Mapping[str, int] = dict(reversed(list(counts.items())))
    assert tally_hands(options, backwards, seats) == tally_hands(options, counts, seats)


def phragmen_every_way(
    options: Sequence[str], ballots: Sequence[frozenset[str]], seats: int
) -> tuple[set[str], set[str]]:
    """Plain sequential Phragmén that tries every tie, option by option; (certain, tied)."""
    ends: list[frozenset[str]] = []

    def follow(loads: tuple[Fraction, ...], elected: frozenset[str]) -> None:
        if len(elected) == seats:
            ends.append(elected)
            return
        costs = {}
        for option in options:
            backers = [i for i, ballot in enumerate(ballots) if option in ballot]
            if option not in elected and backers:
                load = (1 + sum((loads[i] for i in backers), Fraction(0))) / len(backers)
                costs[option] = (load, -len(backers))
        if costs:
            cheapest = min(costs.values())
            for option, cost in costs.items():
                if cost == cheapest:
                    new = tuple(
                        cost[0] if option in ballot else old
                        for old, ballot in zip(loads, ballots, strict=True)
                    )
                    follow(new, elected | {option})
        else:
            for option in options:
                if option not in elected:
                    follow(loads, elected | {option})

    follow(tuple(Fraction(0) for _ in ballots), frozenset())
    certain = set(frozenset.intersection(*ends))
    return certain, set(frozenset.union(*ends)) - certain


@settings(max_examples=200, deadline=None)
@given(approval_votes())
def test_property_fair_shares_agrees_with_trying_every_tie(
    votes: tuple[list[str], list[frozenset[str]], int],
) -> None:
    options, ballots, seats = votes
    result = tally_approval(options, ballots, seats, fair_shares=True)
    certain, tied = phragmen_every_way(options, ballots, seats)
    assert set(result.winners) == certain
    assert set(result.tied) == tied
