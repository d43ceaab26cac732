"""The large demo farm the benchmarks run on: made once per schema revision and day, then copied."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from dutchfarm.db.database import SCHEMA_REVISION, open_database

CACHE = Path(tempfile.gettempdir()) / "dutchfarm-benchmarks"


def cached_large_farm(cache: Path = CACHE, today: dt.date | None = None) -> Path:
    """Return the large demo farm's file, making it first if this schema and day have none."""
    from dutchfarm.services.demo_large import make_large_demo_farm

    day = today or dt.date.today()
    path = cache / f"large-farm-{SCHEMA_REVISION}-{day.isoformat()}.sqlite"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    making = path.with_suffix(f".{os.getpid()}.making")
    db = open_database(f"sqlite:///{making}")
    try:
        make_large_demo_farm(db, today=day)
    finally:
        db.close()
    checkpoint(making)
    making.replace(path)
    return path


def checkpoint(path: Path) -> None:
    """Fold SQLite's write-ahead log into the file, so that one file holds the whole farm."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def work_copy(source: Path, folder: Path) -> str:
    """Copy a farm into ``folder`` (never the user's own data) and return its database URL."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "farm.sqlite"
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


def sqlite_path(url: str) -> Path:
    """Return the file of a SQLite database URL."""
    return Path(url.removeprefix("sqlite:///"))
