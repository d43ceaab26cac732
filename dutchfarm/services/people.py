"""People at the farm: listing, adding, changing and archiving them."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from dutchfarm.db.database import Database
from dutchfarm.db.models import Bed, Person, TaskType
from dutchfarm.domain.people import check_colour, check_pin, clean_name, hash_pin
from dutchfarm.domain.terms import Role
from dutchfarm.services.auth import Actor, audit, require_coordinator
from dutchfarm.services.errors import BadInput, NotFound
from dutchfarm.words import _

# Earthy, distinct colours a person can pick; each keeps dark text readable on top.
PERSON_COLOURS = (
    "#F4C7A1",
    "#F6E3A1",
    "#CFE3A6",
    "#A9D8C8",
    "#B7D3F0",
    "#D3C4EC",
    "#F2BFD2",
    "#E6D2B5",
    "#C9C9C9",
    "#F5A98C",
)
AVATAR_COUNT = 16
ROLE_WORDS = {
    Role.COORDINATOR: _("Coordinator"),
    Role.VOLUNTEER: _("Volunteer"),
    Role.SERVICE_USER: _("Gardener"),
}


@dataclass(frozen=True)
class PersonInfo:
    """What a page needs to show a person."""

    id: int
    name: str
    role: Role
    colour: str
    avatar: str | None
    photo: bytes | None
    needs_support: bool
    cannot: frozenset[int]
    likes: frozenset[int]
    archived: bool
    has_pin: bool
    beds: tuple[str, ...] = ()

    def draft(self) -> PersonDraft:
        """Return the person's details as a draft, to edit them or undo a change."""
        return PersonDraft(
            name=self.name,
            role=self.role,
            colour=self.colour,
            avatar=self.avatar,
            photo=self.photo,
            needs_support=self.needs_support,
            cannot=self.cannot,
            likes=self.likes,
        )


@dataclass(frozen=True)
class PersonDraft:
    """The details typed into the person form; ``pin`` set only to give a new PIN."""

    name: str
    role: Role
    colour: str = PERSON_COLOURS[0]
    avatar: str | None = None
    photo: bytes | None = None
    needs_support: bool = False
    cannot: frozenset[int] = field(default_factory=frozenset)
    likes: frozenset[int] = field(default_factory=frozenset)
    pin: str | None = None


def _info(person: Person, beds: tuple[str, ...] = ()) -> PersonInfo:
    return PersonInfo(
        id=person.id,
        name=person.display_name,
        role=person.role,
        colour=person.colour,
        avatar=person.avatar,
        photo=person.photo,
        needs_support=person.needs_support,
        cannot=frozenset(task.id for task in person.cannot),
        likes=frozenset(task.id for task in person.likes),
        archived=person.archived,
        has_pin=person.pin_hash is not None,
        beds=beds,
    )


def _beds_by_owner(session: Session) -> dict[int, tuple[str, ...]]:
    rows = session.execute(
        select(Bed.owner_id, Bed.name)
        .where(Bed.owner_id.is_not(None), Bed.archived.is_(False))
        .order_by(Bed.name)
    )
    owned: dict[int, list[str]] = {}
    for owner_id, name in rows:
        if owner_id is not None:
            owned.setdefault(owner_id, []).append(name)
    return {owner: tuple(names) for owner, names in owned.items()}


def list_people(db: Database, *, include_archived: bool = False) -> list[PersonInfo]:
    """Return the people, by name; archived people only when asked for."""
    with db.reading() as session:
        query = (
            select(Person)
            .options(selectinload(Person.cannot), selectinload(Person.likes))
            .order_by(func.lower(Person.display_name), Person.id)
        )
        if not include_archived:
            query = query.where(Person.archived.is_(False))
        owned = _beds_by_owner(session)
        return [_info(person, owned.get(person.id, ())) for person in session.scalars(query)]


def get_person(db: Database, person_id: int) -> PersonInfo:
    """Return one person, archived or not."""
    with db.reading() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(_("That person is not on the list any more."))
        return _info(person, _beds_by_owner(session).get(person.id, ()))


def _apply(session: Session, person: Person, draft: PersonDraft) -> None:
    try:
        name = clean_name(draft.name)
        colour = check_colour(draft.colour)
        pin = check_pin(draft.pin) if draft.pin is not None else None
    except ValueError as error:
        raise BadInput(str(error)) from error
    if draft.avatar is not None and not _is_avatar(draft.avatar):
        raise BadInput(_("Please choose a picture from the list."))
    both = draft.cannot & draft.likes
    if both:
        names = ", ".join(sorted(t.name.lower() for t in _task_types(session, both)))
        raise BadInput(
            _("A job cannot be liked and can't-do at once: {names}.").format(names=names)
        )
    if draft.role is Role.COORDINATOR and pin is None and person.pin_hash is None:
        raise BadInput(_("A coordinator needs a PIN of 4 to 8 numbers."))
    person.display_name = name
    person.role = draft.role
    person.colour = colour
    person.avatar = draft.avatar
    person.photo = draft.photo
    person.needs_support = draft.needs_support
    person.cannot = _task_types(session, draft.cannot)
    person.likes = _task_types(session, draft.likes)
    if pin is not None:
        person.pin_hash = hash_pin(pin)
        person.pin_failures = 0
        person.pin_locked_until = None


def _is_avatar(avatar: str) -> bool:
    prefix, _, number = avatar.partition("_")
    return prefix == "avatar" and number.isdigit() and 1 <= int(number) <= AVATAR_COUNT


def _task_types(session: Session, ids: frozenset[int]) -> list[TaskType]:
    if not ids:
        return []
    found = list(session.scalars(select(TaskType).where(TaskType.id.in_(ids))))
    if len(found) != len(ids):
        raise BadInput(_("One of the jobs chosen is not on the list any more."))
    return sorted(found, key=lambda task: task.id)


def add_person(db: Database, actor: Actor, draft: PersonDraft) -> PersonInfo:
    """Add a person to the farm."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("add people"))
        person = Person(pin_failures=0, archived=False)
        _apply(session, person, draft)
        session.add(person)
        session.flush()
        audit(session, actor, "person_added", f"{person.id} {person.display_name}")
        return _info(person)


def update_person(db: Database, actor: Actor, person_id: int, draft: PersonDraft) -> PersonInfo:
    """Change a person's details; a PIN is changed only when the draft gives one."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("change people's details"))
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(_("That person is not on the list any more."))
        if person.role is Role.COORDINATOR and draft.role is not Role.COORDINATOR:
            _keep_a_coordinator(session, person)
        _apply(session, person, draft)
        audit(session, actor, "person_changed", f"{person.id} {person.display_name}")
        if draft.pin is not None:
            audit(session, actor, "pin_changed", f"{person.id} {person.display_name}")
        return _info(person, _beds_by_owner(session).get(person.id, ()))


def set_archived(db: Database, actor: Actor, person_id: int, archived: bool) -> PersonInfo:
    """Archive a person (they leave the lists, their records stay) or bring them back."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("archive people"))
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(_("That person is not on the list any more."))
        if archived and person.role is Role.COORDINATOR:
            _keep_a_coordinator(session, person)
        person.archived = archived
        audit(
            session,
            actor,
            "person_archived" if archived else "person_restored",
            f"{person.id} {person.display_name}",
        )
        return _info(person)


def _keep_a_coordinator(session: Session, leaving: Person) -> None:
    # Without an active coordinator the farm would fall back to set-up mode, where anyone
    # may manage people: so the last one cannot step down.
    others = session.scalar(
        select(func.count())
        .select_from(Person)
        .where(
            Person.role == Role.COORDINATOR,
            Person.archived.is_(False),
            Person.pin_hash.is_not(None),
            Person.id != leaving.id,
        )
    )
    if not others:
        raise BadInput(
            _("{display_name} is the only coordinator. Add another coordinator first.").format(
                display_name=leaving.display_name
            )
        )
