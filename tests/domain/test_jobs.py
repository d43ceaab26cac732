"""Jobs that come back: the days they fall on, the checks on their days, and their words."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dutchfarm.domain.jobs import (
    check_repeat,
    days_to_mask,
    describe_repeat,
    falls_on,
    long_date,
    mask_to_days,
)
from dutchfarm.domain.terms import Repeat

MONDAY = dt.date(2026, 5, 11)
WEEK = [MONDAY + dt.timedelta(days=n) for n in range(7)]


def days_of(repeat, mask, **kwargs):
    return [day.weekday() for day in WEEK if falls_on(repeat, mask, day, **kwargs)]


def test_bit_zero_is_monday():
    assert days_to_mask([0]) == 1 and days_to_mask([6]) == 64
    assert mask_to_days(0b1010101) == [0, 2, 4, 6]
    with pytest.raises(ValueError):
        days_to_mask([7])


@given(st.sets(st.integers(0, 6)))
def test_masks_and_days_round_trip(days):
    assert mask_to_days(days_to_mask(days)) == sorted(days)


def test_daily_weekdays_and_weekly_fall_on_their_days():
    start = MONDAY - dt.timedelta(days=30)
    assert days_of(Repeat.DAILY, 0, starts_on=start) == list(range(7))
    assert days_of(Repeat.WEEKDAYS, days_to_mask([0, 2, 4]), starts_on=start) == [0, 2, 4]
    assert days_of(Repeat.WEEKLY, days_to_mask([1]), starts_on=start) == [1]


def test_a_job_falls_only_between_its_first_and_last_day_and_while_active():
    wednesday = MONDAY + dt.timedelta(days=2)
    assert days_of(Repeat.DAILY, 0, starts_on=wednesday) == [2, 3, 4, 5, 6]
    assert days_of(Repeat.DAILY, 0, starts_on=MONDAY, ends_on=wednesday) == [0, 1, 2]
    assert days_of(Repeat.DAILY, 0, starts_on=MONDAY, active=False) == []


def test_the_days_a_repeat_needs_are_checked_in_plain_words():
    assert check_repeat(Repeat.DAILY, 0b101) == 0
    assert check_repeat(Repeat.WEEKDAYS, 0b101) == 0b101
    with pytest.raises(ValueError, match="choose the days"):
        check_repeat(Repeat.WEEKDAYS, 0)
    with pytest.raises(ValueError, match="one day of the week"):
        check_repeat(Repeat.WEEKLY, 0b11)
    with pytest.raises(ValueError):
        check_repeat(Repeat.WEEKLY, 0b10000000)


def test_how_often_in_words():
    assert describe_repeat(Repeat.DAILY, 0) == "Every day"
    assert describe_repeat(Repeat.WEEKLY, 0b10) == "Every Tuesday"
    assert describe_repeat(Repeat.WEEKDAYS, 0b10101) == "Mondays, Wednesdays and Fridays"
    assert describe_repeat(Repeat.WEEKDAYS, 0b11111) == "Monday to Friday"
    assert describe_repeat(Repeat.WEEKDAYS, 0b1111111) == "Every day"


def test_a_long_date_the_way_people_say_it():
    assert long_date(dt.date(2026, 11, 26)) == "Thursday 26 November 2026"
