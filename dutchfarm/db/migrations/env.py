"""Alembic's environment for Dutch Farm: migrations run on a connection given by the caller."""

from __future__ import annotations

from alembic import context

from dutchfarm.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Dutch Farm runs its migrations from code, on an open connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot alter most of a table in place; batch mode copies the table instead.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
