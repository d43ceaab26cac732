"""The farm's settings and seasons."""

import pytest

from dutchfarm.db.database import open_database
from dutchfarm.domain.terms import Role
from dutchfarm.services.auth import COMMAND_LINE, NOBODY
from dutchfarm.services.errors import BadInput, NotAllowed
from dutchfarm.services.farm import (
    current_season,
    get_farm,
    list_seasons,
    remove_empty_season,
    set_season_rotation,
    start_season,
    update_farm,
)
from dutchfarm.services.people import PersonDraft, add_person


def test_rename_the_farm_and_set_its_rotation(db):
    update_farm(db, COMMAND_LINE, "  Dutch   Farm North ", 4)
    assert get_farm(db).name == "Dutch Farm North"
    assert get_farm(db).rotation_years == 4
    with pytest.raises(BadInput, match="2 to 6"):
        update_farm(db, COMMAND_LINE, "Dutch Farm", 7)
    with pytest.raises(BadInput):
        update_farm(db, COMMAND_LINE, "   ", 3)
    assert get_farm(db).name == "Dutch Farm North"


def test_a_new_season_takes_the_farms_rotation_and_each_year_starts_once(db):
    update_farm(db, COMMAND_LINE, "Dutch Farm", 5)
    newest = max(s.year for s in list_seasons(db))
    season = start_season(db, COMMAND_LINE, newest + 1)
    assert season.rotation_years == 5
    with pytest.raises(BadInput, match="already started"):
        start_season(db, COMMAND_LINE, newest + 1)
    assert set_season_rotation(db, COMMAND_LINE, season.id, 2).rotation_years == 2
    assert [s.year for s in list_seasons(db)][0] == newest + 1


def test_starting_a_season_can_be_undone_while_it_is_empty(db):
    newest = max(s.year for s in list_seasons(db))
    season = start_season(db, COMMAND_LINE, newest + 1)
    assert remove_empty_season(db, COMMAND_LINE, season.id) == newest + 1
    assert newest + 1 not in [s.year for s in list_seasons(db)]


def test_the_current_season_is_this_years(db):
    import datetime as dt

    today = dt.date.today()
    assert current_season(db, today).year == today.year


def test_the_current_season_counts_what_it_holds_as_the_list_of_seasons_does(demo_url):
    import datetime as dt

    db = open_database(demo_url)
    seasons = list_seasons(db)
    newest, oldest = seasons[0], seasons[-1]
    for season in seasons:
        assert current_season(db, dt.date(season.year, 5, 1)) == season
    assert any(season.harvests and season.plantings for season in seasons)
    # After the last season: the newest one.
    assert current_season(db, dt.date(newest.year + 3, 5, 1)) == newest
    # Before the first season: the oldest one.
    assert current_season(db, dt.date(oldest.year - 1, 5, 1)) == oldest
    db.close()


def test_only_the_coordinator_changes_seasons_once_there_is_one(db):
    add_person(db, COMMAND_LINE, PersonDraft(name="Ann", role=Role.COORDINATOR, pin="2468"))
    with pytest.raises(NotAllowed):
        start_season(db, NOBODY, 2099)


def test_the_season_of_a_year_is_that_year_else_the_newest_before_it():
    import datetime as dt

    from dutchfarm.services.farm import SeasonInfo, season_of_year

    def season(year):
        return SeasonInfo(year, year, 3, dt.date(year, 1, 1), 0, 0)

    seasons = [season(2027), season(2025), season(2024)]
    assert season_of_year(seasons, 2025).year == 2025
    assert season_of_year(seasons, 2026).year == 2025
    assert season_of_year(seasons, 2030).year == 2027
    # Before every season: the oldest; no seasons: none.
    assert season_of_year(seasons, 2020).year == 2024
    assert season_of_year([], 2025) is None
