"""The harvest log: logging, changing and removing harvests, and the season's chart series."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import Bed, Crop, Farm, Harvest, Person, Planting, Season
from dutchfarm.domain.harvest import HarvestPoint, SeasonCharts, season_charts
from dutchfarm.domain.people import clean_text
from dutchfarm.domain.sorting import natural_key
from dutchfarm.domain.terms import PlantingStatus, Role, Unit, to_grams
from dutchfarm.services.auth import Actor, farm_has_coordinator
from dutchfarm.services.errors import BadInput, NotAllowed, NotFound
from dutchfarm.words import _

# Anything heavier or more numerous than this in one go is a typing slip.
MOST_IN_ONE_GO = 100_000.0


@dataclass(frozen=True)
class HarvestDraft:
    """What a person enters to log a harvest."""

    day: dt.date
    crop_id: int
    quantity: float
    unit: Unit
    bed_id: int | None = None
    picked_by_id: int | None = None
    variety: str | None = None


@dataclass(frozen=True)
class HarvestInfo:
    """One harvest in the log, with the names a page shows."""

    id: int
    day: dt.date
    season_id: int
    season_year: int
    crop_id: int
    crop_name: str
    crop_plural: str
    crop_icon: str
    bed_id: int | None
    bed_name: str | None
    variety: str | None
    quantity: float
    unit: Unit
    grams: float | None
    picked_by_id: int | None
    picked_by_name: str | None
    imported: bool

    def draft(self) -> HarvestDraft:
        """Return the harvest as a draft, to edit it or to put it back."""
        return HarvestDraft(
            day=self.day,
            crop_id=self.crop_id,
            quantity=self.quantity,
            unit=self.unit,
            bed_id=self.bed_id,
            picked_by_id=self.picked_by_id,
            variety=self.variety,
        )


@dataclass(frozen=True)
class CropChoice:
    """A crop to pick from, with whether it grows in the person's own bed."""

    id: int
    name: str
    plural: str
    icon: str
    unit: Unit
    in_my_bed: bool


@dataclass(frozen=True)
class BedChoice:
    """A bed to pick from."""

    id: int
    name: str
    owner_id: int | None


@dataclass(frozen=True)
class HarvestChoices:
    """What the harvest forms offer: crops (own bed's first), beds, and the person's bed."""

    crops: tuple[CropChoice, ...]
    beds: tuple[BedChoice, ...]
    own_bed_id: int | None


def may_change_any(session: Session, actor: Actor) -> bool:
    """Return True when ``actor`` may log and change anyone's harvests."""
    return actor.role in (Role.COORDINATOR, Role.VOLUNTEER) or not farm_has_coordinator(session)


def _require_may_change(session: Session, actor: Actor, picked_by_id: int | None) -> None:
    if may_change_any(session, actor):
        return
    if actor.person_id is None:
        raise NotAllowed(_("Please tap 'Change user' and choose your picture first."))
    if picked_by_id != actor.person_id:
        raise NotAllowed(_("You can only add and change your own harvests."))


# Seasons are kept from 1900 on (the database says so too).
EARLIEST_YEAR = 1900


def _season_for(session: Session, day: dt.date) -> Season:
    """Return the season of ``day``'s year, starting it if the farm has none yet."""
    season = session.scalar(select(Season).where(Season.year == day.year))
    if season is None:
        farm = session.get(Farm, 1)
        season = Season(
            year=day.year,
            rotation_years=farm.rotation_years if farm else 3,
            started_on=dt.date(day.year, 1, 1),
        )
        session.add(season)
        session.flush()
    return season


def _check(session: Session, draft: HarvestDraft, today: dt.date) -> str | None:
    if not isinstance(draft.quantity, int | float) or not math.isfinite(draft.quantity):
        raise BadInput(_("Please give how much was picked, as a number."))
    if draft.quantity <= 0:
        raise BadInput(_("Please give how much was picked. It must be more than 0."))
    if draft.quantity > MOST_IN_ONE_GO:
        raise BadInput(_("That is a very big number. Please check how much was picked."))
    if draft.day > today:
        raise BadInput(_("That day has not come yet. Please choose today or a day before."))
    if draft.day.year < EARLIEST_YEAR:
        raise BadInput(
            _("Please choose a day from {earliest_year} on.").format(earliest_year=EARLIEST_YEAR)
        )
    if session.get(Crop, draft.crop_id) is None:
        raise BadInput(_("Please choose a crop from the pictures."))
    if draft.bed_id is not None and session.get(Bed, draft.bed_id) is None:
        raise BadInput(_("That bed is not on the farm any more."))
    if draft.picked_by_id is not None and session.get(Person, draft.picked_by_id) is None:
        raise BadInput(_("That person is not on the list any more."))
    try:
        variety = clean_text(draft.variety or "", what="variety", longest=80, required=False)
    except ValueError as error:
        raise BadInput(str(error)) from error
    return variety or None


def _apply(session: Session, harvest: Harvest, draft: HarvestDraft, variety: str | None) -> None:
    harvest.season_id = _season_for(session, draft.day).id
    harvest.day = draft.day
    harvest.crop_id = draft.crop_id
    harvest.bed_id = draft.bed_id
    harvest.variety = variety
    harvest.quantity = float(draft.quantity)
    harvest.unit = draft.unit
    harvest.grams = to_grams(draft.quantity, draft.unit)
    harvest.picked_by_id = draft.picked_by_id


def harvest_query() -> Any:
    # Plain columns in the order of HarvestInfo's fields: a season of the large farm is
    # 10,000 rows, and building ORM objects for each would be most of the page's wait.
    return (
        select(
            Harvest.id,
            Harvest.day,
            Season.id,
            Season.year,
            Crop.id,
            Crop.name,
            Crop.plural,
            Crop.icon,
            Bed.id,
            Bed.name,
            Harvest.variety,
            Harvest.quantity,
            Harvest.unit,
            Harvest.grams,
            Person.id,
            Person.display_name,
            Harvest.imported,
        )
        .join(Season, Harvest.season_id == Season.id)
        .join(Crop, Harvest.crop_id == Crop.id)
        .outerjoin(Bed, Harvest.bed_id == Bed.id)
        .outerjoin(Person, Harvest.picked_by_id == Person.id)
    )


def harvest_info(session: Session, harvest_id: int) -> HarvestInfo:
    """Return one harvest with its names, inside the caller's session."""
    row = session.execute(harvest_query().where(Harvest.id == harvest_id)).one_or_none()
    if row is None:
        raise NotFound(_("That harvest is not in the log any more."))
    return HarvestInfo(*row)


def list_harvests(
    db: Database,
    *,
    season_id: int | None = None,
    person_id: int | None = None,
    bed_id: int | None = None,
) -> list[HarvestInfo]:
    """Return the harvests of a season (or all), newest first, for one person or bed if asked."""
    query = harvest_query().order_by(Harvest.day.desc(), Harvest.id.desc())
    if season_id is not None:
        query = query.where(Harvest.season_id == season_id)
    if person_id is not None:
        query = query.where(Harvest.picked_by_id == person_id)
    if bed_id is not None:
        query = query.where(Harvest.bed_id == bed_id)
    with db.reading() as session:
        return [HarvestInfo(*row) for row in plain_rows(session, query)]


def get_harvest(db: Database, harvest_id: int) -> HarvestInfo:
    """Return one harvest."""
    with db.reading() as session:
        return harvest_info(session, harvest_id)


def add_harvest(
    db: Database, actor: Actor, draft: HarvestDraft, *, today: dt.date | None = None
) -> HarvestInfo:
    """Log a harvest; a gardener may log only their own."""
    with db.transaction() as session:
        return harvest_info(session, log_harvest(session, actor, draft, today).id)


def log_harvest(
    session: Session, actor: Actor, draft: HarvestDraft, today: dt.date | None = None
) -> Harvest:
    """Add a harvest inside the caller's transaction, after the checks."""
    _require_may_change(session, actor, draft.picked_by_id)
    variety = _check(session, draft, today or dt.date.today())
    harvest = Harvest(imported=False)
    _apply(session, harvest, draft, variety)
    session.add(harvest)
    session.flush()
    return harvest


def update_harvest(
    db: Database,
    actor: Actor,
    harvest_id: int,
    draft: HarvestDraft,
    *,
    today: dt.date | None = None,
) -> HarvestInfo:
    """Change a harvest; a gardener may change only their own, and keep it their own."""
    with db.transaction() as session:
        harvest = session.get(Harvest, harvest_id)
        if harvest is None:
            raise NotFound(_("That harvest is not in the log any more."))
        _require_may_change(session, actor, harvest.picked_by_id)
        _require_may_change(session, actor, draft.picked_by_id)
        variety = _check(session, draft, today or dt.date.today())
        _apply(session, harvest, draft, variety)
        session.flush()
        return harvest_info(session, harvest.id)


def delete_harvest(db: Database, actor: Actor, harvest_id: int) -> HarvestInfo:
    """Take a harvest out of the log; return it, so that it can be put back."""
    with db.transaction() as session:
        return drop_harvest(session, actor, harvest_id)


def drop_harvest(session: Session, actor: Actor, harvest_id: int) -> HarvestInfo:
    """Delete a harvest inside the caller's transaction, after the checks; return it."""
    harvest = session.get(Harvest, harvest_id)
    if harvest is None:
        raise NotFound(_("That harvest is not in the log any more."))
    _require_may_change(session, actor, harvest.picked_by_id)
    info = harvest_info(session, harvest_id)
    session.delete(harvest)
    return info


def restore_harvest(db: Database, actor: Actor, info: HarvestInfo) -> HarvestInfo:
    """Put a removed harvest back as it was, with its own number (to undo removing it)."""
    with db.transaction() as session:
        _require_may_change(session, actor, info.picked_by_id)
        if session.get(Harvest, info.id) is not None:
            raise BadInput(_("That harvest is already back in the log."))
        harvest = Harvest(
            id=info.id,
            season_id=info.season_id,
            day=info.day,
            crop_id=info.crop_id,
            bed_id=info.bed_id if info.bed_id and session.get(Bed, info.bed_id) else None,
            variety=info.variety,
            quantity=info.quantity,
            unit=info.unit,
            grams=info.grams,
            picked_by_id=info.picked_by_id,
            imported=info.imported,
        )
        session.add(harvest)
        session.flush()
        return harvest_info(session, harvest.id)


def harvest_choices(db: Database, actor: Actor, season_id: int | None = None) -> HarvestChoices:
    """Return the crops (own beds' first, each in the unit last used), beds and own bed."""
    with db.reading() as session:
        beds = [
            BedChoice(bed.id, bed.name, bed.owner_id)
            for bed in session.scalars(select(Bed).where(Bed.archived.is_(False)))
        ]
        beds.sort(key=lambda b: natural_key(b.name))
        own = [bed.id for bed in beds if actor.person_id and bed.owner_id == actor.person_id]
        mine: list[int] = []
        if own and season_id is not None:
            growing = session.scalars(
                select(Planting.crop_id)
                .where(
                    Planting.bed_id.in_(own),
                    Planting.season_id == season_id,
                    Planting.status != PlantingStatus.FAILED,
                )
                .order_by(Planting.id)
            )
            mine = list(dict.fromkeys(growing))
        # The way the person measured a crop last time is chosen for them the next time:
        # someone who counts their strawberries is not offered grams again.
        used: dict[int, Unit] = {}
        if actor.person_id is not None:
            used = {
                crop_id: unit
                for crop_id, unit in session.execute(
                    select(Harvest.crop_id, Harvest.unit)
                    .where(Harvest.picked_by_id == actor.person_id)
                    .order_by(Harvest.day, Harvest.id)
                )
            }
        crops = [
            CropChoice(c.id, c.name, c.plural, c.icon, used.get(c.id, c.unit), c.id in mine)
            for c in session.scalars(
                select(Crop).where(Crop.archived.is_(False)).order_by(Crop.name)
            )
        ]
        crops.sort(key=lambda c: (0, mine.index(c.id)) if c.in_my_bed else (1, 0))
        return HarvestChoices(tuple(crops), tuple(beds), own[0] if own else None)


def plain_rows(session: Session, query: Any) -> Any:
    """Return a read-only query's rows as plain rows, without the ORM's work on each one."""
    return session.connection().execute(query).all()


def _points(
    session: Session, season_id: int, *, person_id: int | None, bed_id: int | None
) -> list[HarvestPoint]:
    # One point for each day, crop, unit and bed, added up by the database: sums are all
    # the charts need, and a season of a large farm has thousands of harvests but far
    # fewer of these groups.
    query = (
        select(
            Harvest.day,
            Crop.plural,
            func.sum(Harvest.quantity),
            Harvest.unit,
            func.sum(Harvest.grams),
            Bed.name,
            func.count(),
        )
        .join(Crop, Harvest.crop_id == Crop.id)
        .outerjoin(Bed, Harvest.bed_id == Bed.id)
        .where(Harvest.season_id == season_id)
        .group_by(Harvest.day, Crop.id, Crop.plural, Harvest.unit, Bed.id, Bed.name)
    )
    if person_id is not None:
        query = query.where(Harvest.picked_by_id == person_id)
    if bed_id is not None:
        query = query.where(Harvest.bed_id == bed_id)
    return [
        HarvestPoint(day, crop, quantity, unit, grams, bed, harvests=harvests)
        for day, crop, quantity, unit, grams, bed, harvests in plain_rows(session, query)
    ]


def _weights_by_year(
    session: Session, before: int, *, person_id: int | None, bed_id: int | None
) -> dict[int, list[HarvestPoint]]:
    """Return the grams picked on each day of every season before the year ``before``."""
    query = (
        select(Season.year, Harvest.day, func.sum(Harvest.grams))
        .join(Season, Harvest.season_id == Season.id)
        .where(Harvest.grams.is_not(None), Season.year < before)
        .group_by(Season.year, Harvest.day)
    )
    if person_id is not None:
        query = query.where(Harvest.picked_by_id == person_id)
    if bed_id is not None:
        query = query.where(Harvest.bed_id == bed_id)
    found: dict[int, list[HarvestPoint]] = {}
    for year, day, grams in plain_rows(session, query):
        # Only weighed harvests are added up, so each day's sum is a number.
        found.setdefault(year, []).append(HarvestPoint(day, "", grams or 0.0, Unit.GRAMS, grams))
    return found


def season_chart_series(
    db: Database,
    season_id: int,
    *,
    person_id: int | None = None,
    bed_id: int | None = None,
) -> SeasonCharts:
    """Return the chart series of a season, for the whole farm or one person or bed."""
    with db.reading() as session:
        # The season's year as a plain value: the charts need nothing else of it.
        year = session.connection().scalar(select(Season.year).where(Season.id == season_id))
        if year is None:
            raise NotFound(_("That season is not there any more."))
        points = _points(session, season_id, person_id=person_id, bed_id=bed_id)
        earlier = _weights_by_year(session, year, person_id=person_id, bed_id=bed_id)
    return season_charts(year, points, earlier)
