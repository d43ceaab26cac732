"""Changing one day by hand: who is in, jobs done, jobs for one day, and moving people."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import Assignment, Attendance, Bed, Crop, Job, Person, TaskType, now
from dutchfarm.services.auth import Actor, require_staff
from dutchfarm.services.errors import BadInput, NotFound
from dutchfarm.services.jobs import MOST_PEOPLE
from dutchfarm.services.rota import DayJob, DayRota, load_day
from dutchfarm.words import _


def set_attendance(
    db: Database, actor: Actor, day: dt.date, person_id: int, present: bool
) -> DayRota:
    """Tick a person in for the day, or untick them (which takes them off the day's jobs)."""
    with db.transaction() as session:
        require_staff(session, actor, _("tick who is in"))
        person = session.get(Person, person_id)
        if person is None or person.archived:
            raise NotFound(_("That person is not on the list any more."))
        mark = session.scalar(
            select(Attendance).where(Attendance.day == day, Attendance.person_id == person_id)
        )
        if present and mark is None:
            session.add(Attendance(day=day, person_id=person_id))
        elif not present:
            if mark is not None:
                session.delete(mark)
            # Someone who went home is taken off the jobs not done yet; done jobs keep them.
            open_jobs = select(Job.id).where(Job.day == day, Job.done.is_(False))
            session.execute(
                delete(Assignment).where(
                    Assignment.person_id == person_id, Assignment.job_id.in_(open_jobs)
                )
            )
        session.flush()
        return load_day(session, day)


def _job(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(_("That job is not on the list any more."))
    return job


def _join(session: Session, actor: Actor, person: Person, job: Job, verb: str) -> None:
    """Put ``person`` on ``job`` by hand, unless they are on it already or cannot do it."""
    task = session.get(TaskType, job.task_type_id)
    assert task is not None
    name, kind = person.display_name, task.name.lower()
    already = session.scalar(
        select(Assignment.id).where(Assignment.job_id == job.id, Assignment.person_id == person.id)
    )
    if already is not None:
        raise BadInput(
            _("{name} is on {task_name} already.").format(name=name, task_name=task.name)
        )
    if any(t.id == task.id for t in person.cannot):
        raise BadInput(
            _("{name} cannot do {kind}. Please choose another job.").format(name=name, kind=kind)
        )
    reason = f"{actor.name} {verb} {name} {'to' if verb == 'moved' else 'on'} {kind}."
    session.add(Assignment(job_id=job.id, person_id=person.id, reason=reason, by_hand=True))


def move_person(
    db: Database, actor: Actor, person_id: int, from_job_id: int, to_job_id: int
) -> DayRota:
    """Move a person from one of the day's jobs to another, by hand."""
    with db.transaction() as session:
        require_staff(session, actor, _("change the rota"))
        source, target = _job(session, from_job_id), _job(session, to_job_id)
        if source.day != target.day:
            raise BadInput(_("A person can only be moved to a job on the same day."))
        person = session.get(Person, person_id)
        place = session.scalar(
            select(Assignment).where(
                Assignment.job_id == source.id, Assignment.person_id == person_id
            )
        )
        if person is None or place is None:
            raise NotFound(_("That person is not on that job any more."))
        _join(session, actor, person, target, "moved")
        session.delete(place)
        session.flush()
        return load_day(session, source.day)


def give_job(db: Database, actor: Actor, person_id: int, job_id: int) -> DayRota:
    """Put someone who is in on a job, by hand (for example someone the rota left out)."""
    with db.transaction() as session:
        require_staff(session, actor, _("change the rota"))
        job = _job(session, job_id)
        person = session.get(Person, person_id)
        if person is None or person.archived:
            raise NotFound(_("That person is not on the list any more."))
        present = session.scalar(
            select(Attendance.id).where(
                Attendance.day == job.day, Attendance.person_id == person_id
            )
        )
        if present is None:
            name = person.display_name
            raise BadInput(
                _("{name} is not ticked in. Tick {name}'s picture first.").format(name=name)
            )
        _join(session, actor, person, job, "put")
        session.flush()
        return load_day(session, job.day)


def set_job_done(db: Database, actor: Actor, job_id: int, done: bool) -> DayRota:
    """Tick a job off as done, or untick it."""
    with db.transaction() as session:
        require_staff(session, actor, _("tick jobs off"))
        job = _job(session, job_id)
        job.done = done
        job.done_at = now() if done else None
        session.flush()
        return load_day(session, job.day)


def add_one_off_job(
    db: Database,
    actor: Actor,
    day: dt.date,
    task_type_id: int,
    people_needed: int = 1,
    bed_id: int | None = None,
    crop_id: int | None = None,
) -> DayJob:
    """Add a job to one day's list only, for a bed and a crop if it names them."""
    with db.transaction() as session:
        require_staff(session, actor, _("add a job"))
        task = session.get(TaskType, task_type_id)
        if task is None or task.archived:
            raise BadInput(_("Please choose a job from the pictures."))
        if not 1 <= people_needed <= MOST_PEOPLE:
            raise BadInput(
                _("A job needs from 1 to {most_people} people.").format(most_people=MOST_PEOPLE)
            )
        if bed_id is not None:
            bed = session.get(Bed, bed_id)
            if bed is None or bed.archived:
                raise BadInput(_("That bed is not on the map any more. Please choose another."))
        if crop_id is not None:
            crop = session.get(Crop, crop_id)
            if crop is None or crop.archived:
                raise BadInput(_("That crop is not in the list any more. Please choose another."))
        job = Job(
            day=day,
            task_type_id=task.id,
            bed_id=bed_id,
            crop_id=crop_id,
            people_needed=people_needed,
            done=False,
        )
        session.add(job)
        session.flush()
        return load_day(session, day).job(job.id)


def remove_one_off_job(db: Database, actor: Actor, job_id: int) -> DayRota:
    """Take a job added for one day off the list again (jobs that come back stay)."""
    with db.transaction() as session:
        require_staff(session, actor, _("remove a job"))
        job = _job(session, job_id)
        if job.recurring_job_id is not None:
            raise BadInput(_("This job comes back every time. The coordinator can change it."))
        day = job.day
        session.delete(job)
        session.flush()
        return load_day(session, day)
