"""Wishes: crops people would like to grow in their own bed.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "wish",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("crop_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.CheckConstraint("year BETWEEN 1900 AND 2999", name=op.f("ck_wish_year_range")),
        sa.ForeignKeyConstraint(["crop_id"], ["crop.id"], name=op.f("fk_wish_crop_id_crop")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_wish_person_id_person"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wish")),
        sa.UniqueConstraint(
            "person_id", "crop_id", "year", name=op.f("uq_wish_person_id_crop_id_year")
        ),
    )
    with op.batch_alter_table("wish", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wish_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_wish_year"), ["year"], unique=False)


def downgrade() -> None:
    """Undo this migration."""
    with op.batch_alter_table("wish", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wish_year"))
        batch_op.drop_index(batch_op.f("ix_wish_person_id"))

    op.drop_table("wish")
