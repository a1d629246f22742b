"""Reading what reach needs as frames: territories with demand, coverage, customers' places.

One query per frame, no row objects.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

import polars as pl
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jejaring.store.bulk import table_of
from jejaring.store.bulk_query import rows_frame, select_in
from jejaring.store.repositories.base import PARAMETERS
from jejaring.store.tables import ActorCoverageRow, ActorRow, CustomerRow, TerritoryRow, TieRow

__all__ = [
    "read_coverage",
    "read_customer_places",
    "read_declared_coverage",
    "read_demand",
    "read_ties_near",
]

_S = pl.String


def read_demand(session: Session) -> pl.DataFrame:
    """``code, parent_code, demand`` of every territory."""
    t = TerritoryRow
    query = select(t.code, t.parent_code, t.demand)
    return rows_frame(session, query, {"code": _S, "parent_code": _S, "demand": pl.Float64})


_COMMUNITY = "community"


def read_coverage(session: Session, actors: Collection[str]) -> pl.DataFrame:
    """``actor, code``: the declared coverage codes of ``actors`` that exist (an actor
    without any has one row with code null), sorted by actor."""
    a, c = ActorRow, ActorCoverageRow
    wanted = sorted(set(actors))
    frames = [
        rows_frame(
            session,
            select(a.key, c.territory_code)
            .outerjoin(c, c.actor_id == a.id)
            .where(a.key.in_(wanted[i : i + PARAMETERS])),
            {"actor": _S, "code": _S},
        )
        for i in range(0, len(wanted), PARAMETERS)
    ]
    empty = pl.DataFrame(schema={"actor": _S, "code": _S})
    return pl.concat([empty, *frames]).sort("actor", "code", nulls_last=True)


def read_declared_coverage(session: Session, actors: Collection[str]) -> dict[str, list[str]]:
    """The declared coverage codes of each of ``actors`` that exists (one query, not one
    per actor)."""
    declared: dict[str, list[str]] = {}
    for actor, code in read_coverage(session, actors).rows():
        codes = declared.setdefault(actor, [])
        if code is not None:
            codes.append(code)
    return declared


def read_ties_near(
    session: Session, actor: str, *, k: int, types: Collection[str] | None, at: date
) -> pl.DataFrame:
    """``source, target`` of the ties within ``k`` steps of ``actor`` that it may see: those
    marked community between community profiles, and its own; valid on ``at``.

    A breadth-first search in the database by actor ids, one indexed query per step and side,
    so that only the ties near the actor are read (every tie touching an actor fewer than
    ``k`` steps away). The first step reads the actor's own ties; the later ones only ties
    marked community (``ix_tie_community_*``: the actor's own are all read by then), and from
    community profiles only (a private one has no other tie the actor may see). The ends'
    profiles are looked up once each, not joined to every tie.
    """
    own = session.scalar(select(ActorRow.id).where(ActorRow.key == actor))
    if own is None:
        return pl.DataFrame(schema={"source": _S, "target": _S})
    t = TieRow
    valid = select(t.source_id, t.target_id).where(
        or_(t.since.is_(None), t.since <= at), or_(t.until.is_(None), t.until >= at)
    )
    if types is not None:
        valid = valid.where(t.type.in_(sorted(types)))
    profiles: dict[int, tuple[str, bool]] = {}  # id: key, seen by the community
    seen, frontier, found = {own}, [own], set[tuple[int, int]]()
    for step in range(k):
        base = valid if step == 0 else valid.where(t.visibility == _COMMUNITY)
        ties: list[Any] = []
        for i in range(0, len(frontier), PARAMETERS):
            chunk = frontier[i : i + PARAMETERS]
            for side in (t.source_id, t.target_id):  # two indexed look-ups, not one OR
                ties += session.execute(base.where(side.in_(chunk))).all()
        _profiles(session, {end for s, e in ties for end in (s, e)} - profiles.keys(), profiles)
        reached: set[int] = set()
        for s, e in ties:
            if step == 0 or (profiles[s][1] and profiles[e][1]):
                found.add((s, e))
                reached.update((s, e))
        frontier = sorted(a for a in reached - seen if profiles[a][1])
        seen |= reached
        if not frontier:
            break
    pairs = sorted((profiles[s][0], profiles[e][0]) for s, e in found)
    return pl.DataFrame(pairs, schema={"source": _S, "target": _S}, orient="row")


def _profiles(session: Session, ids: Collection[int], into: dict[int, tuple[str, bool]]) -> None:
    wanted = pl.Series(sorted(ids), dtype=pl.Int64)
    for id_, key, visibility in select_in(
        session, table_of(ActorRow), ("id", "key", "visibility"), "id", wanted
    ):
        into[id_] = (key, visibility == _COMMUNITY)


def read_customer_places(session: Session, owners: Collection[str]) -> pl.DataFrame:
    """``owner, territory, segment`` of the customer records of ``owners``, with the keys that
    tell one real-world customer held by two of them (``email, phone, tax_id``)."""
    a, c = ActorRow, CustomerRow
    query = (
        select(a.key, c.territory, c.segment, c.email, c.phone, c.tax_id)
        .join(a, a.id == c.owner_id)
        .where(a.key.in_(sorted(owners)))
    )
    names = ("owner", "territory", "segment", "email", "phone", "tax_id")
    return rows_frame(session, query, dict.fromkeys(names, _S))
