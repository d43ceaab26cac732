"""The large demo's votes: three a season, every kind of vote, and people's wishes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from dutchfarm.db.models import Ballot, BallotOption, HasVoted, SeasonCrop, Vote, VoteMark, Wish
from dutchfarm.domain.terms import BallotMethod, BallotStatus
from dutchfarm.domain.voting import (
    TallyResult,
    tally_approval,
    tally_dots,
    tally_hands,
    tally_ranked,
)
from dutchfarm.services.demo import WISHES
from dutchfarm.services.demo_large_data import (
    MAIN_VOTE_CROPS,
    MAIN_VOTE_METHODS,
    OTHER_VOTES,
    WISHED_CROPS,
)
from dutchfarm.services.demo_large_state import LargeFarm, insert_ids, insert_rows

MAIN_VOTE_OPTIONS = 8
MAIN_VOTE_SEATS = 4
DOTS = 3
# A count that ends in a tie is held again (people talk it over and vote again).
TRIES = 50
WISHING = 20  # gardeners with a wish, beside the small demo's three
Marks = dict[int, int]  # option position -> dots, 1 for a yes, a rank, or hands


def hold_votes(farm: LargeFarm) -> None:
    """Each season: the crop vote in February and two of the three other votes."""
    plans: list[tuple[int, int, str, BallotMethod, int, tuple[str, ...], bool]] = []
    for turn, year in enumerate(sorted(farm.seasons)):
        crops = tuple(
            MAIN_VOTE_CROPS[(turn * 3 + k) % len(MAIN_VOTE_CROPS)] for k in range(MAIN_VOTE_OPTIONS)
        )
        method = MAIN_VOTE_METHODS[turn % len(MAIN_VOTE_METHODS)]
        plans.append(
            (year, 2, "What shall we grow in {year}?", method, MAIN_VOTE_SEATS, crops, True)
        )
        others = [
            vote for index, vote in enumerate(OTHER_VOTES) if index != turn % len(OTHER_VOTES)
        ]
        plans += [(year, *vote, False) for vote in sorted(others)]
    last = len(plans) - 1
    for index, (year, month, question, method, seats, crops, chooses) in enumerate(plans):
        status = BallotStatus.OPEN if index == last else BallotStatus.CLOSED
        _hold(farm, year, month, question.format(year=year), method, seats, crops, chooses, status)


def _vote_day(farm: LargeFarm, year: int, month: int) -> dt.date:
    """The first working day from the 2nd of the month, or the last one before today."""
    day = dt.date(year, month, 2)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    if day > farm.yesterday:
        day = max(d for d in farm.present if d <= farm.yesterday)
    return day


def _papers(farm: LargeFarm, method: BallotMethod, voters: int, options: int) -> list[Marks]:
    """What each voter marks: crops some like more than others, and each voter their own."""
    pick = farm.random
    liking = [1.0 + 2.0 * pick.random() for _ in range(options)]
    top = max(liking)
    positions = list(range(options))
    papers: list[Marks] = []
    for _ in range(voters if method is not BallotMethod.HANDS else 1):
        if method is BallotMethod.DOTS:
            marks: Marks = {}
            for spot in pick.choices(positions, weights=liking, k=DOTS):
                marks[spot] = marks.get(spot, 0) + 1
        elif method is BallotMethod.APPROVAL:
            favourite = pick.choices(positions, weights=liking)[0]
            marks = {
                p: 1 for p in positions if p == favourite or pick.random() < liking[p] / top / 2
            }
        elif method is BallotMethod.RANKED:
            order: list[int] = []
            while len(order) < min(options, pick.randint(2, 5)):
                spot = pick.choices(positions, weights=liking)[0]
                if spot not in order:
                    order.append(spot)
            marks = {spot: rank for rank, spot in enumerate(order, start=1)}
        else:
            marks = {
                p: sum(pick.random() < liking[p] / top / 2 for _ in range(voters))
                for p in positions
            }
        papers.append(marks)
    return papers


def _tally(
    method: BallotMethod, names: Sequence[str], papers: list[Marks], seats: int, fair: bool
) -> TallyResult:
    named = [{names[spot]: value for spot, value in paper.items()} for paper in papers]
    if method is BallotMethod.DOTS:
        return tally_dots(names, named, seats, dots_per_voter=DOTS)
    if method is BallotMethod.APPROVAL:
        return tally_approval(names, [set(paper) for paper in named], seats, fair_shares=fair)
    if method is BallotMethod.RANKED:
        return tally_ranked(names, [sorted(paper, key=paper.__getitem__) for paper in named], seats)
    return tally_hands(names, named[0], seats)


def _hold(
    farm: LargeFarm,
    year: int,
    month: int,
    question: str,
    method: BallotMethod,
    seats: int,
    keys: tuple[str, ...],
    chooses: bool,
    status: BallotStatus,
) -> None:
    day = _vote_day(farm, year, month)
    voters = farm.present[day]
    crops = [farm.crops[key] for key in keys]
    names = [crop.plural for crop in crops]
    # Thumbs up with several crops to choose shares them out fairly in one of the votes.
    fair = method is BallotMethod.APPROVAL and seats > 1 and year % 2 == 0
    for _ in range(TRIES):
        papers = _papers(farm, method, len(voters), len(crops))
        result = _tally(method, names, papers, seats, fair)
        if not result.tied:
            break
    session = farm.session
    at = dt.datetime.combine(day, dt.time(10, 0))
    closed = status is BallotStatus.CLOSED
    (ballot_id,) = insert_ids(
        session,
        Ballot,
        [
            {
                "season_id": farm.seasons[year],
                "question": question,
                "method": method,
                "seats": seats,
                "dots_per_voter": DOTS,
                "fair_shares": fair,
                "status": status,
                "created_at": at - dt.timedelta(days=7),
                "opened_at": at,
                "closed_at": at + dt.timedelta(hours=1) if closed else None,
            }
        ],
    )
    options = insert_ids(
        session,
        BallotOption,
        [
            {"ballot_id": ballot_id, "crop_id": crop.id, "position": position}
            for position, crop in enumerate(crops)
        ],
    )
    _put_in_box(farm, ballot_id, options, papers)
    if method is not BallotMethod.HANDS:
        insert_rows(session, HasVoted, [{"ballot_id": ballot_id, "person_id": p} for p in voters])
    if chooses and closed:
        crop_of = dict(zip(names, crops, strict=True))
        insert_rows(
            session,
            SeasonCrop,
            [
                {"season_id": farm.seasons[year], "crop_id": crop_of[name].id, "rank": rank}
                for rank, name in enumerate(result.winners)
            ],
        )
    farm.add("ballots", 1)
    farm.add("votes", len(papers))


def _put_in_box(farm: LargeFarm, ballot_id: int, options: list[int], papers: list[Marks]) -> None:
    """Keep each paper under a random id, with no name and no time."""
    votes: list[dict[str, Any]] = []
    marks: list[dict[str, Any]] = []
    for paper in papers:
        vote_id = f"{farm.random.getrandbits(128):032x}"
        votes.append({"id": vote_id, "ballot_id": ballot_id})
        marks += [
            {"vote_id": vote_id, "option_id": options[spot], "value": value}
            for spot, value in sorted(paper.items())
        ]
    insert_rows(farm.session, Vote, votes)
    insert_rows(farm.session, VoteMark, marks)


def add_wishes(farm: LargeFarm) -> None:
    """Gardeners say what they would like in their own bed, this year and next."""
    years = sorted({farm.today.year, farm.today.year + (1 if farm.today.month >= 9 else 0)})
    by_name = {person.name: person.id for person in farm.people}
    wishes = [(by_name[name], key) for name, key in WISHES]
    wished = {person_id for person_id, _key in wishes}
    owners = [
        bed.owner_id for bed in farm.beds if bed.owner_id is not None and bed.owner_id not in wished
    ]
    wishes += [
        (owner, WISHED_CROPS[index % len(WISHED_CROPS)])
        for index, owner in enumerate(owners[:WISHING])
    ]
    insert_rows(
        farm.session,
        Wish,
        [
            {"person_id": person_id, "crop_id": farm.crops[key].id, "year": year}
            for year in years
            for person_id, key in wishes
        ],
    )
