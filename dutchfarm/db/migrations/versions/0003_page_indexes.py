"""Indexes for the queries the pages run on a farm with years of data.

A person's or a bed's harvests across seasons, every season's log by date, this season
against earlier ones from the index alone, the diary by day, and the votes a person took
part in: none of these reads a whole table any more.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# (name, table, columns) of the indexes this revision adds.
ADDED = (
    ("ix_harvest_season_day_grams", "harvest", ["season_id", "day", "grams"]),
    ("ix_harvest_bed_season", "harvest", ["bed_id", "season_id"]),
    ("ix_harvest_picker_season", "harvest", ["picked_by_id", "season_id"]),
    ("ix_harvest_day", "harvest", ["day"]),
    ("ix_diary_entry_day", "diary_entry", ["day"]),
    ("ix_has_voted_person_id", "has_voted", ["person_id"]),
)
# The indexes they take the place of: the same columns in an order fewer queries could use.
REPLACED = (
    ("ix_harvest_season_day", "harvest", ["season_id", "day"]),
    ("ix_harvest_season_bed", "harvest", ["season_id", "bed_id"]),
    ("ix_harvest_season_picker", "harvest", ["season_id", "picked_by_id"]),
)


def upgrade() -> None:
    """Apply this migration."""
    for name, table, _columns in REPLACED:
        op.drop_index(name, table_name=table)
    for name, table, columns in ADDED:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    """Undo this migration."""
    for name, table, _columns in ADDED:
        op.drop_index(name, table_name=table)
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns, unique=False)
