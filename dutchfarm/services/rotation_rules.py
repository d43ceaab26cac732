"""The rotation rule applied to the database: which groups grew where, and what conflicts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Integer, bindparam, null, select, type_coerce, union_all
from sqlalchemy.orm import Session

from dutchfarm.db.models import Bed, Crop, Farm, Planting, Season
from dutchfarm.domain.rotation import DEFAULT_YEARS, conflict_message, last_conflict
from dutchfarm.words import _


class RotationHistory:
    """What grew where: the rotation groups by bed name and year, and the crops behind them."""

    def __init__(self) -> None:
        # bed name -> year -> rotation groups grown that year (the domain's history)
        self.groups: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        # (bed name, year, group) -> the crops of that group grown, as plural names
        self.crops: dict[tuple[str, int, str], list[str]] = defaultdict(list)

    def add_all(self, plantings: Iterable[Sequence[Any]]) -> None:
        """Record many plantings at once, each as (bed name, year, group, plural, ...)."""
        groups, crops = self.groups, self.crops
        for bed, year, group, plural, *_rest in plantings:
            groups[bed][year].add(group)
            names = crops[(bed, year, group)]
            if plural not in names:
                names.append(plural)


def load_history(session: Session, before_year: int | None = None) -> RotationHistory:
    """Return what grew where: every planting, by bed name and year."""
    query = (
        select(Bed.name, Season.year, Crop.group_id, Crop.plural)
        .join(Planting, Planting.bed_id == Bed.id)
        .join(Season, Planting.season_id == Season.id)
        .join(Crop, Planting.crop_id == Crop.id)
        .order_by(Planting.id)
    )
    if before_year is not None:
        query = query.where(Season.year < before_year)
    history = RotationHistory()
    # Plain rows through the connection: every planting of every year, read only.
    history.add_all(session.connection().execute(query).all())
    return history


def rotation_years(session: Session, year: int) -> int:
    """Return the rotation length that holds in ``year`` (the season's, else the farm's)."""
    season_years = session.scalar(select(Season.rotation_years).where(Season.year == year))
    if season_years is not None:
        return season_years
    farm = session.get(Farm, 1)
    return farm.rotation_years if farm else DEFAULT_YEARS


# The rotation length of each season in a span of years, and the farm's own (the year None).
_LENGTHS = union_all(
    select(Season.year, Season.rotation_years).where(
        Season.year >= bindparam("first"), Season.year <= bindparam("last")
    ),
    select(type_coerce(null(), Integer), Farm.rotation_years).where(Farm.id == 1),
)


def rotation_lengths(connection: Connection, years: Sequence[int]) -> tuple[int, dict[int, int]]:
    """Return the farm's rotation length, and the length that holds in each of ``years``.

    A year's season gives its length; a year without a season keeps the farm's.
    """
    span = {"first": min(years), "last": max(years)}
    found: dict[int | None, int] = dict(connection.execute(_LENGTHS, span).all())
    farm = found.pop(None, None)
    farm_years = DEFAULT_YEARS if farm is None else farm
    return farm_years, {year: found.get(year, farm_years) for year in years}


def conflict(history: RotationHistory, bed: str, year: int, crop: Crop, years: int) -> str | None:
    """Return the plain-words conflict of a crop in a bed in a year, or None."""
    return group_conflict(history, bed, year, crop.group_id, crop.plural, years)


def group_conflict(
    history: RotationHistory, bed: str, year: int, group: str, plural: str, years: int
) -> str | None:
    """Return the plain-words conflict of a crop (its group and plural) in a bed, or None.

    The sentence names what really grew there ("Potatoes grew in Bed 4 in 2025."), and adds
    that the new crop is of the same family when it is a different crop (tomatoes).
    """
    grew = last_conflict(history.groups, bed, year, group, years)
    if grew is None:
        return None
    earlier = history.crops.get((bed, grew, group)) or [plural]
    names = " and ".join(earlier)
    message = conflict_message(names, bed, grew, years)
    if plural not in earlier:
        message += _(" {plural} are in the same family.").format(plural=plural)
    return message
