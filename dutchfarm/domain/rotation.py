"""Crop rotation: which group may follow which in a bed, and the best plan for next year."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, NamedTuple

from dutchfarm.domain.terms import (
    DEFAULT_ROTATION_YEARS,
    MAX_ROTATION_YEARS,
    MIN_ROTATION_YEARS,
)
from dutchfarm.words import _

LEGUMES: Final = "legumes"
BRASSICAS: Final = "brassicas"
POTATOES: Final = "potatoes"
ONIONS: Final = "onions"
ROOTS: Final = "roots"
ANYWHERE: Final = "anywhere"
PERENNIAL: Final = "perennial"

ROTATION_GROUPS: Final[tuple[str, ...]] = (
    LEGUMES,
    BRASSICAS,
    POTATOES,
    ONIONS,
    ROOTS,
    ANYWHERE,
    PERENNIAL,
)

# Cucurbits, salads and sweetcorn carry no soil trouble forward, and perennials stay put
# outside the rotation, so neither ever clashes with what grew before.
NEVER_CONFLICT: Final[frozenset[str]] = frozenset({ANYWHERE, PERENNIAL})

GROUP_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {
        LEGUMES: _("Peas and beans"),
        BRASSICAS: _("Cabbage family"),
        POTATOES: _("Potato family"),
        ONIONS: _("Onion family"),
        ROOTS: _("Root crops"),
        ANYWHERE: _("Grow anywhere"),
        PERENNIAL: _("Perennials"),
    }
)

DEFAULT_YEARS: Final = DEFAULT_ROTATION_YEARS
MIN_YEARS: Final = MIN_ROTATION_YEARS
MAX_YEARS: Final = MAX_ROTATION_YEARS

History = Mapping[str, Mapping[int, Collection[str]]]
"""Bed name -> year -> the rotation group ids grown in that bed that year."""


class HistoryConflict(NamedTuple):
    """A group grown in a bed too soon after it last grew there."""

    bed: str
    year: int
    group: str
    earlier_year: int


@dataclass(frozen=True)
class BedPlan:
    """Where each crop goes next year, and what the plan had to give up."""

    placed: dict[str, str]
    """Crop name -> bed name, in the order of preference of the crops."""
    conflicts: dict[str, str]
    """Crop name -> a plain-words reason, for each placed crop that breaks the rotation."""
    unplaced: tuple[str, ...]
    """Crops left out because there were not enough beds."""
    wishes_honoured: tuple[str, ...]
    """Placed crops that went to a bed whose owner asked for them."""


def validate_years(years: int) -> int:
    """Return ``years`` if it is an allowed rotation length, else raise ValueError."""
    # bool is an int to Python, but True years is surely a mistake by the caller.
    if isinstance(years, bool) or not isinstance(years, int):
        raise ValueError(
            _("A rotation lasts a whole number of years, not {years!r}.").format(years=years)
        )
    if not MIN_YEARS <= years <= MAX_YEARS:
        raise ValueError(
            _(
                "A rotation lasts from {min_years} to {max_years} years; {years} is not allowed."
            ).format(min_years=MIN_YEARS, max_years=MAX_YEARS, years=years)
        )
    return years


def _check_group(group: str) -> None:
    if group not in GROUP_NAMES:
        raise ValueError(_("{group!r} is not a rotation group.").format(group=group))


def group_name(group: str) -> str:
    """Return the plain-words name of a rotation group, for messages."""
    _check_group(group)
    return GROUP_NAMES[group]


def last_conflict(history: History, bed: str, year: int, group: str, years: int) -> int | None:
    """Return the latest year within the last ``years - 1`` years in which ``group`` grew in
    ``bed``, or None if it may grow there in ``year``.

    Years looked at are ``year - (years - 1)`` to ``year - 1``. Groups in NEVER_CONFLICT
    never conflict; beds or years missing from ``history`` count as empty.
    """
    validate_years(years)
    _check_group(group)
    if group in NEVER_CONFLICT:
        return None
    seasons = history.get(bed)
    if not seasons:
        return None
    for earlier in range(year - 1, year - years, -1):
        if group in seasons.get(earlier, ()):
            return earlier
    return None


def conflict_message(crop_name: str, bed: str, grew_year: int, years: int) -> str:
    """Explain a conflict in plain words, e.g. "Potatoes grew in Bed 4 in 2025. Wait until 2028."

    The wait ends in ``grew_year + years``, the first year the group may come back.
    """
    validate_years(years)
    return _("{crop_name} grew in {bed} in {grew_year}. Wait until {0}.").format(
        grew_year + years, crop_name=crop_name, bed=bed, grew_year=grew_year
    )


def conflicts_in_history(history: History, years: int) -> tuple[HistoryConflict, ...]:
    """Return every group in ``history`` grown in a bed too soon after it last grew there.

    Ordered by bed as ``history`` lists them, then year, then group in ROTATION_GROUPS
    order. Raises ValueError if ``history`` names an unknown group.
    """
    validate_years(years)
    found: list[HistoryConflict] = []
    for bed, seasons in history.items():
        for year in sorted(seasons):
            grown = seasons[year]
            for group in grown:
                _check_group(group)
            # Walking ROTATION_GROUPS rather than the set keeps the order independent of
            # how the caller's set happens to iterate.
            for group in ROTATION_GROUPS:
                if group not in grown:
                    continue
                earlier = last_conflict(history, bed, year, group, years)
                if earlier is not None:
                    found.append(HistoryConflict(bed, year, group, earlier))
    return tuple(found)


def plan_beds(
    beds: Sequence[str],
    crops: Sequence[tuple[str, str]],
    history: History,
    year: int,
    years: int,
    wishes: Mapping[str, Collection[str]] | None = None,
) -> BedPlan:
    """Put each crop in its own bed for ``year``, breaking the rotation as little as possible.

    ``crops`` holds ``(crop name, group id)`` pairs, most wanted first; ``wishes`` maps a bed
    to the crop names its owner would like there. Every bed can take any crop (a conflict is
    a penalty, not a ban), so exactly ``min(len(beds), len(crops))`` crops are placed. Among
    all such plans the result is the best one by this lexicographic objective:

    1. fewest conflicts (none whenever a conflict-free plan exists);
    2. then most wishes honoured;
    3. then, when there are more crops than beds, the earliest crops placed: the plan whose
       placed/left-out pattern, read in crop order, first places a crop the other leaves out;
    4. then, to make the plan unique, each crop in crop order gets the earliest bed it can
       (the smallest tuple of bed positions, read in crop order).

    The result is exact (a minimum-cost assignment, not a greedy guess) and depends only on
    the order of ``beds`` and ``crops``, never on how ``history`` or ``wishes`` iterate.
    Raises ValueError for repeated bed or crop names, an unknown group or a bad ``years``.
    """
    validate_years(years)
    bed_list = list(beds)
    if len(set(bed_list)) != len(bed_list):
        raise ValueError(_("Each bed may be named only once."))
    names = [name for name, _ in crops]
    if len(set(names)) != len(names):
        raise ValueError(_("Each crop may be named only once."))
    for __, group in crops:
        _check_group(group)

    n_beds, n_crops = len(bed_list), len(crops)
    if n_beds == 0 or n_crops == 0:
        return BedPlan(placed={}, conflicts={}, unplaced=tuple(names), wishes_honoured=())

    wished = {bed: frozenset((wishes or {}).get(bed, ())) for bed in bed_list}
    grew = [
        [last_conflict(history, bed, year, group, years) for bed in bed_list] for _, group in crops
    ]

    # Integer weights, one per level of the objective, each larger than the most that all
    # lower levels together can add, so a lower level can only ever break a tie above it.
    # With B beds, C crops and k = min(B, C) placed crops:
    #   tie-break (level 4): crop i in bed position b costs b * B**(C-1-i). This is the bed
    #     tuple written as a base-B number, so comparing sums compares tuples
    #     lexicographically; the sum is at most (B-1) * (B**(C-1) + ... + B + 1), which is
    #     B**C - 1 < B**C = W3.
    #   leaving crop i out (level 3) costs W3 * 2**(C-1-i). Two left-out sets of the same
    #     size first differ at some crop i; the set leaving i out pays W3 * 2**(C-1-i), more
    #     than all later crops together (W3 * (2**(C-1-i) - 1)) plus any tie-break (< W3).
    #     Levels 3 and 4 together stay below W3 * (2**C - 1) + W3 = W3 * 2**C = W2.
    #   a placed crop not wished for (level 2) costs W2, k of them at most, so levels 2 to 4
    #     stay below (k + 1) * W2 = W1.
    #   a conflict (level 1) costs W1, more than any change in the levels below.
    # Powers built by multiplying, as int ** int is typed as possibly float.
    place_value = [1]
    for ___ in range(n_crops - 1):
        place_value.append(place_value[-1] * n_beds)
    place_value.reverse()  # place_value[i] = B**(C-1-i)
    tie_unit = place_value[0] * n_beds  # W3 = B**C
    wish_unit = tie_unit << n_crops  # W2 = W3 * 2**C
    conflict_unit = (min(n_beds, n_crops) + 1) * wish_unit  # W1 = (k + 1) * W2

    def cost(i: int, b: int) -> int:
        penalty = b * place_value[i]
        if grew[i][b] is not None:
            penalty += conflict_unit
        if names[i] not in wished[bed_list[b]]:
            penalty += wish_unit
        return penalty

    bed_of_crop: dict[int, int] = {}
    if n_crops <= n_beds:
        # Every crop fits, so no crop is left out and level 3 is the same for every plan.
        matrix = [[cost(i, b) for b in range(n_beds)] for i in range(n_crops)]
        for i, b in enumerate(_min_cost_assignment(matrix)):
            bed_of_crop[i] = b
    else:
        # Beds become the rows. The left-out cost of the crops not chosen equals the total
        # for all crops minus a refund for each chosen one, so the refund goes on the
        # chosen cells; adding the largest refund back keeps every cell non-negative.
        largest = tie_unit << (n_crops - 1)
        refund = [tie_unit << (n_crops - 1 - i) for i in range(n_crops)]
        matrix = [[cost(i, b) + largest - refund[i] for i in range(n_crops)] for b in range(n_beds)]
        for b, i in enumerate(_min_cost_assignment(matrix)):
            bed_of_crop[i] = b

    placed: dict[str, str] = {}
    conflicts: dict[str, str] = {}
    unplaced: list[str] = []
    honoured: list[str] = []
    for i, name in enumerate(names):
        if i not in bed_of_crop:
            unplaced.append(name)
            continue
        b = bed_of_crop[i]
        bed = bed_list[b]
        placed[name] = bed
        grew_year = grew[i][b]
        if grew_year is not None:
            conflicts[name] = conflict_message(name, bed, grew_year, years)
        if name in wished[bed]:
            honoured.append(name)
    return BedPlan(
        placed=placed,
        conflicts=conflicts,
        unplaced=tuple(unplaced),
        wishes_honoured=tuple(honoured),
    )


def _min_cost_assignment(cost: list[list[int]]) -> list[int]:
    """Return, for each row, its column in a minimum-cost assignment of all the rows.

    The Hungarian method with potentials (Kuhn-Munkres, in the shortest-augmenting-path
    form): O(rows**2 * columns). Needs rows <= columns and non-negative integer costs.
    """
    rows = len(cost)
    if rows == 0:
        return []
    cols = len(cost[0])
    # Reduced costs never exceed twice the largest cost: while a row is being added some
    # column is still free, its potential is 0, so dual feasibility keeps every row
    # potential u <= largest cost; a used column's potential v is at least minus its row's
    # u; so c - u - v <= 2 * largest. Anything above that is a safe "infinity".
    infinity = 2 * max(max(row) for row in cost) + 1
    # 1-based, with column 0 standing for the row being added, as in the textbook form.
    u = [0] * (rows + 1)
    v = [0] * (cols + 1)
    row_of = [0] * (cols + 1)
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        row_of[0] = i
        j0 = 0
        minv = [infinity] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0 = row_of[j0]
            row = cost[i0 - 1]
            u_i0 = u[i0]
            delta = infinity
            j1 = 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cur = row[j - 1] - u_i0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(cols + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if row_of[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    column_of = [0] * rows
    for j in range(1, cols + 1):
        if row_of[j]:
            column_of[row_of[j] - 1] = j - 1
    return column_of
