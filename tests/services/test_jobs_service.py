"""Setting up the rota: kinds of job and jobs that come back, by the coordinator only."""

import datetime as dt

import pytest
from sqlalchemy import select

from dutchfarm.db.models import AuditEvent
from dutchfarm.domain.jobs import days_to_mask
from dutchfarm.domain.terms import Effort, Repeat, Role
from dutchfarm.services.auth import COMMAND_LINE, sign_in
from dutchfarm.services.catalogue import list_task_types
from dutchfarm.services.errors import BadInput, NotAllowed
from dutchfarm.services.jobs import (
    RecurringJobDraft,
    TaskTypeDraft,
    add_recurring_job,
    add_task_type,
    list_recurring_jobs,
    set_recurring_job_active,
    set_task_type_archived,
    task_icons,
    update_recurring_job,
    update_task_type,
)
from dutchfarm.services.people import PersonDraft, add_person


@pytest.fixture
def actors(db):
    ann = add_person(db, COMMAND_LINE, PersonDraft(name="Ann", role=Role.COORDINATOR, pin="2468"))
    priya = add_person(db, COMMAND_LINE, PersonDraft(name="Priya", role=Role.VOLUNTEER))
    return sign_in(db, ann.id, "2468"), sign_in(db, priya.id)


def task_id(db, key):
    return next(t.id for t in list_task_types(db) if t.key == key)


def test_the_pictures_a_job_can_have_are_the_bundled_ones_but_not_the_avatars():
    icons = task_icons()
    assert {"compost", "watered", "tea"} <= set(icons)
    assert not any(name.startswith("avatar_") for name in icons)


def test_the_coordinator_adds_changes_and_removes_a_kind_of_job(db, actors):
    ann, priya = actors
    with pytest.raises(NotAllowed, match="Only the coordinator"):
        add_task_type(db, priya, TaskTypeDraft("Painting the shed", "tidy", Effort.MEDIUM))
    added = add_task_type(db, ann, TaskTypeDraft("  Painting   the shed ", "tidy", Effort.MEDIUM))
    assert (added.name, added.key, added.icon) == ("Painting the shed", "painting_the_shed", "tidy")
    changed = update_task_type(db, ann, added.id, TaskTypeDraft("Painting", "edit", Effort.HEAVY))
    assert (changed.name, changed.icon, changed.effort) == ("Painting", "edit", Effort.HEAVY)
    set_task_type_archived(db, ann, added.id, True)
    assert "Painting" not in [t.name for t in list_task_types(db)]
    set_task_type_archived(db, ann, added.id, False)
    assert "Painting" in [t.name for t in list_task_types(db)]
    with db.reading() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent))]
    assert "task_type_added" in actions and "task_type_archived" in actions


def test_a_kind_of_job_needs_a_new_name_and_a_bundled_picture(db, actors):
    ann, _ = actors
    with pytest.raises(BadInput, match="already a job called Compost"):
        add_task_type(db, ann, TaskTypeDraft("compost", "compost", Effort.HEAVY))
    with pytest.raises(BadInput, match="picture"):
        add_task_type(db, ann, TaskTypeDraft("Sweeping", "no_such_picture", Effort.LIGHT))
    with pytest.raises(BadInput, match="give a name"):
        add_task_type(db, ann, TaskTypeDraft("   ", "tidy", Effort.LIGHT))


def test_a_kind_still_on_a_recurring_job_stays(db, actors):
    ann, _ = actors
    compost = task_id(db, "compost")
    add_recurring_job(db, ann, RecurringJobDraft(compost, Repeat.DAILY))
    with pytest.raises(BadInput, match="Remove those jobs first"):
        set_task_type_archived(db, ann, compost, True)


def test_the_coordinator_sets_up_jobs_that_come_back(db, actors):
    ann, priya = actors
    draft = RecurringJobDraft(
        task_id(db, "weeding"), Repeat.WEEKDAYS, days_to_mask([0, 2, 4]), people_needed=2
    )
    with pytest.raises(NotAllowed):
        add_recurring_job(db, priya, draft)
    job = add_recurring_job(db, ann, draft)
    assert (job.task_name, job.when, job.people_needed) == (
        "Weeding",
        "Mondays, Wednesdays and Fridays",
        2,
    )
    assert job.starts_on == dt.date.today() and job.active
    weekly = update_recurring_job(
        db, ann, job.id, RecurringJobDraft(job.task_type_id, Repeat.WEEKLY, days_to_mask([1]))
    )
    assert weekly.when == "Every Tuesday" and weekly.people_needed == 1
    set_recurring_job_active(db, ann, job.id, False)
    assert list_recurring_jobs(db) == []
    assert [j.id for j in list_recurring_jobs(db, include_removed=True)] == [job.id]
    set_recurring_job_active(db, ann, job.id, True)
    assert list_recurring_jobs(db)[0].draft() == weekly.draft()


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (dict(repeat=Repeat.WEEKLY, weekdays=0b11), "one day of the week"),
        (dict(repeat=Repeat.WEEKDAYS, weekdays=0), "choose the days"),
        (dict(repeat=Repeat.DAILY, people_needed=0), "from 1 to 20 people"),
        (dict(repeat=Repeat.DAILY, bed_id=999), "not on the map"),
        (
            dict(repeat=Repeat.DAILY, starts_on=dt.date(2026, 5, 2), ends_on=dt.date(2026, 5, 1)),
            "before the first day",
        ),
    ],
)
def test_a_job_that_comes_back_is_checked_in_plain_words(db, actors, draft, message):
    ann, _ = actors
    with pytest.raises(BadInput, match=message):
        add_recurring_job(db, ann, RecurringJobDraft(task_id(db, "compost"), **draft))
