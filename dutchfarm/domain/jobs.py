"""Jobs that come back: on which days a recurring job falls, and how to say it in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dutchfarm.domain.terms import MONTH_NAMES, Repeat
from dutchfarm.words import _

WEEKDAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)
EVERY_WEEKDAY = 0b1111111


def days_to_mask(weekdays: Iterable[int]) -> int:
    """Pack weekdays (0 = Monday … 6 = Sunday) into a 7-bit mask (bit 0 = Monday)."""
    mask = 0
    for day in weekdays:
        if not 0 <= day <= 6:
            raise ValueError(
                _("{day} is not a day of the week; days go from 0 to 6.").format(day=day)
            )
        mask |= 1 << day
    return mask


def mask_to_days(mask: int) -> list[int]:
    """Unpack a 7-bit weekday mask into the weekdays it holds (0 = Monday), in order."""
    return [day for day in range(7) if mask & (1 << day)]


def check_repeat(repeat: Repeat, mask: int) -> int:
    """Return the weekday mask to store for ``repeat``, or raise ValueError in plain words.

    Every day needs no days; some weekdays need at least one; once a week needs exactly one.
    """
    if not 0 <= mask <= EVERY_WEEKDAY:
        raise ValueError(_("Please choose days of the week from Monday to Sunday."))
    if repeat is Repeat.DAILY:
        return 0
    days = mask_to_days(mask)
    if repeat is Repeat.WEEKDAYS and not days:
        raise ValueError(_("Please choose the days of the week for this job."))
    if repeat is Repeat.WEEKLY and len(days) != 1:
        raise ValueError(_("A weekly job needs one day of the week."))
    return mask


def falls_on(
    repeat: Repeat,
    mask: int,
    day: dt.date,
    *,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    active: bool = True,
) -> bool:
    """Return True when a recurring job is on the list for ``day``."""
    if not active or day < starts_on or (ends_on is not None and day > ends_on):
        return False
    if repeat is Repeat.DAILY:
        return True
    return bool(mask & (1 << day.weekday()))


def _and_list(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def describe_repeat(repeat: Repeat, mask: int) -> str:
    """Say how often a job comes back: "Every day", "Every Tuesday", "Mondays and Fridays"."""
    days = mask_to_days(mask)
    if repeat is Repeat.DAILY or (repeat is Repeat.WEEKDAYS and mask == EVERY_WEEKDAY):
        return _("Every day")
    if repeat is Repeat.WEEKLY or len(days) == 1:
        return (
            _("Every {weekday}").format(weekday=WEEKDAY_NAMES[days[0]])
            if days
            else _("Once a week")
        )
    if mask == 0b0011111:
        return _("Monday to Friday")
    return _and_list([f"{WEEKDAY_NAMES[day]}s" for day in days])


def long_date(day: dt.date) -> str:
    """Return a date the way people say it: "Thursday 26 November 2026"."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
