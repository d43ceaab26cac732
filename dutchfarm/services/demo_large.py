"""A large demo farm: ten seasons of a busy allotment, to see Dutch Farm with years of data.

Everything comes from one seeded random source, so the same day gives the same farm. Rows
go in by the thousand in one transaction (bulk inserts), so it is made in seconds.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import select

from dutchfarm.db.database import Database
from dutchfarm.db.models import Bed, Crop, Person, Season, person_cannot, person_likes
from dutchfarm.domain.people import hash_pin
from dutchfarm.domain.terms import DEFAULT_ROTATION_YEARS, Role
from dutchfarm.services.demo import DEMO_PIN, PEOPLE, refuse_a_farm_with_people
from dutchfarm.services.demo_large_data import (
    FOUNDERS,
    LEFT,
    MORE_PEOPLE,
    NUMBERED_BEDS,
    SHARED_BEDS,
)
from dutchfarm.services.demo_large_garden import grow_seasons
from dutchfarm.services.demo_large_rota import add_task_types, keep_rotas
from dutchfarm.services.demo_large_state import BedSpot, LargeFarm, Member, insert_ids, insert_rows
from dutchfarm.services.demo_large_votes import add_wishes, hold_votes
from dutchfarm.services.people import AVATAR_COUNT, PERSON_COLOURS

SEASONS = 10
SEED = 1017
# Heavy jobs some people cannot do, and how often someone has a can't-do at all.
HEAVY = ("digging", "compost", "mowing", "mulching", "turning_compost", "mending")
CANNOT_SHARE = 0.3
NEEDS_SUPPORT_SHARE = 0.2


@dataclass(frozen=True)
class LargeDemoSummary:
    """What the large demo made, to say so on the command line."""

    people: int
    archived: int
    beds: int
    seasons: int
    task_types: int
    plantings: int
    diary_entries: int
    harvests: int
    jobs: int
    assignments: int
    attendance: int
    ballots: int
    votes: int

    def __str__(self) -> str:
        return (
            f"Made the large demo farm: {self.people:,} people ({self.archived} archived), "
            f"{self.beds} beds, {self.seasons} seasons, {self.task_types} kinds of job, "
            f"{self.plantings:,} plantings, {self.diary_entries:,} diary entries, "
            f"{self.harvests:,} harvests, {self.jobs:,} jobs with {self.assignments:,} people "
            f"on them, {self.attendance:,} days people were in, and {self.ballots} crop votes "
            f"with {self.votes:,} votes cast."
        )


def make_large_demo_farm(db: Database, *, today: dt.date | None = None) -> LargeDemoSummary:
    """Fill a new database with the large demo farm, in one transaction."""
    with db.transaction() as session:
        refuse_a_farm_with_people(session)
        farm = LargeFarm(
            session=session,
            today=today or dt.date.today(),
            random=random.Random(SEED),
            crops={crop.key: crop for crop in session.scalars(select(Crop))},
        )
        _add_seasons(farm)
        add_task_types(farm)
        _add_people(farm)
        _add_beds(farm)
        keep_rotas(farm)
        grow_seasons(farm)
        hold_votes(farm)
        add_wishes(farm)
        counts = farm.counts
        return LargeDemoSummary(
            people=len(farm.people),
            archived=sum(1 for person in farm.people if person.left is not None),
            beds=len(farm.beds),
            seasons=len(farm.seasons),
            task_types=len(farm.tasks),
            plantings=counts["plantings"],
            diary_entries=counts["diary"],
            harvests=counts["harvests"],
            jobs=counts["jobs"],
            assignments=counts["assignments"],
            attendance=counts["attendance"],
            ballots=counts["ballots"],
            votes=counts["votes"],
        )


def _add_seasons(farm: LargeFarm) -> None:
    years = range(farm.today.year - SEASONS + 1, farm.today.year + 1)
    have = {season.year: season.id for season in farm.session.scalars(select(Season))}
    new = [
        {"year": year, "rotation_years": DEFAULT_ROTATION_YEARS, "started_on": dt.date(year, 1, 1)}
        for year in years
        if year not in have
    ]
    made = dict(
        zip((row["year"] for row in new), insert_ids(farm.session, Season, new), strict=True)
    )
    farm.seasons = {year: have.get(year) or made[year] for year in years}


def _people_specs(
    farm: LargeFarm,
) -> list[tuple[str, Role, bool, tuple[str, ...], tuple[str, ...]]]:
    """The small demo's people as they are, then the others with drawn needs and likes."""
    specs = list(PEOPLE)
    keys = sorted(farm.tasks)
    for name, role in MORE_PEOPLE:
        pick = farm.random
        support = role is Role.SERVICE_USER and pick.random() < NEEDS_SUPPORT_SHARE
        cannot = (
            tuple(pick.sample(HEAVY, pick.randint(1, 2))) if pick.random() < CANNOT_SHARE else ()
        )
        likes = tuple(key for key in pick.sample(keys, 2) if key not in cannot)
        specs.append((name, role, support, cannot, likes))
    return specs


def _weekdays(farm: LargeFarm, role: Role) -> frozenset[int]:
    """The days of the week someone usually comes in."""
    if role is Role.COORDINATOR:
        return frozenset(farm.random.sample(range(5), 4))
    many = farm.random.randint(1, 2) if role is Role.VOLUNTEER else farm.random.randint(2, 3)
    return frozenset(farm.random.sample(range(5), many))


def _add_people(farm: LargeFarm) -> None:
    first = farm.first_day
    span = (farm.yesterday - first).days
    pin = hash_pin(DEMO_PIN)
    rows, members = [], []
    for index, (name, role, support, cannot, likes) in enumerate(_people_specs(farm)):
        joined = first
        if index >= FOUNDERS and name not in LEFT:
            joined = first + dt.timedelta(days=farm.random.randrange(span * 9 // 10))
        left = None
        if name in LEFT:
            left = dt.date(first.year + LEFT[name], 1, 1) + dt.timedelta(
                days=farm.random.randint(30, 300)
            )
        rows.append(
            {
                "display_name": name,
                "role": role,
                "colour": PERSON_COLOURS[index % len(PERSON_COLOURS)],
                "avatar": f"avatar_{index % AVATAR_COUNT + 1:02d}",
                "needs_support": support,
                "pin_hash": pin if role is Role.COORDINATOR else None,
                "pin_failures": 0,
                "archived": left is not None,
                "created_at": dt.datetime.combine(joined, dt.time(9, 30)),
            }
        )
        members.append(
            Member(
                id=0,
                name=name,
                role=role,
                needs_support=support,
                cannot=frozenset(farm.tasks[key] for key in cannot),
                likes=frozenset(farm.tasks[key] for key in likes),
                joined=joined,
                left=left,
                weekdays=_weekdays(farm, role),
            )
        )
    for member, person_id in zip(members, insert_ids(farm.session, Person, rows), strict=True):
        member.id = person_id
    farm.people = members
    for table, attribute in ((person_cannot, "cannot"), (person_likes, "likes")):
        insert_rows(
            farm.session,
            table,
            [
                {"person_id": member.id, "task_type_id": task}
                for member in members
                for task in sorted(getattr(member, attribute))
            ],
        )


def _add_beds(farm: LargeFarm) -> None:
    """Fifty numbered beds in a grid, each with an owner, and ten shared beds beside them."""
    by_name = {member.name: member for member in farm.people}
    small = [name for name, role, *_ in PEOPLE if role is Role.SERVICE_USER] + ["Sam", "Priya"]
    others = [
        member.name
        for member in farm.people
        if member.role is Role.SERVICE_USER and member.left is None and member.name not in small
    ]
    owners = (small + others)[:NUMBERED_BEDS]
    # (name, owner, x, y, width, length)
    beds: list[tuple[str, int | None, float, float, float, float]] = []
    for number, owner in enumerate(owners, start=1):
        row, column = divmod(number - 1, 10)
        beds.append(
            (f"Bed {number}", by_name[owner].id, 1.0 + column * 2.2, 1.0 + row * 3.4, 1.2, 2.4)
        )
    for index, (name, _crops) in enumerate(SHARED_BEDS):
        column, row = divmod(index, 5)
        wide = name == "Polytunnel"
        beds.append(
            (
                name,
                None,
                23.6 + column * 3.4,
                1.0 + row * 3.4,
                2.8 if wide else 2.4,
                3.0 if wide else 2.4,
            )
        )
    ids = insert_ids(
        farm.session,
        Bed,
        [
            {"name": name, "owner_id": owner, "x": x, "y": y, "width": width, "length": length}
            for name, owner, x, y, width, length in beds
        ],
    )
    farm.beds = [
        BedSpot(
            id=bed_id,
            name=name,
            owner_id=owner,
            number=index + 1 if index < NUMBERED_BEDS else None,
        )
        for index, (bed_id, (name, owner, *_place)) in enumerate(zip(ids, beds, strict=True))
    ]
