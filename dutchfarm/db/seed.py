"""Loading the shipped crop library, rotation groups and task types into a new database."""

from __future__ import annotations

import datetime as dt
import json
from importlib.resources import files
from typing import Any

from sqlalchemy import func, select

from dutchfarm.db.database import Database
from dutchfarm.db.models import Crop, CropAlias, Farm, RotationGroup, Season, TaskType
from dutchfarm.domain.terms import DEFAULT_ROTATION_YEARS, Effort, Unit, months_to_mask

DEFAULT_FARM_NAME = "Dutch Farm"


def load_resource(name: str) -> Any:
    """Return the parsed JSON data file ``name`` from the shipped resources."""
    return json.loads(files("dutchfarm.resources").joinpath(name).read_text(encoding="utf-8"))


def seed_if_empty(database: Database, *, today: dt.date | None = None) -> bool:
    """Fill a new database with the farm, the crop library and task types; True if it did."""
    with database.transaction() as session:
        if session.scalar(select(func.count()).select_from(Farm)):
            return False
        session.add(Farm(id=1, name=DEFAULT_FARM_NAME, rotation_years=DEFAULT_ROTATION_YEARS))
        for position, group in enumerate(load_resource("rotation_groups.json")):
            session.add(
                RotationGroup(
                    id=group["id"],
                    name=group["name"],
                    colour=group["colour"],
                    icon=group["icon"],
                    in_rotation=group["in_rotation"],
                    position=position,
                )
            )
        session.flush()
        for entry in load_resource("crops.json"):
            crop = Crop(
                key=entry["key"],
                name=entry["name"],
                plural=entry["plural"],
                family=entry["family"],
                group_id=entry["group"],
                perennial=entry["perennial"],
                sow_months=months_to_mask(entry["sow_months"]),
                harvest_months=months_to_mask(entry["harvest_months"]),
                unit=Unit(entry["unit"]),
                icon=entry["icon"],
            )
            crop.aliases = [CropAlias(alias=alias.lower()) for alias in entry.get("aliases", [])]
            session.add(crop)
        for entry in load_resource("task_types.json"):
            session.add(
                TaskType(
                    key=entry["key"],
                    name=entry["name"],
                    icon=entry["icon"],
                    effort=Effort(entry["effort"]),
                )
            )
        year = (today or dt.date.today()).year
        session.add(
            Season(
                year=year,
                rotation_years=DEFAULT_ROTATION_YEARS,
                started_on=dt.date(year, 1, 1),
            )
        )
        return True
