"""A person's data rights: what Dutch Farm keeps about them, a copy of it, and erasure."""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import (
    Assignment,
    Attendance,
    AuditEvent,
    Ballot,
    Bed,
    Crop,
    DiaryEntry,
    Harvest,
    HasVoted,
    Job,
    Person,
    TaskType,
    Wish,
)
from dutchfarm.domain.terms import Role
from dutchfarm.services.auth import Actor, audit, require_coordinator
from dutchfarm.services.errors import BadInput, NotFound
from dutchfarm.services.people import ROLE_WORDS
from dutchfarm.words import _


@dataclass(frozen=True)
class KeptItem:
    """One thing kept about a person: what kind, when, and in words."""

    kind: str
    day: str
    detail: str


@dataclass(frozen=True)
class PersonRecord:
    """Everything Dutch Farm keeps about one person."""

    person_id: int
    name: str
    role: str
    colour: str
    picture: str
    needs_support: bool
    cannot: tuple[str, ...]
    likes: tuple[str, ...]
    archived: bool
    added_on: str
    beds: tuple[str, ...]
    items: tuple[KeptItem, ...]

    def count(self, kind: str) -> int:
        """Return how many items of a kind are kept."""
        return sum(1 for item in self.items if item.kind == kind)


@dataclass(frozen=True)
class AuditInfo:
    """One line of the audit log."""

    at: dt.datetime
    who: str
    action: str
    detail: str


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(_("That person is not on the list any more."))
    return person


def person_record(db: Database, actor: Actor, person_id: int) -> PersonRecord:
    """Return everything kept about a person (the coordinator only)."""
    with db.reading() as session:
        require_coordinator(session, actor, _("see what is kept about a person"))
        person = _person(session, person_id)
        items: list[KeptItem] = []
        for day, action, note, bed in session.execute(
            select(DiaryEntry.day, DiaryEntry.action, DiaryEntry.note, Bed.name)
            .join(Bed, DiaryEntry.bed_id == Bed.id)
            .where(DiaryEntry.person_id == person_id)
            .order_by(DiaryEntry.day)
        ):
            words = _("{value} in {bed}").format(value=action.value, bed=bed) + (
                f": {note}" if note else ""
            )
            items.append(KeptItem("diary", day.isoformat(), words))
        for day, quantity, unit, crop in session.execute(
            select(Harvest.day, Harvest.quantity, Harvest.unit, Crop.name)
            .join(Crop, Harvest.crop_id == Crop.id)
            .where(Harvest.picked_by_id == person_id)
            .order_by(Harvest.day)
        ):
            items.append(KeptItem("harvest", day.isoformat(), f"{quantity:g} {unit.value} {crop}"))
        for day, task in session.execute(
            select(Job.day, TaskType.name)
            .join(Assignment, Assignment.job_id == Job.id)
            .join(TaskType, Job.task_type_id == TaskType.id)
            .where(Assignment.person_id == person_id)
            .order_by(Job.day)
        ):
            items.append(KeptItem("job", day.isoformat(), task))
        for (day,) in session.execute(
            select(Attendance.day).where(Attendance.person_id == person_id).order_by(Attendance.day)
        ):
            items.append(KeptItem("attendance", day.isoformat(), _("came in")))
        for question, made in session.execute(
            select(Ballot.question, Ballot.created_at)
            .join(HasVoted, HasVoted.ballot_id == Ballot.id)
            .where(HasVoted.person_id == person_id)
        ):
            items.append(
                KeptItem(
                    "voted",
                    made.date().isoformat(),
                    _("voted in: {question}").format(question=question),
                )
            )
        for year, crop in session.execute(
            select(Wish.year, Crop.name)
            .join(Crop, Wish.crop_id == Crop.id)
            .where(Wish.person_id == person_id)
        ):
            items.append(KeptItem("wish", str(year), _("would like {crop}").format(crop=crop)))
        beds = tuple(
            session.scalars(select(Bed.name).where(Bed.owner_id == person_id).order_by(Bed.name))
        )
        if person.photo:
            picture = _("a photo")
        elif person.avatar:
            picture = _("picture {0}").format(person.avatar.removeprefix("avatar_").lstrip("0"))
        else:
            picture = _("their initials")
        return PersonRecord(
            person_id=person.id,
            name=person.display_name,
            role=ROLE_WORDS[person.role],
            colour=person.colour,
            picture=picture,
            needs_support=person.needs_support,
            cannot=tuple(task.name for task in person.cannot),
            likes=tuple(task.name for task in person.likes),
            archived=person.archived,
            added_on=person.created_at.date().isoformat(),
            beds=beds,
            items=tuple(items),
        )


def export_person(db: Database, actor: Actor, person_id: int, folder: Path) -> tuple[Path, Path]:
    """Write everything kept about a person to a JSON file and a CSV file in ``folder``."""
    record = person_record(db, actor, person_id)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"dutchfarm-{record.person_id}-{dt.date.today():%Y%m%d}"
    json_path = folder / f"{stem}.json"
    csv_path = folder / f"{stem}.csv"
    data = asdict(record)
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("kind", "date", "detail"))
        for field in ("name", "role", "colour", "picture", "needs_support", "added_on"):
            writer.writerow(("details", "", f"{field}: {data[field]}"))
        writer.writerow(
            ("details", "", _("cannot do: {cannot}").format(cannot=", ".join(record.cannot)))
        )
        writer.writerow(("details", "", _("likes: {likes}").format(likes=", ".join(record.likes))))
        writer.writerow(("details", "", _("beds: {beds}").format(beds=", ".join(record.beds))))
        for item in record.items:
            writer.writerow((item.kind, item.day, item.detail))
    with db.transaction() as session:
        audit(session, actor, "person_exported", f"{record.person_id}")
    return csv_path, json_path


def note_printed(db: Database, actor: Actor, person_id: int) -> None:
    """Write in the audit log that what is kept about a person was printed for them."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("print what is kept about a person"))
        _person(session, person_id)
        audit(session, actor, "person_printed", f"{person_id}")


def erase_person(db: Database, actor: Actor, person_id: int) -> int:
    """Erase a person: their name, picture and links go; their work stays, by "someone".

    Harvests, diary entries and jobs stay in the totals with nobody's name on them; their
    votes were never linked to them and stay counted. Returns how many records now say
    "someone".
    """
    with db.transaction() as session:
        require_coordinator(session, actor, _("erase a person"))
        person = _person(session, person_id)
        if person.role is Role.COORDINATOR and not person.archived:
            others = session.scalar(
                select(func.count())
                .select_from(Person)
                .where(
                    Person.role == Role.COORDINATOR,
                    Person.archived.is_(False),
                    Person.id != person_id,
                )
            )
            if not others:
                raise BadInput(_("This is the only coordinator. Add another coordinator first."))
        kept = sum(
            session.scalar(select(func.count()).select_from(model).where(column == person_id)) or 0
            for model, column in (
                (Harvest, Harvest.picked_by_id),
                (DiaryEntry, DiaryEntry.person_id),
                (Assignment, Assignment.person_id),
            )
        )
        # The audit log said who was added or changed by name: the name goes from there too.
        session.execute(
            update(AuditEvent)
            .where(AuditEvent.detail.like(f"{person_id} %"))
            .values(detail=_("{person_id} (erased)").format(person_id=person_id))
        )
        session.delete(person)
        session.flush()
        audit(session, actor, "person_erased", f"{person_id} (erased)")
        return kept


def audit_log(db: Database, actor: Actor, limit: int = 500) -> list[AuditInfo]:
    """Return the newest lines of the audit log (the coordinator only)."""
    with db.reading() as session:
        require_coordinator(session, actor, _("see the audit log"))
        names = dict(session.execute(select(Person.id, Person.display_name)).all())
        return [
            AuditInfo(
                event.at,
                _who(names, event.actor_id),
                event.action,
                event.detail,
            )
            for event in session.scalars(
                select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
            )
        ]


def _who(names: dict[int, str], actor_id: int | None) -> str:
    if actor_id is None:
        return _("No one signed in (set-up or the command line)")
    return names.get(actor_id, "someone")


def export_audit_log(db: Database, actor: Actor, path: Path) -> int:
    """Write the whole audit log to a CSV file; return how many lines were written."""
    lines = audit_log(db, actor, limit=1_000_000)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("when", "who", "action", "detail"))
        for line in reversed(lines):
            writer.writerow((line.at.isoformat(sep=" "), line.who, line.action, line.detail))
    return len(lines)
