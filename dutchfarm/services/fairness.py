"""How fairly the jobs were shared: how often each person did each kind of job in a period."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from dutchfarm.db.database import Database
from dutchfarm.db.models import Assignment, Job, Person, TaskType
from dutchfarm.services.errors import BadInput
from dutchfarm.words import _


@dataclass(frozen=True)
class FairnessKind:
    """A kind of job that someone did in the period."""

    id: int
    name: str
    icon: str


@dataclass(frozen=True)
class FairnessRow:
    """One person's counts, in the order of the table's kinds."""

    person_id: int
    name: str
    colour: str
    avatar: str | None
    photo: bytes | None
    archived: bool
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        """How many jobs the person did in the period."""
        return sum(self.counts)


@dataclass(frozen=True)
class FairnessTable:
    """People × kinds of job: how often each person was on each kind between two days."""

    start: dt.date
    end: dt.date
    kinds: tuple[FairnessKind, ...]
    rows: tuple[FairnessRow, ...]

    @property
    def total(self) -> int:
        """How many places were filled in the period."""
        return sum(row.total for row in self.rows)


def fairness(db: Database, start: dt.date, end: dt.date) -> FairnessTable:
    """Count each person's places on each kind of job from ``start`` to ``end`` (both kept).

    Everyone still at the farm has a row, even with no jobs, since that is what a fairness
    check looks for; people who have left appear only if they had jobs in the period.
    """
    if end < start:
        raise BadInput(_("The first day comes after the last day. Please check the dates."))
    with db.reading() as session:
        counted = Counter(
            {
                (person_id, kind): count
                for person_id, kind, count in session.execute(
                    select(Assignment.person_id, Job.task_type_id, func.count())
                    .join(Job, Job.id == Assignment.job_id)
                    .where(Job.day >= start, Job.day <= end, Assignment.person_id.is_not(None))
                    .group_by(Assignment.person_id, Job.task_type_id)
                )
            }
        )
        kind_ids = {kind for _person, kind in counted}
        kinds = tuple(
            FairnessKind(task.id, task.name, task.icon)
            for task in session.scalars(
                select(TaskType).where(TaskType.id.in_(kind_ids)).order_by(TaskType.name)
            )
        )
        busy = {person for person, _kind in counted}
        people = session.scalars(
            select(Person)
            .where(Person.archived.is_(False) | Person.id.in_(busy))
            .order_by(func.lower(Person.display_name), Person.id)
        )
        rows = tuple(
            FairnessRow(
                person_id=person.id,
                name=person.display_name,
                colour=person.colour,
                avatar=person.avatar,
                photo=person.photo,
                archived=person.archived,
                counts=tuple(counted[(person.id, kind.id)] for kind in kinds),
            )
            for person in people
        )
        return FairnessTable(start, end, kinds, rows)
