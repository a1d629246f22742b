"""Reading what reach needs as frames: territories with demand, coverage, customers' places.

One query per frame, no row objects.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import polars as pl
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from jejaring.store.bulk_query import rows_frame
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
    ``k`` steps away).
    """
    own = session.scalar(select(ActorRow.id).where(ActorRow.key == actor))
    if own is None:
        return pl.DataFrame(schema={"source": _S, "target": _S})
    source, target, t = aliased(ActorRow), aliased(ActorRow), TieRow
    visible = or_(
        and_(
            t.visibility == _COMMUNITY,
            source.visibility == _COMMUNITY,
            target.visibility == _COMMUNITY,
        ),
        t.source_id == own,
        t.target_id == own,
    )
    base = (
        select(t.source_id, t.target_id)
        .join(source, source.id == t.source_id)
        .join(target, target.id == t.target_id)
        .where(
            visible,
            or_(t.since.is_(None), t.since <= at),
            or_(t.until.is_(None), t.until >= at),
        )
    )
    if types is not None:
        base = base.where(t.type.in_(sorted(types)))
    seen, frontier, found = {own}, [own], set[tuple[int, int]]()
    for _ in range(k):
        reached: set[int] = set()
        for i in range(0, len(frontier), PARAMETERS):
            chunk = frontier[i : i + PARAMETERS]
            for side in (t.source_id, t.target_id):  # two indexed look-ups, not one OR
                for s, e in session.execute(base.where(side.in_(chunk))):
                    found.add((s, e))
                    reached.update((s, e))
        frontier = sorted(reached - seen)
        seen |= reached
        if not frontier:
            break
    keys = _keys(session, seen)
    pairs = sorted((keys[s], keys[e]) for s, e in found)
    return pl.DataFrame(pairs, schema={"source": _S, "target": _S}, orient="row")


def _keys(session: Session, ids: Collection[int]) -> dict[int, str]:
    wanted, found = sorted(ids), dict[int, str]()
    for i in range(0, len(wanted), PARAMETERS):
        query = select(ActorRow.id, ActorRow.key).where(ActorRow.id.in_(wanted[i : i + PARAMETERS]))
        found.update((id_, key) for id_, key in session.execute(query))
    return found


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
