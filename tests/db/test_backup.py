"""Backups: consistent copies, the keeping rule, restores that check first and keep the old data."""

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import event, func, select, text

from dutchfarm.db import backup as backups
from dutchfarm.db.database import (
    SCHEMA_REVISION,
    DatabaseError,
    make_engine,
    open_database,
    upgrade,
)
from dutchfarm.db.models import Bed
from dutchfarm.services.auth import COMMAND_LINE
from dutchfarm.services.beds import BedDraft, add_bed, list_beds


def farm(tmp_path, name="farm.sqlite"):
    return open_database(f"sqlite:///{tmp_path / name}"), tmp_path / name


def beds_in(path):
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM bed ORDER BY name")]


def test_a_backup_is_a_consistent_copy_even_mid_write(tmp_path):
    db, path = farm(tmp_path)
    add_bed(db, COMMAND_LINE, BedDraft("Bed 1", None, 1, 1, 1.2, 2.4))
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN")
    writer.execute(
        "INSERT INTO bed (name, x, y, width, length, archived, created_at)"
        " VALUES ('Half', 0, 0, 1, 1, 0, '2026-01-01')"
    )
    copy = backups.make_backup(path, "test")
    writer.execute("ROLLBACK")
    writer.close()
    assert beds_in(copy) == ["Bed 1"]
    assert backups.check_file(copy) == SCHEMA_REVISION
    db.close()


def test_the_keeping_rule_keeps_ten_and_the_first_of_each_month_for_a_year(tmp_path):
    db, path = farm(tmp_path)
    start = dt.datetime(2025, 1, 1, 9, 0)
    made = []
    for day in range(0, 480, 8):  # every eight days for about 16 months
        moment = start + dt.timedelta(days=day)
        made.append(backups.make_backup(path, "start", now=moment))
    now = start + dt.timedelta(days=472)
    kept = backups.list_backups(path)
    newest_ten = sorted(made)[-10:]
    assert set(newest_ten) <= {b.path for b in kept}
    months = {(b.made.year, b.made.month) for b in kept}
    assert len(months) == 12
    oldest_allowed = (now.year * 12 + now.month - 1) - 11
    assert all(b.made.year * 12 + b.made.month - 1 >= oldest_allowed for b in kept)
    firsts = {}
    for path_made in sorted(made):
        info = next((b for b in kept if b.path == path_made), None)
        if info:
            firsts.setdefault((info.made.year, info.made.month), info.made)
    for backup in kept:
        if backup.path not in newest_ten:
            assert firsts[(backup.made.year, backup.made.month)] == backup.made
    assert len(kept) < len(made)
    db.close()


def test_restore_puts_the_backup_back_and_keeps_what_it_replaced(tmp_path):
    db, path = farm(tmp_path)
    add_bed(db, COMMAND_LINE, BedDraft("Bed 1", None, 1, 1, 1.2, 2.4))
    copy = backups.make_backup(path, "test")
    add_bed(db, COMMAND_LINE, BedDraft("Bed 2", None, 3, 1, 1.2, 2.4))
    kept = backups.restore_backup(path, copy)
    assert [b.name for b in list_beds(db)] == ["Bed 1"]
    assert beds_in(kept) == ["Bed 1", "Bed 2"]
    db.close()


@pytest.mark.parametrize(
    "content",
    [b"not a database at all" * 100, None],
    ids=["not-a-database", "another-sqlite-file"],
)
def test_restore_checks_the_file_before_touching_anything(tmp_path, content):
    db, path = farm(tmp_path)
    add_bed(db, COMMAND_LINE, BedDraft("Bed 1", None, 1, 1, 1.2, 2.4))
    db.close()
    stranger = tmp_path / "stranger.sqlite"
    if content is None:
        with sqlite3.connect(stranger) as connection:
            connection.execute("CREATE TABLE shopping (item TEXT)")
    else:
        stranger.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a Dutch Farm database"):
        backups.restore_backup(path, stranger)
    assert path.read_bytes() == before
    assert backups.list_backups(path) == []


def test_a_damaged_database_can_be_replaced_by_its_backup(tmp_path):
    db, path = farm(tmp_path)
    add_bed(db, COMMAND_LINE, BedDraft("Bed 1", None, 1, 1, 1.2, 2.4))
    copy = backups.make_backup(path, "start")
    db.close()
    path.write_bytes(b"garbage" * 1000)
    kept = backups.restore_backup(path, copy)
    assert kept.name.startswith("damaged-") and kept.read_bytes() == b"garbage" * 1000
    assert beds_in(path) == ["Bed 1"]
    assert [b.path for b in backups.list_backups(path)] == [copy]


def test_an_older_database_is_backed_up_before_it_is_migrated(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0001")
    engine.dispose()
    open_database(f"sqlite:///{path}").close()
    [copy] = backups.list_backups(path)
    assert copy.reason == "before-migration"
    assert backups.check_file(copy.path) == "0001"


def test_a_full_disk_is_said_in_plain_words_and_nothing_is_half_saved(tmp_path):
    db, path = farm(tmp_path)
    with db.reading() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()

    @event.listens_for(db.engine, "connect")
    def _small_disk(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 1}")

    db.engine.dispose()
    with pytest.raises(DatabaseError, match="disk is full"), db.transaction() as session:
        for number in range(2000):
            session.add(Bed(name=f"Bed {number} " + "x" * 30, x=0, y=0, width=1, length=1))
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Bed)) == 0
    db.close()


def test_a_read_only_database_gives_a_clear_message(tmp_path):
    db, path = farm(tmp_path)
    db.close()
    with pytest.raises(DatabaseError, match="read-only"):
        open_database(f"sqlite:///file:{path}?mode=ro&uri=true")


def test_a_backup_on_a_full_disk_says_so_and_leaves_no_half_copy(tmp_path, monkeypatch):
    db, path = farm(tmp_path)
    db.close()
    real_connect = sqlite3.connect

    def full_disk(target, *args, **kwargs):
        connection = real_connect(target, *args, **kwargs)
        if str(target).endswith(".partial"):
            # The copy cannot grow past its first pages: SQLite says the disk is full.
            connection.execute("PRAGMA max_page_count = 2")
        return connection

    monkeypatch.setattr(backups.sqlite3, "connect", full_disk)
    with pytest.raises(DatabaseError, match="The backup could not be made: the disk is full."):
        backups.make_backup(path, "start")
    assert list(backups.backup_folder(path).iterdir()) == []
