"""Running the suite against a PostgreSQL server: a fresh database for every test, from templates.

Set ``DUTCHFARM_TEST_POSTGRES`` to a server URL (``.ci/run`` starts a server for this);
without it every test uses its own SQLite file.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SERVER = os.environ.get("DUTCHFARM_TEST_POSTGRES", "")
EMPTY_TEMPLATE = "dutchfarm_test_empty"
DEMO_TEMPLATE = "dutchfarm_test_demo"


def _admin():
    return create_engine(SERVER, isolation_level="AUTOCOMMIT", pool_size=1)


def database_url(name: str) -> str:
    """Return the URL of database ``name`` on the test server."""
    return make_url(SERVER).set(database=name).render_as_string(hide_password=False)


def _create(name: str, template: str | None = None) -> None:
    engine = _admin()
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        clause = f' TEMPLATE "{template}"' if template else ""
        connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
    engine.dispose()


def drop(url: str) -> None:
    """Drop the test database at ``url``."""
    name = make_url(url).database
    engine = _admin()
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def make_template(name: str, fill: Callable[[str], None]) -> None:
    """Make a template database, filled once by ``fill(url)``."""
    _create(name)
    fill(database_url(name))


def fresh_database(template: str) -> str:
    """Return the URL of a new database copied from ``template``."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    _create(name, template)
    return database_url(name)
