"""The demo farm is what the issue promises, and its rotation history is conflict-free."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from dutchfarm.db.models import (
    Assignment,
    Ballot,
    Bed,
    Crop,
    DiaryEntry,
    Harvest,
    HasVoted,
    Person,
    Planting,
    Season,
    SeasonCrop,
    Vote,
)
from dutchfarm.domain.rotation import conflicts_in_history
from dutchfarm.domain.terms import BallotStatus, Role
from dutchfarm.services.demo import make_demo_farm
from dutchfarm.services.errors import BadInput

TODAY = dt.date(2026, 11, 26)


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def demo(db):
    make_demo_farm(db, today=TODAY)
    return db


def test_people_and_beds(demo):
    with demo.reading() as session:
        people = session.scalars(select(Person)).all()
        beds = session.scalars(select(Bed)).all()
    assert len(people) == 15
    assert {p.role for p in people} == set(Role)
    owned = [bed for bed in beds if bed.owner_id is not None]
    assert len(owned) == 12
    assert len({bed.owner_id for bed in owned}) == 12
    assert all(bed.width > 0 and bed.length > 0 for bed in beds)


def test_three_past_seasons_of_plantings_follow_the_rotation(demo):
    with demo.reading() as session:
        years = sorted(session.scalars(select(Season.year)))
        rows = session.execute(
            select(Bed.name, Season.year, Crop.group_id)
            .join(Planting, Planting.bed_id == Bed.id)
            .join(Season, Planting.season_id == Season.id)
            .join(Crop, Planting.crop_id == Crop.id)
        ).all()
    assert years == [2023, 2024, 2025, 2026]
    history: dict[str, dict[int, set[str]]] = {}
    for bed, year, group in rows:
        history.setdefault(bed, {}).setdefault(year, set()).add(group)
    assert all(len(history[bed]) == 4 for bed in history)
    assert conflicts_in_history(history, 3) == ()


def test_diaries_harvests_and_rota_history(demo):
    with demo.reading() as session:
        assert count(session, DiaryEntry) > 500
        assert count(session, Harvest) > 200
        assert count(session, Assignment) > 100
        latest = session.scalar(select(func.max(DiaryEntry.day)))
    assert latest <= TODAY


def test_a_closed_vote_chose_the_seasons_crops(demo):
    with demo.reading() as session:
        ballot = session.scalars(select(Ballot)).one()
        assert ballot.status is BallotStatus.CLOSED
        assert count(session, Vote) == count(session, HasVoted) == 12
        chosen = session.scalars(select(SeasonCrop).order_by(SeasonCrop.rank)).all()
    assert len(chosen) == ballot.seats == 4
    strawberry_first = chosen[0].crop_id
    with demo.reading() as session:
        assert session.get(Crop, strawberry_first).key == "strawberry"


def test_jackies_bed_has_strawberries_growing(demo):
    with demo.reading() as session:
        jackie = session.scalars(select(Person).where(Person.display_name == "Jackie")).one()
        bed = session.scalars(select(Bed).where(Bed.owner_id == jackie.id)).one()
        keys = session.scalars(
            select(Crop.key)
            .join(Planting, Planting.crop_id == Crop.id)
            .join(Season, Planting.season_id == Season.id)
            .where(Planting.bed_id == bed.id, Season.year == TODAY.year)
        ).all()
    assert keys == ["strawberry"]


def test_the_demo_is_the_same_every_time(tmp_path):
    from dutchfarm.db.database import open_database

    totals = []
    for name in ("a", "b"):
        db = open_database(f"sqlite:///{tmp_path / name}.sqlite")
        make_demo_farm(db, today=TODAY)
        with db.reading() as session:
            totals.append(session.scalar(select(func.sum(Harvest.quantity))))
        db.close()
    assert totals[0] == totals[1]


def test_the_demo_refuses_a_farm_that_has_people(demo):
    with pytest.raises(BadInput, match="already has people"):
        make_demo_farm(demo, today=TODAY)
