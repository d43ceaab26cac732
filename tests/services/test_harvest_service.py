"""Logging, changing and removing harvests, who may, and the chart series of a season."""

import datetime as dt

import pytest
from chart_shapes import chart_shape
from sqlalchemy import func, select

from dutchfarm.db.models import Bed, Crop, Harvest, Person, Season
from dutchfarm.domain.harvest import HarvestPoint, season_charts
from dutchfarm.domain.terms import Role, Unit
from dutchfarm.services.auth import NOBODY, Actor
from dutchfarm.services.demo import make_demo_farm
from dutchfarm.services.errors import BadInput, NotAllowed, NotFound
from dutchfarm.services.farm import current_season
from dutchfarm.services.harvest import (
    HarvestDraft,
    add_harvest,
    delete_harvest,
    get_harvest,
    harvest_choices,
    list_harvests,
    restore_harvest,
    season_chart_series,
    update_harvest,
)

TODAY = dt.date.today()


@pytest.fixture
def farm(db):
    make_demo_farm(db, today=TODAY)
    return db


def person(db, name):
    with db.reading() as session:
        found = session.scalar(select(Person).where(Person.display_name == name))
        return Actor(found.id, found.role, found.display_name)


def crop_id(db, key):
    with db.reading() as session:
        return session.scalar(select(Crop.id).where(Crop.key == key))


def bed_id(db, name):
    with db.reading() as session:
        return session.scalar(select(Bed.id).where(Bed.name == name))


def harvest_count(db):
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Harvest))


def test_a_weight_is_kept_in_grams_too_and_a_count_is_not(farm):
    jackie = person(farm, "Jackie")
    strawberry = crop_id(farm, "strawberry")
    weighed = add_harvest(
        farm,
        jackie,
        HarvestDraft(TODAY, strawberry, 1.5, Unit.KILOGRAMS, picked_by_id=jackie.person_id),
    )
    assert weighed.grams == 1500.0 and weighed.season_year == TODAY.year
    assert weighed.picked_by_name == "Jackie" and not weighed.imported
    counted = add_harvest(
        farm, jackie, HarvestDraft(TODAY, strawberry, 6, Unit.COUNT, picked_by_id=jackie.person_id)
    )
    assert counted.grams is None and counted.quantity == 6
    assert counted.crop_plural == "Strawberries"


def test_a_harvest_in_a_year_without_a_season_starts_that_season(farm):
    ann = person(farm, "Ann")
    day = dt.date(2001, 8, 1)
    saved = add_harvest(farm, ann, HarvestDraft(day, crop_id(farm, "potato"), 2, Unit.KILOGRAMS))
    assert saved.season_year == 2001
    with farm.reading() as session:
        assert session.scalar(select(Season.started_on).where(Season.year == 2001)) == dt.date(
            2001, 1, 1
        )


def test_a_gardener_may_log_and_change_only_their_own(farm):
    jackie, marco = person(farm, "Jackie"), person(farm, "Marco")
    peas = crop_id(farm, "pea")
    mine = add_harvest(
        farm, jackie, HarvestDraft(TODAY, peas, 100, Unit.GRAMS, None, jackie.person_id)
    )
    with pytest.raises(NotAllowed, match="your own harvests"):
        add_harvest(farm, jackie, HarvestDraft(TODAY, peas, 100, Unit.GRAMS, None, marco.person_id))
    with pytest.raises(NotAllowed, match="your own harvests"):
        update_harvest(farm, marco, mine.id, mine.draft())
    with pytest.raises(NotAllowed, match="your own harvests"):
        delete_harvest(farm, marco, mine.id)
    # Nor may Jackie give her harvest to Marco.
    changed = HarvestDraft(TODAY, peas, 100, Unit.GRAMS, None, marco.person_id)
    with pytest.raises(NotAllowed):
        update_harvest(farm, jackie, mine.id, changed)
    with pytest.raises(NotAllowed, match="choose your picture"):
        add_harvest(farm, NOBODY, HarvestDraft(TODAY, peas, 1, Unit.GRAMS))
    assert get_harvest(farm, mine.id).picked_by_id == jackie.person_id


def test_volunteers_and_the_coordinator_may_change_anyones(farm):
    jackie, rosa = person(farm, "Jackie"), person(farm, "Rosa")
    assert rosa.role is Role.VOLUNTEER
    peas = crop_id(farm, "pea")
    hers = add_harvest(
        farm, jackie, HarvestDraft(TODAY, peas, 100, Unit.GRAMS, None, jackie.person_id)
    )
    changed = update_harvest(
        farm,
        rosa,
        hers.id,
        HarvestDraft(
            TODAY,
            peas,
            250,
            Unit.GRAMS,
            bed_id(farm, "Bed 1"),
            jackie.person_id,
            "Hurst Green Shaft",
        ),
    )
    assert changed.quantity == 250 and changed.grams == 250 and changed.bed_name == "Bed 1"
    assert changed.variety == "Hurst Green Shaft"
    delete_harvest(farm, person(farm, "Ann"), hers.id)
    with pytest.raises(NotFound):
        get_harvest(farm, hers.id)


def test_removing_and_putting_back_keeps_the_harvest_as_it_was(farm):
    jackie = person(farm, "Jackie")
    before = harvest_count(farm)
    saved = add_harvest(
        farm,
        jackie,
        HarvestDraft(
            TODAY, crop_id(farm, "radish"), 2, Unit.BUNCH, bed_id(farm, "Bed 1"), jackie.person_id
        ),
    )
    removed = delete_harvest(farm, jackie, saved.id)
    assert harvest_count(farm) == before
    back = restore_harvest(farm, jackie, removed)
    assert back == saved
    with pytest.raises(BadInput, match="already back"):
        restore_harvest(farm, jackie, removed)


@pytest.mark.parametrize(
    ("quantity", "day", "message"),
    [
        (0, TODAY, "more than 0"),
        (-3, TODAY, "more than 0"),
        (float("nan"), TODAY, "as a number"),
        (5, TODAY + dt.timedelta(days=1), "has not come yet"),
        (1e9, TODAY, "very big"),
    ],
)
def test_bad_harvests_are_refused_in_plain_words(farm, quantity, day, message):
    ann = person(farm, "Ann")
    before = harvest_count(farm)
    with pytest.raises(BadInput, match=message):
        add_harvest(farm, ann, HarvestDraft(day, crop_id(farm, "pea"), quantity, Unit.GRAMS))
    with pytest.raises(BadInput, match="choose a crop"):
        add_harvest(farm, ann, HarvestDraft(TODAY, 99_999, 1, Unit.GRAMS))
    assert harvest_count(farm) == before


def test_a_gardeners_own_crops_come_first(farm):
    jackie = person(farm, "Jackie")
    season = current_season(farm)
    choices = harvest_choices(farm, jackie, season.id)
    assert choices.own_bed_id == bed_id(farm, "Bed 1")
    assert choices.crops[0].name == "Strawberry" and choices.crops[0].in_my_bed
    assert not any(crop.in_my_bed for crop in choices.crops[1:])
    assert [b.name for b in choices.beds][:3] == ["Bed 1", "Bed 2", "Bed 3"]
    assert harvest_choices(farm, person(farm, "Ann"), season.id).own_bed_id is None


def test_each_crop_comes_in_the_unit_the_person_used_last(farm):
    jackie, marco = person(farm, "Jackie"), person(farm, "Marco")
    season = current_season(farm)

    def strawberry_unit(actor):
        choices = harvest_choices(farm, actor, season.id)
        return next(c.unit for c in choices.crops if c.name == "Strawberry")

    # The library weighs strawberries, and so did Jackie, until she counted them.
    assert strawberry_unit(jackie) == Unit.GRAMS
    strawberry = crop_id(farm, "strawberry")
    add_harvest(
        farm, jackie, HarvestDraft(TODAY, strawberry, 6, Unit.COUNT, picked_by_id=jackie.person_id)
    )
    assert strawberry_unit(jackie) == Unit.COUNT
    assert strawberry_unit(marco) == Unit.GRAMS


def test_the_list_filters_by_season_person_and_bed(farm):
    season = current_season(farm)
    jackie = person(farm, "Jackie")
    everything = list_harvests(farm, season_id=season.id)
    hers = list_harvests(farm, season_id=season.id, person_id=jackie.person_id)
    assert hers and all(h.picked_by_id == jackie.person_id for h in hers)
    assert all(h.season_id == season.id for h in everything)
    assert [h.day for h in everything] == sorted((h.day for h in everything), reverse=True)
    bed = list_harvests(farm, season_id=season.id, bed_id=bed_id(farm, "Bed 1"))
    assert {h.bed_name for h in bed} == {"Bed 1"}


def _one_by_one(rows, year):
    """Return the charts of ``rows`` (HarvestInfo) worked out harvest by harvest."""
    points = [
        HarvestPoint(h.day, h.crop_plural, h.quantity, h.unit, h.grams, h.bed_name)
        for h in rows
        if h.season_year == year
    ]
    earlier = {}
    for h in rows:
        if h.season_year < year and h.grams is not None:
            earlier.setdefault(h.season_year, []).append(
                HarvestPoint(h.day, "", h.grams, Unit.GRAMS, h.grams)
            )
    return season_charts(year, points, earlier)


def test_chart_series_added_up_by_the_database_match_the_harvests_one_by_one(farm):
    season = current_season(farm)
    everything = list_harvests(farm)
    assert chart_shape(season_chart_series(farm, season.id)) == chart_shape(
        _one_by_one(everything, season.year)
    )
    jackie = person(farm, "Jackie")
    hers = [h for h in everything if h.picked_by_id == jackie.person_id]
    assert chart_shape(season_chart_series(farm, season.id, person_id=jackie.person_id)) == (
        chart_shape(_one_by_one(hers, season.year))
    )
    bed = bed_id(farm, "Bed 1")
    its = [h for h in everything if h.bed_id == bed]
    assert chart_shape(season_chart_series(farm, season.id, bed_id=bed)) == chart_shape(
        _one_by_one(its, season.year)
    )


def test_chart_series_match_the_log(farm):
    season = current_season(farm)
    rows = list_harvests(farm, season_id=season.id)
    charts = season_chart_series(farm, season.id)
    assert charts.totals.harvests == len(rows)
    assert charts.totals.grams == pytest.approx(sum(h.grams or 0 for h in rows))
    counted = sum(h.quantity for h in rows if h.unit is Unit.COUNT)
    assert charts.totals.count == counted
    assert [s.year for s in charts.seasons] == [
        TODAY.year,
        TODAY.year - 1,
        TODAY.year - 2,
        TODAY.year - 3,
    ]
    # One person's chart holds only what they picked.
    jackie = person(farm, "Jackie")
    hers = season_chart_series(farm, season.id, person_id=jackie.person_id)
    mine = [h for h in rows if h.picked_by_id == jackie.person_id]
    assert hers.totals.harvests == len(mine)
    assert hers.totals.grams == pytest.approx(sum(h.grams or 0 for h in mine))
    # Adding 6 counted strawberries puts 6 on her strawberry count line.
    before = hers.count_series("Strawberries")
    add_harvest(
        farm,
        jackie,
        HarvestDraft(TODAY, crop_id(farm, "strawberry"), 6, Unit.COUNT, None, jackie.person_id),
    )
    after = season_chart_series(farm, season.id, person_id=jackie.person_id)
    assert after.count_series("Strawberries").last == (before.last if before else 0) + 6
    with pytest.raises(NotFound):
        season_chart_series(farm, 99_999)
