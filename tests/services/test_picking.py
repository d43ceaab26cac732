"""'I picked' on a bed: the harvest and the diary line are written, and taken back, together."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from dutchfarm.db.models import Bed, Crop, DiaryEntry, Harvest, Person
from dutchfarm.domain.terms import DiaryAction, Unit
from dutchfarm.services.auth import Actor
from dutchfarm.services.demo import make_demo_farm
from dutchfarm.services.errors import BadInput, NotAllowed
from dutchfarm.services.harvest import HarvestDraft
from dutchfarm.services.picking import log_picking, take_back_picking

TODAY = dt.date.today()


@pytest.fixture
def farm(db):
    make_demo_farm(db, today=TODAY)
    return db


def gardener(db, name):
    with db.reading() as session:
        person = session.scalar(select(Person).where(Person.display_name == name))
        bed = session.scalar(select(Bed.id).where(Bed.owner_id == person.id))
        strawberry = session.scalar(select(Crop.id).where(Crop.key == "strawberry"))
    return Actor(person.id, person.role, person.display_name), bed, strawberry


def counts(db):
    with db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(Harvest)),
            session.scalar(select(func.count()).select_from(DiaryEntry)),
        )


def test_a_picking_is_a_harvest_and_a_diary_line_and_undo_takes_both(farm):
    jackie, bed, strawberry = gardener(farm, "Jackie")
    before = counts(farm)
    draft = HarvestDraft(
        TODAY, strawberry, 6, Unit.COUNT, bed_id=bed, picked_by_id=jackie.person_id
    )

    picking = log_picking(farm, jackie, draft)

    assert counts(farm) == (before[0] + 1, before[1] + 1)
    assert (picking.harvest.quantity, picking.harvest.bed_id) == (6, bed)
    with farm.reading() as session:
        entry = session.get(DiaryEntry, picking.diary_entry_id)
        assert (entry.action, entry.note, entry.person_id, entry.day) == (
            DiaryAction.PICKED,
            "6 strawberries",
            jackie.person_id,
            TODAY,
        )
    take_back_picking(farm, jackie, picking)
    assert counts(farm) == before


def test_nothing_is_written_when_either_half_is_refused(farm):
    jackie, _, strawberry = gardener(farm, "Jackie")
    _, marcos_bed, _ = gardener(farm, "Marco")
    before = counts(farm)
    # Jackie may log her own harvest, but not write in Marco's bed's diary.
    on_marcos_bed = HarvestDraft(
        TODAY, strawberry, 6, Unit.COUNT, bed_id=marcos_bed, picked_by_id=jackie.person_id
    )
    with pytest.raises(NotAllowed):
        log_picking(farm, jackie, on_marcos_bed)
    with pytest.raises(BadInput):
        log_picking(farm, jackie, HarvestDraft(TODAY, strawberry, 6, Unit.COUNT))
    assert counts(farm) == before
