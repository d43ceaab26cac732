"""Vote services: setting up, secret votes, closing, ties settled by a quick vote or a decision."""

import uuid

import pytest
from sqlalchemy import inspect, select

from dutchfarm.db.models import AuditEvent, Ballot, HasVoted, SeasonCrop, Vote, VoteMark
from dutchfarm.domain.terms import BallotMethod, BallotStatus, Role
from dutchfarm.services.auth import COMMAND_LINE, NOBODY, Actor
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.errors import BadInput, NotAllowed, NotFound
from dutchfarm.services.farm import start_season
from dutchfarm.services.people import PersonDraft, add_person, set_archived
from dutchfarm.services.vote_closing import (
    close_ballot,
    decide_tie,
    reopen_ballot,
    start_runoff,
    withdraw_decision,
)
from dutchfarm.services.vote_results import ballot_results, number_words, score_words
from dutchfarm.services.voting import (
    TIE_RULES,
    AlreadyVoted,
    BallotDraft,
    Outcome,
    cast_vote,
    check_voter,
    chosen_crops,
    create_ballot,
    delete_ballot,
    get_ballot,
    hands_counts,
    list_ballots,
    open_ballot,
    record_hands,
    return_to_draft,
    update_ballot,
    who_has_voted,
)

GARDENERS = ("Jackie", "Marco", "Tom", "Lee", "Aisha", "Ben")


class Farm:
    """A small farm: Ann the coordinator, Sam the volunteer, six gardeners, the 2027 season."""

    def __init__(self, db):
        self.db = db
        ann = add_person(db, COMMAND_LINE, PersonDraft("Ann", Role.COORDINATOR, pin="2468"))
        sam = add_person(db, COMMAND_LINE, PersonDraft("Sam", Role.VOLUNTEER))
        self.ann = Actor(ann.id, ann.role, ann.name)
        self.sam = Actor(sam.id, sam.role, sam.name)
        self.people = {ann.name: ann.id, sam.name: sam.id}
        for name in GARDENERS:
            self.people[name] = add_person(
                db, COMMAND_LINE, PersonDraft(name, Role.SERVICE_USER)
            ).id
        self.season = start_season(db, COMMAND_LINE, 2027)
        self.crops = {crop.key: crop.id for crop in list_crops(db)}
        self.plural = {crop.id: crop.plural for crop in list_crops(db)}

    def actor(self, name):
        return Actor(self.people[name], Role.SERVICE_USER, name)

    def ids(self, *keys):
        return tuple(self.crops[key] for key in keys)

    def ballot(self, keys, seats, method=BallotMethod.DOTS, *, open_it=True, **settings):
        draft = BallotDraft(
            "What shall we grow in 2027?", method, seats, self.ids(*keys), **settings
        )
        ballot = create_ballot(self.db, self.sam, self.season.id, draft)
        return open_ballot(self.db, self.sam, ballot.id) if open_it else ballot

    def vote(self, ballot, name, **marks):
        by_id = {self.crops[key]: value for key, value in marks.items()}
        return cast_vote(self.db, self.sam, ballot.id, self.people[name], by_id)

    def chosen(self):
        return [crop.plural for crop in chosen_crops(self.db, self.season.id)]


@pytest.fixture
def farm(db):
    return Farm(db)


def audit_actions(db):
    with db.reading() as session:
        return [(e.action, e.detail) for e in session.scalars(select(AuditEvent))]


# --- setting up -----------------------------------------------------------------------------


def test_a_volunteer_sets_up_a_draft_and_starts_it(farm, db):
    draft = BallotDraft(
        "  What shall we grow   in 2027? ",
        BallotMethod.DOTS,
        2,
        farm.ids("strawberry", "carrot", "potato"),
        dots_per_voter=4,
        cap_per_option=2,
    )
    ballot = create_ballot(db, farm.sam, farm.season.id, draft)
    assert ballot.status is BallotStatus.DRAFT
    assert ballot.question == "What shall we grow in 2027?"
    assert [o.plural for o in ballot.options] == ["Strawberries", "Carrots", "Potatoes"]
    assert [o.icon for o in ballot.options] == ["strawberry", "carrot", "potato"]
    assert (ballot.year, ballot.seats, ballot.dots_per_voter, ballot.cap_per_option) == (
        2027,
        2,
        4,
        2,
    )
    assert ballot.tie_rule == TIE_RULES[BallotMethod.DOTS]
    assert "the crop more people gave dots to wins" in ballot.tie_rule
    assert ballot.draft().crop_ids == draft.crop_ids
    opened = open_ballot(db, farm.sam, ballot.id)
    assert opened.status is BallotStatus.OPEN and opened.opened_at is not None
    assert [a for a, _ in audit_actions(db)][-2:] == ["ballot_created", "ballot_opened"]


def test_a_draft_can_be_changed_keeping_some_crops_but_an_open_vote_cannot(farm, db):
    ballot = farm.ballot(["strawberry", "carrot", "potato"], 1, open_it=False)
    changed = update_ballot(
        db,
        farm.sam,
        ballot.id,
        BallotDraft(
            "Which one?",
            BallotMethod.APPROVAL,
            2,
            farm.ids("potato", "pea", "strawberry"),
            fair_shares=True,
        ),
    )
    assert [o.plural for o in changed.options] == ["Potatoes", "Peas", "Strawberries"]
    assert (changed.method, changed.fair_shares, changed.cap_per_option) == (
        BallotMethod.APPROVAL,
        True,
        None,
    )
    open_ballot(db, farm.sam, ballot.id)
    with pytest.raises(BadInput, match="This vote has started, so it cannot be changed."):
        update_ballot(db, farm.sam, ballot.id, changed.draft())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"question": "   "}, "Please give a question."),
        ({"question": "x" * 201}, "The question is too long. Use 200 letters or fewer."),
        ({"crop_ids": "one"}, "Please choose at least 2 crops to vote on."),
        ({"crop_ids": "dup"}, "A crop is on the vote twice. Please choose each crop once."),
        ({"crop_ids": "unknown"}, "One of the crops chosen is not in the library any more."),
        ({"seats": 0}, "With 3 crops on the vote, choose between 1 and 2 to win."),
        ({"seats": 3}, "With 3 crops on the vote, choose between 1 and 2 to win."),
        ({"dots_per_voter": 0}, "Each person can have between 1 and 10 dots."),
        ({"dots_per_voter": 11}, "Each person can have between 1 and 10 dots."),
        ({"cap_per_option": 4}, "The most dots on one crop must be between 1 and 3."),
        ({"cap_per_option": 0}, "The most dots on one crop must be between 1 and 3."),
    ],
)
def test_a_bad_set_up_is_refused_in_plain_words(farm, db, changes, message):
    crop_ids = farm.ids("strawberry", "carrot", "potato")
    special = {
        "one": crop_ids[:1],
        "dup": (crop_ids[0], crop_ids[0], crop_ids[1]),
        "unknown": (*crop_ids[:2], 99999),
    }
    if "crop_ids" in changes:
        changes = {"crop_ids": special[changes["crop_ids"]]}
    fields = {"question": "Q?", "method": BallotMethod.DOTS, "seats": 1, "crop_ids": crop_ids}
    draft = BallotDraft(**{**fields, **changes})
    with pytest.raises(BadInput) as refused:
        create_ballot(db, farm.sam, farm.season.id, draft)
    assert str(refused.value) == message
    assert list_ballots(db) == []


def test_more_than_twenty_crops_are_refused(farm, db):
    draft = BallotDraft("Q?", BallotMethod.DOTS, 1, tuple(list(farm.crops.values())[:21]))
    with pytest.raises(BadInput, match="Please choose at most 20 crops"):
        create_ballot(db, farm.sam, farm.season.id, draft)


def test_a_missing_season_or_ballot_is_not_found(farm, db):
    draft = BallotDraft("Q?", BallotMethod.DOTS, 1, farm.ids("pea", "kale"))
    with pytest.raises(NotFound, match="That season is not there any more."):
        create_ballot(db, farm.sam, 9999, draft)
    with pytest.raises(NotFound, match="That vote is not there any more."):
        get_ballot(db, 9999)


def test_a_gardener_cannot_run_a_vote_but_a_volunteer_can(farm, db):
    jackie = farm.actor("Jackie")
    draft = BallotDraft("Q?", BallotMethod.DOTS, 1, farm.ids("pea", "kale"))
    with pytest.raises(NotAllowed, match="Only a volunteer or the coordinator can set up a vote."):
        create_ballot(db, jackie, farm.season.id, draft)
    ballot = create_ballot(db, farm.sam, farm.season.id, draft)
    with pytest.raises(NotAllowed, match="can start a vote"):
        open_ballot(db, jackie, ballot.id)
    open_ballot(db, farm.ann, ballot.id)
    farm.vote(ballot, "Jackie", pea=1)
    with pytest.raises(NotAllowed, match="can close a vote"):
        close_ballot(db, jackie, ballot.id)
    assert close_ballot(db, farm.sam, ballot.id).ballot.status is BallotStatus.CLOSED


def test_only_one_vote_is_open_at_a_time_in_a_season(farm, db):
    first = farm.ballot(["pea", "kale"], 1)
    second = farm.ballot(["leek", "kale"], 1, open_it=False)
    with pytest.raises(BadInput, match='Another vote is open: "What shall we grow in 2027\\?"'):
        open_ballot(db, farm.sam, second.id)
    with pytest.raises(BadInput, match="This vote has already started."):
        open_ballot(db, farm.sam, first.id)


def test_starting_is_undone_only_while_nobody_has_voted(farm, db):
    ballot = farm.ballot(["pea", "kale"], 1)
    assert return_to_draft(db, farm.sam, ballot.id).status is BallotStatus.DRAFT
    open_ballot(db, farm.sam, ballot.id)
    farm.vote(ballot, "Tom", kale=2)
    with pytest.raises(BadInput, match="People have voted on this"):
        return_to_draft(db, farm.sam, ballot.id)


def test_a_vote_nobody_voted_on_can_be_removed_but_not_one_with_votes(farm, db):
    draft = farm.ballot(["pea", "kale"], 1, open_it=False)
    assert delete_ballot(db, farm.sam, draft.id) == "What shall we grow in 2027?"
    assert list_ballots(db) == []
    voted = farm.ballot(["pea", "kale"], 1)
    farm.vote(voted, "Tom", kale=1)
    with pytest.raises(BadInput, match="People have voted on this, so it stays."):
        delete_ballot(db, farm.sam, voted.id)


# --- voting ---------------------------------------------------------------------------------


def test_a_vote_is_stored_without_the_voter_and_a_second_vote_is_refused_kindly(farm, db):
    ballot = farm.ballot(["strawberry", "carrot", "potato"], 1)
    receipt = farm.vote(ballot, "Jackie", strawberry=3)
    assert (receipt.voter_name, receipt.voted) == ("Jackie", 1)
    farm.vote(ballot, "Marco", carrot=2, potato=1)
    with pytest.raises(AlreadyVoted) as refused:
        farm.vote(ballot, "Marco", strawberry=1)
    assert str(refused.value) == "You have already voted, Marco. Thank you!"
    with pytest.raises(AlreadyVoted):
        check_voter(db, farm.sam, ballot.id, farm.people["Marco"])
    assert check_voter(db, farm.sam, ballot.id, farm.people["Tom"]) == "Tom"
    assert who_has_voted(db, ballot.id) == {farm.people["Jackie"], farm.people["Marco"]}
    assert get_ballot(db, ballot.id).votes == 2


def test_the_vote_tables_hold_no_person_and_the_has_voted_table_no_vote(farm, db):
    ballot = farm.ballot(["strawberry", "carrot", "potato"], 1)
    for name in GARDENERS:
        farm.vote(ballot, name, carrot=1)
    columns = {
        table: {c["name"] for c in inspect(db.engine).get_columns(table)}
        for table in ("vote", "vote_mark", "has_voted")
    }
    assert columns == {
        "vote": {"id", "ballot_id"},
        "vote_mark": {"vote_id", "option_id", "value"},
        "has_voted": {"ballot_id", "person_id"},
    }
    with db.reading() as session:
        vote_ids = list(session.scalars(select(Vote.id)))
        voted = list(session.scalars(select(HasVoted.person_id)))
    # Random ids (uuid4): nothing in a vote's id says who cast it or when.
    assert len(set(vote_ids)) == len(GARDENERS)
    assert all(uuid.UUID(hex=vote_id).version == 4 for vote_id in vote_ids)
    assert sorted(voted) == sorted(farm.people[name] for name in GARDENERS)


def test_a_refused_vote_leaves_no_has_voted_record(farm, db):
    ballot = farm.ballot(["strawberry", "carrot"], 1, dots_per_voter=3)
    with pytest.raises(BadInput, match="You have 3 dots. This vote uses 4."):
        farm.vote(ballot, "Jackie", strawberry=4)
    assert who_has_voted(db, ballot.id) == frozenset()
    with db.reading() as session:
        assert session.scalars(select(Vote)).all() == []
    farm.vote(ballot, "Jackie", strawberry=3)
    assert who_has_voted(db, ballot.id) == {farm.people["Jackie"]}


def test_a_gardener_votes_only_for_themselves_a_volunteer_for_whoever_tapped(farm, db):
    ballot = farm.ballot(["pea", "kale"], 1)
    jackie = farm.actor("Jackie")
    with pytest.raises(
        NotAllowed, match="This is Marco's picture. You can only vote for yourself."
    ):
        cast_vote(db, jackie, ballot.id, farm.people["Marco"], {farm.crops["pea"]: 1})
    cast_vote(db, jackie, ballot.id, farm.people["Jackie"], {farm.crops["pea"]: 1})
    cast_vote(db, farm.sam, ballot.id, farm.people["Marco"], {farm.crops["kale"]: 1})
    with pytest.raises(NotAllowed, match="choose your picture first"):
        cast_vote(db, NOBODY, ballot.id, farm.people["Tom"], {farm.crops["kale"]: 1})
    set_archived(db, farm.ann, farm.people["Lee"], True)
    with pytest.raises(NotFound, match="That person is not on the list any more."):
        farm.vote(ballot, "Lee", kale=1)


def test_nobody_votes_on_a_draft_or_a_closed_vote(farm, db):
    ballot = farm.ballot(["pea", "kale"], 1, open_it=False)
    with pytest.raises(BadInput, match="This vote has not started yet."):
        farm.vote(ballot, "Tom", pea=1)
    open_ballot(db, farm.sam, ballot.id)
    farm.vote(ballot, "Tom", pea=1)
    close_ballot(db, farm.sam, ballot.id)
    with pytest.raises(BadInput, match="This vote is closed. Thank you!"):
        farm.vote(ballot, "Ben", pea=1)


IN_ORDER = "Please put the crops in order: 1, 2, 3 and so on."
HANDS_UP = "In this vote we count hands. Please put your hand up."


@pytest.mark.parametrize(
    ("method", "settings", "marks", "message"),
    [
        (BallotMethod.DOTS, {}, {}, "Please put a dot on a crop you like first."),
        (BallotMethod.DOTS, {}, {"pea": 0}, "Please put a dot on a crop you like first."),
        (BallotMethod.DOTS, {}, {"pea": 2, "kale": 2}, "You have 3 dots. This vote uses 4."),
        (BallotMethod.DOTS, {"cap_per_option": 2}, {"pea": 3}, "You can put up to 2 dots on one crop."),  # noqa: E501
        (BallotMethod.DOTS, {}, {"pea": -1}, "Please tap the crop cards to vote."),
        (BallotMethod.DOTS, {}, {"pea": True}, "Please tap the crop cards to vote."),
        (BallotMethod.DOTS, {}, {"leek": 1}, "That crop is not on this vote."),
        (BallotMethod.APPROVAL, {}, {}, "Please give a thumbs up to a crop you like first."),
        (BallotMethod.APPROVAL, {}, {"pea": 2}, "A thumbs up is one yes for a crop."),
        (BallotMethod.RANKED, {}, {}, "Please tap your favourite crop first."),
        (BallotMethod.RANKED, {}, {"pea": 1, "kale": 3}, IN_ORDER),
        (BallotMethod.RANKED, {}, {"pea": 1, "kale": 1}, IN_ORDER),
        (BallotMethod.HANDS, {}, {"pea": 1}, HANDS_UP),
    ],
)  # fmt: skip
def test_a_vote_the_screen_would_not_allow_is_refused(farm, db, method, settings, marks, message):
    ballot = farm.ballot(["pea", "kale", "carrot"], 1, method, **settings)
    with pytest.raises(BadInput) as refused:
        farm.vote(ballot, "Tom", **marks)
    assert str(refused.value) == message


# --- closing --------------------------------------------------------------------------------


def test_closing_counts_the_votes_and_fixes_the_seasons_crops(farm, db):
    with db.transaction() as session:
        # An earlier choice for the season, made by hand, is replaced by the vote.
        session.add(SeasonCrop(season_id=farm.season.id, crop_id=farm.crops["leek"], rank=0))
    ballot = farm.ballot(["strawberry", "carrot", "potato", "pea"], 2)
    with pytest.raises(BadInput, match="Nobody has voted yet, so the vote stays open."):
        close_ballot(db, farm.sam, ballot.id)
    farm.vote(ballot, "Jackie", strawberry=3)
    farm.vote(ballot, "Marco", strawberry=1, potato=2)
    farm.vote(ballot, "Tom", potato=1, pea=2)
    farm.vote(ballot, "Lee", carrot=1)
    with pytest.raises(BadInput, match="The results show when the vote is closed."):
        ballot_results(db, ballot.id)
    closed = close_ballot(db, farm.sam, ballot.id)
    assert closed.ballot.outcome is Outcome.CHOSEN
    assert closed.earlier_choice == (farm.crops["leek"],)
    assert farm.chosen() == ["Strawberries", "Potatoes"]
    results = ballot_results(db, ballot.id)
    assert results.sentences == (
        "Strawberries won. 2 people gave them dots.",
        "Potatoes won. 2 people gave them dots.",
    )
    assert [(o.plural, o.score, o.mark) for o in results.options] == [
        ("Strawberries", 4.0, "Won"),
        ("Potatoes", 3.0, "Won"),
        ("Peas", 2.0, ""),
        ("Carrots", 1.0, ""),
    ]
    assert results.winners == ("Strawberries", "Potatoes")
    assert results.voters == 4 and results.score_label == "Dots"
    assert results.chosen_sentence == "The crops for 2027 are Strawberries and Potatoes."
    assert not results.needs_choice
    with pytest.raises(BadInput, match="Only an open vote can be closed."):
        close_ballot(db, farm.sam, ballot.id)
    # Undo: open again, and the season's earlier choice is back.
    reopen_ballot(db, farm.sam, ballot.id, closed.earlier_choice)
    assert get_ballot(db, ballot.id).status is BallotStatus.OPEN
    assert farm.chosen() == ["Leeks"]


def test_a_tie_is_settled_by_a_quick_vote_that_completes_the_chosen_crops(farm, db):
    ballot = farm.ballot(["strawberry", "carrot", "potato", "pea"], 2)
    farm.vote(ballot, "Jackie", strawberry=3)
    farm.vote(ballot, "Aisha", strawberry=1)
    farm.vote(ballot, "Marco", carrot=2, pea=1)
    farm.vote(ballot, "Tom", pea=2, carrot=1)
    farm.vote(ballot, "Lee", potato=1)
    closed = close_ballot(db, farm.sam, ballot.id)
    # Carrots and peas: 3 dots each from 2 people each. Nothing is settled at random.
    assert closed.ballot.outcome is Outcome.TIED
    assert farm.chosen() == ["Strawberries"]
    results = ballot_results(db, ballot.id)
    assert results.needs_choice and results.places_left == 1
    assert results.tied == ("Carrots", "Peas")
    assert results.sentences[-1] == (
        "Carrots and Peas are tied for the last place. The group needs to choose."
    )
    assert [o.mark for o in results.options if o.tied] == ["Tied", "Tied"]
    assert results.chosen_sentence == "So far, the crop for 2027 is Strawberries."
    with pytest.raises(NotAllowed, match="can start a quick vote"):
        start_runoff(db, farm.actor("Jackie"), ballot.id)

    runoff = start_runoff(db, farm.sam, ballot.id)
    assert runoff.status is BallotStatus.OPEN and runoff.runoff_of_id == ballot.id
    assert runoff.question == "Quick vote: Carrots or Peas?"
    assert [o.plural for o in runoff.options] == ["Carrots", "Peas"] and runoff.seats == 1
    assert (runoff.method, runoff.dots_per_voter) == (BallotMethod.DOTS, 3)
    with pytest.raises(BadInput, match="A quick vote on this tie has already started."):
        start_runoff(db, farm.sam, ballot.id)
    with pytest.raises(BadInput, match="A quick vote on this tie has already started."):
        decide_tie(db, farm.ann, ballot.id, [farm.crops["pea"]], "Peas are easy.")
    assert get_ballot(db, ballot.id).outcome is Outcome.RUNOFF
    assert ballot_results(db, ballot.id).settlement == (
        "The group is holding a quick vote on Carrots and Peas.",
    )
    # Everyone may vote again in the quick vote.
    farm.vote(runoff, "Jackie", pea=3)
    farm.vote(runoff, "Marco", carrot=3)
    farm.vote(runoff, "Tom", carrot=2, pea=1)
    close_ballot(db, farm.sam, runoff.id)
    assert farm.chosen() == ["Strawberries", "Carrots"]

    results = ballot_results(db, ballot.id)
    assert results.complete and not results.needs_choice
    assert results.sentences[-1] == "Carrots and Peas were tied for the last place."
    assert results.settlement == (
        "There was a tie, so the group held a quick vote on Carrots and Peas.",
        "Carrots won the quick vote. 2 people gave them dots.",
    )
    assert [(o.plural, o.mark) for o in results.options][:2] == [
        ("Strawberries", "Won"),
        ("Carrots", "Won the quick vote"),
    ]
    assert results.winners == ("Strawberries", "Carrots")
    assert results.chosen_sentence == "The crops for 2027 are Strawberries and Carrots."
    quick = ballot_results(db, runoff.id)
    assert quick.parent_question == "What shall we grow in 2027?"
    assert quick.chosen == ("Strawberries", "Carrots")
    # The quick vote settles the tie, so the first vote can no longer be opened again.
    with pytest.raises(BadInput, match="A quick vote was held on this tie"):
        reopen_ballot(db, farm.sam, ballot.id, ())


def test_a_quick_vote_that_ties_again_is_decided_by_the_coordinator(farm, db):
    ballot = farm.ballot(["strawberry", "carrot", "pea"], 1)
    farm.vote(ballot, "Jackie", carrot=3)
    farm.vote(ballot, "Marco", pea=3)
    close_ballot(db, farm.sam, ballot.id)
    runoff = start_runoff(db, farm.sam, ballot.id)
    farm.vote(runoff, "Jackie", carrot=1)
    farm.vote(runoff, "Marco", pea=1)
    close_ballot(db, farm.sam, runoff.id)
    assert farm.chosen() == []
    decide_tie(db, farm.ann, runoff.id, [farm.crops["pea"]], "Peas feed the soil.")
    assert farm.chosen() == ["Peas"]
    results = ballot_results(db, ballot.id)
    assert results.settlement == (
        "There was a tie, so the group held a quick vote on Carrots and Peas.",
        "Carrots and Peas were tied for the last place.",
        "Ann, the coordinator, chose Peas.",
        "The reason: Peas feed the soil.",
    )
    assert results.chosen_sentence == "The crop for 2027 is Peas."


def test_the_coordinator_decides_a_tie_with_a_reason_that_is_audited(farm, db):
    ballot = farm.ballot(["strawberry", "carrot", "potato", "pea"], 2)
    farm.vote(ballot, "Jackie", strawberry=3)
    farm.vote(ballot, "Aisha", strawberry=1)
    farm.vote(ballot, "Marco", carrot=2, pea=1)
    farm.vote(ballot, "Tom", pea=2, carrot=1)
    close_ballot(db, farm.sam, ballot.id)
    pea, potato = farm.crops["pea"], farm.crops["potato"]
    with pytest.raises(NotAllowed, match="Only the coordinator can decide a tie."):
        decide_tie(db, farm.sam, ballot.id, [pea], "Because.")
    with pytest.raises(BadInput, match="Please choose 1 of the tied crops."):
        decide_tie(db, farm.ann, ballot.id, [potato], "Because.")
    with pytest.raises(BadInput, match="Please choose 1 of the tied crops."):
        decide_tie(db, farm.ann, ballot.id, [pea, farm.crops["carrot"]], "Because.")
    with pytest.raises(BadInput, match="Please give a reason."):
        decide_tie(db, farm.ann, ballot.id, [pea], "  ")
    decided = decide_tie(db, farm.ann, ballot.id, [pea], "Peas grew well last year.")
    assert decided.outcome is Outcome.DECIDED
    assert farm.chosen() == ["Strawberries", "Peas"]
    with db.reading() as session:
        assert "Peas grew well last year." in session.get(Ballot, ballot.id).decision
    assert audit_actions(db)[-1] == (
        "tie_decided",
        f'{ballot.id} "What shall we grow in 2027?": chose Peas. Reason: Peas grew well last year.',
    )
    results = ballot_results(db, ballot.id)
    assert results.settlement == (
        "Ann, the coordinator, chose Peas.",
        "The reason: Peas grew well last year.",
    )
    assert [(o.plural, o.mark) for o in results.options][:2] == [
        ("Strawberries", "Won"),
        ("Peas", "Chosen"),
    ]
    with pytest.raises(BadInput, match="The coordinator has already decided this tie."):
        start_runoff(db, farm.sam, ballot.id)
    # Undo: the decision is taken back and the tie is open again.
    withdrawn = withdraw_decision(db, farm.ann, ballot.id)
    assert withdrawn.outcome is Outcome.TIED and farm.chosen() == ["Strawberries"]
    assert audit_actions(db)[-1][0] == "tie_decision_withdrawn"


def test_a_vote_without_a_tie_has_nothing_to_settle(farm, db):
    ballot = farm.ballot(["strawberry", "carrot"], 1)
    with pytest.raises(BadInput, match="The vote must be closed first."):
        start_runoff(db, farm.sam, ballot.id)
    farm.vote(ballot, "Jackie", strawberry=1)
    close_ballot(db, farm.sam, ballot.id)
    with pytest.raises(BadInput, match="There is no tie in this vote."):
        start_runoff(db, farm.sam, ballot.id)
    with pytest.raises(BadInput, match="There is no tie in this vote."):
        decide_tie(db, farm.ann, ballot.id, [], "x")


# --- the other ways of voting ---------------------------------------------------------------


def test_a_show_of_hands_is_typed_in_and_can_be_corrected(farm, db):
    ballot = farm.ballot(["strawberry", "carrot", "potato"], 1, BallotMethod.HANDS)
    with pytest.raises(BadInput, match="Please type the hands for each crop first."):
        close_ballot(db, farm.sam, ballot.id)
    with pytest.raises(NotAllowed, match="can count the hands"):
        record_hands(db, farm.actor("Tom"), ballot.id, {})
    with pytest.raises(BadInput, match="Please type a number of hands from 0 to 999."):
        record_hands(db, farm.sam, ballot.id, {farm.crops["carrot"]: -1})
    record_hands(db, farm.sam, ballot.id, {farm.crops["carrot"]: 3})
    record_hands(db, farm.sam, ballot.id, {farm.crops["carrot"]: 5, farm.crops["potato"]: 12})
    assert hands_counts(db, ballot.id) == {
        farm.crops["strawberry"]: 0,
        farm.crops["carrot"]: 5,
        farm.crops["potato"]: 12,
    }
    assert who_has_voted(db, ballot.id) == frozenset()
    close_ballot(db, farm.sam, ballot.id)
    results = ballot_results(db, ballot.id)
    assert results.sentences == ("Potatoes won. 12 hands went up for them.",)
    assert [o.score_words for o in results.options] == ["12 hands", "5 hands", "0 hands"]
    assert farm.chosen() == ["Potatoes"]
    with pytest.raises(BadInput, match="only while the vote is open"):
        record_hands(db, farm.sam, ballot.id, {})


def test_hands_cannot_be_typed_for_a_vote_on_the_screen(farm, db):
    ballot = farm.ballot(["strawberry", "carrot"], 1)
    with pytest.raises(BadInput, match="not with their hands"):
        record_hands(db, farm.sam, ballot.id, {farm.crops["carrot"]: 3})


def test_thumbs_up_with_fair_shares(farm, db):
    ballot = farm.ballot(
        ["strawberry", "carrot", "potato"], 2, BallotMethod.APPROVAL, fair_shares=True
    )
    # Five people like strawberries, four of them carrots too, three like only potatoes:
    # counted plainly, strawberries and carrots would win; fair shares gives the smaller
    # group its crop.
    for name in ("Jackie", "Marco", "Tom", "Lee"):
        farm.vote(ballot, name, strawberry=1, carrot=1)
    farm.vote(ballot, "Ann", strawberry=1)
    for name in ("Aisha", "Ben", "Sam"):
        farm.vote(ballot, name, potato=1)
    close_ballot(db, farm.sam, ballot.id)
    results = ballot_results(db, ballot.id)
    assert results.ballot.fair_shares
    assert results.winners == ("Strawberries", "Potatoes")
    assert results.sentences == (
        "Strawberries won. 5 people said yes to them.",
        "Potatoes won. 3 people said yes to them.",
    )
    assert results.score_label == "Thumbs up"


def test_a_ranked_vote_shows_each_round_and_who_went_out(farm, db):
    ballot = farm.ballot(["strawberry", "carrot", "potato"], 1, BallotMethod.RANKED)
    farm.vote(ballot, "Jackie", strawberry=1, carrot=2)
    farm.vote(ballot, "Marco", strawberry=1)
    farm.vote(ballot, "Tom", carrot=1, strawberry=2)
    farm.vote(ballot, "Lee", carrot=1)
    farm.vote(ballot, "Aisha", potato=1, carrot=2)
    close_ballot(db, farm.sam, ballot.id)
    results = ballot_results(db, ballot.id)
    assert [r.sentence for r in results.rounds] == [
        "Round 1: Potatoes went out.",
        "Round 2: Carrots won.",
    ]
    assert results.rounds[0].totals_words == "Strawberries 2, Carrots 2, Potatoes 1."
    assert results.sentences == ("Carrots won. 2 people put them first.",)
    assert farm.chosen() == ["Carrots"]


def test_lists_and_words(farm, db):
    first = farm.ballot(["pea", "kale"], 1)
    farm.vote(first, "Tom", pea=1)
    close_ballot(db, farm.sam, first.id)
    second = farm.ballot(["leek", "kale"], 1, open_it=False)
    assert [b.id for b in list_ballots(db, farm.season.id)] == [second.id, first.id]
    assert list_ballots(db, 9999) == []
    assert score_words(BallotMethod.DOTS, 1) == "1 dot"
    assert score_words(BallotMethod.APPROVAL, 3) == "3 thumbs up"
    assert number_words(2.5) == "2.5" and number_words(3.0) == "3"


def test_erasing_a_voter_keeps_the_vote_counts(farm, db):
    ballot = farm.ballot(["pea", "kale"], 1)
    farm.vote(ballot, "Tom", pea=1)
    farm.vote(ballot, "Ben", kale=2)
    close_ballot(db, farm.sam, ballot.id)
    with db.transaction() as session:
        session.execute(HasVoted.__table__.delete().where(HasVoted.person_id == farm.people["Ben"]))
    results = ballot_results(db, ballot.id)
    assert results.voters == 2 and results.winners == ("Kale",)
    with db.reading() as session:
        assert len(session.scalars(select(VoteMark)).all()) == 2


def test_a_ranked_count_that_ends_level_says_so_in_its_last_round(farm, db):
    ballot = farm.ballot(["strawberry", "carrot", "potato", "pea"], 1, BallotMethod.RANKED)
    farm.vote(ballot, "Jackie", potato=1, strawberry=2, carrot=3)
    farm.vote(ballot, "Tom", carrot=1, strawberry=2)
    farm.vote(ballot, "Lee", carrot=1)
    farm.vote(ballot, "Aisha", potato=1, carrot=2)
    farm.vote(ballot, "Marco", strawberry=1)
    close_ballot(db, farm.sam, ballot.id)
    results = ballot_results(db, ballot.id)
    assert [r.sentence for r in results.rounds] == [
        "Round 1: Peas went out.",
        "Round 2: Strawberries went out.",
        "Round 3: Carrots and Potatoes are tied.",
    ]
    assert results.needs_choice and results.tied == ("Carrots", "Potatoes")
