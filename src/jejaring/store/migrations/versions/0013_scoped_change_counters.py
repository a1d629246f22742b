"""scoped change counters: writes to a table counted per actor or cooperation they concern

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_scope",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_change_scope")),
    )


def downgrade() -> None:
    op.drop_table("change_scope")
