"""The large demo farm while it is built: what its parts share, and bulk inserts."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from dutchfarm.domain.terms import Role


@dataclass
class Member:
    """A person of the large farm, with when they come in."""

    id: int
    name: str
    role: Role
    needs_support: bool
    cannot: frozenset[int]
    likes: frozenset[int]
    joined: dt.date
    left: dt.date | None
    weekdays: frozenset[int]
    # The days they were in, in order (filled by the rota part).
    days: list[dt.date] = field(default_factory=list)

    def active_on(self, day: dt.date) -> bool:
        """True when the person had joined and not yet left on ``day``."""
        return self.joined <= day and (self.left is None or day < self.left)

    def days_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The days they were in from ``first`` to ``last``, both included."""
        return self.days[
            bisect.bisect_left(self.days, first) : bisect.bisect_right(self.days, last)
        ]


@dataclass(frozen=True)
class BedSpot:
    """A bed of the large farm: its id, name, owner, and its place in the rotation."""

    id: int
    name: str
    owner_id: int | None
    number: int | None  # Bed 7 is 7; shared beds have none


@dataclass
class LargeFarm:
    """Everything the parts of the large demo share while they build it."""

    session: Session
    today: dt.date
    random: random.Random
    crops: dict[str, Any]  # key -> Crop
    tasks: dict[str, int] = field(default_factory=dict)  # key -> task type id
    task_names: dict[int, str] = field(default_factory=dict)
    people: list[Member] = field(default_factory=list)
    beds: list[BedSpot] = field(default_factory=list)
    seasons: dict[int, int] = field(default_factory=dict)  # year -> season id
    # Working day -> the ids of who was in, and (person id, day) for a quick look-up.
    present: dict[dt.date, list[int]] = field(default_factory=dict)
    was_in: set[tuple[int, dt.date]] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def first_day(self) -> dt.date:
        """The first day of the first season."""
        return dt.date(min(self.seasons), 1, 1)

    @property
    def yesterday(self) -> dt.date:
        """The last day with a history (today's rota is made on the day)."""
        return self.today - dt.timedelta(days=1)

    def working_days(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Every Monday to Friday from ``first`` to ``last``, both included."""
        days = []
        day = first
        while day <= last:
            if day.weekday() < 5:
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def member(self, person_id: int) -> Member:
        """The person with ``person_id``."""
        return next(person for person in self.people if person.id == person_id)

    def add(self, what: str, how_many: int) -> None:
        """Count rows made, for the summary."""
        self.counts[what] = self.counts.get(what, 0) + how_many


def _table(target: Any) -> Table:
    return target if isinstance(target, Table) else target.__table__


def insert_rows(session: Session, target: Any, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert many rows (of a mapped class or a plain table) in one executemany."""
    # Core, not the ORM: the rows are plain values already, and Core's executemany is the
    # fastest portable way in on both SQLite and PostgreSQL.
    if rows:
        session.connection().execute(insert(_table(target)), list(rows))


def insert_ids(session: Session, model: Any, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert many rows and return their new ids, in the order of the rows."""
    if not rows:
        return []
    table = _table(model)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.connection().execute(statement, list(rows)).scalars())
