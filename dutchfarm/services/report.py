"""The season report's figures: the harvest, who took part, jobs done, and the crop vote."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dutchfarm.db.database import Database
from dutchfarm.db.models import (
    Assignment,
    Attendance,
    Ballot,
    Bed,
    Crop,
    DiaryEntry,
    Farm,
    Harvest,
    HasVoted,
    Job,
    Season,
    SeasonCrop,
    Vote,
    VoteMark,
)
from dutchfarm.domain.harvest import NO_BED, SeasonCharts, Totals
from dutchfarm.domain.terms import BallotMethod, BallotStatus, Unit
from dutchfarm.domain.voting import (
    TallyResult,
    explain,
    tally_approval,
    tally_dots,
    tally_hands,
    tally_ranked,
)
from dutchfarm.services.errors import NotFound
from dutchfarm.services.harvest import season_chart_series
from dutchfarm.words import _

METHOD_WORDS = {
    BallotMethod.DOTS: _("sticky dots"),
    BallotMethod.APPROVAL: _("thumbs up"),
    BallotMethod.RANKED: _("favourites in order"),
    BallotMethod.HANDS: _("a show of hands"),
}


@dataclass(frozen=True)
class AmountLine:
    """One line of a harvest table: a crop or a bed, its weight, counts and bunches."""

    name: str
    icon: str | None
    grams: float
    count: float
    bunches: float


@dataclass(frozen=True)
class VoteSummary:
    """A closed crop vote of the season, in words."""

    question: str
    method: str
    voters: int
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class SeasonReport:
    """Everything the season report shows, as plain figures."""

    farm_name: str
    year: int
    totals: Totals
    by_crop: tuple[AmountLine, ...]
    by_bed: tuple[AmountLine, ...]
    charts: SeasonCharts
    people: int
    pickers: int
    jobs_done: int
    first_day: dt.date | None
    last_day: dt.date | None
    chosen_crops: tuple[tuple[str, str], ...]
    votes: tuple[VoteSummary, ...]
    made_on: dt.date


def _amounts(session: Session, season_id: int, by_bed: bool) -> tuple[AmountLine, ...]:
    name = Bed.name if by_bed else Crop.plural
    query = (
        select(name, Crop.icon, Harvest.unit, func.sum(Harvest.quantity), func.sum(Harvest.grams))
        .select_from(Harvest)
        .join(Crop, Harvest.crop_id == Crop.id)
        .where(Harvest.season_id == season_id)
        .group_by(name, Crop.icon, Harvest.unit)
    )
    if by_bed:
        query = query.outerjoin(Bed, Harvest.bed_id == Bed.id)
    found: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    icons: dict[str, str | None] = {}
    for label, icon, unit, quantity, grams in session.execute(query):
        key = label or NO_BED
        icons[key] = None if by_bed else icon
        if unit in (Unit.GRAMS, Unit.KILOGRAMS):
            found[key][0] += grams or 0.0
        elif unit is Unit.COUNT:
            found[key][1] += quantity or 0.0
        else:
            found[key][2] += quantity or 0.0
    lines = [AmountLine(key, icons[key], *values) for key, values in found.items()]
    lines.sort(key=lambda line: (-line.grams, -line.count, -line.bunches, line.name))
    return tuple(lines)


def _people(session: Session, season: Season) -> tuple[int, int]:
    start, end = dt.date(season.year, 1, 1), dt.date(season.year, 12, 31)
    pickers = set(
        session.scalars(
            select(Harvest.picked_by_id).where(
                Harvest.season_id == season.id, Harvest.picked_by_id.is_not(None)
            )
        )
    )
    everyone = set(pickers)
    everyone.update(
        session.scalars(select(Attendance.person_id).where(Attendance.day.between(start, end)))
    )
    everyone.update(
        session.scalars(
            select(Assignment.person_id)
            .join(Job, Assignment.job_id == Job.id)
            .where(Job.day.between(start, end))
        )
    )
    everyone.update(
        session.scalars(select(DiaryEntry.person_id).where(DiaryEntry.day.between(start, end)))
    )
    everyone.update(
        session.scalars(
            select(HasVoted.person_id)
            .join(Ballot, HasVoted.ballot_id == Ballot.id)
            .where(Ballot.season_id == season.id)
        )
    )
    everyone.discard(None)
    return len(everyone), len(pickers)


def _tally(session: Session, ballot: Ballot) -> TallyResult:
    options = {option.id: option.crop.plural for option in ballot.options}
    names = [options[option.id] for option in ballot.options]
    votes: dict[str, dict[str, int]] = defaultdict(dict)
    for vote_id, option_id, value in session.execute(
        select(VoteMark.vote_id, VoteMark.option_id, VoteMark.value)
        .join(Vote, VoteMark.vote_id == Vote.id)
        .where(Vote.ballot_id == ballot.id)
    ):
        votes[vote_id][options[option_id]] = value
    seats = min(ballot.seats, len(names))
    if ballot.method is BallotMethod.DOTS:
        return tally_dots(names, votes.values(), seats)
    if ballot.method is BallotMethod.APPROVAL:
        ballots = [{name for name, value in marks.items() if value > 0} for marks in votes.values()]
        return tally_approval(names, ballots, seats, ballot.fair_shares)
    if ballot.method is BallotMethod.RANKED:
        ranked = [
            [name for name, value in sorted(marks.items(), key=lambda item: item[1]) if value > 0]
            for marks in votes.values()
        ]
        return tally_ranked(names, ranked, seats)
    hands: dict[str, int] = defaultdict(int)
    for marks in votes.values():
        for name, value in marks.items():
            hands[name] += value
    return tally_hands(names, hands, seats)


def _votes(session: Session, season: Season) -> tuple[VoteSummary, ...]:
    summaries = []
    ballots = session.scalars(
        select(Ballot)
        .where(Ballot.season_id == season.id, Ballot.status == BallotStatus.CLOSED)
        .order_by(Ballot.closed_at, Ballot.id)
    )
    for ballot in ballots:
        voters = session.scalar(
            select(func.count()).select_from(HasVoted).where(HasVoted.ballot_id == ballot.id)
        )
        try:
            sentences = explain(_tally(session, ballot)) if ballot.options else ()
        except ValueError:
            # A ballot the count cannot read is still reported, without its sentences.
            sentences = ()
        if ballot.decision:
            sentences = (
                *sentences,
                _("The coordinator decided: {decision}").format(decision=ballot.decision),
            )
        summaries.append(
            VoteSummary(ballot.question, METHOD_WORDS[ballot.method], voters or 0, sentences)
        )
    return tuple(summaries)


def season_report(db: Database, year: int, *, today: dt.date | None = None) -> SeasonReport:
    """Return the figures of the season report for ``year``."""
    with db.reading() as session:
        season = session.scalar(select(Season).where(Season.year == year))
        if season is None:
            raise NotFound(_("There is no {year} season.").format(year=year))
        farm = session.get(Farm, 1)
        by_crop = _amounts(session, season.id, by_bed=False)
        by_bed = _amounts(session, season.id, by_bed=True)
        people, pickers = _people(session, season)
        jobs_done = session.scalar(
            select(func.count())
            .select_from(Job)
            .where(Job.done.is_(True), Job.day.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        )
        first, last = session.execute(
            select(func.min(Harvest.day), func.max(Harvest.day)).where(
                Harvest.season_id == season.id
            )
        ).one()
        chosen = tuple(
            (crop.plural, crop.icon)
            for crop in session.scalars(
                select(Crop)
                .join(SeasonCrop, SeasonCrop.crop_id == Crop.id)
                .where(SeasonCrop.season_id == season.id)
                .order_by(SeasonCrop.rank)
            )
        )
        votes = _votes(session, season)
        season_id = season.id
        farm_name = farm.name if farm else _("Dutch Farm")
    charts = season_chart_series(db, season_id)
    return SeasonReport(
        farm_name=farm_name,
        year=year,
        totals=charts.totals,
        by_crop=by_crop,
        by_bed=by_bed,
        charts=charts,
        people=people,
        pickers=pickers,
        jobs_done=jobs_done or 0,
        first_day=first,
        last_day=last,
        chosen_crops=chosen,
        votes=votes,
        made_on=today or dt.date.today(),
    )
