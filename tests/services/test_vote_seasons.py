"""A new vote is for this season or the next; setting one up for next season starts it."""

import datetime as dt

import pytest
from sqlalchemy import select

from dutchfarm.db.models import AuditEvent
from dutchfarm.domain.terms import Role
from dutchfarm.services.auth import COMMAND_LINE, Actor
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.errors import BadInput, NotAllowed
from dutchfarm.services.farm import get_farm, list_seasons
from dutchfarm.services.people import PersonDraft, add_person
from dutchfarm.services.vote_seasons import create_ballot_for_season, seasons_for_a_new_vote
from dutchfarm.services.voting import BallotDraft, list_ballots

THIS_YEAR = dt.date.today().year


@pytest.fixture
def farm(db):
    add_person(db, COMMAND_LINE, PersonDraft("Ann", Role.COORDINATOR, pin="2468"))
    sam = add_person(db, COMMAND_LINE, PersonDraft("Sam", Role.VOLUNTEER))
    jackie = add_person(db, COMMAND_LINE, PersonDraft("Jackie", Role.SERVICE_USER))
    crops = [crop.id for crop in list_crops(db)][:3]
    return {
        "sam": Actor(sam.id, sam.role, sam.name),
        "jackie": Actor(jackie.id, jackie.role, jackie.name),
        "draft": BallotDraft("What shall we grow?", seats=1, crop_ids=tuple(crops)),
    }


def test_the_next_season_is_offered_before_it_has_started(db, farm):
    [upcoming, this] = seasons_for_a_new_vote(db)
    assert (upcoming.year, upcoming.season_id, upcoming.next_one) == (THIS_YEAR + 1, None, True)
    assert upcoming.words == f"Next season: {THIS_YEAR + 1}"
    assert (this.year, this.next_one, this.crops_chosen) == (THIS_YEAR, False, False)
    assert this.season_id == next(s.id for s in list_seasons(db) if s.year == THIS_YEAR)
    # In February of next year, before anyone has started its season, it is still "next".
    february = dt.date(THIS_YEAR + 1, 2, 1)
    assert [s.year for s in seasons_for_a_new_vote(db, february)] == [THIS_YEAR + 1, THIS_YEAR]


def test_a_volunteer_sets_up_next_seasons_vote_and_the_season_starts(db, farm):
    ballot = create_ballot_for_season(db, farm["sam"], THIS_YEAR + 1, farm["draft"])
    [season] = [s for s in list_seasons(db) if s.year == THIS_YEAR + 1]
    assert ballot.season_id == season.id and ballot.year == THIS_YEAR + 1
    assert season.rotation_years == get_farm(db).rotation_years
    assert season.started_on == dt.date(THIS_YEAR + 1, 1, 1)
    assert [b.id for b in list_ballots(db, season.id)] == [ballot.id]
    with db.reading() as session:
        actions = list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions[-2:] == ["season_started", "ballot_created"]
    # A second vote goes into the season now started.
    again = create_ballot_for_season(db, farm["sam"], THIS_YEAR + 1, farm["draft"])
    assert again.season_id == season.id


def test_only_this_season_or_the_next_and_only_staff(db, farm):
    with pytest.raises(BadInput, match="this season or the next one"):
        create_ballot_for_season(db, farm["sam"], THIS_YEAR + 3, farm["draft"])
    with pytest.raises(NotAllowed):
        create_ballot_for_season(db, farm["jackie"], THIS_YEAR + 1, farm["draft"])
    # A vote that is refused starts no season either: it is one change.
    with pytest.raises(BadInput):
        create_ballot_for_season(
            db, farm["sam"], THIS_YEAR + 1, BallotDraft("", seats=1, crop_ids=())
        )
    assert THIS_YEAR + 1 not in {s.year for s in list_seasons(db)}
