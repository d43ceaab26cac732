"""The fixed words of the allotment: roles, units, diary actions, statuses and efforts."""

from __future__ import annotations

from enum import StrEnum

from dutchfarm.words import _


class Role(StrEnum):
    """What a person does at the farm; it decides what they may change."""

    COORDINATOR = "coordinator"
    VOLUNTEER = "volunteer"
    SERVICE_USER = "service_user"


class Unit(StrEnum):
    """How a harvest is measured; weights are also kept in grams, counts never are."""

    GRAMS = "g"
    KILOGRAMS = "kg"
    COUNT = "count"
    BUNCH = "bunch"


WEIGHT_UNITS = frozenset({Unit.GRAMS, Unit.KILOGRAMS})


def to_grams(quantity: float, unit: Unit) -> float | None:
    """Return the weight in grams, or None for counts and bunches (never mixed with weights)."""
    if unit is Unit.GRAMS:
        return float(quantity)
    if unit is Unit.KILOGRAMS:
        return float(quantity) * 1000.0
    return None


class PlantingStatus(StrEnum):
    """Where a planting is in its life."""

    PLANNED = "planned"
    GROWING = "growing"
    FINISHED = "finished"
    FAILED = "failed"


class DiaryAction(StrEnum):
    """What was done to a bed, as a picture button a service user taps."""

    SOWED = "sowed"
    PLANTED = "planted"
    WATERED = "watered"
    WEEDED = "weeded"
    FED = "fed"
    PICKED = "picked"
    NOTE = "note"


class Effort(StrEnum):
    """How hard a job is."""

    LIGHT = "light"
    MEDIUM = "medium"
    HEAVY = "heavy"


class Repeat(StrEnum):
    """How often a recurring job comes back."""

    DAILY = "daily"
    WEEKDAYS = "weekdays"
    WEEKLY = "weekly"


class BallotMethod(StrEnum):
    """How the group votes on crops."""

    DOTS = "dots"
    APPROVAL = "approval"
    RANKED = "ranked"
    HANDS = "hands"


class BallotStatus(StrEnum):
    """Where a ballot is: being set up, open for votes, or closed with a result."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


def months_to_mask(months: list[int] | tuple[int, ...] | set[int]) -> int:
    """Pack month numbers (1-12) into a 12-bit mask."""
    mask = 0
    for month in months:
        if not 1 <= month <= 12:
            raise ValueError(
                _("{month} is not a month; months go from 1 to 12.").format(month=month)
            )
        mask |= 1 << (month - 1)
    return mask


def mask_to_months(mask: int) -> list[int]:
    """Unpack a 12-bit mask into the month numbers it holds, in order."""
    return [month for month in range(1, 13) if mask & (1 << (month - 1))]


DEFAULT_ROTATION_YEARS = 3
MIN_ROTATION_YEARS = 2
MAX_ROTATION_YEARS = 6


# Month names in English, so dates read the same whatever the PC's locale.
MONTH_NAMES = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)
