"""Reading what reach needs as frames: territories with demand, coverage, customers' places.

One query per frame, no row objects.
"""

from __future__ import annotations

from collections.abc import Collection

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session

from jejaring.store.bulk_query import rows_frame
from jejaring.store.tables import ActorCoverageRow, ActorRow, CustomerRow, TerritoryRow

__all__ = ["read_coverage", "read_customer_places", "read_demand"]

_S = pl.String


def read_demand(session: Session) -> pl.DataFrame:
    """``code, parent_code, demand`` of every territory."""
    t = TerritoryRow
    query = select(t.code, t.parent_code, t.demand)
    return rows_frame(session, query, {"code": _S, "parent_code": _S, "demand": pl.Float64})


def read_coverage(session: Session) -> pl.DataFrame:
    """``actor, code``: every actor's declared coverage codes (actors without any too, code
    null), sorted by actor."""
    a, c = ActorRow, ActorCoverageRow
    query = select(a.key, c.territory_code).outerjoin(c, c.actor_id == a.id).order_by(a.key)
    return rows_frame(session, query, {"actor": _S, "code": _S})


def read_customer_places(session: Session, owners: Collection[str]) -> pl.DataFrame:
    """``owner, territory, segment`` of the customer records of ``owners``."""
    a, c = ActorRow, CustomerRow
    query = (
        select(a.key, c.territory, c.segment)
        .join(a, a.id == c.owner_id)
        .where(a.key.in_(sorted(owners)))
    )
    return rows_frame(session, query, {"owner": _S, "territory": _S, "segment": _S})
