"""A realistic demo farm to try the program on: people, beds, three past seasons and more."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import (
    Assignment,
    Attendance,
    Ballot,
    BallotOption,
    Bed,
    Crop,
    DiaryEntry,
    Harvest,
    HasVoted,
    Job,
    Person,
    Planting,
    RecurringJob,
    Season,
    SeasonCrop,
    TaskType,
    Vote,
    VoteMark,
    Wish,
)
from dutchfarm.domain.people import hash_pin
from dutchfarm.domain.rota import PastAssignment, RotaJob, RotaPerson, make_rota
from dutchfarm.domain.terms import (
    BallotMethod,
    BallotStatus,
    DiaryAction,
    PlantingStatus,
    Repeat,
    Role,
    Unit,
    mask_to_months,
    to_grams,
)
from dutchfarm.domain.voting import tally_dots
from dutchfarm.services.errors import BadInput
from dutchfarm.services.people import PERSON_COLOURS

DEMO_PIN = "1234"

# (name, role, needs support, cannot do, likes)
PEOPLE: tuple[tuple[str, Role, bool, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Ann", Role.COORDINATOR, False, (), ("tool_care",)),
    ("Sam", Role.VOLUNTEER, False, (), ("compost",)),
    ("Priya", Role.VOLUNTEER, False, (), ("sowing",)),
    ("Rosa", Role.VOLUNTEER, False, (), ("harvesting",)),
    ("Mo", Role.VOLUNTEER, False, (), ("digging",)),
    ("Jackie", Role.SERVICE_USER, False, (), ("watering", "harvesting")),
    ("Marco", Role.SERVICE_USER, False, (), ("compost",)),
    ("Tom", Role.SERVICE_USER, False, ("digging",), ("weeding",)),
    ("Lee", Role.SERVICE_USER, True, ("digging",), ("watering",)),
    ("Aisha", Role.SERVICE_USER, False, (), ("sowing",)),
    ("Ben", Role.SERVICE_USER, False, (), ("digging",)),
    ("Chloe", Role.SERVICE_USER, False, ("compost",), ("tidying_cabin",)),
    ("Dev", Role.SERVICE_USER, True, (), ("making_tea",)),
    ("Ellie", Role.SERVICE_USER, False, (), ("weeding",)),
    ("Femi", Role.SERVICE_USER, False, (), ("watering",)),
)

# A four-course rotation: each owned bed moves one step a year, so no group comes back
# within three years.
COURSES = (
    ("potato", "tomato"),
    ("broad_bean", "pea", "runner_bean", "french_bean"),
    ("cabbage", "kale", "broccoli", "brussels_sprout"),
    ("carrot", "beetroot", "parsnip", "leek", "garlic", "onion"),
)
ANYWHERE = ("lettuce", "courgette", "squash", "sweetcorn", "salad_leaves", "spinach")
HERBS = ("chives", "mint", "oregano", "basil")
FRUIT = ("raspberry", "blackcurrant", "gooseberry")
VOTE_CROPS = (
    "strawberry",
    "tomato",
    "potato",
    "carrot",
    "sweetcorn",
    "pumpkin",
    "runner_bean",
    "courgette",
)

# (task type key, repeat, weekdays as Monday=0.., people needed)
RECURRING: tuple[tuple[str, Repeat, tuple[int, ...], int], ...] = (
    ("watering", Repeat.DAILY, (), 2),
    ("weeding", Repeat.WEEKDAYS, (0, 2, 4), 2),
    ("compost", Repeat.WEEKLY, (1,), 1),
    ("tidying_cabin", Repeat.DAILY, (), 1),
    ("harvesting", Repeat.WEEKDAYS, (1, 3), 2),
    ("tool_care", Repeat.WEEKLY, (4,), 1),
    ("digging", Repeat.WEEKLY, (0,), 1),
    ("making_tea", Repeat.DAILY, (), 1),
)
ROTA_WEEKS = 6
# (gardener, crop they would like in their own bed)
WISHES = (("Jackie", "strawberry"), ("Marco", "sweetcorn"), ("Tom", "carrot"))
OWNED_BEDS = 12


@dataclass(frozen=True)
class DemoSummary:
    """What the demo made, to say so on the command line."""

    people: int
    beds: int
    seasons: int
    plantings: int
    diary_entries: int
    harvests: int
    jobs: int
    votes: int

    def __str__(self) -> str:
        return (
            f"Made the demo farm: {self.people} people, {OWNED_BEDS} beds with owners and "
            f"{self.beds - OWNED_BEDS} shared, {self.seasons} seasons, "
            f"{self.plantings} plantings, {self.diary_entries} diary entries, "
            f"{self.harvests} harvests, {self.jobs} jobs and a crop vote with {self.votes} votes."
        )


def picked_quantity(source: random.Random, unit: Unit) -> float:
    """Return a likely amount picked at one go, in ``unit``."""
    if unit is Unit.KILOGRAMS:
        return round(source.uniform(0.5, 3.5), 1)
    if unit is Unit.GRAMS:
        return float(source.randrange(50, 800, 10))
    if unit is Unit.COUNT:
        return float(source.randint(1, 8))
    return float(source.randint(1, 3))


def refuse_a_farm_with_people(session: Session) -> None:
    """Raise BadInput when the database already has people: a demo needs a new one."""
    if session.scalar(select(func.count()).select_from(Person)):
        raise BadInput(
            "This database already has people in it. Make the demo farm in a new database."
        )


def _days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


class _DemoBuilder:
    """Builds the demo in one session; every choice comes from one seeded random source."""

    def __init__(self, session: Session, today: dt.date) -> None:
        self.session = session
        self.today = today
        self.random = random.Random(2027)
        self.crops = {crop.key: crop for crop in session.scalars(select(Crop))}
        self.tasks = {task.key: task for task in session.scalars(select(TaskType))}
        self.people: list[Person] = []
        self.beds: list[Bed] = []
        self.counts = {"plantings": 0, "diary": 0, "harvests": 0, "jobs": 0, "votes": 0}

    def build(self) -> DemoSummary:
        self.add_people()
        self.add_beds()
        seasons = self.add_seasons()
        for season in seasons:
            self.plant_season(season)
        self.hold_vote(seasons[-1])
        self.add_wishes()
        self.make_rotas()
        return DemoSummary(
            people=len(self.people),
            beds=len(self.beds),
            seasons=len(seasons),
            plantings=self.counts["plantings"],
            diary_entries=self.counts["diary"],
            harvests=self.counts["harvests"],
            jobs=self.counts["jobs"],
            votes=self.counts["votes"],
        )

    def add_people(self) -> None:
        for index, (name, role, support, cannot, likes) in enumerate(PEOPLE):
            person = Person(
                display_name=name,
                role=role,
                colour=PERSON_COLOURS[index % len(PERSON_COLOURS)],
                avatar=f"avatar_{index + 1:02d}",
                needs_support=support,
                pin_hash=hash_pin(DEMO_PIN) if role is Role.COORDINATOR else None,
                pin_failures=0,
                cannot=[self.tasks[key] for key in cannot if key in self.tasks],
                likes=[self.tasks[key] for key in likes if key in self.tasks],
            )
            self.session.add(person)
            self.people.append(person)
        self.session.flush()

    def add_beds(self) -> None:
        # Every gardener has a bed, and so do two volunteers; the herb bed and the fruit
        # cage are shared.
        gardeners = [p for p in self.people if p.role is Role.SERVICE_USER]
        gardeners += [p for p in self.people if p.display_name in ("Sam", "Priya")]
        for number in range(1, OWNED_BEDS + 1):
            row, column = divmod(number - 1, 6)
            self.beds.append(
                Bed(
                    name=f"Bed {number}",
                    owner_id=gardeners[number - 1].id,
                    x=1.0 + column * 2.2,
                    y=1.0 + row * 3.4,
                    width=1.2,
                    length=2.4,
                )
            )
        self.beds.append(Bed(name="Herb bed", x=14.4, y=1.0, width=1.2, length=2.4))
        self.beds.append(Bed(name="Fruit cage", x=14.4, y=4.4, width=2.4, length=2.4))
        self.session.add_all(self.beds)
        self.session.flush()

    def add_seasons(self) -> list[Season]:
        year = self.today.year
        existing = {s.year: s for s in self.session.scalars(select(Season))}
        seasons = []
        for season_year in range(year - 3, year + 1):
            season = existing.get(season_year) or Season(
                year=season_year, rotation_years=3, started_on=dt.date(season_year, 1, 1)
            )
            self.session.add(season)
            seasons.append(season)
        self.session.flush()
        return seasons

    def _crop_for(self, bed_index: int, year: int) -> list[Crop]:
        bed = self.beds[bed_index]
        if bed.name == "Herb bed":
            return [self.crops[key] for key in HERBS if key in self.crops]
        if bed.name == "Fruit cage":
            return [self.crops[key] for key in FRUIT if key in self.crops]
        if bed_index == 0:
            # Jackie's bed has had strawberries for years.
            return [self.crops["strawberry"]]
        course = COURSES[(bed_index + year) % len(COURSES)]
        main = self.crops[course[(bed_index + year) % len(course)]]
        extra = self.crops[ANYWHERE[(bed_index * 3 + year) % len(ANYWHERE)]]
        return [main, extra]

    def plant_season(self, season: Season) -> None:
        current = season.year == self.today.year
        for index, bed in enumerate(self.beds):
            for crop in self._crop_for(index, season.year):
                self._plant(season, bed, crop, current)

    def _plant(self, season: Season, bed: Bed, crop: Crop, current: bool) -> None:
        sow_months = mask_to_months(crop.sow_months) or [4]
        month = sow_months[len(sow_months) // 2]
        sown = dt.date(season.year, month, self.random.randint(1, 25))
        planted = sown + dt.timedelta(days=self.random.randint(21, 42))
        if crop.perennial:
            status = PlantingStatus.GROWING if current else PlantingStatus.FINISHED
        elif current and planted > self.today:
            status = PlantingStatus.PLANNED
        elif current and self.today.month < 10:
            status = PlantingStatus.GROWING
        else:
            status = (
                PlantingStatus.FAILED if self.random.random() < 0.05 else PlantingStatus.FINISHED
            )
        planting = Planting(
            season_id=season.id,
            bed_id=bed.id,
            crop_id=crop.id,
            sown_on=sown if not crop.perennial else None,
            planted_on=planted if status is not PlantingStatus.PLANNED else None,
            status=status,
        )
        self.session.add(planting)
        self.session.flush()
        self.counts["plantings"] += 1
        if status is PlantingStatus.PLANNED:
            return
        gardener = bed.owner_id or self.people[1 + self.random.randrange(4)].id
        end = min(self.today, dt.date(season.year, 10, 31))
        self._diary(bed, planting, gardener, DiaryAction.SOWED, sown)
        self._diary(bed, planting, gardener, DiaryAction.PLANTED, planted)
        for _ in range(8):
            day = planted + dt.timedelta(days=self.random.randint(1, 120))
            if day <= end:
                action = self.random.choice(
                    (DiaryAction.WATERED, DiaryAction.WATERED, DiaryAction.WEEDED, DiaryAction.FED)
                )
                self._diary(bed, planting, gardener, action, day)
        if status is PlantingStatus.FAILED:
            self._diary(bed, planting, gardener, DiaryAction.NOTE, end, "The slugs ate them.")
            return
        self._harvests(season, bed, crop, planting, gardener, end)

    def _diary(
        self,
        bed: Bed,
        planting: Planting,
        person_id: int,
        action: DiaryAction,
        day: dt.date,
        note: str | None = None,
    ) -> None:
        if day > self.today:
            return
        self.session.add(
            DiaryEntry(
                bed_id=bed.id,
                person_id=person_id,
                planting_id=planting.id,
                action=action,
                day=day,
                note=note,
            )
        )
        self.counts["diary"] += 1

    def _harvests(
        self,
        season: Season,
        bed: Bed,
        crop: Crop,
        planting: Planting,
        gardener: int,
        end: dt.date,
    ) -> None:
        months = mask_to_months(crop.harvest_months) or [8]
        for _ in range(self.random.randint(3, 7)):
            month = self.random.choice(months)
            day = dt.date(season.year, month, self.random.randint(1, 28))
            if day > end:
                continue
            quantity = picked_quantity(self.random, crop.unit)
            self.session.add(
                Harvest(
                    season_id=season.id,
                    day=day,
                    crop_id=crop.id,
                    bed_id=bed.id,
                    quantity=quantity,
                    unit=crop.unit,
                    grams=to_grams(quantity, crop.unit),
                    picked_by_id=gardener,
                )
            )
            self._diary(bed, planting, gardener, DiaryAction.PICKED, day)
            self.counts["harvests"] += 1

    def add_wishes(self) -> None:
        """A few gardeners say what they would like in their bed, this year and next."""
        # Next year's too at any time of year: the group may vote on next season early.
        by_name = {person.display_name: person for person in self.people}
        for year in (self.today.year, self.today.year + 1):
            for name, key in WISHES:
                self.session.add(
                    Wish(person_id=by_name[name].id, crop_id=self.crops[key].id, year=year)
                )

    def hold_vote(self, season: Season) -> None:
        """A dots vote in February of this season, closed, its winners the season's crops."""
        crops = [self.crops[key] for key in VOTE_CROPS]
        ballot = Ballot(
            season_id=season.id,
            question=f"What shall we grow in {season.year}?",
            method=BallotMethod.DOTS,
            seats=4,
            dots_per_voter=3,
            status=BallotStatus.CLOSED,
            created_at=dt.datetime(season.year, 2, 2, 10, 0),
            opened_at=dt.datetime(season.year, 2, 2, 10, 5),
            closed_at=dt.datetime(season.year, 2, 2, 11, 0),
        )
        ballot.options = [
            BallotOption(crop_id=crop.id, position=position) for position, crop in enumerate(crops)
        ]
        self.session.add(ballot)
        self.session.flush()
        option_ids = {option.crop_id: option.id for option in ballot.options}
        names = [crop.name for crop in crops]
        ballots: list[dict[str, int]] = []
        voters = self.people[:12]
        # Strawberries are loved; the rest is spread so that there is a clear result.
        leaning = [0, 0, 1, 3, 4, 0, 6, 1, 2, 3, 0, 4]
        for voter, favourite in zip(voters, leaning, strict=True):
            dots = {names[favourite]: 2}
            other = names[(favourite + 1 + self.random.randrange(3)) % len(names)]
            dots[other] = dots.get(other, 0) + 1
            ballots.append(dots)
            vote = Vote(id=uuid.uuid4().hex, ballot_id=ballot.id)
            vote.marks = [
                VoteMark(option_id=option_ids[crops[names.index(name)].id], value=count)
                for name, count in dots.items()
            ]
            self.session.add(vote)
            self.session.add(HasVoted(ballot_id=ballot.id, person_id=voter.id))
        self.counts["votes"] = len(ballots)
        result = tally_dots(names, ballots, 4, dots_per_voter=3)
        for rank, name in enumerate(result.winners):
            crop = crops[names.index(name)]
            self.session.add(SeasonCrop(season_id=season.id, crop_id=crop.id, rank=rank))

    def make_rotas(self) -> None:
        """Recurring jobs, and six weeks of rotas on working days up to yesterday."""
        start = self.today - dt.timedelta(weeks=ROTA_WEEKS)
        recurring = []
        for key, repeat, weekdays, needed in RECURRING:
            mask = sum(1 << day for day in weekdays)
            template = RecurringJob(
                task_type_id=self.tasks[key].id,
                people_needed=needed,
                repeat=repeat,
                weekdays=mask,
                starts_on=start,
            )
            self.session.add(template)
            recurring.append(template)
        self.session.flush()
        history: list[PastAssignment] = []
        task_names = {task.id: task.name.lower() for task in self.tasks.values()}
        for day in _days(start, self.today - dt.timedelta(days=1)):
            if day.weekday() >= 5:
                continue
            present = self.random.sample(self.people, self.random.randint(7, 10))
            for person in present:
                self.session.add(Attendance(day=day, person_id=person.id))
            jobs = [
                Job(
                    day=day,
                    task_type_id=template.task_type_id,
                    people_needed=template.people_needed,
                    recurring_job_id=template.id,
                    done=True,
                    done_at=dt.datetime.combine(day, dt.time(15, 0)),
                )
                for template in recurring
                if template.repeat is Repeat.DAILY or template.weekdays & (1 << day.weekday())
            ]
            self.session.add_all(jobs)
            self.session.flush()
            rota = make_rota(
                [
                    RotaPerson(
                        id=p.id,
                        cannot=frozenset(t.id for t in p.cannot),
                        likes=frozenset(t.id for t in p.likes),
                        needs_support=p.needs_support,
                        supporter=p.role is not Role.SERVICE_USER,
                        name=p.display_name,
                    )
                    for p in present
                ],
                [
                    RotaJob(
                        id=job.id,
                        kind=job.task_type_id,
                        people=job.people_needed,
                        kind_name=task_names[job.task_type_id],
                    )
                    for job in jobs
                ],
                history,
                today=day,
            )
            for done in jobs:
                for person_id in rota.assignments.get(done.id, []):
                    done.assignments.append(
                        Assignment(person_id=person_id, reason=rota.why(done.id, person_id))
                    )
                    history.append(
                        PastAssignment(person=person_id, kind=done.task_type_id, day=day)
                    )
            self.counts["jobs"] += len(jobs)


def make_demo_farm(db: Database, *, today: dt.date | None = None) -> DemoSummary:
    """Fill a new database with the demo farm, in one transaction; refuse one with people."""
    with db.transaction() as session:
        refuse_a_farm_with_people(session)
        return _DemoBuilder(session, today or dt.date.today()).build()
