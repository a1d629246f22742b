"""The territory hierarchy with its demand, prepared for reach and kept on the context.

Reach and the KPIs need the whole territory table (some 7,800 rows) and its ancestry matrix
for every answer; the table changes only when territories are loaded or their demand is
set, so it is read and prepared again only when its fingerprint (the number of territories
and their total demand) has moved.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from jejaring.analytics.reach import TerritoryTree, territory_tree
from jejaring.services.bootstrap import Context
from jejaring.store.reach_read import read_demand, read_demand_version

__all__ = ["demand_tree"]

_KEY = ("territory-demand",)


def demand_tree(ctx: Context, session: Session) -> TerritoryTree:
    """Every territory, its parent and demand, as ``session`` sees the store."""
    version = read_demand_version(session)
    cached = ctx.memo.get(_KEY)
    if cached is None or cached[0] != version:
        frame = read_demand(session)
        tree = territory_tree(
            frame["code"].to_list(), frame["parent_code"].to_list(), frame["demand"].to_numpy()
        )
        cached = (version, tree)
        ctx.memo[_KEY] = cached  # one assignment: a concurrent reader sees the old or the new
    found: TerritoryTree = cached[1]
    return found
