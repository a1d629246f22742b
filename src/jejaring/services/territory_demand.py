"""The territory hierarchy with its demand, prepared for reach and kept on the context.

Reach and the KPIs need the whole territory table (some 7,800 rows) and its ancestry matrix
for every answer; the table changes only when territories are loaded or their demand is
set, so it is read and prepared again only when it has changed (``services.read_cache``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from jejaring.analytics.reach import TerritoryTree, territory_tree
from jejaring.services.bootstrap import Context
from jejaring.services.read_cache import SNAPSHOTS, kept
from jejaring.store.reach_read import read_demand

__all__ = ["demand_tree"]

_KEY = ("territory-demand",)


def demand_tree(ctx: Context, session: Session) -> TerritoryTree:
    """Every territory, its parent and demand, as ``session`` sees the store."""

    def prepare() -> TerritoryTree:
        frame = read_demand(session)
        return territory_tree(
            frame["code"].to_list(), frame["parent_code"].to_list(), frame["demand"].to_numpy()
        )

    return kept(ctx, _KEY, prepare, kind=SNAPSHOTS, session=session)
