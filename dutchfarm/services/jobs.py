"""Setting up the rota (coordinator): the kinds of job, and the jobs that come back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import Bed, RecurringJob, TaskType
from dutchfarm.domain.jobs import check_repeat, describe_repeat
from dutchfarm.domain.people import clean_text
from dutchfarm.domain.terms import Effort, Repeat
from dutchfarm.services.auth import Actor, audit, require_coordinator
from dutchfarm.services.catalogue import TaskTypeInfo
from dutchfarm.services.errors import BadInput, NotFound
from dutchfarm.words import _

MOST_PEOPLE = 20
EFFORT_WORDS = {Effort.LIGHT: _("Light"), Effort.MEDIUM: _("Medium"), Effort.HEAVY: _("Heavy")}


@dataclass(frozen=True)
class TaskTypeDraft:
    """What the coordinator typed and chose for a kind of job."""

    name: str
    icon: str
    effort: Effort


@dataclass(frozen=True)
class BedChoice:
    """A bed a job can be for."""

    id: int
    name: str


@dataclass(frozen=True)
class RecurringJobDraft:
    """A job that comes back, as the coordinator set it up; ``weekdays`` bit 0 is Monday."""

    task_type_id: int
    repeat: Repeat
    weekdays: int = 0
    people_needed: int = 1
    bed_id: int | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    note: str | None = None


@dataclass(frozen=True)
class RecurringJobInfo:
    """A job that comes back, with its picture and its days in words."""

    id: int
    task_type_id: int
    task_name: str
    icon: str
    effort: Effort
    bed_id: int | None
    bed_name: str | None
    people_needed: int
    repeat: Repeat
    weekdays: int
    starts_on: dt.date
    ends_on: dt.date | None
    note: str | None
    active: bool

    @property
    def when(self) -> str:
        """Say how often it comes back: "Every day", "Every Tuesday", …."""
        return describe_repeat(self.repeat, self.weekdays)

    def draft(self) -> RecurringJobDraft:
        """Return the job as a draft, to edit it or to undo a change."""
        return RecurringJobDraft(
            task_type_id=self.task_type_id,
            repeat=self.repeat,
            weekdays=self.weekdays,
            people_needed=self.people_needed,
            bed_id=self.bed_id,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            note=self.note,
        )


def natural(name: str) -> list[int | str]:
    """Sort key that puts "Bed 2" before "Bed 10": numbers inside names sort by value."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


@cache
def task_icons() -> tuple[str, ...]:
    """Return the names of the bundled pictures a kind of job can have (not the avatars)."""
    folder = files("dutchfarm.resources").joinpath("icons")
    names = (entry.name[: -len(".svg")] for entry in folder.iterdir())
    return tuple(sorted(n for n in names if not n.startswith("avatar_") and n.isidentifier()))


def _task_info(task: TaskType) -> TaskTypeInfo:
    return TaskTypeInfo(task.id, task.key, task.name, task.icon, task.effort)


def _clean_task(session: Session, draft: TaskTypeDraft, task_id: int | None) -> str:
    try:
        name = clean_text(draft.name, what=_("name for the job"), longest=60)
    except ValueError as error:
        raise BadInput(str(error)) from error
    if draft.icon not in task_icons():
        raise BadInput(_("Please choose a picture for the job."))
    if not isinstance(draft.effort, Effort):
        raise BadInput(_("Please say how hard the job is: light, medium or heavy."))
    same = session.scalar(
        select(TaskType.name).where(
            func.lower(TaskType.name) == name.lower(), TaskType.id != task_id
        )
    )
    if same is not None:
        raise BadInput(_("There is already a job called {same}.").format(same=same))
    return name


def _new_key(session: Session, name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:30] or "job"
    keys = set(session.scalars(select(TaskType.key).where(TaskType.key.startswith(base))))
    key, number = base, 2
    while key in keys:
        key, number = f"{base}_{number}", number + 1
    return key


def add_task_type(db: Database, actor: Actor, draft: TaskTypeDraft) -> TaskTypeInfo:
    """Add a kind of job, with its picture and how hard it is."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("add kinds of job"))
        name = _clean_task(session, draft, None)
        task = TaskType(key=_new_key(session, name), name=name, icon=draft.icon)
        task.effort = draft.effort
        task.archived = False
        session.add(task)
        session.flush()
        audit(session, actor, "task_type_added", f"{task.id} {name}")
        return _task_info(task)


def update_task_type(
    db: Database, actor: Actor, task_type_id: int, draft: TaskTypeDraft
) -> TaskTypeInfo:
    """Change a kind of job's name, picture or effort."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("change kinds of job"))
        task = session.get(TaskType, task_type_id)
        if task is None:
            raise NotFound(_("That kind of job is not on the list any more."))
        task.name = _clean_task(session, draft, task.id)
        task.icon = draft.icon
        task.effort = draft.effort
        audit(session, actor, "task_type_changed", f"{task.id} {task.name}")
        return _task_info(task)


def set_task_type_archived(
    db: Database, actor: Actor, task_type_id: int, archived: bool
) -> TaskTypeInfo:
    """Take a kind of job off the lists (its history stays), or bring it back."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("remove kinds of job"))
        task = session.get(TaskType, task_type_id)
        if task is None:
            raise NotFound(_("That kind of job is not on the list any more."))
        if archived:
            used = session.scalar(
                select(func.count())
                .select_from(RecurringJob)
                .where(RecurringJob.task_type_id == task.id, RecurringJob.active.is_(True))
            )
            if used:
                raise BadInput(
                    _(
                        "{name} is still on the jobs that come back. Remove those jobs first."
                    ).format(name=task.name)
                )
        task.archived = archived
        audit(session, actor, "task_type_archived" if archived else "task_type_restored", task.name)
        return _task_info(task)


def list_beds_for_jobs(db: Database) -> list[BedChoice]:
    """Return the beds a job can be for, in the order people number them."""
    with db.reading() as session:
        beds = session.scalars(select(Bed).where(Bed.archived.is_(False)))
        return sorted((BedChoice(bed.id, bed.name) for bed in beds), key=lambda b: natural(b.name))


def _recurring_info(job: RecurringJob, task: TaskType, bed: Bed | None) -> RecurringJobInfo:
    return RecurringJobInfo(
        id=job.id,
        task_type_id=task.id,
        task_name=task.name,
        icon=task.icon,
        effort=task.effort,
        bed_id=job.bed_id,
        bed_name=bed.name if bed is not None else None,
        people_needed=job.people_needed,
        repeat=job.repeat,
        weekdays=job.weekdays,
        starts_on=job.starts_on,
        ends_on=job.ends_on,
        note=job.note,
        active=job.active,
    )


def list_recurring_jobs(db: Database, *, include_removed: bool = False) -> list[RecurringJobInfo]:
    """Return the jobs that come back, by the name of the job."""
    with db.reading() as session:
        query = (
            select(RecurringJob, TaskType, Bed)
            .join(TaskType, TaskType.id == RecurringJob.task_type_id)
            .outerjoin(Bed, Bed.id == RecurringJob.bed_id)
            .order_by(TaskType.name, RecurringJob.id)
        )
        if not include_removed:
            query = query.where(RecurringJob.active.is_(True))
        return [_recurring_info(job, task, bed) for job, task, bed in session.execute(query)]


def _apply_recurring(session: Session, job: RecurringJob, draft: RecurringJobDraft) -> None:
    task = session.get(TaskType, draft.task_type_id)
    if task is None or task.archived:
        raise BadInput(_("Please choose a kind of job from the list."))
    try:
        weekdays = check_repeat(Repeat(draft.repeat), draft.weekdays)
    except ValueError as error:
        raise BadInput(str(error)) from error
    if not 1 <= draft.people_needed <= MOST_PEOPLE:
        raise BadInput(
            _("A job needs from 1 to {most_people} people.").format(most_people=MOST_PEOPLE)
        )
    if draft.bed_id is not None:
        bed = session.get(Bed, draft.bed_id)
        if bed is None or bed.archived:
            raise BadInput(_("That bed is not on the map any more. Please choose another."))
    starts_on = draft.starts_on or dt.date.today()
    if draft.ends_on is not None and draft.ends_on < starts_on:
        raise BadInput(_("The last day comes before the first day. Please check the dates."))
    try:
        note = clean_text(draft.note or "", what="note", longest=200, required=False) or None
    except ValueError as error:
        raise BadInput(str(error)) from error
    job.task_type_id = task.id
    job.repeat = Repeat(draft.repeat)
    job.weekdays = weekdays
    job.people_needed = draft.people_needed
    job.bed_id = draft.bed_id
    job.starts_on = starts_on
    job.ends_on = draft.ends_on
    job.note = note


def _saved_recurring(session: Session, job: RecurringJob) -> RecurringJobInfo:
    session.flush()
    task = session.get(TaskType, job.task_type_id)
    assert task is not None
    bed = session.get(Bed, job.bed_id) if job.bed_id is not None else None
    return _recurring_info(job, task, bed)


def add_recurring_job(db: Database, actor: Actor, draft: RecurringJobDraft) -> RecurringJobInfo:
    """Add a job that comes back; from its first day it joins each day's list."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("add jobs to the rota"))
        job = RecurringJob(active=True)
        _apply_recurring(session, job, draft)
        session.add(job)
        info = _saved_recurring(session, job)
        audit(session, actor, "recurring_job_added", f"{job.id} {info.task_name}, {info.when}")
        return info


def update_recurring_job(
    db: Database, actor: Actor, recurring_job_id: int, draft: RecurringJobDraft
) -> RecurringJobInfo:
    """Change a job that comes back; days already on the list keep their jobs."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("change the jobs on the rota"))
        job = session.get(RecurringJob, recurring_job_id)
        if job is None:
            raise NotFound(_("That job is not on the list any more."))
        _apply_recurring(session, job, draft)
        info = _saved_recurring(session, job)
        audit(session, actor, "recurring_job_changed", f"{job.id} {info.task_name}, {info.when}")
        return info


def set_recurring_job_active(
    db: Database, actor: Actor, recurring_job_id: int, active: bool
) -> RecurringJobInfo:
    """Stop a job coming back (the days it was on keep it), or start it again."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("remove jobs from the rota"))
        job = session.get(RecurringJob, recurring_job_id)
        if job is None:
            raise NotFound(_("That job is not on the list any more."))
        job.active = active
        info = _saved_recurring(session, job)
        audit(
            session,
            actor,
            "recurring_job_restored" if active else "recurring_job_removed",
            f"{job.id} {info.task_name}",
        )
        return info
