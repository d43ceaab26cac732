"""The farm's own settings and its seasons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import Ballot, Farm, Harvest, Planting, Season
from dutchfarm.domain.people import clean_text
from dutchfarm.domain.rotation import validate_years
from dutchfarm.services.auth import Actor, audit, require_coordinator
from dutchfarm.services.errors import BadInput, NotFound
from dutchfarm.words import _


@dataclass(frozen=True)
class FarmInfo:
    """The farm's name and its rotation length."""

    name: str
    rotation_years: int


@dataclass(frozen=True)
class SeasonInfo:
    """A season and how much it holds."""

    id: int
    year: int
    rotation_years: int
    started_on: dt.date
    plantings: int
    harvests: int


def _check_years(years: int) -> int:
    try:
        return validate_years(years)
    except ValueError as error:
        raise BadInput(str(error)) from error


def _farm(session: Session) -> Farm:
    farm = session.get(Farm, 1)
    if farm is None:
        raise NotFound(_("This database has no farm in it yet."))
    return farm


def get_farm(db: Database) -> FarmInfo:
    """Return the farm's name and rotation length."""
    with db.reading() as session:
        farm = _farm(session)
        return FarmInfo(farm.name, farm.rotation_years)


def update_farm(db: Database, actor: Actor, name: str, rotation_years: int) -> FarmInfo:
    """Rename the farm and set the rotation length new seasons start with."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("change the farm's settings"))
        try:
            cleaned = clean_text(name, what=_("farm name"), longest=80)
        except ValueError as error:
            raise BadInput(str(error)) from error
        farm = _farm(session)
        farm.name = cleaned
        farm.rotation_years = _check_years(rotation_years)
        audit(session, actor, "farm_changed", f"{cleaned}, {rotation_years} years")
        return FarmInfo(farm.name, farm.rotation_years)


def list_seasons(db: Database) -> list[SeasonInfo]:
    """Return every season, newest first, with how many plantings and harvests it has."""
    with db.reading() as session:
        return _season_infos(session, session.scalars(select(Season).order_by(Season.year.desc())))


def current_season(db: Database, today: dt.date | None = None) -> SeasonInfo | None:
    """Return the season of this year, else the newest one before it, else the oldest."""
    year = (today or dt.date.today()).year
    with db.reading() as session:
        season = (
            session.scalars(
                select(Season).where(Season.year <= year).order_by(Season.year.desc()).limit(1)
            ).first()
            or session.scalars(select(Season).order_by(Season.year).limit(1)).first()
        )
        # Only this season's plantings and harvests are counted: Today asks on every
        # showing, and counting every season's harvests took most of its time.
        return _season_infos(session, [season])[0] if season else None


def _season_infos(session: Session, seasons: Iterable[Season]) -> list[SeasonInfo]:
    """Return ``seasons`` as SeasonInfo, with how many plantings and harvests each has."""
    chosen = list(seasons)
    ids = [season.id for season in chosen]
    counts = {
        table: dict(
            session.execute(
                select(table.season_id, func.count())
                .where(table.season_id.in_(ids))
                .group_by(table.season_id)
            ).all()
        )
        for table in (Planting, Harvest)
    }
    return [
        SeasonInfo(
            id=season.id,
            year=season.year,
            rotation_years=season.rotation_years,
            started_on=season.started_on,
            plantings=counts[Planting].get(season.id, 0),
            harvests=counts[Harvest].get(season.id, 0),
        )
        for season in chosen
    ]


def season_of_year(seasons: Sequence[SeasonInfo], year: int) -> SeasonInfo | None:
    """Return, of ``seasons`` (newest first), the one of ``year``, else the newest before it."""
    for season in seasons:
        if season.year <= year:
            return season
    return seasons[-1] if seasons else None


def begin_season(
    session: Session, actor: Actor, year: int, rotation_years: int | None = None
) -> Season:
    """Add the season of ``year`` in an open session (the caller checks who may)."""
    if not 1900 <= year <= 2999:
        raise BadInput(_("Please give a year such as 2027."))
    if session.scalar(select(Season.id).where(Season.year == year)) is not None:
        raise BadInput(_("The {year} season has already started.").format(year=year))
    years = _check_years(rotation_years or _farm(session).rotation_years)
    started = dt.date.today() if dt.date.today().year == year else dt.date(year, 1, 1)
    season = Season(year=year, rotation_years=years, started_on=started)
    session.add(season)
    session.flush()
    audit(session, actor, "season_started", f"{year}, {years} years")
    return season


def start_season(
    db: Database, actor: Actor, year: int, rotation_years: int | None = None
) -> SeasonInfo:
    """Start a new season; its rotation length defaults to the farm's."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("start a season"))
        season = begin_season(session, actor, year, rotation_years)
        return SeasonInfo(season.id, year, season.rotation_years, season.started_on, 0, 0)


def remove_empty_season(db: Database, actor: Actor, season_id: int) -> int:
    """Remove a season that holds nothing yet (to undo starting it); return its year."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("remove a season"))
        season = session.get(Season, season_id)
        if season is None:
            raise NotFound(_("That season is not there any more."))
        for table in (Planting, Harvest, Ballot):
            used = session.scalar(
                select(func.count()).select_from(table).where(table.season_id == season_id)
            )
            if used:
                raise BadInput(
                    _("The {year} season has records in it, so it stays.").format(year=season.year)
                )
        year = season.year
        session.delete(season)
        audit(session, actor, "season_removed", str(year))
        return year


def set_season_rotation(db: Database, actor: Actor, season_id: int, years: int) -> SeasonInfo:
    """Change a season's rotation length."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("change a season"))
        season = session.get(Season, season_id)
        if season is None:
            raise NotFound(_("That season is not there any more."))
        season.rotation_years = _check_years(years)
        audit(session, actor, "season_changed", f"{season.year}, {years} years")
    return next(s for s in list_seasons(db) if s.id == season_id)
