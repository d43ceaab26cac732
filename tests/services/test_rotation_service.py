"""Rotation services: the grid, warnings where plantings are made, wishes and the planner."""

import datetime as dt

import pytest
from sqlalchemy import select

from dutchfarm.db.models import Bed, Crop, Planting, Season
from dutchfarm.domain.terms import PlantingStatus
from dutchfarm.services.auth import COMMAND_LINE, sign_in
from dutchfarm.services.beds import RotationWarning, add_planting, bed_of, bed_record, list_beds
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.demo import make_demo_farm
from dutchfarm.services.errors import BadInput, NotAllowed
from dutchfarm.services.people import list_people
from dutchfarm.services.rotation import (
    accept_plan,
    add_wish,
    chosen_crops,
    propose_plan,
    remove_wish,
    rotation_grid,
    set_rotation_years,
    wishes_of,
    withdraw_plan,
)
from dutchfarm.services.rotation_rules import conflict, load_history, rotation_years

TODAY = dt.date.today()


@pytest.fixture
def demo(db):
    make_demo_farm(db)
    return db


def crop(db, key):
    return next(c for c in list_crops(db) if c.key == key)


def person(db, name):
    return next(p for p in list_people(db) if p.name == name)


def bed_with_last_year(db, group):
    grid = rotation_grid(db)
    for bed_id, name in grid.beds:
        cell = grid.cells.get((bed_id, TODAY.year - 1))
        if cell and group in cell.groups:
            return bed_id, name
    raise AssertionError(f"no bed grew {group} last year")


def test_the_grid_shows_six_years_and_the_next_with_no_conflicts_in_the_demo(demo):
    grid = rotation_grid(demo)
    assert grid.years == tuple(range(TODAY.year - 5, TODAY.year + 2))
    assert len(grid.beds) == 14
    assert grid.conflicts() == []
    filled = [cell for cell in grid.cells.values() if cell.crops]
    assert len(filled) >= 14 * 4


def test_potatoes_after_potatoes_warn_in_plain_words(demo):
    bed_id, bed_name = bed_with_last_year(demo, "potatoes")
    ann = sign_in(demo, person(demo, "Ann").id, "1234")
    with pytest.raises(RotationWarning) as warning:
        add_planting(demo, ann, bed_id, crop(demo, "potato").id)
    assert str(warning.value) == (
        f"Potatoes grew in {bed_name} in {TODAY.year - 1}. Wait until {TODAY.year + 2}."
    )
    # Staff may go ahead; the bed then shows the conflict on the record, map and grid.
    planting = add_planting(demo, ann, bed_id, crop(demo, "potato").id, go_ahead=True)
    assert planting.status is PlantingStatus.GROWING
    record = bed_record(demo, ann, bed_id)
    assert [p.warning for p in record.plantings if p.id == planting.id] == [str(warning.value)]
    assert str(warning.value) in next(b for b in list_beds(demo) if b.id == bed_id).warnings
    assert str(warning.value) in rotation_grid(demo).conflicts()


def test_a_gardener_cannot_go_ahead_against_the_rotation(demo):
    jackie = sign_in(demo, person(demo, "Jackie").id)
    own = bed_of(demo, jackie.person_id)
    # Strawberries are perennial: they never conflict.
    add_planting(demo, jackie, own, crop(demo, "strawberry").id)
    grid = rotation_grid(demo)
    last_year = grid.cells[(own, TODAY.year - 1)]
    assert "perennial" in last_year.groups


def test_go_ahead_is_for_staff_only(demo):
    bed_id, _ = bed_with_last_year(demo, "potatoes")
    owner = next(b for b in list_beds(demo) if b.id == bed_id).owner
    gardener = sign_in(demo, owner.id)
    with pytest.raises(RotationWarning):
        add_planting(demo, gardener, bed_id, crop(demo, "potato").id)
    with pytest.raises(NotAllowed, match="Ask a volunteer"):
        add_planting(demo, gardener, bed_id, crop(demo, "potato").id, go_ahead=True)


def grid_the_long_way(db, today):
    """Every cell's crops and conflicts, judged crop by crop against all of history."""
    years = range(today.year - 5, today.year + 2)
    found: dict[tuple[int, int], tuple[list[int], list[str]]] = {}
    with db.reading() as session:
        history = load_history(session)
        rows = session.execute(
            select(Planting.bed_id, Bed.name, Season.year, Crop)
            .join(Bed, Planting.bed_id == Bed.id)
            .join(Season, Planting.season_id == Season.id)
            .join(Crop, Planting.crop_id == Crop.id)
            .order_by(Planting.id)
        ).all()
        for bed_id, bed, year, grown in rows:
            if year not in years:
                continue
            crops, messages = found.setdefault((bed_id, year), ([], []))
            if grown.id not in crops:
                crops.append(grown.id)
            message = conflict(history, bed, year, grown, rotation_years(session, year))
            if message and message not in messages:
                messages.append(message)
    return found


@pytest.mark.parametrize("later", [0, 3], ids=["this year", "three years on"])
def test_the_grid_judges_each_cell_as_checking_every_crop_against_all_history_would(demo, later):
    # Potatoes and tomatoes in the same beds year after year, and a longer rotation from
    # this season: conflicts in many cells, some reaching back three years (three years
    # on, from before the grid's first year).
    set_rotation_years(demo, COMMAND_LINE, 4)
    with demo.transaction() as session:
        seasons = session.scalars(select(Season).order_by(Season.year)).all()
        beds = session.scalars(select(Bed).order_by(Bed.id)).all()[:5]
        potato, tomato = (
            session.scalar(select(Crop).where(Crop.key == key)) for key in ("potato", "tomato")
        )
        for index, season in enumerate(seasons):
            for bed in beds[index % 2 :: 2]:
                for grown in (potato, tomato):
                    session.add(
                        Planting(
                            season_id=season.id,
                            bed_id=bed.id,
                            crop_id=grown.id,
                            status=PlantingStatus.GROWING,
                        )
                    )
    today = TODAY.replace(year=TODAY.year + later, day=1)
    grid = rotation_grid(demo, today)
    expected = grid_the_long_way(demo, today)
    assert grid.conflicts()
    assert {key: ([b.id for b in c.crops], list(c.conflicts)) for key, c in grid.cells.items()} == (
        expected
    )


def test_the_rotation_length_applies_from_this_season_on(demo):
    set_rotation_years(demo, COMMAND_LINE, 4)
    with demo.reading() as session:
        lengths = dict(session.execute(select(Season.year, Season.rotation_years)).all())
    assert lengths[TODAY.year] == 4 and lengths[TODAY.year - 1] == 3
    with pytest.raises(BadInput):
        set_rotation_years(demo, COMMAND_LINE, 7)


def test_wishes_are_kept_per_person_and_year(demo):
    jackie = sign_in(demo, person(demo, "Jackie").id)
    marco = person(demo, "Marco")
    add_wish(demo, jackie, jackie.person_id, crop(demo, "pumpkin").id, 2030)
    add_wish(demo, jackie, jackie.person_id, crop(demo, "pumpkin").id, 2030)
    assert [c.name for c in wishes_of(demo, jackie.person_id, 2030)] == ["Pumpkin"]
    with pytest.raises(NotAllowed):
        add_wish(demo, jackie, marco.id, crop(demo, "pumpkin").id, 2030)
    assert remove_wish(demo, jackie, jackie.person_id, crop(demo, "pumpkin").id, 2030)
    assert wishes_of(demo, jackie.person_id, 2030) == []


def test_the_planner_places_the_chosen_crops_with_no_conflict_and_honours_wishes(demo):
    year = TODAY.year
    chosen = chosen_crops(demo, year)
    assert [c.name for c in chosen][0] == "Strawberry" and len(chosen) == 4
    proposal = propose_plan(demo, year, [c.id for c in chosen])
    assert proposal.conflicts == {} and proposal.unplaced == ()
    jackie_bed = bed_of(demo, person(demo, "Jackie").id)
    strawberry = crop(demo, "strawberry").id
    assert proposal.placed[strawberry] == jackie_bed
    assert strawberry in proposal.wishes_honoured
    assert proposal.reasons[strawberry] == "Jackie would like strawberries in Bed 1."
    assert len(set(proposal.placed.values())) == 4


def test_accepting_a_plan_creates_planned_plantings_in_one_go(demo):
    year = TODAY.year
    chosen = [c.id for c in chosen_crops(demo, year)]
    proposal = propose_plan(demo, year, chosen)
    ann = sign_in(demo, person(demo, "Ann").id, "1234")
    with demo.reading() as session:
        before = set(session.execute(select(Planting.crop_id, Planting.bed_id)).all())
    made = accept_plan(demo, ann, year, proposal.placed)
    with demo.reading() as session:
        planned = session.scalars(select(Planting).where(Planting.id.in_(made))).all()
        after = set(session.execute(select(Planting.crop_id, Planting.bed_id)).all())
    # Jackie's strawberries already grow in her bed; the plan does not plant them twice.
    new = set(proposal.placed.items()) - before
    assert {(p.crop_id, p.bed_id) for p in planned} == new and len(new) >= 3
    assert {p.status for p in planned} == {PlantingStatus.PLANNED}
    assert set(proposal.placed.items()) <= after
    assert withdraw_plan(demo, ann, made) == len(new)
    # Two crops in one bed are refused, and nothing is half-made.
    first, second = chosen[:2]
    with pytest.raises(BadInput, match="one crop"):
        accept_plan(
            demo, ann, year, {first: proposal.placed[first], second: proposal.placed[first]}
        )
    with demo.reading() as session:
        assert (
            session.scalars(select(Planting).where(Planting.status == PlantingStatus.PLANNED)).all()
            == []
        )


def test_only_the_coordinator_accepts_a_plan(demo):
    priya = sign_in(demo, person(demo, "Priya").id)
    with pytest.raises(NotAllowed):
        accept_plan(demo, priya, TODAY.year, {})


def test_the_planner_refuses_nothing_to_plan(demo):
    with pytest.raises(BadInput, match="choose the crops"):
        propose_plan(demo, TODAY.year, [])


def test_the_demo_gardeners_wish_for_this_year_and_next_at_any_time(tmp_path):
    from dutchfarm.db.database import open_database
    from dutchfarm.services.demo import make_demo_farm

    spring = dt.date(TODAY.year, 3, 2)
    db = open_database(f"sqlite:///{tmp_path / 'spring.sqlite'}")
    make_demo_farm(db, today=spring)
    jackie = person(db, "Jackie").id
    for year in (spring.year, spring.year + 1):
        assert [c.name for c in wishes_of(db, jackie, year)] == ["Strawberry"]
    db.close()
