"""The command line's admin commands: backup, restore and check."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dutchfarm.paths import database_url
from dutchfarm.words import _

AddDatabaseOption = Callable[[argparse.ArgumentParser], None]


def add_admin_commands(commands: Any, database_option: AddDatabaseOption) -> None:
    """Add ``backup``, ``restore`` and ``check`` to the command line."""
    backup = commands.add_parser("backup", help=_("back up the database now"))
    backup.add_argument(
        "--to",
        type=Path,
        metavar="PATH",
        help=_("write the backup here (default: the backups folder)"),
    )
    database_option(backup)
    backup.set_defaults(run=_run_backup)

    restore = commands.add_parser(
        "restore",
        help=_("put a backup in place of the database (the current one is backed up first)"),
    )
    restore.add_argument("backup", type=Path, metavar="PATH", help=_("the backup file"))
    database_option(restore)
    restore.set_defaults(run=_run_restore)

    check = commands.add_parser("check", help=_("check the database is whole and up to date"))
    database_option(check)
    check.set_defaults(run=_run_check)


def _run_backup(args: argparse.Namespace) -> int:
    from dutchfarm.db.database import open_database
    from dutchfarm.services.backups import back_up

    db = open_database(database_url(args.database))
    try:
        path = back_up(db, "by-hand", to=args.to)
    finally:
        db.close()
    print(_("Backed up to {path}.").format(path=path))
    return 0


def _run_restore(args: argparse.Namespace) -> int:
    from dutchfarm.db.database import open_database
    from dutchfarm.services.backups import restore_unopened

    # The command line asks no questions, so that scripts can use it; the old data is kept.
    url = database_url(args.database)
    kept = restore_unopened(url, args.backup)
    # Opening it brings an older backup up to date (with a backup of its own first).
    open_database(url).close()
    where = _(" The data it replaced is kept in {kept}.").format(kept=kept) if kept else ""
    print(_("Restored {backup}.{where}").format(backup=args.backup, where=where))
    return 0


def _run_check(args: argparse.Namespace) -> int:
    from dutchfarm.db.database import Database, make_engine
    from dutchfarm.services.backups import check

    # Opened without migrating or seeding: checking never changes the file.
    url = database_url(args.database)
    engine = make_engine(url)
    file = engine.url.database
    if engine.dialect.name == "sqlite" and file and not Path(file).exists():
        print(_("There is no database at {file}.").format(file=file))
        return 2
    db = Database(url, engine)
    try:
        result = check(db)
    finally:
        db.close()
    print(result.sentence)
    return 0 if result.ok else 2
