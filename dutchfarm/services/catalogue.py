"""The farm's catalogues: task types, crops and rotation groups."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from dutchfarm.db.database import Database
from dutchfarm.db.models import Crop, RotationGroup, TaskType
from dutchfarm.domain.terms import Effort, Unit, mask_to_months


@dataclass(frozen=True)
class TaskTypeInfo:
    """A kind of job, with its picture."""

    id: int
    key: str
    name: str
    icon: str
    effort: Effort


@dataclass(frozen=True)
class RotationGroupInfo:
    """A rotation group, with its colour and picture."""

    id: str
    name: str
    colour: str
    icon: str
    in_rotation: bool


@dataclass(frozen=True)
class CropInfo:
    """A crop in the library."""

    id: int
    key: str
    name: str
    plural: str
    family: str
    group: str
    perennial: bool
    sow_months: tuple[int, ...]
    harvest_months: tuple[int, ...]
    unit: Unit
    icon: str


def list_task_types(db: Database, *, include_archived: bool = False) -> list[TaskTypeInfo]:
    """Return the kinds of job, by name."""
    with db.reading() as session:
        query = select(TaskType).order_by(TaskType.name)
        if not include_archived:
            query = query.where(TaskType.archived.is_(False))
        return [
            TaskTypeInfo(task.id, task.key, task.name, task.icon, task.effort)
            for task in session.scalars(query)
        ]


def list_rotation_groups(db: Database) -> list[RotationGroupInfo]:
    """Return the rotation groups in their usual order."""
    with db.reading() as session:
        return [
            RotationGroupInfo(g.id, g.name, g.colour, g.icon, g.in_rotation)
            for g in session.scalars(select(RotationGroup).order_by(RotationGroup.position))
        ]


def list_crops(db: Database, *, include_archived: bool = False) -> list[CropInfo]:
    """Return the crop library, by name."""
    with db.reading() as session:
        query = select(Crop).order_by(Crop.name)
        if not include_archived:
            query = query.where(Crop.archived.is_(False))
        return [
            CropInfo(
                id=crop.id,
                key=crop.key,
                name=crop.name,
                plural=crop.plural,
                family=crop.family,
                group=crop.group_id,
                perennial=crop.perennial,
                sow_months=tuple(mask_to_months(crop.sow_months)),
                harvest_months=tuple(mask_to_months(crop.harvest_months)),
                unit=crop.unit,
                icon=crop.icon,
            )
            for crop in session.scalars(query)
        ]
