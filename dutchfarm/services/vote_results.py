"""The results of a closed crop vote, as plain data for the chart, the sentences and the print."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import Ballot, Crop
from dutchfarm.domain.terms import BallotMethod, BallotStatus
from dutchfarm.domain.voting import Score, TallyResult, explain
from dutchfarm.services.ballot_box import (
    BallotInfo,
    Outcome,
    ballot_info,
    decision_of,
    join_words,
    load_ballot,
    root_ballot,
    runoff_of,
    settled_choice,
    tally_ballot,
)
from dutchfarm.services.errors import BadInput
from dutchfarm.words import _, ngettext

SCORE_LABELS = {
    BallotMethod.DOTS: _("Dots"),
    BallotMethod.APPROVAL: _("Thumbs up"),
    BallotMethod.RANKED: _("Votes at the last count"),
    BallotMethod.HANDS: _("Hands"),
}
_UNITS = {
    BallotMethod.DOTS: ("dot", "dots"),
    BallotMethod.APPROVAL: (_("thumbs up"), _("thumbs up")),
    BallotMethod.RANKED: ("vote", "votes"),
    BallotMethod.HANDS: ("hand", "hands"),
}


@dataclass(frozen=True)
class OptionResult:
    """One crop's bar: its score, and whether it won, tied or was chosen when the tie settled."""

    crop_id: int
    name: str
    plural: str
    icon: str
    score: float
    score_words: str
    supporters: int
    won: bool
    tied: bool
    chosen: bool
    mark: str

    @property
    def is_winner(self) -> bool:
        """Return True for a crop the group chose, by this count or by settling the tie."""
        return self.won or self.chosen


@dataclass(frozen=True)
class RoundResult:
    """One round of a ranked count, in words."""

    number: int
    totals: tuple[tuple[str, float], ...]
    elected: tuple[str, ...]
    eliminated: tuple[str, ...]
    sentence: str
    totals_words: str


@dataclass(frozen=True)
class BallotResults:
    """Everything the results screen and the printed sheet show for a closed vote."""

    ballot: BallotInfo
    options: tuple[OptionResult, ...]
    sentences: tuple[str, ...]
    settlement: tuple[str, ...]
    rounds: tuple[RoundResult, ...]
    voters: int
    score_label: str
    tied: tuple[str, ...]
    places_left: int
    chosen: tuple[str, ...]
    complete: bool
    parent_question: str | None

    @property
    def needs_choice(self) -> bool:
        """Return True when a tie waits for a quick vote or the coordinator's decision."""
        return self.ballot.outcome is Outcome.TIED

    @property
    def winners(self) -> tuple[str, ...]:
        """Return the plural names of the crops this vote chose, in order."""
        return tuple(option.plural for option in self.options if option.is_winner)

    def is_win(self, sentence: str) -> bool:
        """Return True for a sentence that says a crop the group chose won."""
        return any(sentence.startswith(f"{name} won") for name in self.winners)

    @property
    def chosen_sentence(self) -> str:
        """Return "The crops for 2027 are …", or "" when none are chosen yet."""
        if not self.chosen:
            return ""
        so_far = "" if self.complete else _("So far, t")
        the = so_far or "T"
        if len(self.chosen) == 1:
            return _("{the}he crop for {year} is {chosen}.").format(
                the=the, year=self.ballot.year, chosen=self.chosen[0]
            )
        return _("{the}he crops for {year} are {chosen}.").format(
            the=the, year=self.ballot.year, chosen=join_words(self.chosen)
        )


def _number(value: Score) -> float:
    return float(value)


def number_words(value: Score | float) -> str:
    """Return a count as people write it: 3, or 2.5 for a share of a ranked vote."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return str(value.numerator)
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{float(value):.1f}"


def score_words(method: BallotMethod, value: Score) -> str:
    """Return a score with its unit: "9 dots", "1 hand", "2.5 votes"."""
    one, many = _UNITS[method]
    return f"{number_words(value)} {one if value == 1 else many}"


def _rounds(result: TallyResult) -> tuple[RoundResult, ...]:
    rounds = []
    for number, counted in enumerate(result.rounds, start=1):
        totals = sorted(counted.totals.items(), key=lambda item: -item[1])
        last = number == len(result.rounds)
        if last and result.tied:
            won = (
                _("{elected} won. ").format(elected=join_words(counted.elected))
                if counted.elected
                else ""
            )
            sentence = _("Round {number}: {won}{tied} are tied.").format(
                number=number, won=won, tied=join_words(result.tied)
            )
        elif counted.elected:
            sentence = _("Round {number}: {elected} won.").format(
                number=number, elected=join_words(counted.elected)
            )
        else:
            sentence = _("Round {number}: {eliminated} went out.").format(
                number=number, eliminated=join_words(counted.eliminated)
            )
        rounds.append(
            RoundResult(
                number=number,
                totals=tuple((name, _number(value)) for name, value in totals),
                elected=counted.elected,
                eliminated=counted.eliminated,
                sentence=sentence,
                totals_words=", ".join(f"{name} {number_words(value)}" for name, value in totals)
                + ".",
            )
        )
    return tuple(rounds)


def _settlement(
    session: Session, ballot: Ballot, result: TallyResult
) -> tuple[list[str], set[int], str]:
    """Return sentences on how a tie was settled, the crops chosen by it, and the mark word."""
    if not result.tied:
        return [], set(), ""
    decision = decision_of(ballot)
    if decision is not None:
        names = [o.crop.plural for o in ballot.options if o.crop_id in decision.crop_ids]
        who = (
            _("{by}, the coordinator,").format(by=decision.by)
            if decision.by
            else _("The coordinator")
        )
        sentences = [
            _("{who} chose {names}.").format(who=who, names=join_words(names)),
            _("The reason: {reason}").format(reason=decision.reason),
        ]
        return sentences, set(decision.crop_ids), _("Chosen")
    runoff = runoff_of(session, ballot.id)
    if runoff is None:
        return [], set(), ""
    held = join_words(list(result.tied))
    if runoff.status is not BallotStatus.CLOSED:
        return [_("The group is holding a quick vote on {held}.").format(held=held)], set(), ""
    runoff = load_ballot(session, runoff.id)
    runoff_result, crop_of = tally_ballot(session, runoff)
    sentences = [_("There was a tie, so the group held a quick vote on {held}.").format(held=held)]
    runoff_outcome = ballot_info(session, runoff).outcome
    sentences += [
        _quick(sentence, runoff_result.winners)
        for sentence in _sentences(runoff_result, runoff_outcome)
    ]
    chosen, _complete = settled_choice(session, runoff)
    more, won_later, _mark = _settlement(session, runoff, runoff_result)
    sentences += more
    return sentences, set(chosen) | won_later, _("Won the quick vote")


def _quick(sentence: str, winners: tuple[str, ...]) -> str:
    for name in winners:
        if sentence.startswith(f"{name} won. "):
            return (
                _("{name} won the quick vote. ").format(name=name)
                + sentence[len(_("{name} won. ").format(name=name)) :]
            )
    return sentence


def _sentences(result: TallyResult, outcome: Outcome) -> tuple[str, ...]:
    """Return the Easy Read sentences; a tie already being settled is told in the past."""
    sentences = explain(result)
    if result.tied and outcome in (Outcome.RUNOFF, Outcome.DECIDED):
        left = result.seats - len(result.winners)
        places = ngettext(
            "the last place",
            "the last {left} places",
            left,
        ).format(left=left)
        return (
            *sentences[:-1],
            _("{tied} were tied for {places}.").format(tied=join_words(result.tied), places=places),
        )
    return sentences


def ballot_results(db: Database, ballot_id: int) -> BallotResults:
    """Return the results of a closed vote; anyone may see them once it is closed."""
    with db.reading() as session:
        ballot = load_ballot(session, ballot_id)
        if ballot.status is not BallotStatus.CLOSED:
            raise BadInput(_("The results show when the vote is closed."))
        info = ballot_info(session, ballot)
        result, _crop_of = tally_ballot(session, ballot)
        settlement, settled_ids, settled_mark = _settlement(session, ballot, result)
        options = []
        for option in ballot.options:
            crop = option.crop
            score = result.scores[crop.plural]
            won = crop.plural in result.winners
            tied = crop.plural in result.tied
            chosen = tied and option.crop_id in settled_ids
            if won:
                mark = _("Won")
            elif chosen:
                mark = settled_mark
            elif tied:
                mark = _("Tied")
            else:
                mark = ""
            options.append(
                OptionResult(
                    crop_id=option.crop_id,
                    name=crop.name,
                    plural=crop.plural,
                    icon=crop.icon,
                    score=_number(score),
                    score_words=score_words(ballot.method, score),
                    supporters=result.supporters[crop.plural],
                    won=won,
                    tied=tied,
                    chosen=chosen,
                    mark=mark,
                )
            )
        # Winners first, in the order they won; then the rest by score (a stable sort keeps
        # crops level on score in the order of the ballot).
        order = {name: index for index, name in enumerate(result.winners)}
        options.sort(
            key=lambda o: (o.plural not in order, order.get(o.plural, 0), not o.chosen, -o.score)
        )
        root = root_ballot(session, ballot)
        chosen_ids, complete = settled_choice(session, root)
        crop_names = _crop_plurals(session, chosen_ids)
        parent = root if root.id != ballot.id else None
        return BallotResults(
            ballot=info,
            options=tuple(options),
            sentences=_sentences(result, info.outcome),
            settlement=tuple(settlement),
            rounds=_rounds(result),
            voters=info.votes if ballot.method is not BallotMethod.HANDS else 0,
            score_label=SCORE_LABELS[ballot.method],
            tied=result.tied,
            places_left=result.seats - len(result.winners),
            chosen=tuple(crop_names[crop_id] for crop_id in chosen_ids),
            complete=complete,
            parent_question=parent.question if parent is not None else None,
        )


def _crop_plurals(session: Session, crop_ids: list[int]) -> dict[int, str]:
    rows = session.execute(select(Crop.id, Crop.plural).where(Crop.id.in_(crop_ids)))
    return {crop_id: plural for crop_id, plural in rows}
