"""The staff's harvest log a page at a time: filtered, sorted and added up by the database.

A season of a large farm is 10,000 harvests and every season together ten times more;
the log's table asks for the rows it shows, the count and the totals, never for them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func, select

from dutchfarm.db.database import Database
from dutchfarm.db.models import Bed, Crop, Harvest, Person
from dutchfarm.domain.harvest import HarvestPoint, Totals, totals
from dutchfarm.services.harvest import HarvestInfo, harvest_query, plain_rows
from dutchfarm.words import _

# A filter value meaning "harvests with no bed" (or picked by "someone").
NONE = -1


class LogSort(StrEnum):
    """What the log can be sorted by: each column of its table."""

    DAY = "day"
    CROP = "crop"
    VARIETY = "variety"
    BED = "bed"
    QUANTITY = "quantity"
    UNIT = "unit"
    GRAMS = "grams"
    PICKED_BY = "picked_by"


@dataclass(frozen=True)
class HarvestFilters:
    """Which harvests the log shows: of a season, between two days, of a crop, bed or picker."""

    season_id: int | None = None
    first: dt.date | None = None
    last: dt.date | None = None
    crop_id: int | None = None
    bed_id: int | None = None
    person_id: int | None = None


@dataclass(frozen=True)
class LogOrder:
    """The order of the log: by one column, the later logged first among equals."""

    by: LogSort = LogSort.DAY
    descending: bool = True


@dataclass(frozen=True)
class LogSummary:
    """How many harvests pass the filters, and what they add up to."""

    count: int
    totals: Totals


def _key(by: LogSort) -> ColumnElement[Any]:
    # Words sort without regard to case; a harvest with no picker sorts as "Someone", the
    # word the log shows for it. Units sort by their stored names, which keep the order
    # of the words shown (bunches, counted, g, kg).
    keys: dict[LogSort, Any] = {
        LogSort.DAY: Harvest.day,
        LogSort.CROP: func.lower(Crop.name),
        LogSort.VARIETY: func.lower(func.coalesce(Harvest.variety, "")),
        LogSort.BED: func.lower(func.coalesce(Bed.name, "")),
        LogSort.QUANTITY: Harvest.quantity,
        LogSort.UNIT: Harvest.unit,
        LogSort.GRAMS: func.coalesce(Harvest.grams, -1.0),
        LogSort.PICKED_BY: func.lower(func.coalesce(Person.display_name, _("Someone"))),
    }
    key: ColumnElement[Any] = keys[by]
    return key


def _order_by(order: LogOrder) -> list[ColumnElement[Any]]:
    # Among equals the newest comes first (by day, then by number), so that every page is
    # cut from one fixed order; sorted by day, the number follows the day's direction.
    key = _key(order.by)
    if order.by is LogSort.DAY:
        return [c.desc() if order.descending else c.asc() for c in (key, Harvest.id)]
    return [key.desc() if order.descending else key.asc(), Harvest.day.desc(), Harvest.id.desc()]


def _where(filters: HarvestFilters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.season_id is not None:
        found.append(Harvest.season_id == filters.season_id)
    if filters.first is not None:
        found.append(Harvest.day >= filters.first)
    if filters.last is not None:
        found.append(Harvest.day <= filters.last)
    if filters.crop_id is not None:
        found.append(Harvest.crop_id == filters.crop_id)
    for column, wanted in (
        (Harvest.bed_id, filters.bed_id),
        (Harvest.picked_by_id, filters.person_id),
    ):
        if wanted == NONE:
            found.append(column.is_(None))
        elif wanted is not None:
            found.append(column == wanted)
    return found


def log_summary(db: Database, filters: HarvestFilters) -> LogSummary:
    """Return how many harvests pass ``filters`` and their totals, added up by the database."""
    query = (
        select(
            Harvest.unit,
            func.sum(Harvest.quantity),
            func.sum(Harvest.grams),
            func.count(),
        )
        .where(*_where(filters))
        .group_by(Harvest.unit)
    )
    with db.reading() as session:
        points = [
            HarvestPoint(dt.date.min, "", quantity, unit, grams, harvests=harvests)
            for unit, quantity, grams, harvests in plain_rows(session, query)
        ]
    figures = totals(points)
    return LogSummary(figures.harvests, figures)


def log_page(
    db: Database, filters: HarvestFilters, order: LogOrder, offset: int, limit: int
) -> list[HarvestInfo]:
    """Return the harvests from ``offset`` on (at most ``limit``) in ``order``."""
    query = (
        harvest_query()
        .where(*_where(filters))
        .order_by(*_order_by(order))
        .offset(offset)
        .limit(limit)
    )
    with db.reading() as session:
        return [HarvestInfo(*row) for row in plain_rows(session, query)]


def log_position(
    db: Database, filters: HarvestFilters, order: LogOrder, harvest_id: int
) -> int | None:
    """Return where harvest ``harvest_id`` is in the log (0 first), or None if filtered out."""
    numbered = (
        harvest_query()
        .with_only_columns(
            Harvest.id.label("harvest_id"),
            func.row_number().over(order_by=_order_by(order)).label("place"),
        )
        .where(*_where(filters))
        .subquery()
    )
    with db.reading() as session:
        place = session.scalar(select(numbered.c.place).where(numbered.c.harvest_id == harvest_id))
    return None if place is None else int(place) - 1


def harvest_span(db: Database) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day a harvest was logged, or None if none was."""
    query = select(func.min(Harvest.day), func.max(Harvest.day))
    with db.reading() as session:
        first, last = session.execute(query).one()
    return None if first is None else (first, last)
