"""Alembic set-up for Dutch Farm's migrations, run from code rather than an alembic.ini."""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def revisions() -> set[str]:
    """Return every revision id the shipped migrations know, without importing Alembic.

    Each migration file is named after its revision id (``0001_initial.py`` is ``0001``);
    tests/db/test_migrations.py checks that Alembic agrees.
    """
    return {path.name.split("_", 1)[0] for path in (HERE / "versions").glob("[0-9]*_*.py")}


def alembic_config(connection: Any = None) -> Any:
    """Return an Alembic Config for the shipped migrations, bound to ``connection`` if given."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    if connection is not None:
        config.attributes["connection"] = connection
    return config
