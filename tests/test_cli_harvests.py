"""The harvest commands: import-harvests, export-harvests and report, on real files."""

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dutchfarm.cli import main
from dutchfarm.db.database import open_database
from dutchfarm.db.models import Harvest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FILE_2020 = DATA / "garden_harvest_2020.csv"
FILE_2021 = DATA / "garden_harvest_2021.csv"
needs_data = pytest.mark.skipif(
    not FILE_2020.is_file() or not FILE_2021.is_file(),
    reason="the real harvest records (shared/data beside the checkout) are not here",
)


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'farm.sqlite'}"


def harvests(url):
    db = open_database(url)
    try:
        with db.reading() as session:
            return (
                session.scalar(select(func.count()).select_from(Harvest)),
                session.scalar(select(func.sum(Harvest.grams))),
            )
    finally:
        db.close()


@needs_data
def test_import_both_real_files(url, capsys):
    assert main(["import-harvests", str(FILE_2020), "--database", url]) == 0
    out = capsys.readouterr().out
    assert "Imported 781 harvests (432.3 kg)" in out
    assert "zucchini -> Courgette" in out and "rutabaga -> Swede" in out
    assert harvests(url) == (781, 432_255)

    assert main(["import-harvests", str(FILE_2021), "--database", url]) == 2
    error = capsys.readouterr().err
    assert "30 rows have no unit (lines 698-727)" in error and "--default-unit" in error
    assert len(error.strip().splitlines()) == 1 and "Traceback" not in error
    assert harvests(url) == (781, 432_255)

    assert main(["import-harvests", str(FILE_2021), "--default-unit", "g", "--database", url]) == 0
    assert "Imported 726 harvests (451.4 kg)" in capsys.readouterr().out
    assert harvests(url) == (781 + 726, 432_255 + 451_406)


@needs_data
def test_dry_run_and_duplicates(url, capsys):
    assert main(["import-harvests", str(FILE_2020), "--dry-run", "--database", url]) == 0
    assert "Dry run: would import 781 harvests" in capsys.readouterr().out
    assert harvests(url) == (0, None)
    assert main(["import-harvests", str(FILE_2020), "--database", url]) == 0
    capsys.readouterr()
    assert main(["import-harvests", str(FILE_2020), "--dry-run", "--database", url]) == 0
    assert "781 rows are the same as harvests already in the log" in capsys.readouterr().err
    assert main(["import-harvests", str(FILE_2020), "--skip-duplicates", "--database", url]) == 0
    assert harvests(url) == (781, 432_255)


def test_unknown_crops_stop_the_import_unless_created(url, tmp_path, capsys):
    path = tmp_path / "odd.csv"
    path.write_text("Date,Crop,Quantity,Unit\n2022-07-01,Kiwano,3,count\n", encoding="utf-8")
    assert main(["import-harvests", str(path), "--database", url]) == 2
    error = capsys.readouterr().err
    assert "not in the crop library: 'Kiwano'" in error and "--create-crops" in error
    assert main(["import-harvests", str(path), "--create-crops", "--database", url]) == 0
    assert "New crops will be added to the library: Kiwano" in capsys.readouterr().out
    assert harvests(url)[0] == 1


def test_a_bad_unit_option_and_a_missing_file_give_one_sentence(url, tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["import-harvests", "x.csv", "--default-unit", "stone", "--database", url])
    assert "not a unit" in capsys.readouterr().err
    assert main(["import-harvests", str(tmp_path / "none.csv"), "--database", url]) == 2
    assert "could not open none.csv" in capsys.readouterr().err


def test_export_then_import_gives_the_same_totals(url, tmp_path, capsys):
    assert main(["demo", "--database", url]) == 0
    out = tmp_path / "out.csv"
    assert main(["export-harvests", str(out), "--database", url]) == 0
    count, grams = harvests(url)
    assert f"Wrote {count:,} harvests" in capsys.readouterr().out
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count
    assert sum(float(r["grams"] or 0) for r in rows) == pytest.approx(grams)
    other = f"sqlite:///{tmp_path / 'other.sqlite'}"
    assert main(["import-harvests", str(out), "--database", other]) == 0
    assert harvests(other)[0] == count
    assert harvests(other)[1] == pytest.approx(grams)


def test_report_writes_a_pdf(url, tmp_path, capsys, qapp):
    assert main(["demo", "--database", url]) == 0
    import datetime as dt

    year = dt.date.today().year
    out = tmp_path / "report.pdf"
    assert main(["report", "--season", str(year), "--out", str(out), "--database", url]) == 0
    assert f"Wrote the {year} season report" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["report", "--season", "1990", "--out", str(out), "--database", url]) == 2
    assert "There is no 1990 season." in capsys.readouterr().err


def test_report_runs_on_its_own_without_a_screen(url, tmp_path):
    import os
    import subprocess
    import sys

    assert main(["demo", "--database", url]) == 0
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    out = tmp_path / "alone.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "dutchfarm", "report", "--out", str(out), "--database", url],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_bytes().startswith(b"%PDF")
