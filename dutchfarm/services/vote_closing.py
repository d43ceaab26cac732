"""Closing a crop vote, and settling a tie by a quick vote or by the coordinator's decision."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import Ballot, BallotOption, Crop, Vote, now
from dutchfarm.domain.people import clean_text
from dutchfarm.domain.terms import BallotMethod, BallotStatus
from dutchfarm.domain.voting import TallyResult
from dutchfarm.services.auth import Actor, audit, require_coordinator, require_staff
from dutchfarm.services.ballot_box import (
    QUESTION_LONGEST,
    BallotInfo,
    fix_season_choice,
    join_words,
    load_ballot,
    refreshed_info,
    refuse_second_open,
    root_ballot,
    runoff_of,
    season_choice,
    set_season_choice,
    tally_ballot,
)
from dutchfarm.services.errors import BadInput
from dutchfarm.words import _, ngettext


@dataclass(frozen=True)
class ClosedBallot:
    """A ballot just closed, with the season's choice it replaced (to undo closing)."""

    ballot: BallotInfo
    chosen_crop_ids: tuple[int, ...]
    earlier_choice: tuple[int, ...]


def close_ballot(db: Database, actor: Actor, ballot_id: int) -> ClosedBallot:
    """Close the vote, count it and make the crops it chose the season's choice.

    A tie for the last places leaves those places open until a quick vote or the
    coordinator settles it; the crops already chosen are the season's choice meanwhile.
    """
    with db.transaction() as session:
        require_staff(session, actor, _("close a vote"))
        ballot = load_ballot(session, ballot_id)
        if ballot.status is not BallotStatus.OPEN:
            raise BadInput(_("Only an open vote can be closed."))
        votes = session.scalar(
            select(func.count()).select_from(Vote).where(Vote.ballot_id == ballot.id)
        )
        if not votes:
            if ballot.method is BallotMethod.HANDS:
                raise BadInput(_("Please type the hands for each crop first."))
            raise BadInput(_("Nobody has voted yet, so the vote stays open."))
        root = root_ballot(session, ballot)
        earlier = season_choice(session, root.season_id)
        ballot.status = BallotStatus.CLOSED
        ballot.closed_at = now()
        chosen = fix_season_choice(session, ballot)
        audit(session, actor, "ballot_closed", f"{ballot.id} {ballot.question}")
        return ClosedBallot(refreshed_info(session, ballot.id), tuple(chosen), earlier)


def reopen_ballot(
    db: Database, actor: Actor, ballot_id: int, earlier_choice: Sequence[int]
) -> BallotInfo:
    """Open a vote that was just closed, putting the season's earlier choice back (Undo)."""
    with db.transaction() as session:
        require_staff(session, actor, _("open a vote again"))
        ballot = load_ballot(session, ballot_id)
        if ballot.status is not BallotStatus.CLOSED:
            raise BadInput(_("This vote is not closed."))
        if ballot.decision:
            raise BadInput(_("The coordinator decided this tie, so the vote stays closed."))
        if runoff_of(session, ballot.id) is not None:
            raise BadInput(_("A quick vote was held on this tie, so the vote stays closed."))
        refuse_second_open(session, ballot)
        known = set(session.scalars(select(Crop.id).where(Crop.id.in_(earlier_choice))))
        ballot.status = BallotStatus.OPEN
        ballot.closed_at = None
        root = root_ballot(session, ballot)
        set_season_choice(session, root.season_id, [c for c in earlier_choice if c in known])
        audit(session, actor, "ballot_reopened", f"{ballot.id} {ballot.question}")
        return refreshed_info(session, ballot.id)


def _tie(session: Session, ballot: Ballot) -> tuple[TallyResult, dict[str, int]]:
    if ballot.status is not BallotStatus.CLOSED:
        raise BadInput(_("The vote must be closed first."))
    result, crop_of = tally_ballot(session, ballot)
    if not result.tied:
        raise BadInput(_("There is no tie in this vote."))
    if ballot.decision:
        raise BadInput(_("The coordinator has already decided this tie."))
    if runoff_of(session, ballot.id) is not None:
        raise BadInput(_("A quick vote on this tie has already started."))
    return result, crop_of


def start_runoff(db: Database, actor: Actor, ballot_id: int) -> BallotInfo:
    """Start a quick vote on just the tied crops, for the places that are left."""
    with db.transaction() as session:
        require_staff(session, actor, _("start a quick vote"))
        ballot = load_ballot(session, ballot_id)
        result, crop_of = _tie(session, ballot)
        places = result.seats - len(result.winners)
        tied = [
            name
            for name in (option.crop.plural for option in ballot.options)
            if name in result.tied
        ]
        if len(tied) <= places:
            raise BadInput(_("There is no tie in this vote."))
        refuse_second_open(session, ballot)
        question = _("Quick vote: {0}?").format(join_words(tied, "or"))
        if len(question) > QUESTION_LONGEST:
            question = _("Quick vote on the tied crops")
        runoff = Ballot(
            season_id=ballot.season_id,
            question=question,
            method=ballot.method,
            seats=places,
            dots_per_voter=ballot.dots_per_voter,
            cap_per_option=ballot.cap_per_option,
            fair_shares=False,
            status=BallotStatus.OPEN,
            runoff_of_id=ballot.id,
            opened_at=now(),
        )
        runoff.options = [
            BallotOption(crop_id=crop_of[name], position=position)
            for position, name in enumerate(tied)
        ]
        session.add(runoff)
        session.flush()
        audit(session, actor, "runoff_started", f"{runoff.id} for {ballot.id}: {question}")
        return refreshed_info(session, runoff.id)


def decide_tie(
    db: Database, actor: Actor, ballot_id: int, crop_ids: Sequence[int], reason: str
) -> BallotInfo:
    """Record the coordinator's choice among the tied crops, with the reason, in the audit log."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("decide a tie"))
        ballot = load_ballot(session, ballot_id)
        result, crop_of = _tie(session, ballot)
        places = result.seats - len(result.winners)
        tied_ids = {crop_of[name] for name in result.tied}
        picked = list(dict.fromkeys(crop_ids))
        if len(picked) != places or not set(picked) <= tied_ids:
            crops = ngettext(
                "{places} of the tied crops",
                "{places} of the tied crops",
                places,
            ).format(places=places)
            raise BadInput(_("Please choose {crops}.").format(crops=crops))
        try:
            why = clean_text(reason, what="reason", longest=300)
        except ValueError as error:
            raise BadInput(str(error)) from error
        ballot.decision = json.dumps({"crops": picked, "reason": why, "by": actor.name})
        fix_season_choice(session, ballot)
        names = join_words([n for n, c in crop_of.items() if c in picked])
        audit(
            session,
            actor,
            "tie_decided",
            f'{ballot.id} "{ballot.question}": chose {names}. Reason: {why}',
        )
        return refreshed_info(session, ballot.id)


def withdraw_decision(db: Database, actor: Actor, ballot_id: int) -> BallotInfo:
    """Take back the coordinator's decision on a tie (Undo); the tie is open again."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("change a decision on a tie"))
        ballot = load_ballot(session, ballot_id)
        if not ballot.decision:
            raise BadInput(_("There is no decision on this vote."))
        ballot.decision = None
        fix_season_choice(session, ballot)
        audit(session, actor, "tie_decision_withdrawn", f"{ballot.id} {ballot.question}")
        return refreshed_info(session, ballot.id)
