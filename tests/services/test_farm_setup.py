"""A farm's first start: when it is new, the pretend farm, an own farm and its first steps."""

import pytest

from dutchfarm.domain.terms import Role
from dutchfarm.services.auth import COMMAND_LINE, NOBODY
from dutchfarm.services.ballot_box import BallotDraft
from dutchfarm.services.beds import BedDraft, add_bed
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.errors import BadInput, NotAllowed
from dutchfarm.services.farm import current_season, start_season, update_farm
from dutchfarm.services.farm_setup import (
    add_first_coordinator,
    first_steps,
    is_new_farm,
    make_pretend_farm,
    start_own_farm,
    start_page,
    started_own_farm,
)
from dutchfarm.services.people import PersonDraft, add_person, list_people, set_archived
from dutchfarm.services.vote_seasons import create_ballot_for_season
from dutchfarm.services.voting import create_ballot


def test_a_new_database_is_a_new_farm_and_opens_on_the_welcome(db):
    assert is_new_farm(db)
    assert start_page(db) == "welcome"
    assert first_steps(db).done == frozenset()


@pytest.mark.parametrize(
    "use",
    [
        lambda db: add_person(db, NOBODY, PersonDraft("Marco", Role.SERVICE_USER)),
        lambda db: add_bed(db, NOBODY, BedDraft("Bed 1", None, 0, 0, 1.2, 2.4)),
        # Nobody or nothing left, but somebody once set the farm up: not new.
        lambda db: update_farm(db, COMMAND_LINE, "Green Acre", 3),
    ],
    ids=["a person", "a bed", "a change to the farm"],
)
def test_a_farm_anyone_has_used_is_not_new(db, use):
    use(db)
    assert not is_new_farm(db)
    assert start_page(db) == "today"


def test_an_archived_person_still_means_the_farm_is_in_use(db):
    person = add_person(db, NOBODY, PersonDraft("Marco", Role.SERVICE_USER))
    set_archived(db, NOBODY, person.id, True)
    assert list_people(db) == []
    assert not is_new_farm(db)


def test_the_pretend_farm_fills_a_new_farm_once(db):
    summary = make_pretend_farm(db)
    assert summary.people == len(list_people(db)) == 15
    assert not is_new_farm(db)
    assert start_page(db) == "today"
    assert first_steps(db).set_up
    with pytest.raises(BadInput, match="already in use"):
        make_pretend_farm(db)
    assert len(list_people(db)) == 15


def test_the_pretend_farm_is_refused_on_a_farm_in_use(db):
    add_bed(db, NOBODY, BedDraft("Bed 1", None, 0, 0, 1.2, 2.4))
    with pytest.raises(BadInput):
        make_pretend_farm(db)
    assert list_people(db) == []


def test_an_own_farm_opens_on_its_first_steps_until_it_is_set_up(db):
    start_own_farm(db, NOBODY)
    assert started_own_farm(db) and not is_new_farm(db)
    assert start_page(db) == "first_steps"
    with pytest.raises(BadInput, match="already been started"):
        start_own_farm(db, NOBODY)

    ann = add_first_coordinator(db, NOBODY, "Ann", "2468")
    assert ann.is_coordinator and ann.name == "Ann"
    assert first_steps(db).done == {"coordinator"}
    add_person(db, ann, PersonDraft("Jackie", Role.SERVICE_USER))
    assert first_steps(db).done == {"coordinator", "people"}
    assert start_page(db) == "first_steps"
    add_bed(db, ann, BedDraft("Bed 1", None, 0, 0, 1.2, 2.4))
    steps = first_steps(db)
    assert steps.done == {"coordinator", "people", "beds"} and steps.set_up
    assert start_page(db) == "today"

    # The season begins when the group starts to vote on it: often, on the year to come.
    next_year = current_season(db).year + 1
    crops = tuple(c.id for c in list_crops(db) if c.key in ("carrot", "potato"))
    assert not first_steps(db).is_done("season")
    draft = BallotDraft("What shall we grow?", crop_ids=crops)
    create_ballot_for_season(db, ann, next_year, draft)
    assert first_steps(db).is_done("season")


def test_a_vote_in_an_earlier_season_does_not_begin_this_one(db):
    ann = add_first_coordinator(db, NOBODY, "Ann", "2468")
    last_year = start_season(db, ann, current_season(db).year - 1)
    crops = tuple(c.id for c in list_crops(db) if c.key in ("carrot", "potato"))
    create_ballot(db, ann, last_year.id, BallotDraft("What shall we grow?", crop_ids=crops))
    assert not first_steps(db).is_done("season")


def test_only_the_first_coordinator_is_added_this_way(db):
    add_first_coordinator(db, NOBODY, "Ann", "2468")
    with pytest.raises(NotAllowed, match="has a coordinator already"):
        add_first_coordinator(db, NOBODY, "Mallory", "1357")
    assert [p.name for p in list_people(db)] == ["Ann"]


def test_the_first_coordinator_needs_a_proper_pin(db):
    with pytest.raises(BadInput):
        add_first_coordinator(db, NOBODY, "Ann", "12")
    assert list_people(db) == []
