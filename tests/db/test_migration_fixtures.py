"""Every released schema's database opens in this version, migrated, with every row kept."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from dutchfarm.db.database import SCHEMA_REVISION, open_database
from dutchfarm.db.migrations.config import revisions

FIXTURES = Path(__file__).parent / "fixtures"


def columns(path: Path) -> dict[str, list[str]]:
    """Every table (but Alembic's own) and its columns."""
    with sqlite3.connect(path) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        return {
            table: [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            for table in tables
        }


def snapshot(path: Path, tables: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of the given tables, in the given columns, in a stable order."""
    with sqlite3.connect(path) as connection:
        return {
            table: sorted(
                connection.execute(
                    "SELECT " + ", ".join(f'"{name}"' for name in names) + f' FROM "{table}"'
                ).fetchall(),
                key=repr,
            )
            for table, names in tables.items()
        }


def test_there_is_a_fixture_for_every_released_revision():
    assert {path.stem.removeprefix("schema_") for path in FIXTURES.glob("schema_*.sqlite")} == (
        revisions()
    )


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_*.sqlite")), ids=lambda p: p.stem)
def test_opening_migrates_with_every_row_kept(fixture, tmp_path):
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)
    old_columns = columns(copy)
    before = snapshot(copy, old_columns)
    assert sum(len(rows) for rows in before.values()) > 1000
    open_database(f"sqlite:///{copy}").close()
    # Columns a later schema adds are new; every old column keeps every value.
    after = snapshot(copy, old_columns)
    for table, rows in before.items():
        assert after[table] == rows, f"{table} changed"
    assert columns(copy)["job"][-1] == "crop_id"
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            SCHEMA_REVISION,
        )
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
