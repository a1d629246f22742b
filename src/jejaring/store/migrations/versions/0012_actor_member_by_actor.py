"""actor_member by actor: an actor's users without scanning every membership

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 18:15:00
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The primary key (user_id, actor_id) serves lookups by user only; the KPIs' post flow,
    # team counts and access checks ask by actor (bench/pg_scale.py: a sequential scan).
    op.create_index("ix_actor_member_actor", "actor_member", ["actor_id"])


def downgrade() -> None:
    op.drop_index("ix_actor_member_actor", table_name="actor_member")
