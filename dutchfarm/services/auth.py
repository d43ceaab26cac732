"""Who is using the program, what they may do, and the coordinator's PIN."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import AuditEvent, Person, now
from dutchfarm.domain.people import verify_pin
from dutchfarm.domain.terms import Role
from dutchfarm.services.errors import Locked, NotAllowed, NotFound, ServiceError
from dutchfarm.words import _, ngettext

PIN_TRIES = 5
PIN_LOCK = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Actor:
    """The person using the program now, as the services see them."""

    person_id: int | None
    role: Role | None
    name: str

    @property
    def is_coordinator(self) -> bool:
        """Return True for a coordinator who has given their PIN (or the command line)."""
        return self.role is Role.COORDINATOR


# Nobody has chosen their picture yet.
NOBODY = Actor(person_id=None, role=None, name=_("Nobody"))
# The command line is run by whoever looks after the PC, so it acts as the coordinator.
COMMAND_LINE = Actor(person_id=None, role=Role.COORDINATOR, name=_("Command line"))


def farm_has_coordinator(session: Session) -> bool:
    """Return True once the farm has an active coordinator with a PIN."""
    query = select(
        exists().where(
            Person.role == Role.COORDINATOR,
            Person.archived.is_(False),
            Person.pin_hash.is_not(None),
        )
    )
    return bool(session.scalar(query))


def require_coordinator(session: Session, actor: Actor, doing: str) -> None:
    """Refuse unless the actor is the coordinator, or the farm is still being set up.

    A new farm has no coordinator yet; until one is added, whoever sits at the PC may set
    the farm up, or nobody ever could.
    """
    if actor.is_coordinator or not farm_has_coordinator(session):
        return
    raise NotAllowed(
        _("Only the coordinator can {doing}. Ask the coordinator to enter their PIN.").format(
            doing=doing
        )
    )


def require_staff(session: Session, actor: Actor, doing: str) -> None:
    """Refuse unless the actor is a volunteer or the coordinator (or the farm is new)."""
    if actor.role in (Role.COORDINATOR, Role.VOLUNTEER) or not farm_has_coordinator(session):
        return
    raise NotAllowed(_("Only a volunteer or the coordinator can {doing}.").format(doing=doing))


def audit(session: Session, actor: Actor, action: str, detail: str = "") -> None:
    """Write an admin action to the audit log, in the same transaction as the action."""
    session.add(AuditEvent(actor_id=actor.person_id, action=action, detail=detail))


def sign_in(db: Database, person_id: int, pin: str | None = None) -> Actor:
    """Make a person the current user; a coordinator must give the right PIN.

    Five wrong PINs lock the coordinator's functions for five minutes.
    """
    with db.transaction() as session:
        person = session.get(Person, person_id)
        if person is None or person.archived:
            raise NotFound(_("That person is not on the list any more."))
        if person.role is not Role.COORDINATOR or person.pin_hash is None:
            return Actor(person.id, person.role, person.display_name)
        moment = now()
        if person.pin_locked_until is not None and person.pin_locked_until > moment:
            minutes = max(1, round((person.pin_locked_until - moment).total_seconds() / 60))
            raise Locked(
                ngettext(
                    "Too many wrong PINs. Please wait {minutes} minute.",
                    "Too many wrong PINs. Please wait {minutes} minutes.",
                    minutes,
                ).format(minutes=minutes)
            )
        if pin is not None and verify_pin(pin, person.pin_hash):
            person.pin_failures = 0
            person.pin_locked_until = None
            return Actor(person.id, person.role, person.display_name)
        person.pin_failures += 1
        left = PIN_TRIES - person.pin_failures
        if left <= 0:
            person.pin_failures = 0
            person.pin_locked_until = moment + PIN_LOCK
            audit(session, NOBODY, "pin_locked", f"person {person.id}")
            minutes = int(PIN_LOCK.total_seconds() // 60)
            message = _("Too many wrong PINs. Please wait {minutes} minutes.").format(
                minutes=minutes
            )
            exc: ServiceError = Locked(message)
        else:
            exc = NotAllowed(
                ngettext(
                    "That PIN is not right. {left} try left.",
                    "That PIN is not right. {left} tries left.",
                    left,
                ).format(left=left)
            )
    # Raised after the block so the failure count is committed, not rolled back.
    raise exc


def farm_can_be_managed_by(db: Database, actor: Actor) -> bool:
    """Return True when ``actor`` may do the coordinator's work now (so pages can say so)."""
    if actor.is_coordinator:
        return True
    with db.reading() as session:
        return not farm_has_coordinator(session)
