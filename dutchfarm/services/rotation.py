"""Crop rotation: the history grid, conflicts in plain words, wishes, and the bed planner."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, select

from dutchfarm.db.database import Database
from dutchfarm.db.models import Bed, Crop, Farm, Person, Planting, Season, SeasonCrop, Wish
from dutchfarm.domain.rotation import GROUP_NAMES, NEVER_CONFLICT, plan_beds, validate_years
from dutchfarm.domain.sorting import natural_key
from dutchfarm.domain.terms import PlantingStatus, Role
from dutchfarm.services.auth import Actor, audit, require_coordinator
from dutchfarm.services.beds import CropBadge
from dutchfarm.services.errors import BadInput, NotAllowed, NotFound
from dutchfarm.services.rotation_rules import (
    RotationHistory,
    conflict,
    group_conflict,
    load_history,
    rotation_lengths,
    rotation_years,
)
from dutchfarm.words import _

GRID_YEARS_BACK = 6

# The grid's reads, built once: the beds in use, what grew where in a span of years (as
# numbers: the words of the few crops come once each, not once a planting), and the crops.
_GRID_BEDS = select(Bed.id, Bed.name).where(Bed.archived.is_(False))
_GRID_PLANTINGS = (
    select(Planting.bed_id, Season.year, Planting.crop_id)
    .join(Season, Planting.season_id == Season.id)
    .where(Season.year >= bindparam("earliest"), Season.year <= bindparam("last"))
    .order_by(Planting.id)
)
_GRID_CROPS = select(Crop.id, Crop.name, Crop.plural, Crop.icon, Crop.group_id)


@dataclass(frozen=True)
class GridCell:
    """What one bed grew in one year, and any rotation rule it broke."""

    crops: tuple[CropBadge, ...]
    groups: tuple[str, ...]
    conflicts: tuple[str, ...]


@dataclass(frozen=True)
class RotationGrid:
    """Beds by seasons: the last six years and the next one."""

    years: tuple[int, ...]
    beds: tuple[tuple[int, str], ...]
    cells: dict[tuple[int, int], GridCell]
    rotation_years: int

    def conflicts(self) -> list[str]:
        """Return every conflict's sentence, bed by bed and year by year."""
        return [
            message
            for bed_id, _ in self.beds
            for year in self.years
            for message in self.cells.get((bed_id, year), GridCell((), (), ())).conflicts
        ]


@dataclass(frozen=True)
class Proposal:
    """The planner's proposal: a bed for each chosen crop, with the reason for each."""

    year: int
    crops: tuple[CropBadge, ...]
    beds: tuple[tuple[int, str], ...]
    placed: dict[int, int]
    reasons: dict[int, str]
    conflicts: dict[int, str]
    unplaced: tuple[int, ...]
    wishes_honoured: tuple[int, ...]


def _badge(crop: Crop) -> CropBadge:
    return CropBadge(crop.id, crop.name, crop.plural, crop.icon, crop.group_id)


def planting_warning(
    db: Database, bed_id: int, crop_id: int, year: int | None = None
) -> str | None:
    """Return why planting this crop in this bed breaks the rotation, or None if it is fine."""
    year = year or dt.date.today().year
    with db.reading() as session:
        bed = session.get(Bed, bed_id)
        crop = session.get(Crop, crop_id)
        if bed is None or crop is None:
            raise NotFound(_("That bed or crop is not there any more."))
        return conflict(
            load_history(session, year), bed.name, year, crop, rotation_years(session, year)
        )


def rotation_grid(db: Database, today: dt.date | None = None) -> RotationGrid:
    """Return the grid of beds by seasons (the last six and the next), with conflicts."""
    this_year = (today or dt.date.today()).year
    years = tuple(range(this_year - GRID_YEARS_BACK + 1, this_year + 2))
    first, last = years[0], years[-1]
    # Plain rows through a connection: the grid is read, never changed, here.
    with db.reading_rows() as connection:
        beds = sorted(connection.execute(_GRID_BEDS).all(), key=lambda row: natural_key(row[1]))
        farm_years, lengths = rotation_lengths(connection, years)
        # The plantings the grid shows, and those the rule looks back at from them (no
        # further back than the longest rotation of the grid's years): each once.
        earliest = first - max(lengths.values()) + 1
        plantings = connection.execute(_GRID_PLANTINGS, {"earliest": earliest, "last": last}).all()
        crops = {row[0]: row for row in connection.execute(_GRID_CROPS).all()}
    for length in set(lengths.values()):
        validate_years(length)
    badges: dict[int, CropBadge] = {}
    # (bed id, year) -> crop id -> its badge, each crop once, in the order planted
    grown: dict[tuple[int, int], dict[int, CropBadge]] = {}
    for bed_id, year, crop_id in plantings:
        cell = grown.get((bed_id, year))
        if cell is None:
            cell = grown[(bed_id, year)] = {}
        if crop_id not in cell:
            badge = badges.get(crop_id)
            if badge is None:
                _id, name, plural, icon, group = crops[crop_id]
                badge = badges[crop_id] = CropBadge(crop_id, name, plural, icon, group)
            cell[crop_id] = badge
    # Only a bed in use is judged (an archived one is in no row of the grid).
    names: dict[int, str] = dict(beds)
    conflicts = _grid_conflicts(grown, names, lengths, range(earliest, last + 1), first)
    cells: dict[tuple[int, int], GridCell] = {}
    for key, here in grown.items():
        if key[1] >= first:
            shown = tuple(here.values())
            groups = tuple(dict.fromkeys([badge.group for badge in shown]))
            cells[key] = GridCell(shown, groups, conflicts.get(key, ()))
    return RotationGrid(years, tuple((row[0], row[1]) for row in beds), cells, farm_years)


def _grid_conflicts(
    grown: dict[tuple[int, int], dict[int, CropBadge]],
    names: dict[int, str],
    lengths: dict[int, int],
    span: range,
    first: int,
) -> dict[tuple[int, int], tuple[str, ...]]:
    """Return the conflicts' sentences of each bed and year from ``first`` on, where any."""
    conflicts: dict[tuple[int, int], tuple[str, ...]] = {}
    for bed_id, bed in names.items():
        # Walking the bed's years in order, the year each group last grew in it tells at
        # once whether a crop of that group breaks the rule.
        last_grew: dict[str, int] = {}
        history: RotationHistory | None = None
        for year in span:
            here = grown.get((bed_id, year))
            if here is None:
                continue
            if year >= first:
                length = lengths[year]
                since = year - length + 1
                messages: list[str] = []
                for badge in here.values():
                    if last_grew.get(badge.group, since - 1) < since:
                        continue
                    history = history or _bed_history(bed, bed_id, grown, span)
                    message = group_conflict(history, bed, year, badge.group, badge.plural, length)
                    if message and message not in messages:
                        messages.append(message)
                if messages:
                    conflicts[(bed_id, year)] = tuple(messages)
            for badge in here.values():
                if badge.group not in NEVER_CONFLICT:
                    last_grew[badge.group] = year
    return conflicts


def _bed_history(
    bed: str, bed_id: int, grown: dict[tuple[int, int], dict[int, CropBadge]], years: range
) -> RotationHistory:
    """Return what grew in one bed in ``years``, for the sentences of its conflicts."""
    history = RotationHistory()
    history.add_all(
        (bed, year, badge.group, badge.plural)
        for year in years
        for badge in grown.get((bed_id, year), {}).values()
    )
    return history


def set_rotation_years(db: Database, actor: Actor, years: int, today: dt.date | None = None) -> int:
    """Set the farm's rotation length, for this season and every later one."""
    try:
        validate_years(years)
    except ValueError as error:
        raise BadInput(str(error)) from error
    this_year = (today or dt.date.today()).year
    with db.transaction() as session:
        require_coordinator(session, actor, _("change the crop rotation"))
        farm = session.get(Farm, 1)
        if farm is None:
            raise NotFound(_("This database has no farm in it yet."))
        farm.rotation_years = years
        for season in session.scalars(select(Season).where(Season.year >= this_year)):
            season.rotation_years = years
        audit(session, actor, "rotation_changed", f"{years} years from {this_year}")
    return years


def upcoming_year(today: dt.date | None = None) -> int:
    """Return the year people are planning for: next year from September on."""
    today = today or dt.date.today()
    return today.year + 1 if today.month >= 9 else today.year


def wishes_of(db: Database, person_id: int, year: int) -> list[CropBadge]:
    """Return the crops a person would like to grow in a year."""
    with db.reading() as session:
        return [
            _badge(crop)
            for crop in session.scalars(
                select(Crop)
                .join(Wish, Wish.crop_id == Crop.id)
                .where(Wish.person_id == person_id, Wish.year == year)
                .order_by(Wish.id)
            )
        ]


def _require_own_or_staff(actor: Actor, person_id: int) -> None:
    if actor.role in (Role.COORDINATOR, Role.VOLUNTEER) or actor.person_id == person_id:
        return
    raise NotAllowed(_("You can only change your own wishes."))


def add_wish(db: Database, actor: Actor, person_id: int, crop_id: int, year: int) -> CropBadge:
    """Say that a person would like to grow a crop in their bed in a year."""
    _require_own_or_staff(actor, person_id)
    with db.transaction() as session:
        person = session.get(Person, person_id)
        crop = session.get(Crop, crop_id)
        if person is None or crop is None:
            raise NotFound(_("That person or crop is not there any more."))
        exists = session.scalar(
            select(Wish.id).where(
                Wish.person_id == person_id, Wish.crop_id == crop_id, Wish.year == year
            )
        )
        if exists is None:
            session.add(Wish(person_id=person_id, crop_id=crop_id, year=year))
        return _badge(crop)


def remove_wish(db: Database, actor: Actor, person_id: int, crop_id: int, year: int) -> bool:
    """Take a crop off a person's wishes; True if it was there."""
    _require_own_or_staff(actor, person_id)
    with db.transaction() as session:
        result = session.execute(
            delete(Wish).where(
                Wish.person_id == person_id, Wish.crop_id == crop_id, Wish.year == year
            )
        )
        return bool(getattr(result, "rowcount", 0))


def chosen_crops(db: Database, year: int) -> list[CropBadge]:
    """Return the crops the group chose for a season, in the vote's order."""
    with db.reading() as session:
        return [
            _badge(crop)
            for crop in session.scalars(
                select(Crop)
                .join(SeasonCrop, SeasonCrop.crop_id == Crop.id)
                .join(Season, SeasonCrop.season_id == Season.id)
                .where(Season.year == year)
                .order_by(SeasonCrop.rank)
            )
        ]


def propose_plan(db: Database, year: int, crop_ids: list[int]) -> Proposal:
    """Propose a bed for each crop: no rotation conflict where possible, wishes honoured."""
    if not crop_ids:
        raise BadInput(_("Please choose the crops to plan first."))
    if len(set(crop_ids)) != len(crop_ids):
        raise BadInput(_("Each crop can be chosen once."))
    with db.reading() as session:
        crops_by_id = {c.id: c for c in session.scalars(select(Crop).where(Crop.id.in_(crop_ids)))}
        if len(crops_by_id) != len(crop_ids):
            raise BadInput(_("One of the crops is not in the library any more."))
        crops = [crops_by_id[crop_id] for crop_id in crop_ids]
        beds = sorted(
            session.scalars(select(Bed).where(Bed.archived.is_(False))),
            key=lambda bed: natural_key(bed.name),
        )
        if not beds:
            raise BadInput(_("There are no beds on the map yet."))
        history = load_history(session, year)
        years = rotation_years(session, year)
        owners = {bed.name: bed.owner_id for bed in beds if bed.owner_id is not None}
        wished: dict[int, set[str]] = defaultdict(set)
        wish_rows = session.execute(
            select(Wish.person_id, Crop)
            .join(Crop, Wish.crop_id == Crop.id)
            .where(Wish.year == year)
        )
        for person_id, crop in wish_rows:
            wished[person_id].add(crop.name)
        wishes = {bed: wished[owner] for bed, owner in owners.items() if wished.get(owner)}
        owner_names = {bed.name: bed.owner.display_name for bed in beds if bed.owner is not None}
        plan = plan_beds(
            [bed.name for bed in beds],
            [(crop.name, crop.group_id) for crop in crops],
            history.groups,
            year,
            years,
            wishes,
        )
        bed_ids = {bed.name: bed.id for bed in beds}
        by_name = {crop.name: crop for crop in crops}
        placed = {by_name[name].id: bed_ids[bed] for name, bed in plan.placed.items()}
        reasons: dict[int, str] = {}
        conflicts: dict[int, str] = {}
        for name, bed in plan.placed.items():
            crop = by_name[name]
            # The planner's own sentence names the new crop; ours names what really grew.
            message = conflict(history, bed, year, crop, years) if name in plan.conflicts else None
            if message is not None:
                conflicts[crop.id] = message
            reasons[crop.id] = _reason(
                crop, bed, message, name in plan.wishes_honoured, owner_names.get(bed), years
            )
        return Proposal(
            year=year,
            crops=tuple(_badge(crop) for crop in crops),
            beds=tuple((bed.id, bed.name) for bed in beds),
            placed=placed,
            reasons=reasons,
            conflicts=conflicts,
            unplaced=tuple(by_name[name].id for name in plan.unplaced),
            wishes_honoured=tuple(by_name[name].id for name in plan.wishes_honoured),
        )


def _reason(
    crop: Crop,
    bed: str,
    warning: str | None,
    wished: bool,
    owner: str | None,
    years: int,
) -> str:
    if warning:
        return _("{warning} No better bed was free.").format(warning=warning)
    if wished and owner:
        return _("{owner} would like {plural} in {bed}.").format(
            owner=owner, plural=crop.plural.lower(), bed=bed
        )
    if crop.group_id in NEVER_CONFLICT:
        return _("{plural} can grow anywhere.").format(plural=crop.plural)
    group = GROUP_NAMES[crop.group_id]
    return _("The {group} has not grown in {bed} for {0} years or more.").format(
        years - 1, group=group.lower(), bed=bed
    )


def check_placement(db: Database, year: int, crop_id: int, bed_id: int) -> str | None:
    """Return the rotation warning for putting a crop in a bed by hand, or None."""
    return planting_warning(db, bed_id, crop_id, year)


def accept_plan(db: Database, actor: Actor, year: int, placed: dict[int, int]) -> tuple[int, ...]:
    """Create the planned plantings of a plan, all in one go; return the new plantings' ids."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("accept a plan"))
        season = session.scalar(select(Season).where(Season.year == year))
        if season is None:
            raise BadInput(
                _("Please start the {year} season first (in Settings).").format(year=year)
            )
        if len(set(placed.values())) != len(placed):
            raise BadInput(_("Each bed can take one crop in a plan."))
        made: list[Planting] = []
        for crop_id, bed_id in placed.items():
            bed = session.get(Bed, bed_id)
            crop = session.get(Crop, crop_id)
            if bed is None or crop is None:
                raise BadInput(_("A bed or crop in the plan is not there any more."))
            already = session.scalar(
                select(Planting.id).where(
                    Planting.season_id == season.id,
                    Planting.bed_id == bed_id,
                    Planting.crop_id == crop_id,
                )
            )
            if already is None:
                planting = Planting(
                    season_id=season.id,
                    bed_id=bed_id,
                    crop_id=crop_id,
                    status=PlantingStatus.PLANNED,
                )
                session.add(planting)
                made.append(planting)
        session.flush()
        audit(session, actor, "plan_accepted", f"{year}: {len(made)} plantings")
        return tuple(planting.id for planting in made)


def withdraw_plan(db: Database, actor: Actor, planting_ids: tuple[int, ...]) -> int:
    """Take back the planned plantings an accepted plan made (to undo it)."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("change a plan"))
        plantings = session.scalars(
            select(Planting).where(
                Planting.id.in_(planting_ids), Planting.status == PlantingStatus.PLANNED
            )
        ).all()
        for planting in plantings:
            session.delete(planting)
        audit(session, actor, "plan_withdrawn", f"{len(plantings)} plantings")
        return len(plantings)
