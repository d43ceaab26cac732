"""'I picked' on a bed's record: the harvest in the log and the line in its diary, together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dutchfarm.db.database import Database
from dutchfarm.domain.harvest import describe_amount
from dutchfarm.domain.terms import DiaryAction
from dutchfarm.services.auth import Actor
from dutchfarm.services.beds import drop_diary_entry, write_diary
from dutchfarm.services.errors import BadInput
from dutchfarm.services.harvest import (
    HarvestDraft,
    HarvestInfo,
    drop_harvest,
    harvest_info,
    log_harvest,
)
from dutchfarm.words import _


@dataclass(frozen=True)
class Picking:
    """A harvest logged from a bed, and the diary entry that says so."""

    harvest: HarvestInfo
    diary_entry_id: int


def log_picking(
    db: Database, actor: Actor, draft: HarvestDraft, *, today: dt.date | None = None
) -> Picking:
    """Log a harvest from a bed and write "picked" with the amount in its diary, in one go."""
    if draft.bed_id is None:
        raise BadInput(_("Please say which bed it was picked from."))
    with db.transaction() as session:
        harvest = harvest_info(session, log_harvest(session, actor, draft, today).id)
        amount = describe_amount(
            harvest.quantity, harvest.unit, harvest.crop_name, harvest.crop_plural
        )
        entry = write_diary(session, actor, draft.bed_id, DiaryAction.PICKED, amount, harvest.day)
        return Picking(harvest, entry.id)


def take_back_picking(db: Database, actor: Actor, picking: Picking) -> None:
    """Take the harvest and its diary entry back out together (to undo "I picked")."""
    with db.transaction() as session:
        drop_harvest(session, actor, picking.harvest.id)
        drop_diary_entry(session, actor, picking.diary_entry_id)
