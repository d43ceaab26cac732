"""The admin commands: backup, restore and check, each one sentence and a clear exit code."""

import sqlite3

import pytest

from dutchfarm.cli import main
from dutchfarm.db.backup import list_backups
from dutchfarm.db.database import SCHEMA_REVISION, make_engine, upgrade


@pytest.fixture
def farm(tmp_path, capsys):
    path = tmp_path / "farm.sqlite"
    assert main(["demo", "--database", f"sqlite:///{path}"]) == 0
    capsys.readouterr()
    return path


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_backup_into_the_folder_and_to_a_path(farm, capsys, tmp_path):
    code, out, _ = run(capsys, "backup", "--database", f"sqlite:///{farm}")
    assert code == 0 and out.startswith("Backed up to ")
    assert [b.reason for b in list_backups(farm)] == ["by-hand"]
    target = tmp_path / "usb" / "copy.sqlite"
    code, out, _ = run(capsys, "backup", "--to", str(target), "--database", f"sqlite:///{farm}")
    assert code == 0 and target.exists()


def test_restore_asks_nothing_and_keeps_what_it_replaced(farm, capsys, tmp_path):
    url = f"sqlite:///{farm}"
    run(capsys, "backup", "--database", url)
    [copy] = list_backups(farm)
    with sqlite3.connect(farm) as connection:
        connection.execute("UPDATE bed SET name = 'Renamed' WHERE name = 'Bed 1'")
    code, out, _ = run(capsys, "restore", str(copy.path), "--database", url)
    assert code == 0 and "The data it replaced is kept in" in out
    with sqlite3.connect(farm) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM bed")}
    assert "Bed 1" in names and "Renamed" not in names


def test_restore_refuses_a_file_that_is_not_a_backup(farm, capsys, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"hello" * 100)
    before = farm.read_bytes()
    code, _, err = run(capsys, "restore", str(junk), "--database", f"sqlite:///{farm}")
    assert code == 2 and "not a Dutch Farm database" in err and "Traceback" not in err
    assert farm.read_bytes() == before


def test_check_says_a_good_database_is_fine(farm, capsys):
    code, out, _ = run(capsys, "check", "--database", f"sqlite:///{farm}")
    assert code == 0
    assert out.startswith(f"The database is fine (schema {SCHEMA_REVISION}, 15 people, ")


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (lambda path: path.write_bytes(b"not a database" * 500), "not a Dutch Farm database"),
        (lambda path: path.write_bytes(path.read_bytes()[:8192]), "damaged"),
        (lambda path: path.unlink(), "There is no database"),
    ],
    ids=["not-a-database", "truncated", "missing"],
)
def test_check_says_in_one_line_what_is_wrong(farm, capsys, spoil, words):
    with sqlite3.connect(farm) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    spoil(farm)
    before = farm.read_bytes() if farm.exists() else None
    code, out, err = run(capsys, "check", "--database", f"sqlite:///{farm}")
    assert code == 2
    assert words in out + err and len((out + err).splitlines()) == 1
    assert (farm.read_bytes() if farm.exists() else None) == before


def test_check_reports_newer_and_older_databases(tmp_path, capsys):
    old = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{old}")
    upgrade(engine, "0001")
    engine.dispose()
    code, out, _ = run(capsys, "check", "--database", f"sqlite:///{old}")
    assert code == 2 and "older version" in out
    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    code, out, _ = run(capsys, "check", "--database", f"sqlite:///{old}")
    assert code == 2 and "newer version" in out
