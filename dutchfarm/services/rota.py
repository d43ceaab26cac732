"""The day's rota: its jobs and who is on them, the fair rota with reasons, undo, printing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from dutchfarm.db.database import Database
from dutchfarm.db.models import (
    Assignment,
    Attendance,
    Bed,
    Crop,
    Farm,
    Job,
    Person,
    RecurringJob,
    TaskType,
)
from dutchfarm.domain.jobs import falls_on, long_date
from dutchfarm.domain.rota import PastAssignment, RotaJob, RotaPerson, make_rota
from dutchfarm.domain.terms import Effort, Role
from dutchfarm.services.auth import Actor, farm_has_coordinator, require_staff
from dutchfarm.services.errors import BadInput, NotFound
from dutchfarm.words import _, ngettext

# How far back the rota looks to see who did which job lately: long enough for "least
# often" to mean something, short enough that last year's team does not weigh on this one.
HISTORY_DAYS = 365
SOMEONE = _("Someone")


@dataclass(frozen=True)
class Placement:
    """One person on one job, and why they are there."""

    job_id: int
    person_id: int | None
    name: str
    reason: str
    by_hand: bool


@dataclass(frozen=True)
class DayJob:
    """One job on a day's list, with the people on it."""

    id: int
    task_type_id: int
    name: str
    icon: str
    effort: Effort
    bed_name: str | None
    people_needed: int
    one_off: bool
    note: str | None
    done: bool
    done_at: dt.datetime | None
    people: tuple[Placement, ...]
    crop: str | None = None

    @property
    def title(self) -> str:
        """The job in words, with its crop and bed: "Sowing seeds: carrots in Bed 7"."""
        what = (
            _("{name}: {crop}").format(name=self.name, crop=self.crop.lower())
            if self.crop
            else self.name
        )
        return (
            _("{name} in {bed_name}").format(name=what, bed_name=self.bed_name)
            if self.bed_name
            else what
        )

    @property
    def short(self) -> int:
        """How many more people the job needs."""
        return max(0, self.people_needed - len(self.people))

    @property
    def needs_words(self) -> str | None:
        """Say how many more people the job needs, if it is not done and needs any."""
        if self.done or not self.short:
            return None
        more = ngettext(
            "{short} more person",
            "{short} more people",
            self.short,
        ).format(short=self.short)
        return _("{title} needs {more}.").format(title=self.title, more=more)


@dataclass(frozen=True)
class DayRota:
    """A day: who is in, its jobs and who is on them, and what still needs doing."""

    day: dt.date
    present: frozenset[int]
    jobs: tuple[DayJob, ...]
    problems: tuple[str, ...]

    @property
    def made(self) -> bool:
        """True once anyone is on any job."""
        return any(job.people for job in self.jobs)

    @property
    def hand_moves(self) -> int:
        """How many places were moved by hand."""
        return sum(1 for job in self.jobs for place in job.people if place.by_hand)

    def placements(self) -> tuple[Placement, ...]:
        """Every person on every job, to put the rota back as it was (undo)."""
        return tuple(place for job in self.jobs for place in job.people)

    def jobs_of(self, person_id: int) -> list[DayJob]:
        """The jobs ``person_id`` is on, in the day's order."""
        return [job for job in self.jobs if any(p.person_id == person_id for p in job.people)]

    def job(self, job_id: int) -> DayJob:
        """The job with ``job_id``."""
        return next(job for job in self.jobs if job.id == job_id)


@dataclass(frozen=True)
class PrintJob:
    """A job on the printed rota."""

    name: str
    icon: str
    bed_name: str | None
    done: bool
    # The others on the same job, so everyone sees who they are working with.
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrintPerson:
    """A person on the printed rota, with their picture and jobs."""

    name: str
    colour: str
    avatar: str | None
    photo: bytes | None
    jobs: tuple[PrintJob, ...]


@dataclass(frozen=True)
class PrintableRota:
    """What the picture rota for a day shows."""

    day: dt.date
    farm_name: str
    people: tuple[PrintPerson, ...]
    problems: tuple[str, ...]


# --- reading a day ----------------------------------------------------------------------------


def load_day(session: Session, day: dt.date) -> DayRota:
    """Read a day's rota in an open session."""
    present = frozenset(
        pid
        for pid in session.scalars(select(Attendance.person_id).where(Attendance.day == day))
        if pid is not None
    )
    rows = session.execute(
        select(Job, TaskType, Bed, Crop.plural)
        .join(TaskType, TaskType.id == Job.task_type_id)
        .outerjoin(Bed, Bed.id == Job.bed_id)
        .outerjoin(Crop, Crop.id == Job.crop_id)
        .where(Job.day == day)
        .order_by(Job.id)
    ).all()
    # Read the places afresh rather than through Job.assignments, which may be stale
    # in this session after a change.
    placed: dict[int, list[Assignment]] = {job.id: [] for job, *_rest in rows}
    for assignment in session.scalars(
        select(Assignment).where(Assignment.job_id.in_(placed)).order_by(Assignment.id)
    ):
        placed[assignment.job_id].append(assignment)
    on_jobs = {a.person_id for places in placed.values() for a in places}
    people = {
        p.id: p for p in session.scalars(select(Person).where(Person.id.in_(on_jobs | present)))
    }
    jobs = []
    for job, task, bed, crop in rows:
        places = tuple(
            Placement(
                job_id=job.id,
                person_id=a.person_id,
                name=people[a.person_id].display_name if a.person_id in people else SOMEONE,
                reason=a.reason or "",
                by_hand=a.by_hand,
            )
            for a in placed[job.id]
        )
        jobs.append(
            DayJob(
                id=job.id,
                task_type_id=task.id,
                name=task.name,
                icon=task.icon,
                effort=task.effort,
                bed_name=bed.name if bed is not None else None,
                people_needed=job.people_needed,
                one_off=job.recurring_job_id is None,
                note=job.note,
                done=job.done,
                done_at=job.done_at,
                people=places,
                crop=crop,
            )
        )
    return DayRota(day, present, tuple(jobs), _problems(jobs, present, people))


def _problems(
    jobs: list[DayJob], present: frozenset[int], people: dict[int, Person]
) -> tuple[str, ...]:
    """Say in plain words what the day's rota still needs: places, support, people with no job.

    Before anyone is on any job there is no rota yet, so nothing is said.
    """
    if not any(job.people for job in jobs):
        return ()
    found = []
    for job in jobs:
        if job.done:
            continue
        if job.needs_words:
            found.append(job.needs_words)
        on_it = [people[p.person_id] for p in job.people if p.person_id in people]
        helpers = [p for p in on_it if p.role is not Role.SERVICE_USER and not p.needs_support]
        for person in on_it:
            if person.needs_support and not helpers:
                found.append(
                    _("{display_name} needs someone with them on {title}.").format(
                        display_name=person.display_name, title=job.title
                    )
                )
    busy = {p.person_id for job in jobs for p in job.people}
    idle = sorted((people[pid].display_name for pid in present - busy), key=str.lower)
    found += [_("{name} has no job yet.").format(name=name) for name in idle]
    return tuple(found)


def _ensure_jobs(session: Session, day: dt.date) -> None:
    """Put the day's recurring jobs on its list, once (the schema forbids a second copy)."""
    have = set(
        session.scalars(
            select(Job.recurring_job_id).where(Job.day == day, Job.recurring_job_id.is_not(None))
        )
    )
    due = [
        rule
        for rule in session.scalars(
            select(RecurringJob).where(RecurringJob.active.is_(True)).order_by(RecurringJob.id)
        )
        if rule.id not in have
        and falls_on(
            rule.repeat, rule.weekdays, day, starts_on=rule.starts_on, ends_on=rule.ends_on
        )
    ]
    if not due:
        return
    try:
        # Two PCs opening Today at once may both try; the second one's copy is refused by the
        # unique (day, recurring job) rule and it simply reads the first one's.
        with session.begin_nested():
            session.add_all(
                Job(
                    day=day,
                    task_type_id=rule.task_type_id,
                    bed_id=rule.bed_id,
                    people_needed=rule.people_needed,
                    recurring_job_id=rule.id,
                    note=rule.note,
                    done=False,
                )
                for rule in due
            )
    except IntegrityError:
        pass


def day_rota(db: Database, day: dt.date, *, today: dt.date | None = None) -> DayRota:
    """Return a day's rota; today's list gets its recurring jobs the first time it is asked for.

    Anyone may look. Filling in today's list from the coordinator's rules is not a change
    anyone makes, so it needs nobody's permission; other days are only read.
    """
    if day == (today or dt.date.today()):
        with db.transaction() as session:
            _ensure_jobs(session, day)
            return load_day(session, day)
    with db.reading() as session:
        return load_day(session, day)


def can_change_rota(db: Database, actor: Actor) -> bool:
    """Return True when ``actor`` may change the rota (a volunteer or the coordinator)."""
    if actor.role in (Role.VOLUNTEER, Role.COORDINATOR):
        return True
    with db.reading() as session:
        return not farm_has_coordinator(session)


# --- changing a day ---------------------------------------------------------------------------


def _rota_person(person: Person) -> RotaPerson:
    return RotaPerson(
        id=person.id,
        cannot=frozenset(task.id for task in person.cannot),
        likes=frozenset(task.id for task in person.likes),
        needs_support=person.needs_support,
        supporter=person.role is not Role.SERVICE_USER,
        name=person.display_name,
    )


def make_day_rota(db: Database, actor: Actor, day: dt.date) -> DayRota:
    """Share the day's jobs not yet done among the people ticked in, fairly, with reasons.

    Places moved by hand are made again too; the page asks before that happens.
    """
    with db.transaction() as session:
        require_staff(session, actor, _("make the rota"))
        _ensure_jobs(session, day)
        people = list(
            session.scalars(
                select(Person)
                .join(Attendance, Attendance.person_id == Person.id)
                .where(Attendance.day == day, Person.archived.is_(False))
                .options(selectinload(Person.cannot), selectinload(Person.likes))
            )
        )
        if not people:
            raise BadInput(_("Nobody is ticked in yet. Tick the pictures of who is in first."))
        rows = session.execute(
            select(Job, TaskType)
            .join(TaskType, TaskType.id == Job.task_type_id)
            .where(Job.day == day, Job.done.is_(False))
            .order_by(Job.id)
        ).all()
        if not rows:
            raise BadInput(_("There are no jobs left to share out. Add a job first."))
        history = [
            PastAssignment(person=pid, kind=kind, day=when)
            for pid, kind, when in session.execute(
                select(Assignment.person_id, Job.task_type_id, Job.day)
                .join(Job, Job.id == Assignment.job_id)
                .where(
                    Job.day < day,
                    Job.day >= day - dt.timedelta(days=HISTORY_DAYS),
                    Assignment.person_id.in_([p.id for p in people]),
                )
            )
            if pid is not None
        ]
        rota = make_rota(
            [_rota_person(p) for p in people],
            [
                RotaJob(
                    id=job.id, kind=task.id, people=job.people_needed, kind_name=task.name.lower()
                )
                for job, task in rows
            ],
            history,
            today=day,
        )
        job_ids = [job.id for job, _task in rows]
        session.execute(delete(Assignment).where(Assignment.job_id.in_(job_ids)))
        for job_id in job_ids:
            for person_id in rota.assignments[job_id]:
                session.add(
                    Assignment(
                        job_id=job_id,
                        person_id=person_id,
                        reason=rota.why(job_id, person_id),
                        by_hand=False,
                    )
                )
        session.flush()
        return load_day(session, day)


def restore_rota(
    db: Database, actor: Actor, day: dt.date, placements: Iterable[Placement]
) -> DayRota:
    """Put the day's people back on the jobs they were on (to undo a change)."""
    with db.transaction() as session:
        require_staff(session, actor, _("change the rota"))
        job_ids = set(session.scalars(select(Job.id).where(Job.day == day)))
        session.execute(delete(Assignment).where(Assignment.job_id.in_(job_ids)))
        session.flush()
        for place in placements:
            if place.job_id in job_ids:
                session.add(
                    Assignment(
                        job_id=place.job_id,
                        person_id=place.person_id,
                        reason=place.reason,
                        by_hand=place.by_hand,
                    )
                )
        session.flush()
        return load_day(session, day)


# --- printing ----------------------------------------------------------------------------------


def printable_rota(db: Database, day: dt.date) -> PrintableRota:
    """Return the picture rota saved for ``day``; NotFound if none was made that day."""
    with db.reading() as session:
        rota = load_day(session, day)
        if not rota.made:
            raise NotFound(_("There is no rota saved for {day}.").format(day=long_date(day)))
        ids = rota.present | {p.person_id for p in rota.placements() if p.person_id is not None}
        people = session.scalars(select(Person).where(Person.id.in_(ids)))
        printed = [
            PrintPerson(
                name=person.display_name,
                colour=person.colour,
                avatar=person.avatar,
                photo=person.photo,
                jobs=tuple(
                    PrintJob(
                        job.name,
                        job.icon,
                        job.bed_name,
                        job.done,
                        tuple(p.name for p in job.people if p.person_id != person.id),
                    )
                    for job in rota.jobs_of(person.id)
                ),
            )
            for person in people
        ]
        printed.sort(key=lambda p: (p.name.lower(), p.name))
        short = tuple(job.needs_words for job in rota.jobs if job.needs_words)
        farm = session.get(Farm, 1)
        return PrintableRota(day, farm.name if farm else "", tuple(printed), short)
