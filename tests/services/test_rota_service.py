"""Rota services: the day's jobs, who is in, making the rota, hand moves, done, undo, printing."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from dutchfarm.db.models import Assignment, Attendance, Crop, Job, RecurringJob
from dutchfarm.domain.jobs import days_to_mask
from dutchfarm.domain.terms import Repeat, Role
from dutchfarm.services.auth import COMMAND_LINE, NOBODY, sign_in
from dutchfarm.services.catalogue import list_crops, list_task_types
from dutchfarm.services.errors import BadInput, NotAllowed, NotFound
from dutchfarm.services.fairness import fairness
from dutchfarm.services.jobs import RecurringJobDraft, add_recurring_job, set_recurring_job_active
from dutchfarm.services.people import PersonDraft, add_person
from dutchfarm.services.rota import (
    can_change_rota,
    day_rota,
    make_day_rota,
    printable_rota,
    restore_rota,
)
from dutchfarm.services.rota_day import (
    add_one_off_job,
    give_job,
    move_person,
    remove_one_off_job,
    set_attendance,
    set_job_done,
)

TUESDAY = dt.date(2026, 5, 12)
START = dt.date(2026, 5, 1)


@pytest.fixture
def farm(db):
    """A small farm: Ann (coordinator), Priya and Sam (volunteers), Tom, Lee and Jackie."""
    tasks = {t.key: t.id for t in list_task_types(db)}
    people = {}
    for name, role, support, cannot, likes in (
        ("Ann", Role.COORDINATOR, False, (), ()),
        ("Priya", Role.VOLUNTEER, False, (), ("sowing",)),
        ("Sam", Role.VOLUNTEER, False, (), ("compost",)),
        ("Tom", Role.SERVICE_USER, False, ("digging",), ("weeding",)),
        ("Lee", Role.SERVICE_USER, True, ("digging",), ("watering",)),
        ("Jackie", Role.SERVICE_USER, False, (), ("watering",)),
    ):
        draft = PersonDraft(
            name=name,
            role=role,
            needs_support=support,
            cannot=frozenset(tasks[k] for k in cannot),
            likes=frozenset(tasks[k] for k in likes),
            pin="2468" if role is Role.COORDINATOR else None,
        )
        people[name] = add_person(db, COMMAND_LINE, draft).id

    class Farm:
        pass

    farm = Farm()
    farm.db = db
    farm.tasks = tasks
    farm.people = people
    farm.priya = sign_in(db, people["Priya"])
    farm.tom = sign_in(db, people["Tom"])
    farm.ann = sign_in(db, people["Ann"], "2468")
    return farm


def recurring(farm, key, repeat, days=(), people=1, **kwargs):
    draft = RecurringJobDraft(
        task_type_id=farm.tasks[key],
        repeat=repeat,
        weekdays=days_to_mask(days),
        people_needed=people,
        starts_on=kwargs.pop("starts_on", START),
        **kwargs,
    )
    return add_recurring_job(farm.db, farm.ann, draft)


def tick(farm, *names, day=TUESDAY):
    rota = None
    for name in names:
        rota = set_attendance(farm.db, farm.priya, day, farm.people[name], True)
    return rota


def names_on(rota, key_name):
    job = next(j for j in rota.jobs if j.name == key_name)
    return sorted(p.name for p in job.people)


# --- the day's jobs from the recurring rules --------------------------------------------------


def test_the_days_jobs_come_from_the_rules_that_fall_on_it(farm):
    recurring(farm, "watering", Repeat.DAILY, people=2)
    recurring(farm, "weeding", Repeat.WEEKDAYS, (0, 2, 4))  # not on Tuesdays
    recurring(farm, "compost", Repeat.WEEKLY, (1,))  # Tuesdays
    recurring(farm, "digging", Repeat.WEEKLY, (1,), ends_on=TUESDAY - dt.timedelta(days=1))
    recurring(farm, "sowing", Repeat.DAILY, starts_on=TUESDAY + dt.timedelta(days=1))
    gone = recurring(farm, "feeding", Repeat.DAILY)
    set_recurring_job_active(farm.db, farm.ann, gone.id, False)

    rota = day_rota(farm.db, TUESDAY, today=TUESDAY)
    assert [(j.name, j.people_needed) for j in rota.jobs] == [("Watering", 2), ("Compost", 1)]
    assert not any(j.one_off for j in rota.jobs)
    wednesday = day_rota(farm.db, TUESDAY + dt.timedelta(days=1), today=TUESDAY + dt.timedelta(1))
    assert [j.name for j in wednesday.jobs] == ["Watering", "Weeding", "Sowing seeds"]


def test_the_days_jobs_are_made_once_only(farm):
    recurring(farm, "watering", Repeat.DAILY)
    for _ in range(3):
        day_rota(farm.db, TUESDAY, today=TUESDAY)
    with farm.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == 1


def test_other_days_are_only_read(farm):
    recurring(farm, "watering", Repeat.DAILY)
    assert day_rota(farm.db, TUESDAY - dt.timedelta(days=3), today=TUESDAY).jobs == ()
    with farm.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == 0


def test_a_job_for_one_bed_keeps_its_bed(farm, db):
    from dutchfarm.db.models import Bed

    with db.transaction() as session:
        session.add(Bed(name="Bed 7", x=0, y=0, width=1, length=2))
    from dutchfarm.services.jobs import list_beds_for_jobs

    [bed] = list_beds_for_jobs(db)
    recurring(farm, "sowing", Repeat.DAILY, bed_id=bed.id)
    [job] = day_rota(db, TUESDAY, today=TUESDAY).jobs
    assert job.title == "Sowing seeds in Bed 7"


# --- who is in --------------------------------------------------------------------------------


def test_ticking_and_unticking_who_is_in(farm):
    rota = tick(farm, "Tom", "Lee")
    assert rota.present == {farm.people["Tom"], farm.people["Lee"]}
    again = set_attendance(farm.db, farm.priya, TUESDAY, farm.people["Tom"], True)
    assert again.present == rota.present
    rota = set_attendance(farm.db, farm.priya, TUESDAY, farm.people["Tom"], False)
    assert rota.present == {farm.people["Lee"]}
    with farm.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Attendance)) == 1


def test_a_gardener_sees_the_rota_but_cannot_change_it(farm):
    recurring(farm, "watering", Repeat.DAILY)
    tick(farm, "Tom")
    assert not can_change_rota(farm.db, farm.tom)
    assert not can_change_rota(farm.db, NOBODY)
    assert can_change_rota(farm.db, farm.priya)
    with pytest.raises(NotAllowed, match="Only a volunteer or the coordinator"):
        set_attendance(farm.db, farm.tom, TUESDAY, farm.people["Tom"], False)
    with pytest.raises(NotAllowed):
        make_day_rota(farm.db, farm.tom, TUESDAY)
    rota = make_day_rota(farm.db, farm.priya, TUESDAY)
    job = rota.jobs[0]
    with pytest.raises(NotAllowed):
        set_job_done(farm.db, farm.tom, job.id, True)
    with pytest.raises(NotAllowed):
        add_one_off_job(farm.db, NOBODY, TUESDAY, farm.tasks["compost"])
    with pytest.raises(NotAllowed):
        restore_rota(farm.db, farm.tom, TUESDAY, ())
    assert day_rota(farm.db, TUESDAY, today=TUESDAY).jobs[0].people  # still there to see


# --- making the rota --------------------------------------------------------------------------


def morning(farm):
    recurring(farm, "watering", Repeat.DAILY, people=2)
    recurring(farm, "weeding", Repeat.DAILY, people=2)
    recurring(farm, "digging", Repeat.DAILY)
    recurring(farm, "compost", Repeat.DAILY)
    tick(farm, "Priya", "Sam", "Tom", "Lee", "Jackie")
    return make_day_rota(farm.db, farm.priya, TUESDAY)


def test_making_the_rota_fills_the_jobs_and_saves_a_reason_for_each_place(farm):
    rota = morning(farm)
    assert rota.made
    places = rota.placements()
    assert len(places) == 6
    assert all(
        place.reason.startswith(place.name) or place.name in place.reason for place in places
    )
    assert not any(place.by_hand for place in places)
    with farm.db.reading() as session:
        saved = session.scalars(select(Assignment)).all()
        assert len(saved) == 6 and all(a.reason for a in saved)
    assert {p.person_id for p in places} == set(farm.people.values()) - {farm.people["Ann"]}


def test_the_rota_never_gives_a_job_someone_cannot_do(farm):
    rota = morning(farm)
    digging = next(j for j in rota.jobs if j.name == "Digging")
    assert {p.name for p in digging.people}.isdisjoint({"Tom", "Lee"})


def test_someone_who_needs_support_is_paired_with_a_volunteer(farm):
    rota = morning(farm)
    [lees_job] = rota.jobs_of(farm.people["Lee"])
    on_it = {p.name for p in lees_job.people}
    assert on_it & {"Priya", "Sam"}
    lee = next(p for p in lees_job.people if p.name == "Lee")
    assert "needs support" in lee.reason
    assert not any("with them" in problem for problem in rota.problems)


def test_the_rota_learns_from_the_days_before(farm):
    recurring(farm, "compost", Repeat.DAILY)
    tick(farm, "Sam", "Jackie")
    tick(farm, "Sam", "Jackie", day=TUESDAY - dt.timedelta(days=1))
    yesterday = make_day_rota(farm.db, farm.priya, TUESDAY - dt.timedelta(days=1))
    first = names_on(yesterday, "Compost")
    today = make_day_rota(farm.db, farm.priya, TUESDAY)
    assert names_on(today, "Compost") != first
    [place] = today.jobs[0].people
    assert "never done compost" in place.reason


def test_jobs_nobody_can_fill_are_said_in_plain_words(farm):
    recurring(farm, "digging", Repeat.DAILY, people=2)
    tick(farm, "Tom", "Sam")
    # Before the rota is made there is nothing to say yet.
    assert day_rota(farm.db, TUESDAY, today=TUESDAY).problems == ()
    rota = make_day_rota(farm.db, farm.priya, TUESDAY)
    assert "Digging needs 1 more person." in rota.problems
    assert "Tom has no job yet." in rota.problems


def test_making_the_rota_needs_people_and_jobs(farm):
    with pytest.raises(BadInput, match="Nobody is ticked in"):
        make_day_rota(farm.db, farm.priya, TUESDAY)
    tick(farm, "Sam")
    with pytest.raises(BadInput, match="no jobs"):
        make_day_rota(farm.db, farm.priya, TUESDAY)


def test_making_it_again_keeps_jobs_already_done(farm):
    rota = morning(farm)
    compost = next(j for j in rota.jobs if j.name == "Compost")
    set_job_done(farm.db, farm.priya, compost.id, True)
    again = make_day_rota(farm.db, farm.priya, TUESDAY)
    assert again.job(compost.id).people == compost.people


def test_unticking_someone_takes_them_off_the_jobs_not_done(farm):
    rota = morning(farm)
    [first, *rest] = rota.jobs_of(farm.people["Jackie"])
    set_job_done(farm.db, farm.priya, first.id, True)
    rota = set_attendance(farm.db, farm.priya, TUESDAY, farm.people["Jackie"], False)
    assert [j.id for j in rota.jobs_of(farm.people["Jackie"])] == [first.id]


# --- by hand ----------------------------------------------------------------------------------


def test_moving_a_person_by_hand(farm):
    rota = morning(farm)
    tom = farm.people["Tom"]
    [from_job] = rota.jobs_of(tom)
    to_job = next(j for j in rota.jobs if j.name == "Compost")
    assert from_job.id != to_job.id
    moved = move_person(farm.db, farm.priya, tom, from_job.id, to_job.id)
    place = next(p for p in moved.job(to_job.id).people if p.person_id == tom)
    assert place.by_hand and place.reason == "Priya moved Tom to compost."
    assert tom not in {p.person_id for p in moved.job(from_job.id).people}
    assert moved.hand_moves == 1
    assert f"{from_job.title} needs 1 more person." in moved.problems


def test_a_hand_move_never_breaks_a_cant_do(farm):
    rota = morning(farm)
    tom = farm.people["Tom"]
    [toms_job] = rota.jobs_of(tom)
    digging = next(j for j in rota.jobs if j.name == "Digging")
    with pytest.raises(BadInput, match="Tom cannot do digging"):
        move_person(farm.db, farm.priya, tom, toms_job.id, digging.id)
    with pytest.raises(BadInput, match="already"):
        move_person(farm.db, farm.priya, tom, toms_job.id, toms_job.id)


def test_a_move_that_leaves_someone_without_support_is_said(farm):
    rota = morning(farm)
    lee = farm.people["Lee"]
    [lees_job] = rota.jobs_of(lee)
    helper = next(p for p in lees_job.people if p.name in ("Priya", "Sam"))
    other = next(j for j in rota.jobs if j.id != lees_job.id and j.name != "Digging")
    moved = move_person(farm.db, farm.priya, helper.person_id, lees_job.id, other.id)
    assert f"Lee needs someone with them on {lees_job.title}." in moved.problems


def test_someone_left_out_can_be_given_a_job_by_hand(farm):
    recurring(farm, "watering", Repeat.DAILY, people=2)
    recurring(farm, "compost", Repeat.DAILY)
    tick(farm, "Sam", "Jackie", "Tom", "Priya")
    rota = make_day_rota(farm.db, farm.priya, TUESDAY)
    [left_out] = [
        name for name in ("Sam", "Jackie", "Tom", "Priya") if not rota.jobs_of(farm.people[name])
    ]
    compost = next(j for j in rota.jobs if j.name == "Compost")
    given = give_job(farm.db, farm.priya, farm.people[left_out], compost.id)
    place = next(p for p in given.job(compost.id).people if p.name == left_out)
    assert place.by_hand and place.reason == f"Priya put {left_out} on compost."
    assert f"{left_out} has no job yet." not in given.problems
    with pytest.raises(BadInput, match="already"):
        give_job(farm.db, farm.priya, farm.people[left_out], compost.id)
    with pytest.raises(BadInput, match="Lee is not ticked in"):
        give_job(farm.db, farm.priya, farm.people["Lee"], compost.id)
    with pytest.raises(NotAllowed):
        give_job(farm.db, farm.tom, farm.people["Tom"], compost.id)


def test_ticking_a_job_done_and_back(farm):
    rota = morning(farm)
    job = rota.jobs[0]
    done = set_job_done(farm.db, farm.priya, job.id, True).job(job.id)
    assert done.done and done.done_at is not None
    assert not set_job_done(farm.db, farm.priya, job.id, False).job(job.id).done


def test_a_one_off_job_joins_the_day_and_can_be_taken_off_again(farm):
    recurring(farm, "watering", Repeat.DAILY)
    day_rota(farm.db, TUESDAY, today=TUESDAY)
    job = add_one_off_job(farm.db, farm.priya, TUESDAY, farm.tasks["slug_patrol"], 2)
    assert job.one_off and job.people_needed == 2 and job.name == "Slug and snail patrol"
    tick(farm, "Jackie", "Tom")
    rota = make_day_rota(farm.db, farm.priya, TUESDAY)
    assert len(rota.job(job.id).people) >= 1
    rota = remove_one_off_job(farm.db, farm.priya, job.id)
    assert [j.name for j in rota.jobs] == ["Watering"]
    with pytest.raises(BadInput, match="comes back"):
        remove_one_off_job(farm.db, farm.priya, rota.jobs[0].id)
    with pytest.raises(BadInput, match="from 1 to 20"):
        add_one_off_job(farm.db, farm.priya, TUESDAY, farm.tasks["compost"], 0)


def test_a_one_off_job_may_name_its_crop(farm):
    carrots = next(c.id for c in list_crops(farm.db) if c.key == "carrot")
    job = add_one_off_job(farm.db, farm.priya, TUESDAY, farm.tasks["sowing"], crop_id=carrots)
    assert job.crop == "Carrots" and job.title == "Sowing seeds: carrots"
    assert day_rota(farm.db, TUESDAY, today=TUESDAY).job(job.id).title == "Sowing seeds: carrots"
    with pytest.raises(BadInput, match="not in the list any more"):
        add_one_off_job(farm.db, farm.priya, TUESDAY, farm.tasks["sowing"], crop_id=99_999)
    with farm.db.transaction() as session:
        session.get(Crop, carrots).archived = True
    with pytest.raises(BadInput, match="not in the list any more"):
        add_one_off_job(farm.db, farm.priya, TUESDAY, farm.tasks["sowing"], crop_id=carrots)
    # A job without a crop reads as before.
    plain = add_one_off_job(farm.db, farm.priya, TUESDAY, farm.tasks["compost"])
    assert plain.crop is None and plain.title == "Compost"


def test_undo_puts_the_rota_back_as_it_was(farm):
    before = morning(farm)
    tom = farm.people["Tom"]
    [from_job] = before.jobs_of(tom)
    to_job = next(j for j in before.jobs if j.name == "Compost")
    move_person(farm.db, farm.priya, tom, from_job.id, to_job.id)
    back = restore_rota(farm.db, farm.priya, TUESDAY, before.placements())
    assert back.jobs == before.jobs
    empty = restore_rota(farm.db, farm.priya, TUESDAY, ())
    assert not empty.made


# --- fairness and printing --------------------------------------------------------------------


def test_fairness_counts_each_persons_jobs_of_each_kind_in_the_period(farm):
    recurring(farm, "compost", Repeat.DAILY)
    recurring(farm, "watering", Repeat.DAILY)
    for offset in range(4):
        day = START + dt.timedelta(days=offset)
        tick(farm, "Sam", "Jackie", day=day)
        make_day_rota(farm.db, farm.priya, day)
    table = fairness(farm.db, START, START + dt.timedelta(days=2))
    assert [k.name for k in table.kinds] == ["Compost", "Watering"]
    rows = {row.name: row for row in table.rows}
    assert rows["Sam"].total == 3 and rows["Jackie"].total == 3
    assert sum(rows["Sam"].counts) + sum(rows["Jackie"].counts) == table.total == 6
    # Shared fairly: each did each kind at least once in three days.
    assert min(rows["Sam"].counts + rows["Jackie"].counts) >= 1
    assert rows["Tom"].total == 0
    with pytest.raises(BadInput):
        fairness(farm.db, START, START - dt.timedelta(days=1))


def test_the_printed_rota_has_everyone_in_with_their_jobs(farm):
    with pytest.raises(NotFound, match="There is no rota saved for Tuesday 12 May 2026."):
        printable_rota(farm.db, TUESDAY)
    morning(farm)
    printed = printable_rota(farm.db, TUESDAY)
    assert [p.name for p in printed.people] == ["Jackie", "Lee", "Priya", "Sam", "Tom"]
    assert all(p.jobs for p in printed.people)
    assert printed.people[0].jobs[0].icon


def test_recurring_rules_saved_in_the_database_are_the_ones_used(farm):
    recurring(farm, "compost", Repeat.WEEKLY, (1,))
    with farm.db.reading() as session:
        rule = session.scalars(select(RecurringJob)).one()
        assert rule.weekdays == 0b10 and rule.repeat is Repeat.WEEKLY
