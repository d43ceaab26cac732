"""Which season a new crop vote is for: this season, or the next one, started for the vote."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from dutchfarm.db.database import Database
from dutchfarm.db.models import Season, SeasonCrop
from dutchfarm.services.auth import Actor, require_staff
from dutchfarm.services.ballot_box import BallotDraft, BallotInfo
from dutchfarm.services.errors import BadInput
from dutchfarm.services.farm import begin_season, current_season
from dutchfarm.services.voting import add_ballot
from dutchfarm.words import _


@dataclass(frozen=True)
class VoteSeason:
    """A season a new vote can be for; ``season_id`` is None until the season starts."""

    year: int
    season_id: int | None
    crops_chosen: bool
    next_one: bool

    @property
    def words(self) -> str:
        """The season as a button says it: "Next season: 2027"."""
        return _("{0} season: {year}").format(
            _("Next") if self.next_one else _("This"), year=self.year
        )


def seasons_for_a_new_vote(db: Database, today: dt.date | None = None) -> list[VoteSeason]:
    """Return the next season and this one; the next one need not have started yet.

    "This season" is the newest season up to this year; so in February, before anyone has
    started the new year's season, the next season is the year the group is about to grow.
    """
    day = today or dt.date.today()
    current = current_season(db, day)
    this_year = current.year if current is not None else day.year
    with db.reading() as session:
        seasons = {
            year: season_id
            for season_id, year in session.execute(
                select(Season.id, Season.year).where(Season.year.in_((this_year, this_year + 1)))
            )
        }
        chosen = set(
            session.scalars(
                select(SeasonCrop.season_id).where(SeasonCrop.season_id.in_(seasons.values()))
            )
        )
    return [
        VoteSeason(year, seasons.get(year), seasons.get(year) in chosen, year > this_year)
        for year in (this_year + 1, this_year)
        if year in seasons or year >= day.year
    ]


def create_ballot_for_season(
    db: Database, actor: Actor, year: int, draft: BallotDraft
) -> BallotInfo:
    """Set up a new vote for the season of ``year``, starting that season if it is the next."""
    offered = {season.year: season for season in seasons_for_a_new_vote(db)}
    with db.transaction() as session:
        require_staff(session, actor, _("set up a vote"))
        season_id = session.scalar(select(Season.id).where(Season.year == year))
        if season_id is None:
            if year not in offered:
                raise BadInput(_("A new vote can be for this season or the next one."))
            season_id = begin_season(session, actor, year).id
        return add_ballot(session, actor, season_id, draft)
