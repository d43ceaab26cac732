"""Backups and checks of the farm's database, as the Settings page and the command line use them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from dutchfarm.db import backup as files
from dutchfarm.db.database import SCHEMA_REVISION, Database, DatabaseError, schema_revision
from dutchfarm.db.migrations.config import revisions
from dutchfarm.db.models import Harvest, Person
from dutchfarm.services.auth import Actor, audit, require_coordinator
from dutchfarm.services.errors import BadInput
from dutchfarm.words import _

BackupInfo = files.BackupInfo


@dataclass(frozen=True)
class CheckResult:
    """What ``dutchfarm check`` found, in one sentence."""

    ok: bool
    sentence: str


def _sqlite_file(db: Database) -> Path:
    path = db.sqlite_path
    if path is None:
        raise BadInput(
            _("This farm's data is on a database server; its backups are made on the server.")
        )
    return path


def list_backups(db: Database) -> list[BackupInfo]:
    """Return the backups of the farm's database, newest first."""
    path = db.sqlite_path
    return files.list_backups(path) if path is not None else []


def back_up(db: Database, reason: str = "by-hand", to: Path | None = None) -> Path:
    """Make a backup now (into the backups folder, or to ``to``)."""
    try:
        return files.make_backup(_sqlite_file(db), reason, to=to)
    except DatabaseError as error:
        raise BadInput(str(error)) from error


@dataclass(frozen=True)
class Restored:
    """A backup that was put back, and where the data it replaced was kept."""

    backup: Path
    kept: Path | None


def restore(db: Database, actor: Actor, backup: Path) -> Restored:
    """Put a backup in place of the farm's data; the current data is kept first."""
    with db.transaction() as session:
        require_coordinator(session, actor, _("restore a backup"))
    target = _sqlite_file(db)
    # Every pooled connection is closed first, so nothing holds the old file's pages.
    db.engine.dispose()
    try:
        kept = files.restore_backup(target, backup)
    except DatabaseError as error:
        raise BadInput(str(error)) from error
    with db.transaction() as session:
        where = kept.name if kept else _("nowhere (there was none)")
        audit(session, actor, "backup_restored", f"{backup.name}; the old data is in {where}")
    return Restored(backup, kept)


def _file_of(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


def backups_for(url: str) -> list[BackupInfo]:
    """Return the backups of the database at ``url``, even when it cannot be opened."""
    path = _file_of(url)
    return files.list_backups(path) if path is not None else []


def restore_unopened(url: str, backup: Path) -> Path | None:
    """Restore a backup over a database that cannot be opened (it is kept as a copy)."""
    path = _file_of(url)
    if path is None:
        raise BadInput(_("Only an embedded SQLite database can be restored from a file."))
    try:
        return files.restore_backup(path, backup)
    except DatabaseError as error:
        raise BadInput(str(error)) from error


def check(db: Database) -> CheckResult:
    """Check the database's integrity and schema version; say what is wrong in one sentence.

    It only reads: an older database is reported, not migrated.
    """
    try:
        return _check(db)
    except SQLAlchemyError:
        return CheckResult(False, _("The file is not a Dutch Farm database, or it is damaged."))


def _check(db: Database) -> CheckResult:
    revision = schema_revision(db.engine)
    if revision is None:
        return CheckResult(False, _("The database is empty: it has no Dutch Farm data in it."))
    if revision not in revisions():
        return CheckResult(False, _("The database was made by a newer version of Dutch Farm."))
    if revision != SCHEMA_REVISION:
        return CheckResult(
            False,
            _(
                "The database is from an older version of Dutch Farm (schema "
                "{revision}); it is updated, with a backup first, when Dutch Farm "
                "opens it."
            ).format(revision=revision),
        )
    with db.reading() as session:
        if db.is_sqlite:
            result = session.execute(text("PRAGMA integrity_check")).scalars().all()
            if result != ["ok"]:
                return CheckResult(
                    False, _("The database is damaged: {result}").format(result=result[0])
                )
            broken = session.execute(text("PRAGMA foreign_key_check")).all()
            if broken:
                return CheckResult(
                    False,
                    _("{broken} records point at records that are gone.").format(
                        broken=len(broken)
                    ),
                )
        people = session.scalar(select(func.count()).select_from(Person))
        harvests = session.scalar(select(func.count()).select_from(Harvest))
    return CheckResult(
        True,
        _("The database is fine (schema {revision}, {people} people, {harvests} harvests).").format(
            revision=revision, people=people, harvests=harvests
        ),
    )
