"""Backups of the SQLite database: made with SQLite's online backup, kept by a simple rule."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from dutchfarm.db.database import DatabaseError

log = logging.getLogger(__name__)

KEEP_LATEST = 10
KEEP_MONTHS = 12
BACKUP_FOLDER = "backups"
_NAME = re.compile(r"^dutchfarm-(\d{8}-\d{6})(?:-([\w-]+))?\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    """A backup file: where it is, when it was made, and why."""

    path: Path
    made: dt.datetime
    reason: str
    size: int


def backup_folder(database: Path) -> Path:
    """Return the backups folder beside a database file."""
    return database.parent / BACKUP_FOLDER


def _copy(source: Path, target: Path) -> None:
    # SQLite's backup API copies a consistent snapshot even while the program is writing.
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    try:
        with (
            contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
            contextlib.closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        # Half a copy is no backup, and on a full disk it would only take more room.
        partial.unlink(missing_ok=True)
        raise
    # Only a whole copy gets the real name, so a backup is never half there.
    partial.replace(target)


def make_backup(
    database: Path, reason: str = "start", *, to: Path | None = None, now: dt.datetime | None = None
) -> Path:
    """Copy the database into its backups folder (or to ``to``) and prune old backups."""
    if not database.exists():
        raise DatabaseError(f"There is no database at {database} to back up.")
    moment = now or dt.datetime.now()
    if to is None:
        folder = backup_folder(database)
        target = folder / f"dutchfarm-{moment:%Y%m%d-%H%M%S}-{reason}.sqlite"
        counter = 1
        while target.exists():
            counter += 1
            target = folder / f"dutchfarm-{moment:%Y%m%d-%H%M%S}-{reason}{counter}.sqlite"
    else:
        target = to
    try:
        _copy(database, target)
    except (sqlite3.Error, OSError) as error:
        raise DatabaseError(f"The backup could not be made: {_why(error)}") from error
    log.info("Backed up %s to %s", database, target)
    if to is None:
        prune(backup_folder(database), now=moment)
    return target


def _why(error: BaseException) -> str:
    text = str(error)
    if "disk is full" in text or getattr(error, "errno", None) == 28:
        return "the disk is full."
    if "not a database" in text:
        return "the file is not a Dutch Farm database, or it is damaged."
    return text.rstrip(".") + "."


def list_backups(database: Path) -> list[BackupInfo]:
    """Return the backups beside a database, newest first."""
    return _scan(backup_folder(database))


def _scan(folder: Path) -> list[BackupInfo]:
    found = []
    for path in folder.glob("dutchfarm-*.sqlite") if folder.exists() else ():
        match = _NAME.match(path.name)
        if match is None:
            continue
        made = dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        reason = (match.group(2) or "").rstrip("0123456789") or "backup"
        found.append(BackupInfo(path, made, reason, path.stat().st_size))
    return sorted(found, key=lambda backup: (backup.made, backup.path.name), reverse=True)


def prune(folder: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete old backups: keep the newest 10, and the first of each month for a year."""
    moment = now or dt.datetime.now()
    backups = _scan(folder)
    keep = {backup.path for backup in backups[:KEEP_LATEST]}
    oldest_month = (moment.year * 12 + moment.month - 1) - (KEEP_MONTHS - 1)
    firsts: dict[tuple[int, int], BackupInfo] = {}
    for backup in backups:
        month = (backup.made.year, backup.made.month)
        if backup.made.year * 12 + backup.made.month - 1 < oldest_month:
            continue
        if month not in firsts or backup.made < firsts[month].made:
            firsts[month] = backup
    keep.update(backup.path for backup in firsts.values())
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def _keep_current(database: Path, moment: dt.datetime) -> Path | None:
    """Keep a copy of what a restore replaces: a backup, or a plain copy if it is damaged."""
    if not database.exists():
        return None
    try:
        return make_backup(database, "before-restore", now=moment)
    except DatabaseError:
        # Named so that it is never offered as a backup to restore.
        kept = backup_folder(database) / f"damaged-{moment:%Y%m%d-%H%M%S}.sqlite"
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(database, kept)
        return kept


def _replace_file(backup: Path, database: Path) -> None:
    partial = database.with_suffix(".restoring")
    shutil.copy2(backup, partial)
    for leftover in (Path(f"{database}-wal"), Path(f"{database}-shm")):
        leftover.unlink(missing_ok=True)
    partial.replace(database)


def check_file(path: Path) -> str:
    """Return the schema revision of a Dutch Farm database file, or raise DatabaseError."""
    if not path.is_file():
        raise DatabaseError(f"There is no file at {path}.")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            integrity = connection.execute("PRAGMA quick_check").fetchone()[0]
            if integrity != "ok":
                raise DatabaseError(f"{path.name} is damaged: {integrity}")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if not {"alembic_version", "farm", "person"} <= tables:
                raise DatabaseError(f"{path.name} is not a Dutch Farm database.")
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise DatabaseError(
            f"{path.name} is not a Dutch Farm database, or it is damaged."
        ) from error
    if row is None:
        raise DatabaseError(f"{path.name} is not a Dutch Farm database.")
    return str(row[0])


def restore_backup(database: Path, backup: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Put a backup in place of the database; the current database is backed up first.

    Returns where the replaced data was kept (None if there was none). The backup is checked
    before anything is touched, and copied in with SQLite's backup API, so the database
    is never half replaced.
    """
    from dutchfarm.db.migrations.config import revisions

    revision = check_file(backup)
    if revision not in revisions():
        raise DatabaseError(f"{backup.name} was made by a newer version of Dutch Farm.")
    safety = _keep_current(database, now or dt.datetime.now())
    try:
        with (
            contextlib.closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as src,
            contextlib.closing(sqlite3.connect(database, timeout=10)) as dst,
        ):
            src.backup(dst)
    except sqlite3.DatabaseError:
        # The current file is too damaged to write into: put a whole copy in its place.
        _replace_file(backup, database)
    except OSError as error:
        raise DatabaseError(f"The backup could not be restored: {_why(error)}") from error
    log.info(
        "Restored %s from %s (revision %s); the old one is in %s",
        database,
        backup,
        revision,
        safety,
    )
    return safety
