"""Importing real harvest records all or nothing, and exporting them again."""

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dutchfarm.db.models import Crop, Harvest, Person, Season
from dutchfarm.domain.harvest_csv import normalise_name
from dutchfarm.domain.terms import Role, Unit
from dutchfarm.services import harvest_files
from dutchfarm.services.auth import COMMAND_LINE, Actor
from dutchfarm.services.demo import make_demo_farm
from dutchfarm.services.errors import BadInput, NotAllowed
from dutchfarm.services.harvest_files import (
    ImportOptions,
    ImportRefused,
    export_harvests,
    import_harvests,
    plan_import,
    read_harvest_file,
    undo_import,
)

# The real records sit beside the checkout, in shared/data.
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
FILE_2020 = DATA / "garden_harvest_2020.csv"
FILE_2021 = DATA / "garden_harvest_2021.csv"
needs_data = pytest.mark.skipif(
    not FILE_2020.is_file() or not FILE_2021.is_file(),
    reason="the real harvest records (shared/data beside the checkout) are not here",
)


def snapshot(db):
    """Return what an import could change: harvests, their grams, seasons and crops."""
    with db.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(Harvest)),
            session.scalar(select(func.sum(Harvest.grams))),
            tuple(session.scalars(select(Season.year).order_by(Season.year))),
            session.scalar(select(func.count()).select_from(Crop)),
        )


def grams_by_crop_in_db(db, year):
    with db.reading() as session:
        rows = session.execute(
            select(Crop.name, func.sum(Harvest.grams))
            .join(Crop, Harvest.crop_id == Crop.id)
            .join(Season, Harvest.season_id == Season.id)
            .where(Season.year == year)
            .group_by(Crop.name)
        )
        return {name: grams for name, grams in rows}


def grams_by_name_in_file(path):
    found = defaultdict(float)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found[normalise_name(row["vegetable"])] += float(row["weight"])
    return found


def write(tmp_path, text, name="harvest.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def do_import(db, path, **options):
    return import_harvests(
        db, COMMAND_LINE, read_harvest_file(path), ImportOptions(**options), file_name=path.name
    )


@needs_data
def test_the_2020_file_imports_whole(db):
    result = do_import(db, FILE_2020)
    assert result.imported == 781
    assert result.plan.grams == 432_255
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Harvest)) == 781
        assert session.scalar(select(func.sum(Harvest.grams))) == 432_255
        assert session.scalar(select(func.count()).where(Harvest.imported.is_(False))) == 0
        assert set(session.scalars(select(Harvest.unit))) == {Unit.GRAMS}
    assert 2020 in snapshot(db)[2]
    in_db = grams_by_crop_in_db(db, 2020)
    in_file = grams_by_name_in_file(FILE_2020)
    assert in_db["Courgette"] == in_file["zucchini"]
    assert in_db["Swede"] == in_file["rutabaga"]
    assert in_db["Coriander"] == in_file["cilantro"]
    assert in_db["Beetroot"] == in_file["beets"]
    assert in_db["Sweetcorn"] == in_file["corn"]
    assert in_db["Chilli"] == in_file["jalapeño"] + in_file["hot peppers"]


@needs_data
def test_the_2021_file_needs_a_unit_for_30_rows_then_imports_whole(db):
    before = snapshot(db)
    with pytest.raises(ImportRefused) as refused:
        do_import(db, FILE_2021)
    assert refused.value.plan.missing_unit_lines == tuple(range(698, 728))
    assert "30 rows have no unit (lines 698-727)" in str(refused.value)
    assert snapshot(db) == before
    result = do_import(db, FILE_2021, default_unit=Unit.GRAMS)
    assert result.imported == 726 and result.plan.defaulted_units == 30
    assert snapshot(db)[:2] == (726, 451_406)
    in_db = grams_by_crop_in_db(db, 2021)
    in_file = grams_by_name_in_file(FILE_2021)
    assert in_db["Courgette"] == in_file["zucchini"]
    assert in_db["Swede"] == in_file["rutabaga"]
    assert in_db["Chard"] == in_file["swiss chard"]
    assert in_db["Pumpkin"] == in_file["pumpkin"]
    renamed = dict((c.name, c.crop_name) for c in result.plan.crops if c.how == "alias")
    assert renamed["zucchini"] == "Courgette" and renamed["cilantro"] == "Coriander"
    assert "zucchini -> Courgette" in " ".join(result.plan.notes())


@needs_data
def test_both_files_together_and_a_dry_run_changes_nothing(db):
    before = snapshot(db)
    dry = import_harvests(
        db,
        COMMAND_LINE,
        read_harvest_file(FILE_2020),
        ImportOptions(),
        file_name=FILE_2020.name,
        dry_run=True,
    )
    assert dry.dry_run and dry.imported == 0 and dry.plan.harvests == 781
    assert dry.plan.new_seasons == (2020,)
    assert "781 harvests (432.3 kg), from 6 Jun 2020 to 18 Oct 2020" in dry.plan.summary()
    assert snapshot(db) == before
    do_import(db, FILE_2020)
    do_import(db, FILE_2021, default_unit=Unit.GRAMS)
    assert snapshot(db)[:2] == (781 + 726, 432_255 + 451_406)


@needs_data
def test_importing_a_file_twice_warns_about_duplicates(db):
    do_import(db, FILE_2020)
    again = plan_import(db, COMMAND_LINE, read_harvest_file(FILE_2020), ImportOptions())
    assert again.duplicates == 781
    assert "781 rows are the same as harvests already in the log" in again.duplicates_warning()
    skipped = do_import(db, FILE_2020, skip_duplicates=True)
    assert skipped.imported == 0 and skipped.plan.skipped_duplicates == 781
    assert snapshot(db)[0] == 781


HEADER = "vegetable,variety,date,weight,units\n"
GOOD = "lettuce,reseed,2020-06-06,20,grams\nradish,,2020-06-07,36,grams\n"


@pytest.mark.parametrize(
    ("bad_row", "words"),
    [
        ("peas,,31/31/2020,10,grams", "line 4: '31/31/2020' is not a date"),
        ("peas,,yesterday,10,grams", "line 4: 'yesterday' is not a date"),
        ("peas,,2020-06-08,-10,grams", "line 4: the quantity -10 is below zero"),
        ("peas,,2020-06-08,,grams", "line 4: the quantity is missing"),
        ("kiwano,,2020-06-08,10,grams", "not in the crop library: 'kiwano'"),
        ("peas,,2020-06-08,10,", "1 row has no unit (line 4)"),
    ],
)
def test_every_refusal_leaves_the_database_unchanged(db, tmp_path, bad_row, words):
    path = write(tmp_path, HEADER + GOOD + bad_row + "\n" + GOOD)
    before = snapshot(db)
    with pytest.raises(ImportRefused) as refused:
        do_import(db, path)
    message = str(refused.value)
    assert message.startswith("Nothing was imported: ")
    assert words in message
    assert snapshot(db) == before


def test_an_error_half_way_through_rolls_everything_back(db, tmp_path, monkeypatch):
    rows = "".join(f"peas,,2020-06-{day:02d},10,grams\n" for day in range(1, 29))
    path = write(tmp_path, HEADER + rows * 10)
    monkeypatch.setattr(harvest_files, "CHUNK", 50)
    before = snapshot(db)
    calls = []

    def progress(done, total):
        calls.append(done)
        if done >= 150:
            raise OSError("the disk is full")

    with pytest.raises(OSError):
        import_harvests(
            db, COMMAND_LINE, read_harvest_file(path), ImportOptions(), progress=progress
        )
    assert calls[-1] == 150
    assert snapshot(db) == before


def test_unknown_crops_can_be_created_or_chosen(db, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "Tomatillos,,2021-08-01,300,grams\n"
        + "tomatillo,,2021-08-02,200,grams\n"
        + "kiwano,,2021-08-02,2,count\n"
        + "salsify,,2021-08-03,150,g\n",
    )
    parsed = read_harvest_file(path)
    plan = plan_import(db, COMMAND_LINE, parsed, ImportOptions())
    # The library has tomatillos; the other two it lacks.
    assert plan.unknown_crops == ("kiwano", "salsify")
    with db.reading() as session:
        parsnip = session.scalar(select(Crop.id).where(Crop.key == "parsnip"))
    result = import_harvests(
        db,
        COMMAND_LINE,
        parsed,
        ImportOptions(create_crops=True, crop_choices={"salsify": parsnip}),
    )
    assert result.imported == 4 and result.created_crops == ("Kiwano",)
    with db.reading() as session:
        kiwano = session.scalar(select(Crop).where(Crop.name == "Kiwano"))
        assert kiwano.unit is Unit.COUNT and kiwano.group_id == "anywhere"
        assert (
            session.scalar(select(func.sum(Harvest.grams)).where(Harvest.crop_id == parsnip)) == 150
        )


def test_unknown_beds_and_people_are_named_and_left_empty(db, tmp_path):
    make_demo_farm(db, today=dt.date(2026, 11, 26))
    path = write(
        tmp_path,
        "date,crop,quantity,unit,bed,picked_by\n"
        "2026-06-01,Peas,100,g,bed 3,jackie\n"
        "2026-06-01,Peas,100,g,3,Jackie\n"
        "2026-06-02,Peas,100,g,Bed 99,Zed\n",
    )
    result = do_import(db, path)
    assert result.plan.unknown_beds == ("Bed 99",)
    assert result.plan.unknown_people == ("Zed",)
    with db.reading() as session:
        rows = session.execute(
            select(Harvest.bed_id, Person.display_name)
            .outerjoin(Person, Harvest.picked_by_id == Person.id)
            .where(Harvest.imported.is_(True))
            .order_by(Harvest.id)
        ).all()
    assert [name for _, name in rows] == ["Jackie", "Jackie", None]
    assert rows[0][0] == rows[1][0] is not None and rows[2][0] is None


def test_everything_goes_in_the_season_given(db, tmp_path):
    path = write(tmp_path, HEADER + "peas,,2020-12-30,10,g\npeas,,2021-01-02,10,g\n")
    result = do_import(db, path, season_year=2020)
    assert result.plan.years == (2020,)
    with db.reading() as session:
        assert set(
            session.scalars(select(Season.year).join(Harvest, Harvest.season_id == Season.id))
        ) == {2020}


def test_who_may_import_export_and_undo(db, tmp_path):
    make_demo_farm(db, today=dt.date(2026, 11, 26))
    with db.reading() as session:
        people = {p.display_name: p for p in session.scalars(select(Person))}
    jackie = Actor(people["Jackie"].id, Role.SERVICE_USER, "Jackie")
    rosa = Actor(people["Rosa"].id, Role.VOLUNTEER, "Rosa")
    path = write(tmp_path, HEADER + GOOD)
    parsed = read_harvest_file(path)
    with pytest.raises(NotAllowed):
        import_harvests(db, jackie, parsed, ImportOptions())
    before = snapshot(db)
    result = import_harvests(db, rosa, parsed, ImportOptions())
    assert result.imported == 2 and snapshot(db)[0] == before[0] + 2
    with pytest.raises(NotAllowed):
        export_harvests(db, rosa, tmp_path / "out.csv")
    assert undo_import(db, rosa, result.first_id, result.last_id) == 2
    assert snapshot(db)[0] == before[0]


def test_a_file_that_cannot_be_read_is_refused_in_words(tmp_path):
    with pytest.raises(BadInput, match="could not open nothing.csv"):
        read_harvest_file(tmp_path / "nothing.csv")
    with pytest.raises(BadInput, match="no date column"):
        read_harvest_file(write(tmp_path, "crop,weight\npeas,3\n"))
    windows = tmp_path / "windows.csv"
    windows.write_bytes("date,crop,quantity,unit\n2021-07-01,jalapeño,3,g\n".encode("cp1252"))
    assert read_harvest_file(windows).rows[0].crop == "jalapeño"


def test_export_then_import_gives_the_same_totals(db, tmp_path):
    from dutchfarm.db.database import open_database

    make_demo_farm(db, today=dt.date(2026, 11, 26))
    out = tmp_path / "harvests.csv"
    exported = export_harvests(db, COMMAND_LINE, out)
    with db.reading() as session:
        expected = totals_by_crop(session)
        count = session.scalar(select(func.count()).select_from(Harvest))
    assert exported.rows == count
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header == "date,crop,variety,bed,quantity,unit,grams,picked_by"
    fresh = open_database(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    try:
        result = do_import(fresh, out)
        assert result.imported == count
        with fresh.reading() as session:
            assert totals_by_crop(session) == expected
    finally:
        fresh.close()
    # One season only.
    only = export_harvests(db, COMMAND_LINE, tmp_path / "2025.csv", 2025)
    assert 0 < only.rows < count
    with pytest.raises(BadInput, match="no 1999 season"):
        export_harvests(db, COMMAND_LINE, tmp_path / "1999.csv", 1999)


def totals_by_crop(session):
    rows = session.execute(
        select(Crop.name, Harvest.unit, func.sum(Harvest.quantity), func.sum(Harvest.grams))
        .join(Crop, Harvest.crop_id == Crop.id)
        .group_by(Crop.name, Harvest.unit)
    )
    return {(name, unit): (round(q, 6), round(g or 0, 6)) for name, unit, q, g in rows}
