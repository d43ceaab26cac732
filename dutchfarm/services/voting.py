"""The group crop vote: setting a ballot up, and secret votes on one shared PC.

Closing a vote and settling a tie are in ``vote_closing``; the results in ``vote_results``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import (
    Ballot,
    BallotOption,
    Crop,
    HasVoted,
    Person,
    Season,
    SeasonCrop,
    Vote,
    VoteMark,
    now,
)
from dutchfarm.domain.people import clean_text
from dutchfarm.domain.terms import BallotMethod, BallotStatus, Role
from dutchfarm.services.auth import (
    Actor,
    audit,
    farm_has_coordinator,
    require_staff,
)
from dutchfarm.services.ballot_box import (
    METHOD_HOW,
    METHOD_ICONS,
    METHOD_WORDS,
    QUESTION_LONGEST,
    TIE_RULES,
    BallotDraft,
    BallotInfo,
    OptionInfo,
    Outcome,
    ballot_info,
    join_words,
    load_ballot,
    refreshed_info,
    refuse_second_open,
)
from dutchfarm.services.errors import BadInput, NotAllowed, NotFound
from dutchfarm.words import _

__all__ = [
    "AlreadyVoted",
    "BallotDraft",
    "BallotInfo",
    "ChosenCrop",
    "METHOD_HOW",
    "METHOD_ICONS",
    "METHOD_WORDS",
    "OptionInfo",
    "Outcome",
    "TIE_RULES",
    "VoteReceipt",
    "cast_vote",
    "check_voter",
    "chosen_crops",
    "create_ballot",
    "delete_ballot",
    "get_ballot",
    "hands_counts",
    "join_words",
    "list_ballots",
    "open_ballot",
    "record_hands",
    "return_to_draft",
    "update_ballot",
    "who_has_voted",
]

MIN_CROPS = 2
MAX_CROPS = 20
MAX_DOTS = 10
MAX_HANDS = 999


class AlreadyVoted(BadInput):
    """The person has voted on this ballot already (the message thanks them kindly)."""


@dataclass(frozen=True)
class VoteReceipt:
    """That a vote went in: whose turn it was and how many have voted now (never the vote)."""

    ballot_id: int
    voter_id: int
    voter_name: str
    voted: int


@dataclass(frozen=True)
class ChosenCrop:
    """A crop the group chose for a season, in the order the vote put it."""

    crop_id: int
    name: str
    plural: str
    icon: str
    rank: int


# --- reading --------------------------------------------------------------------------------


def list_ballots(db: Database, season_id: int | None = None) -> list[BallotInfo]:
    """Return the ballots of a season (or of every season), newest first."""
    with db.reading() as session:
        query = select(Ballot.id).order_by(Ballot.id.desc())
        if season_id is not None:
            query = query.where(Ballot.season_id == season_id)
        return [
            ballot_info(session, load_ballot(session, ballot_id))
            for ballot_id in session.scalars(query)
        ]


def get_ballot(db: Database, ballot_id: int) -> BallotInfo:
    """Return one ballot."""
    with db.reading() as session:
        return ballot_info(session, load_ballot(session, ballot_id))


def who_has_voted(db: Database, ballot_id: int) -> frozenset[int]:
    """Return the ids of the people who have voted on a ballot (never what they voted)."""
    with db.reading() as session:
        return frozenset(
            session.scalars(select(HasVoted.person_id).where(HasVoted.ballot_id == ballot_id))
        )


def hands_counts(db: Database, ballot_id: int) -> dict[int, int]:
    """Return the hands typed in for each crop of a show-of-hands ballot (crop id -> hands)."""
    with db.reading() as session:
        rows = session.execute(
            select(BallotOption.crop_id, VoteMark.value)
            .join(VoteMark, VoteMark.option_id == BallotOption.id)
            .join(Vote, Vote.id == VoteMark.vote_id)
            .where(Vote.ballot_id == ballot_id)
        )
        return {crop_id: value for crop_id, value in rows}


def chosen_crops(db: Database, season_id: int) -> tuple[ChosenCrop, ...]:
    """Return the crops chosen for a season, in order (what the rotation planner starts from)."""
    with db.reading() as session:
        rows = session.execute(
            select(Crop, SeasonCrop.rank)
            .join(SeasonCrop, SeasonCrop.crop_id == Crop.id)
            .where(SeasonCrop.season_id == season_id)
            .order_by(SeasonCrop.rank)
        )
        return tuple(
            ChosenCrop(crop.id, crop.name, crop.plural, crop.icon, rank) for crop, rank in rows
        )


# --- setting a ballot up --------------------------------------------------------------------


def _check_draft(session: Session, draft: BallotDraft) -> tuple[str, list[Crop]]:
    try:
        question = clean_text(draft.question, what="question", longest=QUESTION_LONGEST)
    except ValueError as error:
        raise BadInput(str(error)) from error
    if not isinstance(draft.method, BallotMethod):
        raise BadInput(_("Please choose how we vote."))
    if len(set(draft.crop_ids)) != len(draft.crop_ids):
        raise BadInput(_("A crop is on the vote twice. Please choose each crop once."))
    if len(draft.crop_ids) < MIN_CROPS:
        raise BadInput(
            _("Please choose at least {min_crops} crops to vote on.").format(min_crops=MIN_CROPS)
        )
    if len(draft.crop_ids) > MAX_CROPS:
        raise BadInput(
            _("Please choose at most {max_crops} crops, so that the cards fit.").format(
                max_crops=MAX_CROPS
            )
        )
    found = {
        crop.id: crop
        for crop in session.scalars(select(Crop).where(Crop.id.in_(draft.crop_ids)))
        if not crop.archived
    }
    if len(found) != len(draft.crop_ids):
        raise BadInput(_("One of the crops chosen is not in the library any more."))
    crops = [found[crop_id] for crop_id in draft.crop_ids]
    most = len(crops) - 1
    if not _whole(draft.seats) or not 1 <= draft.seats <= most:
        raise BadInput(
            _("With {crops} crops on the vote, choose between 1 and {most} to win.").format(
                crops=len(crops), most=most
            )
        )
    if draft.method is BallotMethod.DOTS:
        if not _whole(draft.dots_per_voter) or not 1 <= draft.dots_per_voter <= MAX_DOTS:
            raise BadInput(
                _("Each person can have between 1 and {max_dots} dots.").format(max_dots=MAX_DOTS)
            )
        cap = draft.cap_per_option
        if cap is not None and (not _whole(cap) or not 1 <= cap <= draft.dots_per_voter):
            raise BadInput(
                _("The most dots on one crop must be between 1 and {dots_per_voter}.").format(
                    dots_per_voter=draft.dots_per_voter
                )
            )
    return question, crops


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _apply_draft(ballot: Ballot, draft: BallotDraft, question: str, crops: list[Crop]) -> None:
    ballot.question = question
    ballot.method = draft.method
    ballot.seats = draft.seats
    dots = draft.method is BallotMethod.DOTS
    ballot.dots_per_voter = draft.dots_per_voter if dots else 3
    ballot.cap_per_option = draft.cap_per_option if dots else None
    ballot.fair_shares = draft.fair_shares and draft.method is BallotMethod.APPROVAL
    # Keep the options of crops that stay, so that no crop is deleted and added in one go.
    kept = {option.crop_id: option for option in ballot.options}
    ballot.options = [
        _option(kept.get(crop.id), crop.id, position) for position, crop in enumerate(crops)
    ]


def _option(option: BallotOption | None, crop_id: int, position: int) -> BallotOption:
    if option is None:
        return BallotOption(crop_id=crop_id, position=position)
    option.position = position
    return option


def add_ballot(session: Session, actor: Actor, season_id: int, draft: BallotDraft) -> BallotInfo:
    """Add a draft vote to a season in an open session (the caller checks who may)."""
    question, crops = _check_draft(session, draft)
    ballot = Ballot(season_id=season_id, status=BallotStatus.DRAFT)
    _apply_draft(ballot, draft, question, crops)
    session.add(ballot)
    session.flush()
    audit(session, actor, "ballot_created", f"{ballot.id} {question}")
    return refreshed_info(session, ballot.id)


def create_ballot(db: Database, actor: Actor, season_id: int, draft: BallotDraft) -> BallotInfo:
    """Set up a new vote for a season, as a draft nobody can vote on yet."""
    with db.transaction() as session:
        require_staff(session, actor, _("set up a vote"))
        if session.get(Season, season_id) is None:
            raise NotFound(_("That season is not there any more."))
        return add_ballot(session, actor, season_id, draft)


def update_ballot(db: Database, actor: Actor, ballot_id: int, draft: BallotDraft) -> BallotInfo:
    """Change a vote that has not started yet."""
    with db.transaction() as session:
        require_staff(session, actor, _("change a vote"))
        ballot = load_ballot(session, ballot_id)
        if ballot.status is not BallotStatus.DRAFT:
            raise BadInput(_("This vote has started, so it cannot be changed."))
        question, crops = _check_draft(session, draft)
        _apply_draft(ballot, draft, question, crops)
        audit(session, actor, "ballot_changed", f"{ballot.id} {question}")
        return refreshed_info(session, ballot.id)


def delete_ballot(db: Database, actor: Actor, ballot_id: int) -> str:
    """Remove a vote nobody has voted on yet; return its question."""
    with db.transaction() as session:
        require_staff(session, actor, _("remove a vote"))
        ballot = load_ballot(session, ballot_id)
        votes = session.scalar(
            select(func.count()).select_from(Vote).where(Vote.ballot_id == ballot.id)
        )
        if ballot.status is BallotStatus.CLOSED or votes:
            raise BadInput(_("People have voted on this, so it stays."))
        question = ballot.question
        session.delete(ballot)
        audit(session, actor, "ballot_removed", f"{ballot_id} {question}")
        return question


def open_ballot(db: Database, actor: Actor, ballot_id: int) -> BallotInfo:
    """Start the vote: from now on people can vote, and it can no longer be changed."""
    with db.transaction() as session:
        require_staff(session, actor, _("start a vote"))
        ballot = load_ballot(session, ballot_id)
        if ballot.status is not BallotStatus.DRAFT:
            raise BadInput(_("This vote has already started."))
        refuse_second_open(session, ballot)
        ballot.status = BallotStatus.OPEN
        ballot.opened_at = now()
        audit(session, actor, "ballot_opened", f"{ballot.id} {ballot.question}")
        return refreshed_info(session, ballot.id)


def return_to_draft(db: Database, actor: Actor, ballot_id: int) -> BallotInfo:
    """Stop a vote that nobody has voted on yet, so it can be changed (undoes starting)."""
    with db.transaction() as session:
        require_staff(session, actor, _("stop a vote"))
        ballot = load_ballot(session, ballot_id)
        votes = session.scalar(
            select(func.count()).select_from(Vote).where(Vote.ballot_id == ballot.id)
        )
        if ballot.status is not BallotStatus.OPEN or votes:
            raise BadInput(_("People have voted on this, so it cannot go back to being set up."))
        ballot.status = BallotStatus.DRAFT
        ballot.opened_at = None
        audit(session, actor, "ballot_stopped", f"{ballot.id} {ballot.question}")
        return refreshed_info(session, ballot.id)


# --- voting ---------------------------------------------------------------------------------


def _check_voter(session: Session, actor: Actor, ballot: Ballot, voter_id: int) -> Person:
    if ballot.status is BallotStatus.DRAFT:
        raise BadInput(_("This vote has not started yet."))
    if ballot.status is BallotStatus.CLOSED:
        raise BadInput(_("This vote is closed. Thank you!"))
    if ballot.method is BallotMethod.HANDS:
        raise BadInput(_("In this vote we count hands. Please put your hand up."))
    voter = session.get(Person, voter_id)
    if voter is None or voter.archived:
        raise NotFound(_("That person is not on the list any more."))
    staff = actor.role in (Role.VOLUNTEER, Role.COORDINATOR)
    if actor.person_id is None and not staff and farm_has_coordinator(session):
        raise NotAllowed(_("Please tap 'Choose me' and choose your picture first."))
    if not staff and actor.person_id != voter_id and farm_has_coordinator(session):
        raise NotAllowed(
            _("This is {display_name}'s picture. You can only vote for yourself.").format(
                display_name=voter.display_name
            )
        )
    done = session.get(HasVoted, (ballot.id, voter_id))
    if done is not None:
        raise AlreadyVoted(
            _("You have already voted, {display_name}. Thank you!").format(
                display_name=voter.display_name
            )
        )
    return voter


def check_voter(db: Database, actor: Actor, ballot_id: int, voter_id: int) -> str:
    """Check that a person may vote now, before they start; return their name."""
    with db.reading() as session:
        return _check_voter(session, actor, load_ballot(session, ballot_id), voter_id).display_name


def _check_marks(ballot: Ballot, marks: Mapping[int, int]) -> dict[int, int]:
    """Return the marks by option id, refusing what the voter's screen would not allow."""
    option_of = {option.crop_id: option.id for option in ballot.options}
    given: dict[int, int] = {}
    for crop_id, value in marks.items():
        if crop_id not in option_of:
            raise BadInput(_("That crop is not on this vote."))
        if not _whole(value) or value < 0:
            raise BadInput(_("Please tap the crop cards to vote."))
        if value:
            given[option_of[crop_id]] = value
    method = ballot.method
    if method is BallotMethod.DOTS:
        if not given:
            raise BadInput(_("Please put a dot on a crop you like first."))
        used = sum(given.values())
        if used > ballot.dots_per_voter:
            raise BadInput(
                _("You have {dots_per_voter} dots. This vote uses {used}.").format(
                    dots_per_voter=ballot.dots_per_voter, used=used
                )
            )
        cap = ballot.cap_per_option
        if cap is not None and max(given.values()) > cap:
            raise BadInput(_("You can put up to {cap} dots on one crop.").format(cap=cap))
    elif method is BallotMethod.APPROVAL:
        if not given:
            raise BadInput(_("Please give a thumbs up to a crop you like first."))
        if set(given.values()) != {1}:
            raise BadInput(_("A thumbs up is one yes for a crop."))
    elif method is BallotMethod.RANKED:
        if not given:
            raise BadInput(_("Please tap your favourite crop first."))
        if sorted(given.values()) != list(range(1, len(given) + 1)):
            raise BadInput(_("Please put the crops in order: 1, 2, 3 and so on."))
    return given


def cast_vote(
    db: Database, actor: Actor, ballot_id: int, voter_id: int, marks: Mapping[int, int]
) -> VoteReceipt:
    """Put a person's secret vote in the ballot box.

    ``marks`` maps crop ids to dots (dots), 1 for a thumbs up (thumbs up) or a place, 1 for
    the favourite (ranked). The vote is kept under a random id with no person and no time;
    in the same transaction a separate record says only that this person has voted.
    A service user may vote only for themselves; a volunteer at the shared PC casts the
    vote of whoever tapped their picture.
    """
    with db.transaction() as session:
        ballot = load_ballot(session, ballot_id)
        voter = _check_voter(session, actor, ballot, voter_id)
        given = _check_marks(ballot, marks)
        session.add(HasVoted(ballot_id=ballot.id, person_id=voter.id))
        try:
            session.flush()
        except IntegrityError as error:
            # Two PCs of one site took the same person's vote at the same moment.
            raise AlreadyVoted(
                _("You have already voted, {display_name}. Thank you!").format(
                    display_name=voter.display_name
                )
            ) from error
        vote = Vote(id=uuid.uuid4().hex, ballot_id=ballot.id)
        vote.marks = [VoteMark(option_id=option, value=value) for option, value in given.items()]
        session.add(vote)
        session.flush()
        voted = session.scalar(
            select(func.count()).select_from(HasVoted).where(HasVoted.ballot_id == ballot.id)
        )
        return VoteReceipt(ballot.id, voter.id, voter.display_name, voted or 0)


def record_hands(
    db: Database, actor: Actor, ballot_id: int, counts: Mapping[int, int]
) -> BallotInfo:
    """Keep the hands counted for each crop (crop id -> hands), replacing any count before."""
    with db.transaction() as session:
        require_staff(session, actor, _("count the hands"))
        ballot = load_ballot(session, ballot_id)
        if ballot.method is not BallotMethod.HANDS:
            raise BadInput(_("In this vote people vote on the screen, not with their hands."))
        if ballot.status is not BallotStatus.OPEN:
            raise BadInput(_("The hands can be counted only while the vote is open."))
        option_of = {option.crop_id: option.id for option in ballot.options}
        for crop_id, count in counts.items():
            if crop_id not in option_of:
                raise BadInput(_("That crop is not on this vote."))
            if not _whole(count) or not 0 <= count <= MAX_HANDS:
                raise BadInput(
                    _("Please type a number of hands from 0 to {max_hands}.").format(
                        max_hands=MAX_HANDS
                    )
                )
        session.execute(delete(Vote).where(Vote.ballot_id == ballot.id))
        vote = Vote(id=uuid.uuid4().hex, ballot_id=ballot.id)
        vote.marks = [
            VoteMark(option_id=option_id, value=counts.get(crop_id, 0))
            for crop_id, option_id in option_of.items()
        ]
        session.add(vote)
        audit(session, actor, "hands_counted", f"{ballot.id} {ballot.question}")
        return refreshed_info(session, ballot.id)
