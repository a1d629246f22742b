"""community ties by either end: a reach search reads them without the rest of a hub's ties

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 22:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_COMMUNITY = sa.text("visibility = 'community'")
_SIDES = (("source_id", "target_id"), ("target_id", "source_id"))


def upgrade() -> None:
    # At 10M ties (an eighth marked community) a hub's neighbours have tens of thousands of
    # ties; reading them all to keep the community's took most of a reach (bench/pg_scale.py).
    for side, other in _SIDES:
        op.create_index(
            f"ix_tie_community_{side}",
            "tie",
            [side, other, "type", "since", "until"],
            postgresql_where=_COMMUNITY,
            sqlite_where=_COMMUNITY,
        )


def downgrade() -> None:
    for side, _ in _SIDES:
        op.drop_index(f"ix_tie_community_{side}", table_name="tie")
