"""Reading the community back as typed frames, one per sheet, for an export.

Columns are named as in the bundle (keys, not ids) and typed as an import makes them (see
``jejaring.io.bundle_typed``): numbers ``Float64``, flags ``Boolean``, dates ``Date``, lists
``List(String)``. Rows come sorted by their key, so that two exports of the same data are the
same files.
"""

from __future__ import annotations

import polars as pl
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from jejaring.store.bulk_cooperations import read_cooperations
from jejaring.store.bulk_query import grouped_lists, rows_frame
from jejaring.store.tables import (
    ActorCoverageRow,
    ActorRow,
    ActorSectorRow,
    CustomerRow,
    ResourceRow,
    TerritoryRow,
    TieRow,
)

__all__ = ["read_sheets"]

_S = pl.String
_F = pl.Float64
_LIST = pl.List(pl.String)


def _territories(session: Session) -> pl.DataFrame:
    t = TerritoryRow
    query = select(t.code, t.name, t.parent_code, t.level, t.demand).order_by(t.code)
    schema = {"code": _S, "name": _S, "parent_code": _S, "level": _S, "demand": _F}
    return rows_frame(session, query, schema)


def _actors(session: Session) -> pl.DataFrame:
    a = ActorRow
    query = select(a.key, a.name, a.kind, a.home_territory, a.description, a.visibility)
    schema = {k: _S for k in ("key", "name", "kind", "home_territory", "description", "visibility")}
    actors = rows_frame(session, query.order_by(a.key), schema)
    sectors = grouped_lists(
        session,
        select(a.key, ActorSectorRow.sector)
        .join(a, a.id == ActorSectorRow.actor_id)
        .order_by(a.key, ActorSectorRow.position),
        "sectors",
    )
    coverage = grouped_lists(
        session,
        select(a.key, ActorCoverageRow.territory_code)
        .join(a, a.id == ActorCoverageRow.actor_id)
        .order_by(a.key, ActorCoverageRow.territory_code),
        "coverage",
    )
    frame = actors.join(sectors, on="key", how="left").join(coverage, on="key", how="left")
    return frame.with_columns(pl.col("sectors", "coverage").fill_null([]))


def _ties(session: Session) -> pl.DataFrame:
    source, target, t = aliased(ActorRow), aliased(ActorRow), TieRow
    query = (
        select(source.key, target.key, t.type, t.weight, t.directed, t.since, t.until, t.visibility)
        .join(source, source.id == t.source_id)
        .join(target, target.id == t.target_id)
        .order_by(source.key, target.key, t.type)
    )
    schema = {
        "source": _S,
        "target": _S,
        "type": _S,
        "weight": _F,
        "directed": pl.Boolean,
        "since": pl.Date,
        "until": pl.Date,
        "visibility": _S,
    }
    return rows_frame(session, query, schema)


def _customers(session: Session) -> pl.DataFrame:
    c, owner = CustomerRow, ActorRow
    columns = (c.key, c.name, c.status, c.email, c.phone, c.tax_id, c.territory, c.segment)
    query = (
        select(owner.key, *columns, c.value)
        .join(owner, owner.id == c.owner_id)
        .order_by(owner.key, c.key)
    )
    names = ("owner", "key", "name", "status", "email", "phone", "tax_id", "territory", "segment")
    return rows_frame(session, query, {**dict.fromkeys(names, _S), "value": _F})


def _resources(session: Session) -> pl.DataFrame:
    r, owner = ResourceRow, ActorRow
    query = (
        select(owner.key, r.key, r.name, r.kind, r.capacity, r.unit, r.territory, r.cost_rate)
        .add_columns(r.availability)
        .join(owner, owner.id == r.owner_id)
        .order_by(r.key)
    )
    schema = {
        "owner": _S,
        "key": _S,
        "name": _S,
        "kind": _S,
        "capacity": _F,
        "unit": _S,
        "territory": _S,
        "cost_rate": _F,
        "availability": _S,
    }
    return rows_frame(session, query, schema)


def read_sheets(session: Session) -> dict[str, pl.DataFrame]:
    """Every sheet of the bundle, as stored (territories all of them)."""
    return {
        "territories": _territories(session),
        "actors": _actors(session),
        "ties": _ties(session),
        "customers": _customers(session),
        "resources": _resources(session),
        "cooperations": read_cooperations(session),
    }
