"""A job on the day's list may name the crop it is for: "Sowing seeds: carrots in Bed 7".

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("crop_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_job_crop_id_crop"), "crop", ["crop_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    """Undo this migration."""
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_job_crop_id_crop"), type_="foreignkey")
        batch_op.drop_column("crop_id")
