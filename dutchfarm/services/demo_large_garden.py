"""The large demo's garden: ten seasons of plantings that keep the rotation, diaries, harvests."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from dutchfarm.db.models import DiaryEntry, Harvest, Planting
from dutchfarm.domain.terms import DiaryAction, PlantingStatus, mask_to_months, to_grams
from dutchfarm.services.demo import ANYWHERE, COURSES, picked_quantity
from dutchfarm.services.demo_large_data import PICKING, SHARED_BEDS, VARIETIES
from dutchfarm.services.demo_large_state import BedSpot, LargeFarm, insert_ids, insert_rows

HARVESTS = 100_000
# How often a gardener keeps last year's crop family in their bed (a rotation conflict),
# and grows a second crop of the same family beside the first.
KEEP_FAMILY_SHARE = 0.03
SECOND_CROP_SHARE = 0.3
FAILED_SHARE = 0.05
CARE = (DiaryAction.WATERED, DiaryAction.WATERED, DiaryAction.WEEDED, DiaryAction.FED)
PICKED_NOTE_SHARE = 0.3
SHARED_CROPS = dict(SHARED_BEDS)


@dataclass
class _Growing:
    """A planting made, with what its diary and harvests need."""

    id: int
    bed: BedSpot
    crop: Any  # Crop
    year: int
    status: PlantingStatus
    sown: dt.date | None
    planted: dt.date | None
    variety: str | None


def grow_seasons(farm: LargeFarm) -> None:
    """Plant every bed every season, keep each bed's diary, and pick the harvests."""
    plantings = _plant(farm)
    diary = [row for growing in plantings for row in _diary(farm, growing)]
    harvests, picked = _pick(farm, plantings)
    insert_rows(farm.session, DiaryEntry, diary + picked)
    insert_rows(farm.session, Harvest, harvests)
    farm.add("diary", len(diary) + len(picked))
    farm.add("harvests", len(harvests))


def _crops_for(farm: LargeFarm, bed: BedSpot, year: int) -> list[Any]:
    turn = year - min(farm.seasons)
    if bed.number is None:
        seasons = SHARED_CROPS[bed.name]
        return [farm.crops[key] for key in seasons[turn % len(seasons)]]
    if bed.number == 1:
        # Jackie's bed has had strawberries for years, as in the small demo.
        return [farm.crops["strawberry"]]
    step = bed.number + year
    if turn and farm.random.random() < KEEP_FAMILY_SHARE:
        step -= 1  # last year's family again
    course = COURSES[step % len(COURSES)]
    crops = [farm.crops[course[step % len(course)]]]
    if farm.random.random() < SECOND_CROP_SHARE:
        crops.append(farm.crops[course[(step + 1) % len(course)]])
    crops.append(farm.crops[ANYWHERE[(bed.number * 3 + year) % len(ANYWHERE)]])
    return crops


def _status(farm: LargeFarm, crop: Any, year: int, planted: dt.date) -> PlantingStatus:
    current = year == farm.today.year
    if crop.perennial:
        return PlantingStatus.GROWING if current else PlantingStatus.FINISHED
    if current and planted > farm.today:
        return PlantingStatus.PLANNED
    if current and farm.today.month < 10:
        return PlantingStatus.GROWING
    return PlantingStatus.FAILED if farm.random.random() < FAILED_SHARE else PlantingStatus.FINISHED


def _plant(farm: LargeFarm) -> list[_Growing]:
    pick = farm.random
    made: list[_Growing] = []
    rows = []
    for year, season_id in sorted(farm.seasons.items()):
        for bed in farm.beds:
            for crop in _crops_for(farm, bed, year):
                months = mask_to_months(crop.sow_months) or [4]
                sown = dt.date(year, months[len(months) // 2], pick.randint(1, 25))
                planted = sown + dt.timedelta(days=pick.randint(21, 42))
                status = _status(farm, crop, year, planted)
                varieties = VARIETIES.get(crop.key)
                growing = _Growing(
                    id=0,
                    bed=bed,
                    crop=crop,
                    year=year,
                    status=status,
                    sown=None if crop.perennial else sown,
                    planted=None if status is PlantingStatus.PLANNED else planted,
                    variety=pick.choice(varieties) if varieties else None,
                )
                made.append(growing)
                rows.append(
                    {
                        "season_id": season_id,
                        "bed_id": bed.id,
                        "crop_id": crop.id,
                        "variety": growing.variety,
                        "sown_on": growing.sown,
                        "planted_on": growing.planted,
                        "status": status,
                        "created_at": dt.datetime.combine(sown, dt.time(10, 0)),
                    }
                )
    for growing, planting_id in zip(made, insert_ids(farm.session, Planting, rows), strict=True):
        growing.id = planting_id
    farm.add("plantings", len(made))
    return made


def _diary_row(
    growing: _Growing, person_id: int, action: DiaryAction, day: dt.date, note: str | None = None
) -> dict[str, Any]:
    return {
        "bed_id": growing.bed.id,
        "person_id": person_id,
        "planting_id": growing.id,
        "action": action,
        "day": day,
        "note": note,
        "created_at": dt.datetime.combine(day, dt.time(14, 0)),
    }


def _worker(farm: LargeFarm, bed: BedSpot, day: dt.date) -> int:
    """Who worked a bed on a day: its owner if they were in, else someone who was."""
    if bed.owner_id is not None and (bed.owner_id, day) in farm.was_in:
        return bed.owner_id
    return farm.random.choice(farm.present[day])


def _on_working_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _diary(farm: LargeFarm, growing: _Growing) -> list[dict[str, Any]]:
    """Sowed, planted, then watering, weeding and feeding on days the gardener was in."""
    if growing.planted is None:
        return []
    first_day, last_day = farm.first_day, farm.yesterday
    rows = []
    for action, day in ((DiaryAction.SOWED, growing.sown), (DiaryAction.PLANTED, growing.planted)):
        if day is not None and first_day <= _on_working_day(day) <= last_day:
            day = _on_working_day(day)
            rows.append(_diary_row(growing, _worker(farm, growing.bed, day), action, day))
    end = min(dt.date(growing.year, 10, 31), last_day)
    days = farm.working_days(growing.planted + dt.timedelta(days=1), end)
    for day in sorted(farm.random.sample(days, min(len(days), farm.random.randint(6, 12)))):
        action = farm.random.choice(CARE)
        rows.append(_diary_row(growing, _worker(farm, growing.bed, day), action, day))
    if growing.status is PlantingStatus.FAILED and days:
        day = days[-1]
        rows.append(
            _diary_row(
                growing,
                _worker(farm, growing.bed, day),
                DiaryAction.NOTE,
                day,
                "The slugs ate them.",
            )
        )
    return rows


def _pickable_days(farm: LargeFarm, growing: _Growing) -> list[dt.date]:
    if growing.status in (PlantingStatus.PLANNED, PlantingStatus.FAILED):
        return []
    months = set(mask_to_months(growing.crop.harvest_months) or [8])
    start = dt.date(growing.year, 1, 1)
    if not growing.crop.perennial and growing.planted is not None:
        start = growing.planted + dt.timedelta(days=30)
    end = min(dt.date(growing.year, 12, 20), farm.yesterday)
    return [day for day in farm.working_days(start, end) if day.month in months]


def _shares(weights: list[float], total: int) -> list[int]:
    """Split ``total`` in proportion to ``weights``, in whole numbers that add up exactly."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    shares = [math.floor(value) for value in exact]
    left = total - sum(shares)
    by_remainder = sorted(range(len(exact)), key=lambda i: (shares[i] - exact[i], i))
    for index in by_remainder[:left]:
        shares[index] += 1
    return shares


def _pick(
    farm: LargeFarm, plantings: list[_Growing]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Exactly HARVESTS harvests, each on a working day of its crop's months, by who was in."""
    pick = farm.random
    days_of = [_pickable_days(farm, growing) for growing in plantings]
    weights = [
        len(days) * PICKING.get(growing.crop.key, 1.0)
        for growing, days in zip(plantings, days_of, strict=True)
    ]
    # Each season gets its share by how much of it has been (this one is not over yet),
    # then its plantings by how long and how often each crop is picked.
    season_total: dict[int, float] = {}
    for growing, weight in zip(plantings, weights, strict=True):
        season_total[growing.year] = season_total.get(growing.year, 0.0) + weight
    season_days = {
        year: len(
            farm.working_days(dt.date(year, 1, 1), min(dt.date(year, 12, 20), farm.yesterday))
        )
        for year in season_total
    }
    weights = [
        weight / season_total[growing.year] * season_days[growing.year]
        for growing, weight in zip(plantings, weights, strict=True)
    ]
    harvests, picked = [], []
    for growing, days, share in zip(plantings, days_of, _shares(weights, HARVESTS), strict=True):
        crop = growing.crop
        for day in sorted(pick.choices(days, k=share)) if share else ():
            who = _worker(farm, growing.bed, day)
            quantity = picked_quantity(pick, crop.unit)
            harvests.append(
                {
                    "season_id": farm.seasons[growing.year],
                    "day": day,
                    "crop_id": crop.id,
                    "bed_id": growing.bed.id,
                    "variety": growing.variety,
                    "quantity": quantity,
                    "unit": crop.unit,
                    "grams": to_grams(quantity, crop.unit),
                    "picked_by_id": who,
                    "imported": False,
                    "created_at": dt.datetime.combine(day, dt.time(15, 30)),
                }
            )
            if who == growing.bed.owner_id and pick.random() < PICKED_NOTE_SHARE:
                picked.append(_diary_row(growing, who, DiaryAction.PICKED, day))
    return harvests, picked
