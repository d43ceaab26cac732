"""A farm's first start: whether it is new, trying the pretend farm, and the first steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import AuditEvent, Ballot, Bed, Person, Planting, Season, SeasonCrop
from dutchfarm.domain.terms import Role
from dutchfarm.services.auth import Actor, audit, farm_has_coordinator, sign_in
from dutchfarm.services.errors import BadInput, NotAllowed
from dutchfarm.services.farm import current_season
from dutchfarm.services.people import PersonDraft, add_person
from dutchfarm.words import _

if TYPE_CHECKING:
    from dutchfarm.services.demo import DemoSummary

# The audit log's word for "the group chose to start their own farm".
SET_UP = "farm_set_up"
# The first steps of an own farm, in the order they must be taken.
FIRST_STEPS = ("coordinator", "people", "beds", "season")
# The steps that make a farm usable; the season's step comes round again every year.
SETTING_UP = FIRST_STEPS[:3]


@dataclass(frozen=True)
class FirstSteps:
    """Which of the first steps are done, by their names in FIRST_STEPS."""

    done: frozenset[str]

    def is_done(self, step: str) -> bool:
        """Return True when ``step`` has been taken."""
        return step in self.done

    @property
    def set_up(self) -> bool:
        """Return True once the farm has its coordinator, its people and its beds."""
        return all(step in self.done for step in SETTING_UP)


def _any(session: Session, *conditions: ColumnElement[bool]) -> bool:
    return bool(session.scalar(select(exists().where(*conditions))))


def _is_new(session: Session) -> bool:
    # Nobody was ever added, no bed ever drawn, and nobody ever did an admin action (every
    # one is in the audit log, which is never emptied): a farm nobody has set up.
    return not (
        _any(session, Person.id.is_not(None))
        or _any(session, Bed.id.is_not(None))
        or _any(session, AuditEvent.id.is_not(None))
    )


def is_new_farm(db: Database) -> bool:
    """Return True for a farm nobody has set up yet: it is offered the welcome."""
    with db.reading() as session:
        return _is_new(session)


def make_pretend_farm(db: Database, *, today: dt.date | None = None) -> DemoSummary:
    """Fill a new farm with the demo farm, to try the program out; refuse a farm in use."""
    if not is_new_farm(db):
        raise BadInput(_("This farm is already in use, so the pretend farm cannot go in it."))
    # The demo's makers (and the rules they use) are imported only when it is made: every
    # start of the program asks this module which page to open first.
    from dutchfarm.services.demo import make_demo_farm

    return make_demo_farm(db, today=today)


def start_own_farm(db: Database, actor: Actor) -> FirstSteps:
    """Record that the group chose to set up their own farm; return its first steps.

    The choice is kept in the audit log, so the welcome is not offered again.
    """
    with db.transaction() as session:
        if not _is_new(session):
            raise BadInput(_("This farm has already been started."))
        audit(session, actor, SET_UP, "own farm")
    return first_steps(db)


def started_own_farm(db: Database) -> bool:
    """Return True when the group chose, on the welcome, to set up their own farm."""
    with db.reading() as session:
        return _any(session, AuditEvent.action == SET_UP)


def add_first_coordinator(db: Database, actor: Actor, name: str, pin: str) -> Actor:
    """Add the farm's first coordinator and return them signed in, so they can carry on.

    Only a farm without a coordinator may: after that, only the coordinator adds people.
    """
    with db.reading() as session:
        if farm_has_coordinator(session):
            raise NotAllowed(_("This farm has a coordinator already. Ask them to add people."))
    draft = PersonDraft(name=name, role=Role.COORDINATOR, avatar="avatar_01", pin=pin)
    person = add_person(db, actor, draft)
    return sign_in(db, person.id, pin)


def first_steps(db: Database, today: dt.date | None = None) -> FirstSteps:
    """Return which first steps are done: coordinator, people, beds, and a season begun."""
    current = current_season(db, today)
    year = current.year if current else (today or dt.date.today()).year
    with db.reading() as session:
        # This season or the next (the group often votes in winter on the year to come).
        seasons = select(Season.id).where(Season.year >= year).scalar_subquery()
        done = {
            "coordinator": farm_has_coordinator(session),
            "people": _any(session, Person.role != Role.COORDINATOR, Person.archived.is_(False)),
            "beds": _any(session, Bed.archived.is_(False)),
            # A season has begun once the group votes on it, chooses its crops or plants it.
            "season": _any(session, Ballot.season_id.in_(seasons))
            or _any(session, SeasonCrop.season_id.in_(seasons))
            or _any(session, Planting.season_id.in_(seasons)),
        }
    return FirstSteps(frozenset(step for step, taken in done.items() if taken))


def start_page(db: Database) -> str:
    """Return the page the program opens on: the welcome, the first steps, or Today."""
    if is_new_farm(db):
        return "welcome"
    if started_own_farm(db) and not first_steps(db).set_up:
        return "first_steps"
    return "today"
