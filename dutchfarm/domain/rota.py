"""The day's rota: who does which job, shared out fairly and safely, with a reason for each."""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Protocol, TypeAlias

from dutchfarm.domain.terms import MONTH_NAMES
from dutchfarm.words import _

__all__ = [
    "JobId",
    "JobLike",
    "PastAssignment",
    "PastLike",
    "PersonId",
    "PersonLike",
    "Rota",
    "RotaJob",
    "RotaPerson",
    "make_rota",
]

PersonId: TypeAlias = int | str
JobId: TypeAlias = int | str

# How make_rota works
# -------------------
# 1. First round: everyone gets a job. Job by job, in the order given, each place goes to
#    the person without a job who did that kind least recently, then least often, then who
#    likes it, then lowest id. Then each person still without a job (people who need
#    support first, then by id) looks for an augmenting path: a chain of moves between
#    first-round places that ends in a free place (Kuhn's matching step). That gives a job
#    to as many people as possible, so without the support rule this round is exact.
#    Support: each job is "supported" (one place kept for a supporter; people who need
#    support may take the others) or "plain" (nobody who needs support). For fixed modes
#    the round is again exact. A job starts supported when someone who needs support ranks
#    within its places but one. While someone still has no job, the search tries changing
#    one job's mode, then turning one on and another off, and keeps the first change that
#    gives more people a job (at most _MODE_TRIES tries, stopping early at the count that
#    would be reached if support took no place). Supported jobs left with nobody needing
#    support go back to plain and the round is done again. A kept place that no supporter
#    without a job could take goes to a supporter as an extra job.
# 2. Fill. The places still open are filled job by job: each goes to the person with the
#    fewest jobs so far, then the same ranking. Someone who needs support only joins a job
#    once it has a supporter. A job stops only when nobody left could take its place.
# 3. Balance. While someone has at least two jobs more than someone else who could take
#    one of those places (without breaking the support rule), the place moves across.

# Enough to search every small team fully (they need at most a handful), while a large day
# with too few places and supporters stays well under 50 ms.
_MODE_TRIES: Final = 64

_NEEDS: Final = 0
_SUPPORTER: Final = 1
_OTHER: Final = 2


class PersonLike(Protocol):
    """Anything with the attributes make_rota reads from a person (``name`` is optional)."""

    @property
    def id(self) -> PersonId:
        """The person's id: unique, and orderable against the other ids."""
        ...

    @property
    def cannot(self) -> Collection[Hashable]:
        """Kinds of task the person cannot do."""
        ...

    @property
    def likes(self) -> Collection[Hashable]:
        """Kinds of task the person likes."""
        ...

    @property
    def needs_support(self) -> bool:
        """True if the person must work alongside a supporter."""
        ...

    @property
    def supporter(self) -> bool:
        """True for a volunteer or member of staff who can support others."""
        ...


class JobLike(Protocol):
    """Anything with the attributes make_rota reads from a job (``kind_name`` is optional)."""

    @property
    def id(self) -> JobId:
        """The job's id, unique among the day's jobs."""
        ...

    @property
    def kind(self) -> Hashable:
        """The kind of task, matched against ``cannot``, ``likes`` and history."""
        ...

    @property
    def people(self) -> int:
        """How many people the job needs."""
        ...


class PastLike(Protocol):
    """Anything with the attributes make_rota reads from one past assignment."""

    @property
    def person(self) -> PersonId:
        """Who did the task."""
        ...

    @property
    def kind(self) -> Hashable:
        """The kind of task they did."""
        ...

    @property
    def day(self) -> date:
        """The day they did it."""
        ...


@dataclass(frozen=True)
class RotaPerson:
    """A person who is in today, as make_rota needs them."""

    id: PersonId
    cannot: frozenset[Hashable] = frozenset()
    likes: frozenset[Hashable] = frozenset()
    needs_support: bool = False
    supporter: bool = False
    name: str | None = None

    def __post_init__(self) -> None:
        # Callers often pass a set or a list; a frozenset keeps the person hashable.
        object.__setattr__(self, "cannot", frozenset(self.cannot))
        object.__setattr__(self, "likes", frozenset(self.likes))


@dataclass(frozen=True)
class RotaJob:
    """One of today's jobs: its kind of task and how many people it needs."""

    id: JobId
    kind: Hashable
    people: int
    kind_name: str | None = None


@dataclass(frozen=True)
class PastAssignment:
    """One job a person did on an earlier day."""

    person: PersonId
    kind: Hashable
    day: date


@dataclass(frozen=True)
class Rota:
    """The day's rota, the places nobody could fill, and a reason for every assignment."""

    assignments: dict[JobId, list[PersonId]]
    unfilled: dict[JobId, int]
    reasons: dict[tuple[JobId, PersonId], str] = field(repr=False)

    def why(self, job_id: JobId, person_id: PersonId) -> str:
        """Return a short, plain sentence saying why this person has this job.

        Raises KeyError if the person is not on that job.
        """
        try:
            return self.reasons[(job_id, person_id)]
        except KeyError:
            raise KeyError(f"Person {person_id!r} is not on job {job_id!r}.") from None


def make_rota(
    people: Iterable[PersonLike],
    jobs: Iterable[JobLike],
    history: Iterable[PastLike],
    *,
    today: date | None = None,
) -> Rota:
    """Share today's jobs out among the people who are in, fairly and safely.

    Hard rules, always kept: nobody gets a kind they cannot do; nobody fills two places on
    one job; someone who needs support is only on a job with a supporter (someone who needs
    support never counts as a supporter, even if also marked as one); a job never gets more
    people than it needs. A place is left empty rather than break one of these.

    Guarantees:

    * Fill: a place is left empty only if no valid rota could fill it: everyone who can do
      the kind is already on the job, except people who need support when nobody who can
      support can do that kind. ``unfilled`` counts these places, job by job.
    * Everyone gets a job: if nobody needs support, as many people get a job as in the
      best valid rota, so everyone does whenever any valid rota manages it. With people who
      need support this is a hard search problem in general; the job-mode search described
      in the module gives the best result for each choice of supported jobs it tries, and
      is checked against an exhaustive search on small teams in the tests. When not
      everyone can have a job, people who need support are placed first, then the others
      in id order (this only decides who misses out, never how many).
    * Sharing out: at the end, if ``a`` has at least two jobs more than ``b``, then on each
      job ``a`` has and ``b`` has not, either ``b`` cannot do that kind or moving the place
      from ``a`` to ``b`` would break the support rule. So jobs differ by at most one
      between people who can do the same kinds and have the same role (needs support,
      supporter, neither). Across roles the only exceptions are support ones: a supporter
      who is the only supporter of someone on a job, or someone who needs support when the
      job has no other supporter.
    * Who goes first: in the first round each job's places go to the people without a job
      who did that kind least recently, then least often, then who like it, then lowest id,
      job by job in the given order; this gives way only to the support rule (a place kept
      for a supporter, or someone who needs support passed over on a job without one) or
      to let someone who would otherwise have no job have one. The places left then go,
      job by job, to the people with the fewest jobs so far, then the same order; the
      sharing-out step may then move a place to someone with at least two jobs fewer.
    * The same people, jobs and history (in any order of people and of history) give the
      same rota; jobs are taken in the order given.

    ``today`` is only used to say "for 12 days" in the reasons; without it they give the
    date. Raises ValueError for repeated person or job ids or a negative number of people.
    """
    day = _Day(list(people), list(jobs), history)
    cover = _choose_cover(day)
    state = _State.from_cover(day, cover)
    _fill(day, state)
    _balance(day, state)
    _seat_support(day, state)
    return _build_rota(day, state, today)


# --- the day, set up once ----------------------------------------------------------------


def _id_order(value: PersonId) -> tuple[int, int, str]:
    """Sort key that orders ints and strings without comparing one with the other."""
    if isinstance(value, str):
        return (1, 0, value)
    return (0, value, "")


class _Day:
    """Everything make_rota works from, turned into small integers and lists."""

    def __init__(
        self, people: list[PersonLike], jobs: list[JobLike], history: Iterable[PastLike]
    ) -> None:
        # People are numbered in id order, so the input order can never change the rota.
        ordered = sorted(people, key=lambda person: _id_order(person.id))
        self.person_ids: list[PersonId] = [person.id for person in ordered]
        if len(set(self.person_ids)) != len(self.person_ids):
            raise ValueError(_("The same person is listed twice."))
        self.job_ids: list[JobId] = [job.id for job in jobs]
        if len(set(self.job_ids)) != len(self.job_ids):
            raise ValueError(_("The same job is listed twice."))
        self.n = len(ordered)
        self.m = len(jobs)
        self.names = [_text_or(getattr(p, "name", None), str(p.id)) for p in ordered]
        self.kind_names = [_text_or(getattr(j, "kind_name", None), str(j.kind)) for j in jobs]
        self.kinds: list[Hashable] = [job.kind for job in jobs]
        self.cap: list[int] = []
        for job in jobs:
            places = int(job.people)
            if places < 0:
                raise ValueError(
                    _("Job {id!r} needs a negative number of people.").format(id=job.id)
                )
            self.cap.append(places)
        self.role = [
            _NEEDS if p.needs_support else _SUPPORTER if p.supporter else _OTHER for p in ordered
        ]

        index = {pid: i for i, pid in enumerate(self.person_ids)}
        wanted = set(self.kinds)
        # (person, kind) -> [last day as an ordinal, times done]
        done: dict[tuple[int, Hashable], list[int]] = {}
        for row in history:
            who = index.get(row.person)
            if who is None or row.kind not in wanted:
                continue
            seen = done.get((who, row.kind))
            ordinal = row.day.toordinal()
            if seen is None:
                done[(who, row.kind)] = [ordinal, 1]
            else:
                seen[0] = max(seen[0], ordinal)
                seen[1] += 1

        # Per kind: everyone's ranking key, and the people who can do it in ranking order.
        self.key: list[dict[int, tuple[int, int, int, int, int]]] = []
        self.ranked: list[list[int]] = []
        self.position: list[list[int]] = []
        by_kind: dict[Hashable, tuple[dict[int, tuple[int, int, int, int, int]], list[int]]] = {}
        for kind in self.kinds:
            if kind not in by_kind:
                keys: dict[int, tuple[int, int, int, int, int]] = {}
                for i, person in enumerate(ordered):
                    if kind in person.cannot:
                        continue
                    last, count = done.get((i, kind), (0, 0))
                    liked = 0 if kind in person.likes else 1
                    # Never done sorts first, then longest ago, then fewest times, then likes.
                    keys[i] = (1 if count else 0, last, count, liked, i)
                by_kind[kind] = (keys, sorted(keys, key=keys.__getitem__))
        for kind in self.kinds:
            keys, ranked = by_kind[kind]
            self.key.append(keys)
            self.ranked.append(ranked)
        position_of: dict[Hashable, list[int]] = {}
        for kind in self.kinds:
            if kind not in position_of:
                keys, ranked = by_kind[kind]
                position = [self.n] * self.n
                for place, who in enumerate(ranked):
                    position[who] = place
                position_of[kind] = position
            self.position.append(position_of[kind])

        self.can_jobs: list[list[int]] = [[] for _ in range(self.n)]
        for j in range(self.m):
            for who in self.ranked[j]:
                self.can_jobs[who].append(j)
        for jobs_of_one in self.can_jobs:
            jobs_of_one.sort()
        # A job can be supported only if it has room for a supporter and someone else, and
        # both someone who needs support and a supporter can do it.
        self.candidate = [
            self.cap[j] >= 2
            and any(self.role[p] == _NEEDS for p in self.ranked[j])
            and any(self.role[p] == _SUPPORTER for p in self.ranked[j])
            for j in range(self.m)
        ]


def _text_or(value: object, default: str) -> str:
    """Return ``value`` if it is a non-empty string, else ``default``."""
    return value if isinstance(value, str) and value.strip() else default


# --- round one: everyone gets a job --------------------------------------------------------
#
# Each job j has two groups of places: group 2j (the general places) and group 2j + 1 (the
# place kept for a supporter when the job is supported). Every person takes at most one
# place in round one, so this is a bipartite matching with group capacities.


@dataclass
class _Reason:
    """How a place was given: ``code`` plus the person it was weighed against, if any."""

    code: str
    other: int = -1
    fewer_jobs: bool = False


@dataclass
class _Cover:
    """One attempt at round one, for one choice of supported jobs."""

    modes: list[bool]
    members: list[list[int]]
    primary: list[int]
    reasons: dict[tuple[int, int], _Reason]
    covered: int


class _Matching:
    """Round-one places: each person takes at most one, each group has a capacity."""

    def __init__(self, day: _Day, modes: list[bool], capacity: list[int]) -> None:
        self.day = day
        self.modes = modes
        self.capacity = capacity
        self.members: list[list[int]] = [[] for _ in range(2 * day.m)]
        self.primary = [-1] * day.n
        self.reasons: dict[tuple[int, int], _Reason] = {}
        # Groups a failed search reached cannot lead to a free place until some chain is
        # applied, so later searches skip them (the usual speed-up of Kuhn's algorithm).
        self.dead: set[int] = set()

    def place(self, group: int, who: int, reason: _Reason) -> None:
        self.members[group].append(who)
        self.primary[who] = group
        self.reasons[(group >> 1, who)] = reason

    def groups_of(self, who: int) -> list[int]:
        """The groups of places this person may take, in job order."""
        role = self.day.role[who]
        groups: list[int] = []
        for j in self.day.can_jobs[who]:
            if role == _NEEDS:
                if self.modes[j]:
                    groups.append(2 * j)
            else:
                groups.append(2 * j)
                if role == _SUPPORTER and self.modes[j]:
                    groups.append(2 * j + 1)
        return groups

    def augment(self, start: int) -> bool:
        """Find a shortest chain of moves giving ``start`` a place; apply it if found."""
        came_in: dict[int, int] = {}  # group -> the person who would take a place in it
        left_from: dict[int, int] = {}  # person -> the group they would leave
        seen = {start}
        queue = deque([start])
        dead = self.dead
        while queue:
            who = queue.popleft()
            for group in self.groups_of(who):
                if group in came_in or group in dead:
                    continue
                came_in[group] = who
                if len(self.members[group]) < self.capacity[group]:
                    self._apply_chain(came_in, left_from, group, start)
                    dead.clear()
                    return True
                for other in self.members[group]:
                    if other not in seen:
                        seen.add(other)
                        left_from[other] = group
                        queue.append(other)
        dead.update(came_in)
        return False

    def _apply_chain(
        self, came_in: dict[int, int], left_from: dict[int, int], group: int, start: int
    ) -> None:
        while True:
            who = came_in[group]
            if who == start:
                self.place(group, who, _Reason("cover"))
                return
            old = left_from[who]
            self.members[old].remove(who)
            del self.reasons[(old >> 1, who)]
            self.place(group, who, _Reason("shift"))
            group = old

    def covered(self) -> int:
        return sum(1 for group in self.primary if group >= 0)


def _capacities(day: _Day, modes: list[bool]) -> list[int]:
    """Group capacities: a supported job keeps one of its places for a supporter."""
    capacity: list[int] = []
    for j in range(day.m):
        kept = 1 if modes[j] else 0
        capacity += [day.cap[j] - kept, kept]
    return capacity


def _cover(day: _Day, fixed: list[bool] | None) -> _Cover:
    """Round one for fixed job modes, or with modes chosen from the ranking if ``fixed`` is None."""
    modes = list(fixed) if fixed is not None else [False] * day.m
    matching = _Matching(day, modes, [])
    primary = matching.primary
    role = day.role

    for j in range(day.m):
        order = day.ranked[j]
        if fixed is None and day.candidate[j]:
            # Support the job when someone who needs support ranks high enough to keep a
            # place even after one place is set aside for a supporter.
            free = [p for p in order if primary[p] < 0][: day.cap[j] - 1]
            modes[j] = any(role[p] == _NEEDS for p in free)
        if modes[j]:
            for p in order:
                if primary[p] < 0 and role[p] == _SUPPORTER:
                    matching.place(2 * j + 1, p, _Reason("support"))
                    break
        room = day.cap[j] - (1 if modes[j] else 0)
        chosen: list[int] = []
        runner = -1
        for p in order:
            if primary[p] >= 0 or (role[p] == _NEEDS and not modes[j]):
                continue
            if len(chosen) == room:
                runner = p
                break
            chosen.append(p)
            primary[p] = 2 * j
        for p in chosen:
            matching.place(2 * j, p, _Reason("rank", runner))

    matching.capacity = _capacities(day, modes)
    # The people hardest to place try first; then the others, in id order.
    waiting = [p for p in range(day.n) if primary[p] < 0]
    waiting.sort(key=lambda p: (role[p] != _NEEDS, p))
    for u in waiting:
        matching.augment(u)
    return _Cover(modes, matching.members, primary, matching.reasons, matching.covered())


def _pointless(day: _Day, cover: _Cover) -> list[int]:
    """Supported jobs that ended up with nobody who needs support."""
    return [
        j
        for j in range(day.m)
        if cover.modes[j] and not any(day.role[p] == _NEEDS for p in cover.members[2 * j])
    ]


def _choose_cover(day: _Day) -> _Cover:
    """Round one, trying other choices of supported jobs while someone has no job."""
    best = _cover(day, None)
    if best.covered < day.n:
        # No choice of supported jobs beats the matching that lets support cost no place.
        bound = _relaxed_bound(day)
        tries = 0
        improved = True
        while improved and best.covered < bound:
            improved = False
            for modes in _neighbours(day, best.modes):
                if tries == _MODE_TRIES:
                    break
                tries += 1
                attempt = _cover(day, modes)
                if attempt.covered > best.covered:
                    best = attempt
                    improved = True
                    break
    # A supported job with nobody needing support only wastes the place kept; dropping the
    # mode keeps every first-round place valid, so the matching can only do as well or better.
    pointless = _pointless(day, best)
    while pointless:
        modes = list(best.modes)
        for j in pointless:
            modes[j] = False
        best = _cover(day, modes)
        pointless = _pointless(day, best)
    return best


def _neighbours(day: _Day, modes: list[bool]) -> Iterator[list[bool]]:
    """Other choices of supported jobs: one job changed, then one job on and another off."""
    candidates = [j for j in range(day.m) if day.candidate[j]]
    for j in candidates:
        other = list(modes)
        other[j] = not other[j]
        yield other
    # Moving the kept place from one job to another lets one supporter serve where more
    # people need them, which changing a single job cannot do.
    for on in candidates:
        if modes[on]:
            continue
        for off in candidates:
            if modes[off]:
                other = list(modes)
                other[on], other[off] = True, False
                yield other


def _relaxed_bound(day: _Day) -> int:
    """How many people could have a job if support took no place at all (an upper bound)."""
    capacity: list[int] = []
    for j in range(day.m):
        capacity += [day.cap[j], 0]
    matching = _Matching(day, list(day.candidate), capacity)
    for u in range(day.n):
        matching.augment(u)
    return matching.covered()


# --- the working rota: filling the open places and sharing out -----------------------------


def _seat_support(day: _Day, state: _State) -> None:
    """Give a job to anyone who needs support and was left without one, where that is possible.

    People who need support are placed first when not everyone can have a job, so such a
    person takes a free place on a job that has a supporter, or else the place of someone
    on such a job who can give it up without breaking a rule: not the job's only
    supporter, and either holding another job or on a day when nobody has two.
    """
    for p in range(day.n):
        if day.role[p] != _NEEDS or state.load[p] > 0:
            continue
        for j in range(day.m):
            if p not in day.key[j] or not state.has_supporter(day, j):
                continue
            if len(state.holders[j]) < day.cap[j]:
                state.add(j, p, _Reason("cover"))
                break
            supporters = sum(day.role[q] == _SUPPORTER for q in state.holders[j])
            nobody_has_two = max(state.load) <= 1
            giving_way = [
                q
                for q in state.holders[j]
                if day.role[q] != _NEEDS
                and (day.role[q] != _SUPPORTER or supporters > 1)
                and (state.load[q] >= 2 or nobody_has_two)
            ]
            if not giving_way:
                continue
            # Whoever has the most jobs gives way; then a non-supporter; then the one
            # who came last in line for this job.
            out = max(
                giving_way,
                key=lambda q: (state.load[q], day.role[q] != _SUPPORTER, day.position[j][q]),
            )
            state.remove(j, out)
            state.add(j, p, _Reason("cover"))
            break
        else:
            _bring_supporter(day, state, p)


def _bring_supporter(day: _Day, state: _State, p: int) -> None:
    """Seat ``p`` by bringing a supporter over from a job of their own (a three-way swap).

    A supporter ``s`` alone on job ``k`` moves to a job ``j`` that ``p`` can do; one person
    on ``j`` takes ``s``'s place on ``k``, and another gives way to ``p``. Every rule still
    holds: nobody is given a kind they cannot do, and the one who gives way either has
    another job or nobody has two.
    """
    nobody_has_two = max(state.load) <= 1
    for j in range(day.m):
        if p not in day.key[j] or day.cap[j] < 2 or len(state.holders[j]) < 2:
            continue
        movable = [q for q in state.holders[j] if day.role[q] == _OTHER]
        for s in sorted(day.ranked[j], key=lambda q: (state.load[q], day.position[j][q])):
            if day.role[s] != _SUPPORTER or s in state.holders[j]:
                continue
            for k in range(day.m):
                if state.holders[k] != [s]:
                    continue
                takers = [x for x in movable if x in day.key[k]]
                for x in takers:
                    givers = [
                        y for y in movable if y != x and (state.load[y] >= 2 or nobody_has_two)
                    ]
                    if not givers:
                        continue
                    y = max(givers, key=lambda q: (state.load[q], day.position[j][q]))
                    state.remove(k, s)
                    state.remove(j, x)
                    state.remove(j, y)
                    state.add(j, s, _Reason("support"))
                    state.support_kept.add((j, s))
                    state.add(k, x, _Reason("shift"))
                    state.add(j, p, _Reason("cover"))
                    return


@dataclass
class _State:
    """The rota being built: who is on each job, how many jobs each person has, and why."""

    holders: list[list[int]]
    load: list[int]
    reasons: dict[tuple[int, int], _Reason]
    support_kept: set[tuple[int, int]]

    @classmethod
    def from_cover(cls, day: _Day, cover: _Cover) -> _State:
        holders = [cover.members[2 * j] + cover.members[2 * j + 1] for j in range(day.m)]
        load = [1 if g >= 0 else 0 for g in cover.primary]
        reasons = dict(cover.reasons)
        kept = {(j, p) for j in range(day.m) for p in cover.members[2 * j + 1]}
        state = cls(holders, load, reasons, kept)
        for j in range(day.m):
            if (
                cover.modes[j]
                and not state.has_supporter(day, j)
                and any(day.role[p] == _NEEDS for p in holders[j])
            ):
                # Every supporter who can do this job already has another one (else the
                # matching would have put them here), so one takes this as an extra job.
                pick = min(
                    (p for p in day.ranked[j] if day.role[p] == _SUPPORTER),
                    key=lambda p: (load[p], day.position[j][p]),
                )
                state.add(j, pick, _Reason("support"))
                kept.add((j, pick))
        return state

    def has_supporter(self, day: _Day, job: int) -> bool:
        return any(day.role[p] == _SUPPORTER for p in self.holders[job])

    def add(self, job: int, who: int, reason: _Reason) -> None:
        self.holders[job].append(who)
        self.load[who] += 1
        self.reasons[(job, who)] = reason

    def remove(self, job: int, who: int) -> None:
        self.holders[job].remove(who)
        self.load[who] -= 1
        del self.reasons[(job, who)]
        self.support_kept.discard((job, who))


def _safe_swap(day: _Day, holders: list[int], leaving: int, joining: int) -> bool:
    """True if the job still keeps the support rule after ``leaving`` makes way for ``joining``."""
    needs = day.role[joining] == _NEEDS
    supported = day.role[joining] == _SUPPORTER
    for p in holders:
        if p == leaving:
            continue
        if day.role[p] == _NEEDS:
            needs = True
        elif day.role[p] == _SUPPORTER:
            supported = True
    return supported or not needs


def _fill(day: _Day, state: _State) -> None:
    """Fill the places still open, job by job: fewest jobs first, then the ranking."""
    load = state.load
    for j in range(day.m):
        room = day.cap[j] - len(state.holders[j])
        if room <= 0:
            continue
        position = day.position[j]
        on_job = set(state.holders[j])
        candidates = [p for p in day.ranked[j] if p not in on_job]
        candidates.sort(key=lambda p: (load[p], position[p]))
        before = {p: load[p] for p in candidates}
        taken: list[int] = []
        while len(taken) < room:
            # Someone who needs support may join only once a supporter is on the job, so
            # look again from the front of the line after each newcomer.
            supported = state.has_supporter(day, j)
            pick = next(
                (p for p in candidates if p not in on_job and (supported or day.role[p] != _NEEDS)),
                -1,
            )
            if pick < 0:
                break
            state.add(j, pick, _Reason("fill"))
            on_job.add(pick)
            taken.append(pick)
        supported = state.has_supporter(day, j)
        for p in taken:
            # Weigh each newcomer against the next person in line behind them who could
            # have had the place, so the reason names a real difference.
            runner = next(
                (
                    q
                    for q in candidates[candidates.index(p) + 1 :]
                    if q not in on_job and (supported or day.role[q] != _NEEDS)
                ),
                -1,
            )
            fewer = runner >= 0 and before[p] < before[runner]
            state.reasons[(j, p)] = _Reason("fill", runner, fewer)


def _balance(day: _Day, state: _State) -> None:
    """Move places from people with two or more extra jobs to people who can take them."""
    load = state.load
    while True:
        top = max(load, default=0)
        move: tuple[int, int, int] | None = None
        for b in sorted(range(day.n), key=lambda p: (load[p], p)):
            if load[b] + 2 > top:
                break
            best: tuple[int, int, int, int] | None = None
            for j in day.can_jobs[b]:
                holders = state.holders[j]
                if b in holders:
                    continue
                for a in holders:
                    if load[a] >= load[b] + 2 and _safe_swap(day, holders, a, b):
                        key = (-load[a], day.position[j][b], j, a)
                        if best is None or key < best:
                            best = key
            if best is not None:
                move = (best[2], best[3], b)
                break
        if move is None:
            return
        j, a, b = move
        state.remove(j, a)
        state.add(j, b, _Reason("balance", a))


# --- the result and its reasons ---------------------------------------------------------------


def _build_rota(day: _Day, state: _State, today: date | None) -> Rota:
    assignments: dict[JobId, list[PersonId]] = {}
    unfilled: dict[JobId, int] = {}
    reasons: dict[tuple[JobId, PersonId], str] = {}
    for j, job_id in enumerate(day.job_ids):
        holders = sorted(state.holders[j], key=day.position[j].__getitem__)
        assignments[job_id] = [day.person_ids[p] for p in holders]
        if len(holders) < day.cap[j]:
            unfilled[job_id] = day.cap[j] - len(holders)
        for p in holders:
            reasons[(job_id, day.person_ids[p])] = _sentence(day, state, j, p, today)
    return Rota(assignments, unfilled, reasons)


def _and_list(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _sentence(day: _Day, state: _State, j: int, p: int, today: date | None) -> str:
    name = day.names[p]
    kind = day.kind_names[j]
    holders = sorted(state.holders[j], key=day.position[j].__getitem__)
    reason = state.reasons[(j, p)]
    if (j, p) in state.support_kept:
        needing = [day.names[q] for q in holders if day.role[q] == _NEEDS]
        if needing:
            return _("{name} is doing {kind} to support {needing}.").format(
                name=name, kind=kind, needing=_and_list(needing)
            )
        return _("{name} is doing {kind} as a supporter.").format(name=name, kind=kind)
    if reason.code == "cover":
        text = _("{name} did not have a job yet, so {name} is doing {kind}.").format(
            name=name, kind=kind
        )
    elif reason.code == "shift":
        text = _("{name} is doing {kind}, so that one more person can have a job.").format(
            name=name, kind=kind
        )
    elif reason.code == "balance":
        other = day.names[reason.other]
        text = _("{name} had fewer jobs than {other}, so {name} is doing {kind} instead.").format(
            name=name, other=other, kind=kind
        )
    elif reason.code == "fill" and reason.fewer_jobs:
        text = _("{name} had fewer jobs than the others who could do {kind}.").format(
            name=name, kind=kind
        )
    else:
        text = _ranking_sentence(day, j, p, reason.other, today)
    if day.role[p] == _NEEDS:
        helpers = [day.names[q] for q in holders if day.role[q] == _SUPPORTER]
        verb = "is" if len(helpers) == 1 else "are"
        text += _(" {name} needs support, so {helpers} {verb} doing {kind} too.").format(
            name=name, helpers=_and_list(helpers), verb=verb, kind=kind
        )
    return text


def _ranking_sentence(day: _Day, j: int, p: int, runner: int, today: date | None) -> str:
    """Say what put ``p`` ahead of ``runner`` (who came next in line) for this job."""
    name = day.names[p]
    kind = day.kind_names[j]
    if runner < 0:
        return _("{name} can do {kind}, and there was a place free.").format(name=name, kind=kind)
    mine = day.key[j][p]
    theirs = day.key[j][runner]
    # key = (done at all, last day, times done, does not like, id order)
    if mine[:2] == theirs[:2] and mine[2] < theirs[2]:
        return _("{name} has done {kind} fewer times than {names}.").format(
            name=name, kind=kind, names=day.names[runner]
        )
    if mine[:3] == theirs[:3] and mine[3] < theirs[3]:
        return _("{name} likes {kind}.").format(name=name, kind=kind)
    if mine[0] == 0:
        return _("{name} has never done {kind}.").format(name=name, kind=kind)
    last = date.fromordinal(mine[1])
    if today is not None:
        days = (today - last).days
        if days >= 2:
            return _("{name} has not done {kind} for {days} days.").format(
                name=name, kind=kind, days=days
            )
        if days == 1:
            return _("{name} last did {kind} yesterday.").format(name=name, kind=kind)
        if days == 0:
            return _("{name} last did {kind} today.").format(name=name, kind=kind)
    return _("{name} last did {kind} on {day} {month} {year}.").format(
        name=name, kind=kind, day=last.day, month=MONTH_NAMES[last.month - 1], year=last.year
    )
