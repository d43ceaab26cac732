"""The queries the pages run use indexes: on the large farm none reads a whole big table.

Every statement a page's services send to SQLite is caught as it is sent and its plan read
with EXPLAIN QUERY PLAN. "SCAN harvest" (every row of the table) fails; "SEARCH harvest
USING INDEX" and a scan of an index that holds every column asked for are fine.
"""

import datetime as dt
import re
import shutil
from collections.abc import Callable

import pytest
from sqlalchemy import event, select

from dutchfarm.db.database import open_database
from dutchfarm.db.models import Harvest
from dutchfarm.services import (
    beds,
    catalogue,
    fairness,
    farm,
    harvest,
    harvest_log,
    jobs,
    people,
    personal_data,
    report,
    rota,
    rota_day,
    rotation,
    vote_results,
    voting,
)
from dutchfarm.services.auth import Actor

pytestmark = pytest.mark.sqlite_only

# The tables that grow with the years (names as in db/models.py).
BIG_TABLES = ("harvest", "job", "assignment", "attendance", "diary_entry")
_SCAN = re.compile(r"^SCAN (\w+)")


def full_scans(connection, statement: str, parameters) -> list[str]:
    """Return each step of the statement's plan that reads a whole big table."""
    found = []
    for *_ids, detail in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters):
        scan = _SCAN.match(detail)
        if scan is None or "USING INDEX" in detail or "USING COVERING INDEX" in detail:
            continue
        # SQLAlchemy names a second copy of a table "harvest_1".
        if re.sub(r"_\d+$", "", scan.group(1)) in BIG_TABLES:
            found.append(detail)
    return found


class Farm:
    """The large farm, with the people, bed and season the pages would show."""

    def __init__(self, db, today: dt.date) -> None:
        self.db = db
        self.today = today
        everyone = people.list_people(db, include_archived=True)
        ann = next(p for p in everyone if p.name == "Ann")
        self.actor = Actor(ann.id, ann.role, ann.name)
        self.jackie = next(p for p in everyone if p.name == "Jackie").id
        self.bed = beds.bed_of(db, self.jackie)
        self.shared_bed = next(b.id for b in beds.list_beds(db) if b.name == "Polytunnel")
        self.season = farm.current_season(db, today)
        self.year = self.season.year
        self.past_day = dt.date(self.year - 2, 6, 12)
        self.crops = [crop.id for crop in catalogue.list_crops(db)[:8]]

    def make_todays_rota(self) -> None:
        db, day = self.db, self.today
        for person in people.list_people(db)[:20]:
            rota_day.set_attendance(db, self.actor, day, person.id, True)
        rota.make_day_rota(db, self.actor, day)

    def votes(self) -> None:
        for ballot in voting.list_ballots(self.db, self.season.id):
            voting.get_ballot(self.db, ballot.id)
            voting.who_has_voted(self.db, ballot.id)
            voting.hands_counts(self.db, ballot.id)
            if ballot.status.value == "closed":
                vote_results.ballot_results(self.db, ballot.id)
        voting.chosen_crops(self.db, self.season.id)

    def log_pages(self) -> None:
        """Ask for the log as the staff's table does: counts, pages, places, in every order."""
        db, year = self.db, self.year
        span = harvest_log.harvest_span(db)
        assert span is not None
        season = harvest_log.HarvestFilters(
            self.season.id, dt.date(year, 1, 1), dt.date(year, 12, 31)
        )
        every = harvest_log.HarvestFilters(first=span[0], last=span[1])
        narrow = (
            harvest_log.HarvestFilters(self.season.id, crop_id=self.crops[0]),
            harvest_log.HarvestFilters(self.season.id, bed_id=harvest_log.NONE),
            harvest_log.HarvestFilters(self.season.id, person_id=self.jackie),
            harvest_log.HarvestFilters(self.season.id, bed_id=self.bed),
        )
        for filters in (season, every, *narrow):
            harvest_log.log_summary(db, filters)
            first = harvest_log.log_page(db, filters, harvest_log.LogOrder(), 0, 200)
            if first:
                harvest_log.log_position(db, filters, harvest_log.LogOrder(), first[-1].id)
        for by in harvest_log.LogSort:
            for descending in (False, True):
                order = harvest_log.LogOrder(by, descending)
                harvest_log.log_page(db, season, order, 5000, 200)


# What each page asks its services for, on the large farm.
PAGE_CALLS: dict[str, Callable[[Farm], object]] = {
    "today": lambda f: (
        rota.day_rota(f.db, f.today, today=f.today),
        people.list_people(f.db),
        catalogue.list_task_types(f.db),
    ),
    "beds": lambda f: beds.list_beds(f.db),
    "bed": lambda f: (
        beds.bed_record(f.db, f.actor, f.bed),
        beds.bed_record(f.db, f.actor, f.shared_bed),
        rotation.wishes_of(f.db, f.jackie, f.year + 1),
    ),
    "rotation": lambda f: (
        rotation.rotation_grid(f.db, f.today),
        rotation.chosen_crops(f.db, f.year + 1),
        rotation.propose_plan(f.db, f.year + 1, f.crops),
        rotation.check_placement(f.db, f.year + 1, f.crops[0], f.bed),
    ),
    "vote": Farm.votes,
    "harvest log": lambda f: (
        harvest.list_harvests(f.db, season_id=f.season.id),
        harvest.list_harvests(f.db),
        harvest.list_harvests(f.db, season_id=f.season.id, person_id=f.jackie),
        harvest.list_harvests(f.db, season_id=f.season.id, bed_id=f.bed),
        harvest.harvest_choices(f.db, f.actor, f.season.id),
    ),
    "harvest log pages": Farm.log_pages,
    "harvest charts": lambda f: (
        harvest.season_chart_series(f.db, f.season.id),
        harvest.season_chart_series(f.db, f.season.id, person_id=f.jackie),
        harvest.season_chart_series(f.db, f.season.id, bed_id=f.bed),
    ),
    "season report": lambda f: report.season_report(f.db, f.year - 1, today=f.today),
    "rota day": lambda f: (
        rota.day_rota(f.db, f.past_day, today=f.today),
        rota.printable_rota(f.db, f.past_day),
        jobs.list_recurring_jobs(f.db),
        jobs.list_beds_for_jobs(f.db),
    ),
    "make the rota": Farm.make_todays_rota,
    "fairness": lambda f: (
        fairness.fairness(f.db, f.today - dt.timedelta(weeks=4), f.today),
        fairness.fairness(f.db, f.today - dt.timedelta(days=365), f.today),
    ),
    "people": lambda f: (
        people.list_people(f.db, include_archived=True),
        people.get_person(f.db, f.jackie),
        personal_data.person_record(f.db, f.actor, f.jackie),
        personal_data.audit_log(f.db, f.actor),
    ),
    "settings": lambda f: (farm.list_seasons(f.db), farm.get_farm(f.db)),
}


@pytest.fixture(scope="module")
def large_farm(large_demo, tmp_path_factory):
    # A copy of its own: making today's rota changes the farm.
    path = tmp_path_factory.mktemp("queries") / "large.sqlite"
    shutil.copyfile(large_demo.url.removeprefix("sqlite:///"), path)
    db = open_database(f"sqlite:///{path}")
    yield Farm(db, large_demo.today)
    db.close()


def sent_by(db, action: Callable[[], object]) -> list[tuple[str, object]]:
    """Return every statement (but inserts) that ``action`` sends to the database."""
    sent = []

    def keep(_connection, _cursor, statement, parameters, _context, executemany):
        if not executemany and statement.lstrip().split(None, 1)[0].upper() in (
            "SELECT",
            "WITH",
            "UPDATE",
            "DELETE",
        ):
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    return sent


@pytest.mark.parametrize("page", list(PAGE_CALLS))
def test_no_page_reads_a_whole_big_table(large_farm, page):
    statements = sent_by(large_farm.db, lambda: PAGE_CALLS[page](large_farm))
    assert statements
    with large_farm.db.engine.connect() as connection:
        scans = {
            " ".join(statement.split()): found
            for statement, parameters in statements
            if (found := full_scans(connection, statement, parameters))
        }
    assert scans == {}


def test_the_check_sees_a_whole_table_read(large_farm):
    db = large_farm.db

    def read(query):
        with db.reading() as session:
            session.execute(query).all()

    (everything,) = sent_by(db, lambda: read(select(Harvest.id).where(Harvest.quantity > 100)))
    (one_persons,) = sent_by(
        db, lambda: read(select(Harvest.id).where(Harvest.picked_by_id == large_farm.jackie))
    )
    with db.engine.connect() as connection:
        assert full_scans(connection, *everything) == ["SCAN harvest"]
        assert full_scans(connection, *one_persons) == []
