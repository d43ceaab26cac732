"""The large demo's rota: kinds of job, jobs that come back, who was in, and every day's rota."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from dutchfarm.db.models import Assignment, Attendance, Job, RecurringJob, TaskType
from dutchfarm.domain.jobs import days_to_mask, falls_on
from dutchfarm.domain.rota import PastAssignment, RotaJob, RotaPerson, make_rota
from dutchfarm.domain.terms import Repeat, Role
from dutchfarm.services.demo_large_data import (
    BED_JOB_TASKS,
    MORE_TASKS,
    ONE_OFF_JOBS,
    RECURRING,
    TARGET_JOBS,
)
from dutchfarm.services.demo_large_state import LargeFarm, Member, insert_ids, insert_rows

# How likely someone comes in on one of their usual days, and on another day.
USUAL_DAY = 0.85
OTHER_DAY = 0.02
ONE_OFF_SHARE = 0.05
NOT_TICKED_SHARE = 0.03


@dataclass(frozen=True)
class _Rule:
    """A job that comes back, as the demo needs it to make each day's list."""

    row: dict[str, Any]

    def on(self, day: dt.date) -> bool:
        """True when the rule puts a job on ``day``'s list."""
        row = self.row
        return falls_on(
            row["repeat"],
            row["weekdays"],
            day,
            starts_on=row["starts_on"],
            ends_on=row["ends_on"],
        )


def add_task_types(farm: LargeFarm) -> None:
    """Add the large farm's 22 kinds of job to the 18 shipped ones."""
    rows = [
        {"key": key, "name": name, "icon": icon, "effort": effort}
        for key, name, icon, effort in MORE_TASKS
    ]
    insert_ids(farm.session, TaskType, rows)
    for task_id, key, name in farm.session.execute(
        select(TaskType.id, TaskType.key, TaskType.name).order_by(TaskType.id)
    ):
        farm.tasks[key] = task_id
        farm.task_names[task_id] = name.lower()


def keep_rotas(farm: LargeFarm) -> None:
    """Who was in on every working day, the day's jobs, and the fair rota made for them."""
    days = farm.working_days(farm.first_day, farm.yesterday)
    _mark_people_in(farm, days)
    rules = _season_rules(farm)
    yearly = _by_year(rules)
    base = sum(1 for day in days for rule in yearly[day.year] if rule.on(day))
    # Weekly jobs for one bed each make up the rest, so the total is near TARGET_JOBS.
    one_offs = round(len(days) * ONE_OFF_SHARE)
    bed_rules = round((TARGET_JOBS - base - one_offs) / (len(days) / 5))
    rules += _bed_rules(farm, max(0, bed_rules))
    ids = insert_ids(farm.session, RecurringJob, [rule.row for rule in rules])
    for rule, rule_id in zip(rules, ids, strict=True):
        rule.row["id"] = rule_id
    _make_rotas(farm, days, _by_year(rules))


def _by_year(rules: list[_Rule]) -> dict[int, list[_Rule]]:
    """The rules that can fall in each year, in order (so a day looks at a few dozen)."""
    years: dict[int, list[_Rule]] = {}
    last_year = max(rule.row["starts_on"].year for rule in rules) + 1
    for rule in rules:
        first = rule.row["starts_on"].year
        last = rule.row["ends_on"].year if rule.row["ends_on"] else last_year
        for year in range(first, last + 1):
            years.setdefault(year, []).append(rule)
    return years


def _mark_people_in(farm: LargeFarm, days: list[dt.date]) -> None:
    pick = farm.random
    rows = []
    staff = [person for person in farm.people if person.role is not Role.SERVICE_USER]
    for day in days:
        weekday = day.weekday()
        present = [
            person
            for person in farm.people
            if person.active_on(day)
            and pick.random() < (USUAL_DAY if weekday in person.weekdays else OTHER_DAY)
        ]
        if not any(person.role is not Role.SERVICE_USER for person in present):
            # Someone who can support is always in to open up.
            present.append(next(person for person in staff if person.active_on(day)))
        farm.present[day] = [person.id for person in present]
        for person in present:
            person.days.append(day)
            farm.was_in.add((person.id, day))
            rows.append({"day": day, "person_id": person.id})
    insert_rows(farm.session, Attendance, rows)
    farm.add("attendance", len(rows))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _rule(
    farm: LargeFarm,
    key: str,
    repeat: Repeat,
    weekdays: tuple[int, ...],
    needed: int,
    starts: dt.date,
    ends: dt.date | None,
    bed_id: int | None = None,
) -> _Rule:
    this_season = ends is None or ends.year == farm.today.year
    return _Rule(
        {
            "task_type_id": farm.tasks[key],
            "bed_id": bed_id,
            "people_needed": needed,
            "repeat": repeat,
            "weekdays": days_to_mask(weekdays),
            "starts_on": starts,
            "ends_on": ends,
            # Each season's list is set up afresh; last season's rules are taken off it.
            "active": this_season,
        }
    )


def _season_rules(farm: LargeFarm) -> list[_Rule]:
    """The jobs that come back: all-year ones once, seasonal ones for every season."""
    rules = []
    for key, repeat, weekdays, needed, first, last in RECURRING:
        if (first, last) == (1, 12):
            rules.append(_rule(farm, key, repeat, weekdays, needed, farm.first_day, None))
            continue
        spans = [(first, last)] if first <= last else [(first, 12), (1, last)]
        for year in sorted(farm.seasons):
            for start, end in spans:
                rules.append(
                    _rule(
                        farm,
                        key,
                        repeat,
                        weekdays,
                        needed,
                        dt.date(year, start, 1),
                        _month_end(year, end),
                    )
                )
    return rules


def _bed_rules(farm: LargeFarm, how_many: int) -> list[_Rule]:
    """Weekly jobs for one bed: the shared beds first, then the beds of people who need help."""
    helped = {person.id for person in farm.people if person.needs_support}
    beds = [bed for bed in farm.beds if bed.owner_id is None]
    beds += [bed for bed in farm.beds if bed.owner_id in helped]
    beds += [bed for bed in farm.beds if bed not in beds]
    return [
        _rule(
            farm,
            BED_JOB_TASKS[index % len(BED_JOB_TASKS)],
            Repeat.WEEKLY,
            (index % 5,),
            2,
            farm.first_day,
            None,
            beds[index % len(beds)].id,
        )
        for index in range(how_many)
    ]


def _rota_person(person: Member) -> RotaPerson:
    return RotaPerson(
        id=person.id,
        cannot=person.cannot,
        likes=person.likes,
        needs_support=person.needs_support,
        supporter=person.role is not Role.SERVICE_USER,
        name=person.name,
    )


def _make_rotas(farm: LargeFarm, days: list[dt.date], rules: dict[int, list[_Rule]]) -> None:
    """Each day's jobs and the rota make_rota gave them, as the volunteers made it."""
    pick = farm.random
    rota_people = {person.id: _rota_person(person) for person in farm.people}
    # Per person, per kind of job: when they last did it. One row each is what the rota
    # needs to put whoever did a job longest ago first.
    last_done: dict[int, dict[int, PastAssignment]] = {person.id: {} for person in farm.people}
    jobs: list[dict[str, Any]] = []
    placed: list[tuple[int, int, str]] = []  # (job index, person id, reason)
    for day in days:
        todays = [rule.row for rule in rules[day.year] if rule.on(day)]
        listed = [
            {
                "day": day,
                "task_type_id": row["task_type_id"],
                "bed_id": row["bed_id"],
                "people_needed": row["people_needed"],
                "recurring_job_id": row["id"],
                "note": None,
            }
            for row in todays
        ]
        if pick.random() < ONE_OFF_SHARE:
            key, note = pick.choice(ONE_OFF_JOBS)
            listed.append(
                {
                    "day": day,
                    "task_type_id": farm.tasks[key],
                    "bed_id": None,
                    "people_needed": 2,
                    "recurring_job_id": None,
                    "note": note,
                }
            )
        first = len(jobs)
        present = farm.present[day]
        rota = make_rota(
            [rota_people[person_id] for person_id in present],
            [
                RotaJob(
                    id=first + offset,
                    kind=job["task_type_id"],
                    people=job["people_needed"],
                    kind_name=farm.task_names[job["task_type_id"]],
                )
                for offset, job in enumerate(listed)
            ],
            [row for person_id in present for row in last_done[person_id].values()],
            today=day,
        )
        for offset, job in enumerate(listed):
            done = pick.random() >= NOT_TICKED_SHARE
            job["done"] = done
            job["done_at"] = dt.datetime.combine(day, dt.time(15, 0)) if done else None
            job["created_at"] = dt.datetime.combine(day, dt.time(9, 0))
            jobs.append(job)
            for given in rota.assignments[first + offset]:
                person_id = int(given)
                placed.append((first + offset, person_id, rota.why(first + offset, person_id)))
                kind = job["task_type_id"]
                last_done[person_id][kind] = PastAssignment(person=person_id, kind=kind, day=day)
    ids = insert_ids(farm.session, Job, jobs)
    insert_rows(
        farm.session,
        Assignment,
        [
            {"job_id": ids[index], "person_id": person_id, "reason": reason, "by_hand": False}
            for index, person_id, reason in placed
        ],
    )
    farm.add("jobs", len(jobs))
    farm.add("assignments", len(placed))
