"""Raised beds: the map, and each bed's record of plantings, diary and harvest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from dutchfarm.db.database import Database
from dutchfarm.db.models import Bed, Crop, DiaryEntry, Harvest, Person, Planting, Season
from dutchfarm.domain.people import clean_text
from dutchfarm.domain.sorting import natural_key
from dutchfarm.domain.terms import DiaryAction, PlantingStatus, Role, Unit
from dutchfarm.services.auth import Actor, audit, require_coordinator
from dutchfarm.services.errors import BadInput, NotAllowed, NotFound
from dutchfarm.services.rotation_rules import conflict, load_history, rotation_years
from dutchfarm.words import _

# The map has room for a big allotment; anything outside is a typing slip.
MAP_SIZE_M = 500.0
BED_SIDE_M = (0.3, 50.0)
DIARY_SHOWN = 200
# Seasons are kept from 1900 on; a diary date before that is a typing slip.
EARLIEST_YEAR = 1900


@dataclass(frozen=True)
class PersonBadge:
    """Just enough of a person to draw their picture and name."""

    id: int
    name: str
    colour: str
    avatar: str | None
    photo: bytes | None


SOMEONE = PersonBadge(id=0, name=_("Someone"), colour="#E6D2B5", avatar=None, photo=None)


@dataclass(frozen=True)
class CropBadge:
    """A crop's name and picture."""

    id: int
    name: str
    plural: str
    icon: str
    group: str


@dataclass(frozen=True)
class BedInfo:
    """A bed on the map: where it is, whose it is, and what it grows this season.

    ``crops`` holds the season's plantings that are planned, growing or finished (not
    those that failed), each crop once.
    """

    id: int
    name: str
    owner: PersonBadge | None
    x: float
    y: float
    width: float
    length: float
    archived: bool
    crops: tuple[CropBadge, ...]
    # Rotation conflicts of this season's crops, in plain words.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class BedDraft:
    """The details of a bed the coordinator can change."""

    name: str
    owner_id: int | None
    x: float
    y: float
    width: float
    length: float


@dataclass(frozen=True)
class PlantingInfo:
    """A crop in a bed this season."""

    id: int
    crop: CropBadge
    variety: str | None
    sown_on: dt.date | None
    planted_on: dt.date | None
    status: PlantingStatus
    warning: str | None = None


@dataclass(frozen=True)
class DiaryInfo:
    """One thing done to a bed."""

    id: int
    day: dt.date
    action: DiaryAction
    note: str | None
    person: PersonBadge


@dataclass(frozen=True)
class HarvestLine:
    """This season's harvest of one crop from a bed, weights and counts kept apart."""

    crop: CropBadge
    grams: float
    count: float
    bunches: float


@dataclass(frozen=True)
class BedRecord:
    """Everything the bed record page shows."""

    bed: BedInfo
    season_year: int | None
    plantings: tuple[PlantingInfo, ...]
    diary: tuple[DiaryInfo, ...]
    harvest: tuple[HarvestLine, ...]
    can_write: bool
    # What is planned for this bed in the next season that has a plan, once there is one.
    planned_year: int | None = None
    planned: tuple[CropBadge, ...] = ()


def _badge(person: Person | None) -> PersonBadge | None:
    if person is None:
        return None
    return PersonBadge(person.id, person.display_name, person.colour, person.avatar, person.photo)


def _crop_badge(crop: Crop) -> CropBadge:
    return CropBadge(crop.id, crop.name, crop.plural, crop.icon, crop.group_id)


def _season(session: Session, year: int | None = None) -> Season | None:
    year = year or dt.date.today().year
    return (
        session.scalars(
            select(Season).where(Season.year <= year).order_by(Season.year.desc()).limit(1)
        ).first()
        or session.scalars(select(Season).order_by(Season.year).limit(1)).first()
    )


class SeasonCrops:
    """This season's crops in every bed, and the rotation conflicts among them."""

    def __init__(self, session: Session, season: Season | None) -> None:
        self.crops: dict[int, list[CropBadge]] = {}
        self.warnings: dict[int, list[str]] = {}
        self.by_planting: dict[int, str] = {}
        if season is None:
            return
        rows = session.execute(
            select(Planting.id, Bed.id, Bed.name, Crop)
            .join(Crop, Planting.crop_id == Crop.id)
            .join(Bed, Planting.bed_id == Bed.id)
            .where(Planting.season_id == season.id, Planting.status != PlantingStatus.FAILED)
            .order_by(Bed.id, Planting.id)
        ).all()
        history = load_history(session, season.year)
        years = rotation_years(session, season.year)
        for planting_id, bed_id, bed_name, crop in rows:
            badges = self.crops.setdefault(bed_id, [])
            if all(badge.id != crop.id for badge in badges):
                badges.append(_crop_badge(crop))
            message = conflict(history, bed_name, season.year, crop, years)
            if message is not None:
                self.by_planting[planting_id] = message
                notes = self.warnings.setdefault(bed_id, [])
                if message not in notes:
                    notes.append(message)


def _bed_info(bed: Bed, season: SeasonCrops) -> BedInfo:
    return BedInfo(
        id=bed.id,
        name=bed.name,
        owner=_badge(bed.owner),
        x=bed.x,
        y=bed.y,
        width=bed.width,
        length=bed.length,
        archived=bed.archived,
        crops=tuple(season.crops.get(bed.id, ())),
        warnings=tuple(season.warnings.get(bed.id, ())),
    )


def list_beds(
    db: Database, *, include_archived: bool = False, year: int | None = None
) -> list[BedInfo]:
    """Return the beds with their owners and the crops of this season (or ``year``'s)."""
    with db.reading() as session:
        crops = SeasonCrops(session, _season(session, year))
        # Owners come with their beds in the same query, not one query per bed.
        query = select(Bed).options(joinedload(Bed.owner)).order_by(Bed.id)
        if not include_archived:
            query = query.where(Bed.archived.is_(False))
        beds = [_bed_info(bed, crops) for bed in session.scalars(query)]
    return sorted(beds, key=lambda bed: natural_key(bed.name))


def planned_season(db: Database, today: dt.date | None = None) -> int | None:
    """Return the year of the next season if something is planned in it already, else None."""
    with db.reading() as session:
        season = _season(session, (today or dt.date.today()).year)
        if season is None:
            return None
        return session.scalar(
            select(func.min(Season.year))
            .join(Planting, Planting.season_id == Season.id)
            .where(Season.year > season.year)
        )


def _planned(session: Session, bed_id: int, after: int) -> tuple[int | None, tuple[CropBadge, ...]]:
    """The crops planned for a bed in the first season after ``after`` that has any."""
    rows = session.execute(
        select(Season.year, Crop)
        .join(Planting, Planting.season_id == Season.id)
        .join(Crop, Planting.crop_id == Crop.id)
        .where(Planting.bed_id == bed_id, Season.year > after)
        .order_by(Season.year, Planting.id)
    ).all()
    if not rows:
        return None, ()
    year = rows[0][0]
    crops = {crop.id: _crop_badge(crop) for row_year, crop in rows if row_year == year}
    return year, tuple(crops.values())


def bed_of(db: Database, person_id: int) -> int | None:
    """Return the id of the person's own bed (the first by name), or None."""
    return _first_bed(db, person_id)


def first_bed(db: Database) -> int | None:
    """Return the id of the farm's first bed by name (archived beds left out), or None."""
    return _first_bed(db, None)


def _first_bed(db: Database, owner_id: int | None) -> int | None:
    query = select(Bed.id, Bed.name).where(Bed.archived.is_(False))
    if owner_id is not None:
        query = query.where(Bed.owner_id == owner_id)
    with db.reading() as session:
        names = session.execute(query).all()
    if not names:
        return None
    return min(names, key=lambda row: natural_key(row[1]))[0]


def _get_bed(session: Session, bed_id: int) -> Bed:
    bed = session.get(Bed, bed_id)
    if bed is None:
        raise NotFound(_("That bed is not on the map any more."))
    return bed


def may_write(actor: Actor, bed: Bed) -> bool:
    """Return True when the actor may add to this bed's record.

    Volunteers and the coordinator may add to any bed; a gardener only to their own.
    """
    if actor.role in (Role.COORDINATOR, Role.VOLUNTEER):
        return True
    return actor.person_id is not None and bed.owner_id == actor.person_id


def _require_writer(actor: Actor, bed: Bed) -> None:
    if actor.person_id is None and actor.role is None:
        raise NotAllowed(_("Please tap your picture first."))
    if not may_write(actor, bed):
        raise NotAllowed(_("This is not your bed. You can look at {name}.").format(name=bed.name))


def _check_draft(draft: BedDraft) -> tuple[str, float, float, float, float]:
    try:
        name = clean_text(draft.name, what=_("bed name"), longest=40)
    except ValueError as error:
        raise BadInput(str(error)) from error
    low, high = BED_SIDE_M
    if not (low <= draft.width <= high and low <= draft.length <= high):
        raise BadInput(
            _("A bed is between {low} and {high:g} metres on each side.").format(low=low, high=high)
        )
    if not (0 <= draft.x <= MAP_SIZE_M and 0 <= draft.y <= MAP_SIZE_M):
        raise BadInput(_("That place is off the map."))
    return name, round(draft.x, 2), round(draft.y, 2), draft.width, draft.length


def _apply(session: Session, bed: Bed, draft: BedDraft) -> None:
    name, x, y, width, length = _check_draft(draft)
    # Compared in Python: the database's lower() knows only ASCII letters ("İ", "Ő").
    wanted = name.casefold()
    for other_id, other_name in session.execute(select(Bed.id, Bed.name)):
        if other_id != bed.id and (other_name == name or other_name.casefold() == wanted):
            raise BadInput(
                _("There is already a bed called {other_name}.").format(other_name=other_name)
            )
    if draft.owner_id is not None:
        owner = session.get(Person, draft.owner_id)
        if owner is None or owner.archived:
            raise BadInput(_("That person is not on the list any more."))
    bed.name, bed.x, bed.y, bed.width, bed.length = name, x, y, width, length
    bed.owner_id = draft.owner_id


def _one_bed(session: Session, bed: Bed) -> BedInfo:
    session.flush()
    session.refresh(bed)
    return _bed_info(bed, SeasonCrops(session, _season(session)))


def add_bed(db: Database, actor: Actor, draft: BedDraft) -> BedInfo:
    """Draw a new bed on the map."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("add beds"))
        bed = Bed(archived=False)
        _apply(session, bed, draft)
        session.add(bed)
        session.flush()
        audit(session, actor, "bed_added", f"{bed.id} {bed.name}")
        return _one_bed(session, bed)


def update_bed(db: Database, actor: Actor, bed_id: int, draft: BedDraft) -> BedInfo:
    """Rename, move, resize a bed, or set or clear its owner."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("change beds"))
        bed = _get_bed(session, bed_id)
        _apply(session, bed, draft)
        audit(session, actor, "bed_changed", f"{bed.id} {bed.name}")
        return _one_bed(session, bed)


def move_bed(db: Database, actor: Actor, bed_id: int, x: float, y: float) -> BedInfo:
    """Move a bed to a new place on the map (its top-left corner, in metres)."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("move beds"))
        bed = _get_bed(session, bed_id)
        draft = BedDraft(bed.name, bed.owner_id, x, y, bed.width, bed.length)
        _apply(session, bed, draft)
        return _one_bed(session, bed)


def set_bed_archived(db: Database, actor: Actor, bed_id: int, archived: bool) -> BedInfo:
    """Take a bed off the map (its records stay) or bring it back."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("archive beds"))
        bed = _get_bed(session, bed_id)
        bed.archived = archived
        audit(session, actor, "bed_archived" if archived else "bed_restored", bed.name)
        return _one_bed(session, bed)


def bed_record(db: Database, actor: Actor, bed_id: int) -> BedRecord:
    """Return a bed's record for this season: plantings, diary (newest first), harvest."""
    with db.reading() as session:
        bed = _get_bed(session, bed_id)
        season = _season(session)
        crops = SeasonCrops(session, season)
        plantings: list[PlantingInfo] = []
        harvest: list[HarvestLine] = []
        if season is not None:
            for planting, crop in session.execute(
                select(Planting, Crop)
                .join(Crop, Planting.crop_id == Crop.id)
                .where(Planting.bed_id == bed.id, Planting.season_id == season.id)
                .order_by(Planting.id)
            ):
                plantings.append(
                    PlantingInfo(
                        planting.id,
                        _crop_badge(crop),
                        planting.variety,
                        planting.sown_on,
                        planting.planted_on,
                        planting.status,
                        crops.by_planting.get(planting.id),
                    )
                )
            harvest = _harvest_lines(session, bed.id, season.id)
        people = {p.id: p for p in session.scalars(select(Person))}
        entries = session.scalars(
            select(DiaryEntry)
            .where(DiaryEntry.bed_id == bed.id)
            .order_by(DiaryEntry.day.desc(), DiaryEntry.id.desc())
            .limit(DIARY_SHOWN)
        )
        diary = tuple(
            DiaryInfo(
                entry.id,
                entry.day,
                entry.action,
                entry.note,
                _badge(people.get(entry.person_id or 0)) or SOMEONE,
            )
            for entry in entries
        )
        planned_year, planned = _planned(session, bed.id, season.year) if season else (None, ())
        return BedRecord(
            bed=_bed_info(bed, crops),
            season_year=season.year if season else None,
            plantings=tuple(plantings),
            diary=diary,
            harvest=tuple(harvest),
            can_write=may_write(actor, bed),
            planned_year=planned_year,
            planned=planned,
        )


def _harvest_lines(session: Session, bed_id: int, season_id: int) -> list[HarvestLine]:
    totals: dict[int, dict[str, float]] = {}
    crops: dict[int, Crop] = {}
    rows = session.execute(
        select(Harvest.crop_id, Harvest.unit, func.sum(Harvest.quantity), func.sum(Harvest.grams))
        .where(Harvest.bed_id == bed_id, Harvest.season_id == season_id)
        .group_by(Harvest.crop_id, Harvest.unit)
    )
    for crop_id, unit, quantity, grams in rows:
        line = totals.setdefault(crop_id, {"grams": 0.0, "count": 0.0, "bunches": 0.0})
        if unit in (Unit.GRAMS, Unit.KILOGRAMS):
            line["grams"] += grams or 0.0
        elif unit is Unit.COUNT:
            line["count"] += quantity
        else:
            line["bunches"] += quantity
    for crop in session.scalars(select(Crop).where(Crop.id.in_(totals))):
        crops[crop.id] = crop
    lines = [
        HarvestLine(_crop_badge(crops[crop_id]), t["grams"], t["count"], t["bunches"])
        for crop_id, t in totals.items()
    ]
    return sorted(lines, key=lambda line: line.crop.name)


def add_diary_entry(
    db: Database,
    actor: Actor,
    bed_id: int,
    action: DiaryAction,
    note: str | None = None,
    day: dt.date | None = None,
) -> DiaryInfo:
    """Write down something done to a bed today, by the current user."""
    with db.transaction() as session:
        entry = write_diary(session, actor, bed_id, action, note, day)
        person = session.get(Person, actor.person_id) if actor.person_id else None
        return DiaryInfo(entry.id, entry.day, entry.action, entry.note, _badge(person) or SOMEONE)


def write_diary(
    session: Session,
    actor: Actor,
    bed_id: int,
    action: DiaryAction,
    note: str | None = None,
    day: dt.date | None = None,
) -> DiaryEntry:
    """Add a diary entry inside the caller's transaction, after the checks."""
    bed = _get_bed(session, bed_id)
    _require_writer(actor, bed)
    try:
        words = clean_text(note or "", what="note", longest=500, required=False) or None
    except ValueError as error:
        raise BadInput(str(error)) from error
    if action is DiaryAction.NOTE and not words:
        raise BadInput(_("Please write the note first."))
    when = day or dt.date.today()
    if when > dt.date.today():
        raise BadInput(_("The diary is for things already done."))
    if when.year < EARLIEST_YEAR:
        raise BadInput(
            _("Please choose a day from {earliest_year} on.").format(earliest_year=EARLIEST_YEAR)
        )
    entry = DiaryEntry(
        bed_id=bed.id, person_id=actor.person_id, action=action, day=when, note=words
    )
    session.add(entry)
    session.flush()
    return entry


def remove_diary_entry(db: Database, actor: Actor, entry_id: int) -> None:
    """Take a diary entry back out (to undo it); people may remove only their own."""
    with db.transaction() as session:
        drop_diary_entry(session, actor, entry_id)


def drop_diary_entry(session: Session, actor: Actor, entry_id: int) -> None:
    """Delete a diary entry inside the caller's transaction, after the checks."""
    entry = session.get(DiaryEntry, entry_id)
    if entry is None:
        raise NotFound(_("That diary entry is not there any more."))
    bed = _get_bed(session, entry.bed_id)
    _require_writer(actor, bed)
    if actor.role is Role.SERVICE_USER and entry.person_id != actor.person_id:
        raise NotAllowed(_("You can only take back your own diary entries."))
    session.delete(entry)


def add_planting(
    db: Database,
    actor: Actor,
    bed_id: int,
    crop_id: int,
    *,
    variety: str | None = None,
    status: PlantingStatus = PlantingStatus.GROWING,
    sown_on: dt.date | None = None,
    planted_on: dt.date | None = None,
    go_ahead: bool = False,
) -> PlantingInfo:
    """Put a crop in a bed this season.

    A crop that breaks the rotation is refused with a RotationWarning saying why, unless
    ``go_ahead`` is given, which only volunteers and the coordinator may do.
    """
    with db.transaction() as session:
        bed = _get_bed(session, bed_id)
        _require_writer(actor, bed)
        crop = session.get(Crop, crop_id)
        if crop is None or crop.archived:
            raise BadInput(_("That crop is not in the library any more."))
        season = _season(session)
        if season is None:
            raise BadInput(_("Please start a season first."))
        _check_rotation(session, actor, bed, crop, season.year, go_ahead)
        try:
            kind = clean_text(variety or "", what="variety", longest=80, required=False) or None
        except ValueError as error:
            raise BadInput(str(error)) from error
        if sown_on and planted_on and planted_on < sown_on:
            raise BadInput(_("A crop is planted out after it is sown."))
        if status is PlantingStatus.GROWING and sown_on is None and planted_on is None:
            sown_on = dt.date.today()
        planting = Planting(
            season_id=season.id,
            bed_id=bed.id,
            crop_id=crop.id,
            variety=kind,
            status=status,
            sown_on=sown_on,
            planted_on=planted_on,
        )
        session.add(planting)
        session.flush()
        return PlantingInfo(planting.id, _crop_badge(crop), kind, sown_on, planted_on, status)


class RotationWarning(BadInput):
    """A planting would break the crop rotation; staff may choose to go ahead."""


def _check_rotation(
    session: Session, actor: Actor, bed: Bed, crop: Crop, year: int, go_ahead: bool
) -> None:
    history = load_history(session, year)
    message = conflict(history, bed.name, year, crop, rotation_years(session, year))
    if message is None:
        return
    if not go_ahead:
        raise RotationWarning(message)
    if actor.role not in (Role.COORDINATOR, Role.VOLUNTEER):
        raise NotAllowed(
            _("{message} Ask a volunteer if you want to plant them anyway.").format(message=message)
        )


def set_planting_status(
    db: Database, actor: Actor, planting_id: int, status: PlantingStatus
) -> PlantingInfo:
    """Mark a planting planned, growing, finished or failed."""
    with db.transaction() as session:
        planting = session.get(Planting, planting_id)
        if planting is None:
            raise NotFound(_("That planting is not there any more."))
        _require_writer(actor, _get_bed(session, planting.bed_id))
        planting.status = status
        if status is PlantingStatus.GROWING and planting.planted_on is None:
            planting.planted_on = dt.date.today()
        return PlantingInfo(
            planting.id,
            _crop_badge(planting.crop),
            planting.variety,
            planting.sown_on,
            planting.planted_on,
            planting.status,
        )


def remove_planting(db: Database, actor: Actor, planting_id: int) -> None:
    """Take a planting out again (to undo adding it)."""
    with db.transaction() as session:
        planting = session.get(Planting, planting_id)
        if planting is None:
            raise NotFound(_("That planting is not there any more."))
        _require_writer(actor, _get_bed(session, planting.bed_id))
        session.delete(planting)
