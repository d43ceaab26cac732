"""The season report's figures, checked against the database of the demo farm."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from dutchfarm.db.models import Harvest, Job, Season
from dutchfarm.services.demo import make_demo_farm
from dutchfarm.services.errors import NotFound
from dutchfarm.services.report import season_report

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def farm(db):
    make_demo_farm(db, today=TODAY)
    return db


def test_the_harvest_figures_add_up(farm):
    report = season_report(farm, 2026, today=TODAY)
    with farm.reading() as session:
        season_id = session.scalar(select(Season.id).where(Season.year == 2026))
        grams = session.scalar(
            select(func.sum(Harvest.grams)).where(Harvest.season_id == season_id)
        )
        harvests = session.scalar(
            select(func.count()).select_from(Harvest).where(Harvest.season_id == season_id)
        )
        jobs = session.scalar(select(func.count()).select_from(Job).where(Job.done.is_(True)))
    assert report.totals.grams == pytest.approx(grams)
    assert report.totals.harvests == harvests
    assert sum(line.grams for line in report.by_crop) == pytest.approx(grams)
    assert sum(line.grams for line in report.by_bed) == pytest.approx(grams)
    assert sum(line.count for line in report.by_crop) == report.totals.count
    assert sum(line.bunches for line in report.by_bed) == report.totals.bunches
    assert [line.grams for line in report.by_crop if line.grams] == sorted(
        (line.grams for line in report.by_crop if line.grams), reverse=True
    )
    assert report.jobs_done == jobs > 0
    assert report.made_on == TODAY and report.farm_name == "Dutch Farm"


def test_who_took_part_and_the_vote(farm):
    report = season_report(farm, 2026, today=TODAY)
    # Everyone in the demo farm comes in, picks, does jobs or votes this season.
    assert report.people == 15
    assert 0 < report.pickers <= 15
    assert [name for name, _ in report.chosen_crops][0] == "Strawberries"
    assert len(report.chosen_crops) == 4
    [vote] = report.votes
    assert vote.question == "What shall we grow in 2026?" and vote.voters == 12
    assert vote.method == "sticky dots"
    assert vote.sentences[0].startswith("Strawberries won.")


def test_an_earlier_season_has_no_vote_and_a_missing_one_is_refused(farm):
    earlier = season_report(farm, 2024)
    assert earlier.votes == () and earlier.chosen_crops == ()
    assert earlier.totals.harvests > 0
    with pytest.raises(NotFound, match="no 1990 season"):
        season_report(farm, 1990)
