"""The ballot box: ballots as plain data, counting their stored votes, and settling ties."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from dutchfarm.db.models import Ballot, BallotOption, HasVoted, Season, SeasonCrop, Vote, VoteMark
from dutchfarm.domain.terms import BallotMethod, BallotStatus
from dutchfarm.domain.voting import (
    TallyResult,
    tally_approval,
    tally_dots,
    tally_hands,
    tally_ranked,
)
from dutchfarm.services.errors import BadInput, NotFound
from dutchfarm.words import _

QUESTION_LONGEST = 200

METHOD_WORDS = {
    BallotMethod.DOTS: _("Dots"),
    BallotMethod.APPROVAL: _("Thumbs up"),
    BallotMethod.RANKED: _("Favourites in order"),
    BallotMethod.HANDS: _("Show of hands"),
}
METHOD_ICONS = {
    BallotMethod.DOTS: "dot",
    BallotMethod.APPROVAL: "thumbs_up",
    BallotMethod.RANKED: "ranked",
    BallotMethod.HANDS: "hands",
}
# How each way of voting works, in Easy Read words.
METHOD_HOW = {
    BallotMethod.DOTS: _("Everyone gets some dots. Put your dots on the crops you like."),
    BallotMethod.APPROVAL: _("Give a thumbs up to every crop you would be happy to grow."),
    BallotMethod.RANKED: _("Tap your favourite crop first. Then tap your next favourite."),
    BallotMethod.HANDS: _("Put your hand up for the crops you like. We count the hands."),
}
_SETTLE = _(
    "If they are still tied, we hold a quick vote on those crops, or the "
    "coordinator decides and says why."
)
# The tie rule is shown before anyone votes, so that nobody is surprised afterwards.
TIE_RULES = {
    BallotMethod.DOTS: (
        _("If crops get the same dots, the crop more people gave dots to wins. {settle}").format(
            settle=_SETTLE
        )
    ),
    BallotMethod.APPROVAL: (
        _(
            "The crop more people said yes to wins. If crops get the same thumbs "
            "up, we hold a quick vote on those crops, or the coordinator decides "
            "and says why."
        )
    ),
    BallotMethod.RANKED: (
        _(
            "If two crops have the same votes, the one with fewer votes in the "
            "round before goes out first. {settle}"
        ).format(settle=_SETTLE)
    ),
    BallotMethod.HANDS: (
        _(
            "If crops get the same hands, we hold a quick vote on those crops, or "
            "the coordinator decides and says why."
        )
    ),
}


class Outcome(StrEnum):
    """Where a closed vote stands: crops chosen, a tie waiting, or a tie being settled."""

    NONE = ""  # a draft or an open vote
    CHOSEN = "chosen"  # the count filled every place
    TIED = "tied"  # a tie for the last places, not settled yet
    RUNOFF = "runoff"  # a quick vote on the tied crops was started
    DECIDED = "decided"  # the coordinator chose among the tied crops, with a reason


@dataclass(frozen=True)
class BallotDraft:
    """What the set-up form holds: the question, the way of voting and the crops."""

    question: str
    method: BallotMethod = BallotMethod.DOTS
    seats: int = 1
    crop_ids: tuple[int, ...] = ()
    dots_per_voter: int = 3
    cap_per_option: int | None = None
    fair_shares: bool = False


@dataclass(frozen=True)
class OptionInfo:
    """A crop on a ballot, as its picture card shows it."""

    option_id: int
    crop_id: int
    name: str
    plural: str
    icon: str


@dataclass(frozen=True)
class BallotInfo:
    """A ballot as pages show it; ``votes`` counts the anonymous votes stored."""

    id: int
    season_id: int
    year: int
    question: str
    method: BallotMethod
    seats: int
    dots_per_voter: int
    cap_per_option: int | None
    fair_shares: bool
    status: BallotStatus
    options: tuple[OptionInfo, ...]
    votes: int
    voted: int
    outcome: Outcome
    runoff_of_id: int | None
    runoff_id: int | None
    created_at: dt.datetime
    opened_at: dt.datetime | None
    closed_at: dt.datetime | None

    @property
    def tie_rule(self) -> str:
        """Return how a tie is settled, in plain words."""
        return TIE_RULES[self.method]

    def draft(self) -> BallotDraft:
        """Return the ballot's settings as a draft, to edit them or undo a change."""
        return BallotDraft(
            question=self.question,
            method=self.method,
            seats=self.seats,
            crop_ids=tuple(option.crop_id for option in self.options),
            dots_per_voter=self.dots_per_voter,
            cap_per_option=self.cap_per_option,
            fair_shares=self.fair_shares,
        )


@dataclass(frozen=True)
class Decision:
    """The coordinator's choice among tied crops, and why."""

    crop_ids: tuple[int, ...]
    reason: str
    by: str


def join_words(names: Sequence[str], last: str = "and") -> str:
    """Return "A", "A and B" or "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


# --- loading and counting -------------------------------------------------------------------


def load_ballot(session: Session, ballot_id: int) -> Ballot:
    """Return a ballot with its crops loaded, or raise NotFound."""
    ballot = session.get(
        Ballot,
        ballot_id,
        options=[selectinload(Ballot.options).selectinload(BallotOption.crop)],
    )
    if ballot is None:
        raise NotFound(_("That vote is not there any more."))
    return ballot


def tally_ballot(session: Session, ballot: Ballot) -> tuple[TallyResult, dict[str, int]]:
    """Count a ballot's stored votes; return the result and each option name's crop id."""
    options = list(ballot.options)
    # Crops are counted by their plural, so that the sentences read "Strawberries won."
    names = [option.crop.plural for option in options]
    crop_of = {option.crop.plural: option.crop_id for option in options}
    name_of = {option.id: option.crop.plural for option in options}
    votes: dict[str, dict[str, int]] = {
        vote_id: {}
        for vote_id in session.scalars(select(Vote.id).where(Vote.ballot_id == ballot.id))
    }
    marks = session.execute(
        select(VoteMark.vote_id, VoteMark.option_id, VoteMark.value)
        .join(Vote, Vote.id == VoteMark.vote_id)
        .where(Vote.ballot_id == ballot.id)
    )
    for vote_id, option_id, value in marks:
        votes[vote_id][name_of[option_id]] = value
    papers = list(votes.values())
    if ballot.method is BallotMethod.DOTS:
        result = tally_dots(
            names,
            papers,
            ballot.seats,
            dots_per_voter=ballot.dots_per_voter,
            cap_per_option=ballot.cap_per_option,
        )
    elif ballot.method is BallotMethod.APPROVAL:
        approvals = [{name for name, value in paper.items() if value} for paper in papers]
        result = tally_approval(names, approvals, ballot.seats, fair_shares=ballot.fair_shares)
    elif ballot.method is BallotMethod.RANKED:
        ranked = [sorted(paper, key=paper.__getitem__) for paper in papers]
        result = tally_ranked(names, ranked, ballot.seats)
    else:
        counts = papers[0] if papers else {}
        result = tally_hands(names, counts, ballot.seats)
    return result, crop_of


def decision_of(ballot: Ballot) -> Decision | None:
    """Return the coordinator's decision kept with a ballot, if any."""
    if not ballot.decision:
        return None
    stored = json.loads(ballot.decision)
    return Decision(tuple(stored["crops"]), stored["reason"], stored.get("by", ""))


def runoff_of(session: Session, ballot_id: int) -> Ballot | None:
    """Return the quick vote held on a ballot's tie, if one was started."""
    return session.scalars(
        select(Ballot).where(Ballot.runoff_of_id == ballot_id).order_by(Ballot.id.desc()).limit(1)
    ).first()


def settled_choice(session: Session, ballot: Ballot) -> tuple[list[int], bool]:
    """Return the crops a closed ballot and its tie's settlement chose, and if that is all."""
    result, crop_of = tally_ballot(session, ballot)
    chosen = [crop_of[name] for name in result.winners]
    if not result.tied:
        return chosen, True
    decision = decision_of(ballot)
    if decision is not None:
        return chosen + list(decision.crop_ids), True
    runoff = runoff_of(session, ballot.id)
    if runoff is not None and runoff.status is BallotStatus.CLOSED:
        more, complete = settled_choice(session, load_ballot(session, runoff.id))
        return chosen + more, complete
    return chosen, False


def _outcome(session: Session, ballot: Ballot) -> Outcome:
    if ballot.status is not BallotStatus.CLOSED:
        return Outcome.NONE
    result, _ = tally_ballot(session, ballot)
    if not result.tied:
        return Outcome.CHOSEN
    if ballot.decision:
        return Outcome.DECIDED
    if runoff_of(session, ballot.id) is not None:
        return Outcome.RUNOFF
    return Outcome.TIED


def root_ballot(session: Session, ballot: Ballot) -> Ballot:
    """Return the vote a chain of quick votes on ties started from."""
    seen = {ballot.id}
    while ballot.runoff_of_id is not None and ballot.runoff_of_id not in seen:
        ballot = load_ballot(session, ballot.runoff_of_id)
        seen.add(ballot.id)
    return ballot


def season_choice(session: Session, season_id: int) -> tuple[int, ...]:
    """Return the ids of the crops chosen for a season, in order."""
    return tuple(
        session.scalars(
            select(SeasonCrop.crop_id)
            .where(SeasonCrop.season_id == season_id)
            .order_by(SeasonCrop.rank)
        )
    )


def set_season_choice(session: Session, season_id: int, crop_ids: Sequence[int]) -> None:
    """Replace the crops chosen for a season."""
    session.execute(delete(SeasonCrop).where(SeasonCrop.season_id == season_id))
    session.add_all(
        SeasonCrop(season_id=season_id, crop_id=crop_id, rank=rank)
        for rank, crop_id in enumerate(crop_ids)
    )


def fix_season_choice(session: Session, ballot: Ballot) -> list[int]:
    """Make the season's chosen crops what the vote (and any settled tie) chose so far."""
    root = root_ballot(session, ballot)
    chosen, _complete = settled_choice(session, root)
    session.flush()
    set_season_choice(session, root.season_id, chosen)
    return chosen


def ballot_info(session: Session, ballot: Ballot) -> BallotInfo:
    """Return a ballot as plain data."""
    year = session.scalar(select(Season.year).where(Season.id == ballot.season_id))
    votes = session.scalar(
        select(func.count()).select_from(Vote).where(Vote.ballot_id == ballot.id)
    )
    voted = session.scalar(
        select(func.count()).select_from(HasVoted).where(HasVoted.ballot_id == ballot.id)
    )
    runoff = runoff_of(session, ballot.id)
    return BallotInfo(
        id=ballot.id,
        season_id=ballot.season_id,
        year=year or 0,
        question=ballot.question,
        method=ballot.method,
        seats=ballot.seats,
        dots_per_voter=ballot.dots_per_voter,
        cap_per_option=ballot.cap_per_option,
        fair_shares=ballot.fair_shares,
        status=ballot.status,
        options=tuple(
            OptionInfo(
                option.id, option.crop_id, option.crop.name, option.crop.plural, option.crop.icon
            )
            for option in ballot.options
        ),
        votes=votes or 0,
        voted=voted or 0,
        outcome=_outcome(session, ballot),
        runoff_of_id=ballot.runoff_of_id,
        runoff_id=runoff.id if runoff is not None else None,
        created_at=ballot.created_at,
        opened_at=ballot.opened_at,
        closed_at=ballot.closed_at,
    )


def refreshed_info(session: Session, ballot_id: int) -> BallotInfo:
    """Write what is pending and return the ballot as it now stands."""
    session.flush()
    session.expire_all()
    return ballot_info(session, load_ballot(session, ballot_id))


def refuse_second_open(session: Session, ballot: Ballot) -> None:
    """Refuse to open a vote while another vote of the same season is open."""
    other = session.scalars(
        select(Ballot).where(
            Ballot.season_id == ballot.season_id,
            Ballot.status == BallotStatus.OPEN,
            Ballot.id != ballot.id,
        )
    ).first()
    if other is not None:
        raise BadInput(
            _('Another vote is open: "{question}". Please close it first.').format(
                question=other.question
            )
        )
