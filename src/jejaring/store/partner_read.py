"""Reading what partner identification needs as frames: territories, coverage, counts, kinds.

Customers are read as counts per owner, territory, segment and status only: partner
identification must never see another actor's customer records.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jejaring.store.bulk_query import rows_frame
from jejaring.store.tables import (
    ActorCoverageRow,
    ActorRow,
    CustomerRow,
    ResourceRow,
    TerritoryRow,
)

__all__ = [
    "read_coverage",
    "read_customer_counts",
    "read_resource_kinds",
    "read_territories",
]

_S = pl.String


def read_territories(session: Session) -> pl.DataFrame:
    """``code, name, level, parent_code, demand`` of every territory, sorted by code."""
    t = TerritoryRow
    query = select(t.code, t.name, t.level, t.parent_code, t.demand).order_by(t.code)
    schema = {"code": _S, "name": _S, "level": _S, "parent_code": _S, "demand": pl.Float64}
    return rows_frame(session, query, schema)


def read_coverage(session: Session) -> pl.DataFrame:
    """``actor, territory``: every actor's declared coverage codes, sorted."""
    a, c = ActorRow, ActorCoverageRow
    query = (
        select(a.key, c.territory_code)
        .join(c, c.actor_id == a.id)
        .order_by(a.key, c.territory_code)
    )
    return rows_frame(session, query, {"actor": _S, "territory": _S})


def read_customer_counts(session: Session) -> pl.DataFrame:
    """``owner, territory, segment, status, count``: customer records counted, never listed."""
    a, c = ActorRow, CustomerRow
    query = (
        select(a.key, c.territory, c.segment, c.status, func.count())
        .join(c, c.owner_id == a.id)
        .group_by(a.key, c.territory, c.segment, c.status)
    )
    schema = {"owner": _S, "territory": _S, "segment": _S, "status": _S, "count": pl.Int64}
    return rows_frame(session, query, schema)


def read_resource_kinds(session: Session) -> pl.DataFrame:
    """``owner, kind``: the kinds of resource each actor owns, once each."""
    a, r = ActorRow, ResourceRow
    query = select(a.key, r.kind).join(r, r.owner_id == a.id).distinct()
    return rows_frame(session, query, {"owner": _S, "kind": _S})
