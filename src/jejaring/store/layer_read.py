"""Reading a layer of the stored network as frames: its actors and its typed ties.

One query per frame, no row objects: a layer of a national network has millions of ties.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

import polars as pl
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from jejaring.store.bulk_query import rows_frame
from jejaring.store.tables import ActorRow, ActorSectorRow, TerritoryRow, TieRow

__all__ = ["read_layer_actors", "read_layer_ties", "read_territory_tree"]

_S = pl.String
_COMMUNITY = "community"


def read_layer_actors(
    session: Session, *, community_only: bool, with_visibility: bool = False
) -> pl.DataFrame:
    """``key, name, kind, home_territory, sector`` (the first sector), sorted by key;
    ``with_visibility`` adds ``community``, True for a profile the community sees."""
    a, s = ActorRow, ActorSectorRow
    columns: list[Any] = [a.key, a.name, a.kind, a.home_territory, s.sector]
    schema: dict[str, Any] = {"key": _S, "name": _S, "kind": _S, "home_territory": _S, "sector": _S}
    if with_visibility:
        columns.append(a.visibility == _COMMUNITY)
        schema["community"] = pl.Boolean
    query = select(*columns).outerjoin(s, and_(s.actor_id == a.id, s.position == 0)).order_by(a.key)
    if community_only:
        query = query.where(a.visibility == _COMMUNITY)
    return rows_frame(session, query, schema)


def read_layer_ties(
    session: Session,
    *,
    types: Collection[str] | None,
    at: date | None,
    community_only: bool,
    touching: str | None = None,
) -> pl.DataFrame:
    """``source, target, type, weight, directed`` of the ties in the layer, sorted.

    ``types`` None means every type; ``at`` keeps the ties valid on that day; ``touching``
    keeps only the ties of that actor.
    """
    source, target, t = aliased(ActorRow), aliased(ActorRow), TieRow
    query = (
        select(source.key, target.key, t.type, t.weight, t.directed)
        .join(source, source.id == t.source_id)
        .join(target, target.id == t.target_id)
        .order_by(source.key, target.key, t.type)
    )
    if types is not None:
        query = query.where(t.type.in_(sorted(types)))
    if at is not None:
        query = query.where(
            or_(t.since.is_(None), t.since <= at), or_(t.until.is_(None), t.until >= at)
        )
    if touching is not None:
        # By id, so that both tie indexes serve the two sides of the OR.
        focal = select(ActorRow.id).where(ActorRow.key == touching).scalar_subquery()
        query = query.where(or_(t.source_id == focal, t.target_id == focal))
    if community_only:
        query = query.where(
            t.visibility == _COMMUNITY,
            source.visibility == _COMMUNITY,
            target.visibility == _COMMUNITY,
        )
    schema = {"source": _S, "target": _S, "type": _S, "weight": pl.Float64, "directed": pl.Boolean}
    return rows_frame(session, query, schema)


def read_territory_tree(session: Session) -> pl.DataFrame:
    """``code, parent_code, level`` of every territory."""
    t = TerritoryRow
    query = select(t.code, t.parent_code, t.level)
    return rows_frame(session, query, {"code": _S, "parent_code": _S, "level": _S})
