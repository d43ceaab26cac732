"""Hostile input to every service that takes words, numbers or dates from a form.

Each value is either accepted and stored exactly as the form will show it, or refused with
a plain message; and nothing else in the database changes.
"""

import csv as csv_module
import datetime as dt
import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, text

from dutchfarm.db.database import DatabaseError
from dutchfarm.db.models import DiaryEntry
from dutchfarm.domain.people import clean_text
from dutchfarm.domain.terms import DiaryAction, Role, Unit
from dutchfarm.services.auth import COMMAND_LINE
from dutchfarm.services.beds import (
    BedDraft,
    add_bed,
    add_diary_entry,
    add_planting,
    list_beds,
)
from dutchfarm.services.catalogue import list_crops
from dutchfarm.services.errors import ServiceError
from dutchfarm.services.farm import get_farm, start_season, update_farm
from dutchfarm.services.harvest import HarvestDraft, add_harvest, get_harvest
from dutchfarm.services.harvest_files import ImportOptions, import_harvests, read_harvest_file
from dutchfarm.services.people import PersonDraft, add_person, get_person

SQLISH = [
    "'; DROP TABLE person; --",
    "Robert'); DELETE FROM bed;--",
    "1 OR 1=1",
    '" OR ""="',
    "%_\\",
]
NASTY = [
    "",
    " ",
    "\t\n",
    "\x00",
    "\x07bell",
    "\u202eright-to-left",
    "\ufeffbom",
    "🥕" * 40,
    "Zoë & Siân",
    "a" * 5000,
    "\ud7ff",
]
hostile_text = st.one_of(
    st.sampled_from(SQLISH + NASTY),
    st.text(max_size=120),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
)
hostile_number = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from([0, -0.0, -1, 1e-300, 1e300, 2**63, -(2**63)]),
)
hostile_day = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))

# Derandomized so that CI is repeatable: the same hostile values every run. To explore
# further, run with HOSTILE_EXAMPLES=2000 (found here: a bed name clash the database saw
# but the check missed, a harvest before 1900, a 5,000-letter message).
SETTINGS = settings(
    derandomize=not os.environ.get("HOSTILE_EXAMPLES"),
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
tried = {"count": 0}


def snapshot(db) -> dict[str, list]:
    """Every row of every table."""
    with db.reading() as session:
        tables = inspect(session.get_bind()).get_table_names()
        return {
            table: sorted(
                (tuple(row) for row in session.execute(text(f'SELECT * FROM "{table}"'))), key=repr
            )
            for table in tables
            if table != "alembic_version"
        }


def attempt(db, action, changed_tables):
    """Run ``action``; return its result, or None if it was refused plainly with no change."""
    tried["count"] += 1
    before = snapshot(db)
    try:
        result = action()
    except (ServiceError, DatabaseError) as refusal:
        message = str(refusal)
        assert message and len(message) < 2000
        assert not any(word in message for word in ("Traceback", "sqlalchemy", "Integrity"))
        assert snapshot(db) == before
        return None
    after = snapshot(db)
    for table in before:
        if table not in changed_tables:
            assert after[table] == before[table], f"{table} changed"
    return result


def cleaned(value: str, longest: int) -> str | None:
    try:
        return clean_text(value, what="x", longest=longest)
    except ValueError:
        return None


@pytest.fixture
def farm(db):
    bed = add_bed(db, COMMAND_LINE, BedDraft("Bed 1", None, 1, 1, 1.2, 2.4))
    return db, bed


@SETTINGS
@given(name=hostile_text)
def test_a_persons_name(farm, name):
    db, _ = farm
    added = attempt(
        db,
        lambda: add_person(db, COMMAND_LINE, PersonDraft(name=name, role=Role.SERVICE_USER)),
        {"person", "audit_event"},
    )
    expected = cleaned(name, 60)
    if added is None:
        assert expected is None
    else:
        assert get_person(db, added.id).name == expected


@SETTINGS
@given(name=hostile_text, years=hostile_number)
def test_the_farms_name_and_rotation(farm, name, years):
    db, _ = farm
    whole = years if isinstance(years, int) else None
    saved = attempt(
        db,
        lambda: update_farm(db, COMMAND_LINE, name, whole if whole is not None else 3),
        {"farm", "audit_event"},
    )
    if saved is not None:
        assert get_farm(db).name == cleaned(name, 80)
        assert 2 <= get_farm(db).rotation_years <= 6


@SETTINGS
@given(year=st.integers(min_value=-(10**12), max_value=10**12))
def test_starting_a_season(farm, year):
    db, _ = farm
    started = attempt(db, lambda: start_season(db, COMMAND_LINE, year), {"season", "audit_event"})
    if started is not None:
        assert 1900 <= started.year <= 2999


@SETTINGS
@given(name=hostile_text, x=hostile_number, y=hostile_number, w=hostile_number, h=hostile_number)
def test_a_bed(farm, name, x, y, w, h):
    db, _ = farm
    added = attempt(
        db,
        lambda: add_bed(db, COMMAND_LINE, BedDraft(name, None, x, y, w, h)),
        {"bed", "audit_event"},
    )
    if added is not None:
        stored = next(b for b in list_beds(db) if b.id == added.id)
        assert stored.name == cleaned(name, 40)
        assert all(math.isfinite(v) for v in (stored.x, stored.y, stored.width, stored.length))
        assert stored.width > 0 and stored.length > 0


@SETTINGS
@given(note=hostile_text, day=hostile_day, action=st.sampled_from(list(DiaryAction)))
def test_a_diary_entry(farm, note, day, action):
    db, bed = farm
    entry = attempt(
        db,
        lambda: add_diary_entry(db, COMMAND_LINE, bed.id, action, note, day),
        {"diary_entry"},
    )
    if entry is not None:
        with db.reading() as session:
            stored = session.get(DiaryEntry, entry.id)
            assert stored.note == (cleaned(note, 500) if note.strip() else None)
            assert stored.day == day <= dt.date.today() and day.year >= 1900


@SETTINGS
@given(variety=hostile_text, sown=st.none() | hostile_day, planted=st.none() | hostile_day)
def test_a_planting(farm, variety, sown, planted):
    db, bed = farm
    crop = next(c for c in list_crops(db) if c.group == "anywhere")
    attempt(
        db,
        lambda: add_planting(
            db, COMMAND_LINE, bed.id, crop.id, variety=variety, sown_on=sown, planted_on=planted
        ),
        {"planting"},
    )


@SETTINGS
@given(
    quantity=hostile_number,
    unit=st.sampled_from(list(Unit)),
    day=hostile_day,
    variety=st.none() | hostile_text,
)
def test_a_harvest(farm, quantity, unit, day, variety):
    db, bed = farm
    crop = list_crops(db)[0]
    draft = HarvestDraft(
        day=day, crop_id=crop.id, quantity=quantity, unit=unit, bed_id=bed.id, variety=variety
    )
    added = attempt(db, lambda: add_harvest(db, COMMAND_LINE, draft), {"harvest", "season"})
    if added is not None:
        stored = get_harvest(db, added.id)
        assert math.isfinite(stored.quantity) and stored.quantity > 0
        assert stored.day == day


csv_cell = st.one_of(
    st.sampled_from(SQLISH + NASTY + ["1850-01-01", "2026-02-30", "-5", "nan", "1e400", "kg"]),
    st.text(max_size=15),
)


@SETTINGS
@given(rows=st.lists(st.lists(csv_cell, min_size=5, max_size=5), max_size=6))
def test_a_hostile_harvest_file(farm, rows, tmp_path_factory):
    db, _ = farm
    path = tmp_path_factory.mktemp("files") / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8", errors="surrogatepass") as handle:
        writer = csv_module.writer(handle)
        writer.writerow(["date", "vegetable", "variety", "weight", "units"])
        writer.writerows(rows)

    def run():
        parsed = read_harvest_file(path)
        return import_harvests(
            db, COMMAND_LINE, parsed, ImportOptions(), file_name=path.name, dry_run=False
        )

    attempt(db, run, {"harvest", "season", "crop", "crop_alias"})


def test_hundreds_of_hostile_values_were_tried():
    # Run last in this file (pytest keeps file order): the tally of what was tried.
    assert tried["count"] >= 300
