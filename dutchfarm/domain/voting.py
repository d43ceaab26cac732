"""Count the allotment's votes on crops: dots, thumbs up, ranked ballots and raised hands."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import TypeAlias

from dutchfarm.words import _, ngettext

__all__ = [
    "Method",
    "Round",
    "Score",
    "TallyResult",
    "explain",
    "tally_approval",
    "tally_dots",
    "tally_hands",
    "tally_ranked",
]

Score: TypeAlias = int | Fraction
"""A final total: a whole number, or an exact fraction for ranked counts."""


class Method(StrEnum):
    """How the votes were cast and so how they were counted."""

    DOTS = "dots"
    APPROVAL = "approval"
    FAIR_SHARES = "fair_shares"
    RANKED = "ranked"
    HANDS = "hands"


@dataclass(frozen=True)
class Round:
    """One round of a ranked count: the totals of the options still in, and what happened."""

    # The mapping is left out of the hash (it cannot be hashed) but still compared.
    totals: Mapping[str, Fraction] = field(hash=False)
    elected: tuple[str, ...]
    eliminated: tuple[str, ...]


@dataclass(frozen=True)
class TallyResult:
    """The outcome of a count.

    ``winners`` are the options that are certainly elected, in order of election. ``tied``
    are the options the count cannot separate for the seats that are left; it is empty when
    every seat is filled. ``scores`` holds each option's final total and ``supporters`` the
    number of ballots that gave it anything (for ranked counts: the ballots that put it
    first; for hands: the hands counted). ``rounds`` is filled for ranked counts only.
    """

    method: Method
    seats: int
    winners: tuple[str, ...]
    tied: tuple[str, ...]
    scores: Mapping[str, Score] = field(hash=False)
    supporters: Mapping[str, int] = field(hash=False)
    rounds: tuple[Round, ...] = ()


# --- checks shared by every method ----------------------------------------------------------


def _is_whole(value: object) -> bool:
    # bool is a subclass of int, but True dots or True hands is a mistake, not a count.
    return isinstance(value, int) and not isinstance(value, bool)


def _check_options(options: Sequence[str], seats: int) -> tuple[str, ...]:
    if isinstance(options, str):
        raise ValueError(_("The options must be a list of names, not a single piece of text."))
    names = tuple(options)
    if not names:
        raise ValueError(_("There must be at least one option."))
    seen: set[str] = set()
    for number, name in enumerate(names, start=1):
        if not isinstance(name, str):
            raise ValueError(
                _("Option {number} is not a name: {name!r}.").format(number=number, name=name)
            )
        if not name.strip():
            raise ValueError(_("Option {number} has no name.").format(number=number))
        if name in seen:
            raise ValueError(
                _("{name!r} is on the list of options more than once.").format(name=name)
            )
        seen.add(name)
    if not _is_whole(seats):
        raise ValueError(
            _("The number of seats must be a whole number, not {seats!r}.").format(seats=seats)
        )
    if not 1 <= seats <= len(names):
        raise ValueError(
            _("The number of seats must be between 1 and {names}; it is {seats}.").format(
                names=len(names), seats=seats
            )
        )
    return names


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _rank_by_score(
    names: tuple[str, ...], scores: Mapping[str, int], supporters: Mapping[str, int], seats: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fill the seats by score, then supporters; return (winners, tied)."""
    # sorted() is stable, so options level on both keys stay in the order they were given.
    order = sorted(names, key=lambda name: (-scores[name], -supporters[name]))
    winners: list[str] = []
    start = 0
    while len(winners) < seats:
        key = (scores[order[start]], supporters[order[start]])
        group = [name for name in order[start:] if (scores[name], supporters[name]) == key]
        if len(winners) + len(group) > seats:
            return tuple(winners), tuple(group)
        winners.extend(group)
        start += len(group)
    return tuple(winners), ()


def _result(
    method: Method,
    seats: int,
    winners: tuple[str, ...],
    tied: tuple[str, ...],
    scores: Mapping[str, Score],
    supporters: Mapping[str, int],
    rounds: tuple[Round, ...] = (),
) -> TallyResult:
    # Read-only views, so that a frozen result cannot be changed through its mappings.
    return TallyResult(
        method=method,
        seats=seats,
        winners=winners,
        tied=tied,
        scores=MappingProxyType(dict(scores)),
        supporters=MappingProxyType(dict(supporters)),
        rounds=rounds,
    )


# --- dots -----------------------------------------------------------------------------------


def tally_dots(
    options: Sequence[str],
    ballots: Iterable[Mapping[str, int]],
    seats: int,
    *,
    dots_per_voter: int | None = None,
    cap_per_option: int | None = None,
) -> TallyResult:
    """Count dot votes: each ballot maps options to the number of dots it gives them.

    The options with the most dots win; more supporters (ballots giving an option at least
    one dot) wins a tie on dots. Raises ValueError, naming the ballot (counted from 1), for
    an unknown option, a dot count that is negative or not a whole number, more dots than
    ``dots_per_voter`` or more than ``cap_per_option`` on one option.
    """
    names = _check_options(options, seats)
    for limit, label in (
        (dots_per_voter, _("dots per voter")),
        (cap_per_option, _("cap per option")),
    ):
        if limit is not None and (not _is_whole(limit) or limit < 1):
            raise ValueError(
                _("The {label} must be a whole number of at least 1, not {limit!r}.").format(
                    label=label, limit=limit
                )
            )
    known = set(names)
    scores = dict.fromkeys(names, 0)
    supporters = dict.fromkeys(names, 0)
    for number, ballot in enumerate(ballots, start=1):
        if not isinstance(ballot, Mapping):
            raise ValueError(
                _("Ballot {number} must give a number of dots for each option.").format(
                    number=number
                )
            )
        used = 0
        for name, dots in ballot.items():
            if name not in known:
                raise ValueError(
                    _(
                        "Ballot {number} gives dots to {name!r}, which is not on this ballot."
                    ).format(number=number, name=name)
                )
            if not _is_whole(dots):
                raise ValueError(
                    _(
                        "Ballot {number} has {dots!r} dots for {name!r}; dots must be whole "
                        "numbers."
                    ).format(number=number, dots=dots, name=name)
                )
            if dots < 0:
                raise ValueError(
                    _("Ballot {number} has {dots} dots for {name!r}.").format(
                        number=number, dots=dots, name=name
                    )
                )
            if cap_per_option is not None and dots > cap_per_option:
                raise ValueError(
                    _(
                        "Ballot {number} gives {dots} dots to {name!r}; each option can have "
                        "at most {cap_per_option}."
                    ).format(number=number, dots=dots, name=name, cap_per_option=cap_per_option)
                )
            used += dots
        if dots_per_voter is not None and used > dots_per_voter:
            raise ValueError(
                _("Ballot {number} uses {used} dots; each voter has {dots_per_voter}.").format(
                    number=number, used=used, dots_per_voter=dots_per_voter
                )
            )
        for name, dots in ballot.items():
            scores[name] += dots
            if dots > 0:
                supporters[name] += 1
    winners, tied = _rank_by_score(names, scores, supporters, seats)
    return _result(Method.DOTS, seats, winners, tied, scores, supporters)


# --- thumbs up (approval) -------------------------------------------------------------------


def tally_approval(
    options: Sequence[str],
    ballots: Iterable[Collection[str]],
    seats: int,
    fair_shares: bool = False,
) -> TallyResult:
    """Count thumbs up: each ballot is the collection of options its voter says yes to.

    Without ``fair_shares`` the options with the most yeses win (a tie on yeses is a tie).
    With ``fair_shares`` and more than one seat the seats are filled by sequential
    Phragmén, which spreads each seat's cost over the voters who wanted it so that a large
    enough smaller group also gets a crop; see ``_phragmen`` for how ties are handled.
    ``scores`` and ``supporters`` are the yes counts either way. Raises ValueError, naming
    the ballot, for an unknown option or an option said yes to twice.
    """
    names = _check_options(options, seats)
    known = set(names)
    approvals: list[frozenset[str]] = []
    for number, ballot in enumerate(ballots, start=1):
        if isinstance(ballot, str | bytes) or not isinstance(ballot, Collection):
            raise ValueError(
                _("Ballot {number} must be a list of the options it says yes to.").format(
                    number=number
                )
            )
        seen: set[str] = set()
        for name in ballot:
            if name not in known:
                raise ValueError(
                    _("Ballot {number} says yes to {name!r}, which is not on this ballot.").format(
                        number=number, name=name
                    )
                )
            if name in seen:
                raise ValueError(
                    _("Ballot {number} says yes to {name!r} more than once.").format(
                        number=number, name=name
                    )
                )
            seen.add(name)
        approvals.append(frozenset(seen))
    counts = {name: sum(name in ballot for ballot in approvals) for name in names}
    if fair_shares and seats > 1:
        winners, tied = _phragmen(names, approvals, seats)
    else:
        winners, tied = _rank_by_score(names, counts, counts, seats)
    method = Method.FAIR_SHARES if fair_shares else Method.APPROVAL
    return _result(method, seats, winners, tied, counts, counts)


# How many distinct states of a fair-shares count with ties are followed before giving up.
_MAX_TIE_STATES = 2000

_Loads: TypeAlias = tuple[Fraction, ...]
_Taken: TypeAlias = tuple[int, ...]


def _phragmen(
    names: tuple[str, ...], approvals: list[frozenset[str]], seats: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fill the seats by sequential Phragmén; return (winners, tied).

    Every voter carries a load, starting at 0. Electing an option costs 1, shared by its
    supporters so that they all end at the same load; the option elected next is the one
    whose supporters would end at the lowest load. Among options level on that, more
    supporters goes first. Options with exactly the same supporters can never be told
    apart, so they are counted as one group. When groups are still level the count is
    followed every way the tie could go: an option elected every way is a winner, one
    elected only some ways is tied. Should the ties be too tangled to follow every way in
    reasonable time, every option still in play at that point is called tied.
    """
    voters = [ballot for ballot in approvals if ballot]
    groups: dict[frozenset[int], list[str]] = {}
    for name in names:
        backers = frozenset(index for index, ballot in enumerate(voters) if name in ballot)
        groups.setdefault(backers, []).append(name)
    # Dicts keep insertion order, so groups follow the order of their first option.
    backing = [tuple(sorted(backers)) for backers in groups]
    members = list(groups.values())
    sizes = tuple(len(group) for group in members)

    def next_groups(loads: _Loads, taken: _Taken) -> tuple[list[int], Fraction]:
        best: list[int] = []
        best_key: tuple[Fraction, int] | None = None
        for index, backers in enumerate(backing):
            if taken[index] == sizes[index] or not backers:
                continue
            load = (1 + sum((loads[voter] for voter in backers), Fraction(0))) / len(backers)
            key = (load, -len(backers))
            if best_key is None or key < best_key:
                best, best_key = [index], key
            elif key == best_key:
                best.append(index)
        if best_key is not None:
            return best, best_key[0]
        # Only options nobody wanted are left; electing them changes nobody's load.
        unwanted = [i for i, backers in enumerate(backing) if not backers and taken[i] < sizes[i]]
        return unwanted, Fraction(0)

    def elect(loads: _Loads, taken: _Taken, index: int, load: Fraction) -> tuple[_Loads, _Taken]:
        backers = set(backing[index])
        new_loads = tuple(load if voter in backers else old for voter, old in enumerate(loads))
        new_taken = tuple(count + (i == index) for i, count in enumerate(taken))
        return new_loads, new_taken

    def apart(best: list[int]) -> bool:
        seen: set[int] = set()
        for index in best:
            if seen.intersection(backing[index]):
                return False
            seen.update(backing[index])
        return True

    # For each state: the fewest and the most seats each group can end with, over every
    # way the ties that are still to come could go.
    memo: dict[tuple[_Loads, _Taken], tuple[_Taken, _Taken]] = {}

    def span(loads: _Loads, taken: _Taken) -> tuple[_Taken, _Taken]:
        seats_left = seats - sum(taken)
        if seats_left == 0:
            return taken, taken
        if (loads, taken) in memo:
            # The future depends only on the loads and on what is elected, so a state
            # reached along several tie orders is followed once.
            return memo[(loads, taken)]
        if len(memo) >= _MAX_TIE_STATES:
            # Ties this tangled cannot be followed every way in reasonable time; claim no
            # more than is certain and call every option still in play tied.
            return taken, tuple(
                count + min(size - count, seats_left)
                for count, size in zip(taken, sizes, strict=True)
            )
        best, load = next_groups(loads, taken)
        if apart(best) and len(best) <= seats_left:
            # Groups with no voter in common do not raise each other's loads and nobody
            # else can get cheaper, so all of them come next, in whatever order.
            after_loads, after_taken = loads, taken
            for index in best:
                after_loads, after_taken = elect(after_loads, after_taken, index, load)
            found = span(after_loads, after_taken)
        elif apart(best):
            # Likewise, but there are too few seats: any of them may be left out.
            found = taken, tuple(count + (i in best) for i, count in enumerate(taken))
        else:
            ways = [span(*elect(loads, taken, index, load)) for index in best]
            found = (
                tuple(map(min, zip(*(fewest for fewest, _ in ways), strict=True))),
                tuple(map(max, zip(*(most for _, most in ways), strict=True))),
            )
        memo[(loads, taken)] = found
        return found

    start_loads: _Loads = tuple(Fraction(0) for _ in voters)
    start_taken: _Taken = tuple(0 for _ in sizes)
    fewest, most = span(start_loads, start_taken)
    certain = {i for i, size in enumerate(sizes) if fewest[i] == size}
    possible = {i for i, count in enumerate(most) if count > 0}

    # The order of election follows one path through the ties: the first group each time.
    order: list[str] = []
    loads, taken = start_loads, start_taken
    while sum(taken) < seats:
        best, load = next_groups(loads, taken)
        if best[0] in certain:
            order.append(members[best[0]][taken[best[0]]])
        loads, taken = elect(loads, taken, best[0], load)
    tied = {name for i in possible - certain for name in members[i]}
    return tuple(order), tuple(name for name in names if name in tied)


# --- ranked ballots -------------------------------------------------------------------------


def tally_ranked(
    options: Sequence[str], ballots: Iterable[Sequence[str]], seats: int
) -> TallyResult:
    """Count ranked ballots: each lists options, most preferred first, and may stop early.

    One seat: instant run-off. A candidate with more than half of the continuing votes
    wins; otherwise the lowest goes out. Several seats: single transferable vote with the
    exact Droop quota, votes / (seats + 1), where votes are the ballots that rank anyone.
    A candidate whose total exceeds the quota is elected (several in one round in order of
    their totals) and every ballot it holds passes on at its current value times surplus /
    total; when nobody exceeds the quota the lowest goes out and its ballots pass on at
    their current value. Ballots with no continuing preference left drop out. When no more
    candidates are left than seats, they are all elected, in order of their totals.

    When several are lowest, the one with fewer votes at the most recent earlier round where
    they differed goes out. If they never differed they go out together, unless that would
    leave too few to fill the seats: then they are ``tied`` and the candidates ahead of
    them are elected. Options level in any ordering are kept in the order given.

    ``scores`` are each option's totals at the last round it was counted in;
    ``supporters`` count the ballots that put it first. Raises ValueError, naming the
    ballot, for an unknown option or an option ranked twice.
    """
    names = _check_options(options, seats)
    known = set(names)
    papers: list[tuple[str, ...]] = []
    for number, ballot in enumerate(ballots, start=1):
        if isinstance(ballot, str | bytes) or not isinstance(ballot, Sequence):
            raise ValueError(
                _("Ballot {number} must list options in order of preference.").format(number=number)
            )
        seen: set[str] = set()
        for name in ballot:
            if name not in known:
                raise ValueError(
                    _("Ballot {number} ranks {name!r}, which is not on this ballot.").format(
                        number=number, name=name
                    )
                )
            if name in seen:
                raise ValueError(
                    _("Ballot {number} ranks {name!r} more than once.").format(
                        number=number, name=name
                    )
                )
            seen.add(name)
        if ballot:
            papers.append(tuple(ballot))
    supporters = dict.fromkeys(names, 0)
    for paper in papers:
        supporters[paper[0]] += 1
    winners, tied, rounds = _count_ranked(names, papers, seats)
    scores: dict[str, Score] = {}
    for counted in rounds:
        scores.update(counted.totals)
    return _result(Method.RANKED, seats, winners, tied, scores, supporters, rounds)


def _count_ranked(
    names: tuple[str, ...], papers: list[tuple[str, ...]], seats: int
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[Round, ...]]:
    """Run the instant run-off or STV count; return (winners, tied, rounds)."""
    values = [Fraction(1) for _ in papers]
    quota = Fraction(len(papers), seats + 1)
    continuing = list(names)
    elected: list[str] = []
    rounds: list[Round] = []
    while True:
        still_in = set(continuing)
        holders = [next((name for name in paper if name in still_in), None) for paper in papers]
        totals = {name: Fraction(0) for name in continuing}
        for holder, value in zip(holders, values, strict=True):
            if holder is not None:
                totals[holder] += value
        seats_left = seats - len(elected)
        by_total = sorted(continuing, key=lambda name: -totals[name])

        if len(continuing) <= seats_left:
            rounds.append(Round(MappingProxyType(totals), tuple(by_total), ()))
            return tuple(elected + by_total), (), tuple(rounds)

        if seats == 1:
            live = sum(totals.values(), Fraction(0))
            over = [name for name in by_total if 2 * totals[name] > live]
        else:
            over = [name for name in by_total if totals[name] > quota]
        if over:
            rounds.append(Round(MappingProxyType(totals), tuple(over), ()))
            elected.extend(over)
            if len(elected) == seats:
                return tuple(elected), (), tuple(rounds)
            # Only STV gets here: an instant run-off ends with its one winner.
            for index, holder in enumerate(holders):
                if holder in over:
                    values[index] *= (totals[holder] - quota) / totals[holder]
            continuing = [name for name in continuing if name not in over]
            continue

        lowest = min(totals.values())
        out = _fewest_earlier([name for name in continuing if totals[name] == lowest], rounds)
        if len(out) > 1 and len(continuing) - len(out) < seats_left:
            ahead = tuple(name for name in by_total if name not in out)
            rounds.append(Round(MappingProxyType(totals), ahead, ()))
            return tuple(elected) + ahead, tuple(out), tuple(rounds)
        rounds.append(Round(MappingProxyType(totals), (), tuple(out)))
        continuing = [name for name in continuing if name not in out]


def _fewest_earlier(lowest: list[str], rounds: list[Round]) -> list[str]:
    """Narrow options level on fewest votes to those behind at the latest round they differed."""
    group = lowest
    for earlier in reversed(rounds):
        if len(group) == 1:
            break
        fewest = min(earlier.totals[name] for name in group)
        group = [name for name in group if earlier.totals[name] == fewest]
    return group


# --- hands ----------------------------------------------------------------------------------


def tally_hands(options: Sequence[str], counts: Mapping[str, int], seats: int) -> TallyResult:
    """Count a show of hands: ``counts`` maps options to the hands raised for them.

    Options left out of ``counts`` had no hands. Raises ValueError for an unknown option or
    a count that is negative or not a whole number.
    """
    names = _check_options(options, seats)
    if not isinstance(counts, Mapping):
        raise ValueError(_("The hands must be given as a count for each option."))
    known = set(names)
    hands = dict.fromkeys(names, 0)
    for name, count in counts.items():
        if name not in known:
            raise ValueError(
                _("Hands were counted for {name!r}, which is not on this ballot.").format(name=name)
            )
        if not _is_whole(count):
            raise ValueError(
                _("The count for {name!r} is {count!r}; it must be a whole number.").format(
                    name=name, count=count
                )
            )
        if count < 0:
            raise ValueError(
                _("The count for {name!r} is {count}; it cannot be below 0.").format(
                    name=name, count=count
                )
            )
        hands[name] = count
    winners, tied = _rank_by_score(names, hands, hands, seats)
    return _result(Method.HANDS, seats, winners, tied, hands, hands)


# --- plain words ----------------------------------------------------------------------------


def _why(method: Method, count: int) -> str:
    if method is Method.HANDS:
        if count == 0:
            return _("No hands went up for them.")
        return _("{0} went up for them.").format(_plural(count, "hand", "hands"))
    people = _("No one") if count == 0 else _plural(count, "person", "people")
    if method is Method.DOTS:
        return _("{people} gave them dots.").format(people=people)
    if method is Method.RANKED:
        return _("{people} put them first.").format(people=people)
    return _("{people} said yes to them.").format(people=people)


def _join(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("{names} and {names2}").format(names=", ".join(names[:-1]), names2=names[-1])


def explain(result: TallyResult) -> tuple[str, ...]:
    """Say in short Easy Read sentences who won, one per winner, and any tie at the end.

    For example "Strawberries won. 9 people gave them dots." or "Carrots won. 12 hands
    went up for them."
    """
    sentences = [
        _("{name} won. {0}").format(_why(result.method, result.supporters[name]), name=name)
        for name in result.winners
    ]
    if result.tied:
        left = result.seats - len(result.winners)
        places = ngettext(
            "the last place",
            "the last {left} places",
            left,
        ).format(left=left)
        sentences.append(
            _("{tied} are tied for {places}. The group needs to choose.").format(
                tied=_join(result.tied), places=places
            )
        )
    return tuple(sentences)
