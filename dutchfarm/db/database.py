"""Opening a Dutch Farm database: the engine, its sessions, the schema check and migrations."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# The newest migration this version of Dutch Farm knows. Kept here so that opening an
# up-to-date database never has to import Alembic; tests/db/test_migrations.py checks it
# against the migration scripts.
SCHEMA_REVISION = "0004"

SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseError(Exception):
    """A database that cannot be used, with a message in plain words for the user."""


class Database:
    """An open database: hands out one session per user action, never a long-lived one."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Changes take SQLite's write lock when they begin (BEGIN IMMEDIATE), so two copies
        # of Dutch Farm writing at once wait their turn instead of failing half-way.
        self._writers = sessionmaker(
            engine.execution_options(dutchfarm_write=True), expire_on_commit=False
        )

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Give a session whose work is committed at the end, or rolled back on any error.

        A database that cannot take the change (a full disk, a read-only or locked file)
        raises DatabaseError with a plain sentence; nothing of the action is kept.
        """
        try:
            with self._writers.begin() as session:
                yield session
        except OperationalError as error:
            log.exception("A change could not be saved")
            raise DatabaseError(f"Nothing was saved: {_reason(error)}") from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Give a session for reading only; nothing it does is committed."""
        # Closing (not rolling back) ends the transaction without expiring what was read,
        # so the plain values loaded stay readable after the block.
        try:
            with self._sessions() as session:
                yield session
        except OperationalError as error:
            log.exception("The farm could not be read")
            raise DatabaseError(f"The farm could not be read: {_reason(error)}") from error

    @contextmanager
    def reading_rows(self) -> Iterator[Connection]:
        """Give a connection for reading plain rows only; nothing it does is committed.

        As reading(), without a session's bookkeeping: for reads that want rows, not objects.
        """
        try:
            with self.engine.connect() as connection:
                yield connection
        except OperationalError as error:
            log.exception("The farm could not be read")
            raise DatabaseError(f"The farm could not be read: {_reason(error)}") from error

    @property
    def is_sqlite(self) -> bool:
        """Return True when the database is an embedded SQLite file."""
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """Return the SQLite file's path, or None for a server or an in-memory database."""
        return _sqlite_file(self.engine)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so that a
    # user action and a migration (DDL included) are each one real transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(connection: Any) -> None:
    write = connection.get_execution_options().get("dutchfarm_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str) -> Engine:
    """Create the engine for a database URL, with the SQLite settings Dutch Farm relies on."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseError(f"'{url}' is not a database address Dutch Farm understands.") from error
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except NoSuchModuleError as error:
        raise DatabaseError(
            f"Dutch Farm cannot talk to a '{parsed.get_backend_name()}' database."
        ) from error
    except ImportError as error:
        raise DatabaseError(
            f"The driver for '{parsed.drivername}' is not installed ({error.name})."
        ) from error


def schema_revision(engine: Engine) -> str | None:
    """Return the migration revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in one transaction."""
    # Alembic is imported only when a database actually needs migrating, which keeps the
    # program's start-up free of it.
    from alembic import command

    from dutchfarm.db.migrations.config import alembic_config

    with engine.connect() as connection:
        # SQLite changes most of a table by copying it, and dropping the old copy would
        # delete every row that points at it. Its own way: references off (outside the
        # transaction), change, check every reference still holds, commit, references on.
        sqlite = (
            connection.connection.driver_connection if engine.dialect.name == "sqlite" else None
        )
        if sqlite is not None:
            sqlite.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.execution_options(dutchfarm_write=True).begin():
                command.upgrade(alembic_config(connection), revision)
                if (
                    sqlite is not None
                    and connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                ):
                    raise DatabaseError(
                        "Upgrading would leave records pointing at nothing, so nothing changed."
                    )
        finally:
            if sqlite is not None:
                sqlite.execute("PRAGMA foreign_keys=ON")


def _describe(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"the database file {parsed.database}"
    return f"the database at {parsed.render_as_string(hide_password=True)}"


def open_database(url: str, *, seed: bool = True) -> Database:
    """Open the database at ``url``, creating or migrating its schema and seeding a new one.

    Raises DatabaseError with one plain sentence when it cannot be used.
    """
    engine = make_engine(url)
    try:
        revision = schema_revision(engine)
        if revision != SCHEMA_REVISION:
            known = _known_revisions()
            if revision is not None and revision not in known:
                raise DatabaseError(
                    f"{_describe(url).capitalize()} was made by a newer version of Dutch Farm."
                    " Please update Dutch Farm to open it."
                )
            log.info("Migrating %s from %s to %s", _describe(url), revision, SCHEMA_REVISION)
            path = _sqlite_file(engine)
            if revision is not None and path is not None:
                # An older database is copied aside before it is changed.
                from dutchfarm.db.backup import make_backup

                make_backup(path, "before-migration")
            upgrade(engine)
        _check_writable(engine)
        database = Database(url, engine)
        if seed:
            from dutchfarm.db.seed import seed_if_empty

            seed_if_empty(database)
        return database
    except DatabaseError:
        engine.dispose()
        raise
    except SQLAlchemyError as error:
        engine.dispose()
        log.exception("Could not open %s", url)
        raise DatabaseError(
            f"Dutch Farm could not open {_describe(url)}: {_reason(error)}"
        ) from error
    except OSError as error:
        engine.dispose()
        log.exception("Could not open %s", url)
        raise DatabaseError(
            f"Dutch Farm could not open {_describe(url)}: {error.strerror or error}."
        ) from error


def _check_writable(engine: Engine) -> None:
    # Found out now, not when someone's first change is lost: the farm's data must be
    # savable. A write that matches no row asks for write access and changes nothing.
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("DELETE FROM alembic_version WHERE 0")
        connection.rollback()


def _sqlite_file(engine: Engine) -> Path | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def _known_revisions() -> set[str]:
    from dutchfarm.db.migrations.config import revisions

    return revisions()


def _reason(error: SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    message = str(original if original is not None else error).strip().splitlines()[0]
    if "file is not a database" in message:
        return "the file is not a Dutch Farm database, or it is damaged."
    if "unable to open database file" in message:
        return "the file or its folder cannot be opened."
    if "readonly" in message or "read-only" in message:
        return "the file is read-only, so nothing could be saved in it."
    if "disk is full" in message or "database or disk is full" in message:
        return "the disk is full. Please free some space and try again."
    if "database is locked" in message:
        return "another copy of Dutch Farm is busy saving. Please try again."
    if "Connection refused" in message or "could not connect" in message.lower():
        return "the database server did not answer."
    return message.rstrip(".") + "."
