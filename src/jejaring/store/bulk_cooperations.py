"""Cooperations in a bundle: written as active, with accepted members and default sharing
policies, and read back for an export the same way (proposed, suspended or ended cooperations,
and invitations not yet accepted, are workflow the bundle does not carry).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import polars as pl
from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from jejaring.store.bulk import table_of
from jejaring.store.bulk_load import Loaded, Progress, load
from jejaring.store.bulk_query import (
    grouped_lists,
    json_lists,
    key_ids,
    updated,
    with_actor_ids,
)
from jejaring.store.tables import ActorRow, CooperationRow, MembershipRow, SharingPolicyRow

__all__ = ["read_cooperations", "write_cooperations"]

_S = pl.String
_LIST = pl.List(pl.String)


def write_cooperations(
    s: Session, f: pl.DataFrame, present: Collection[str], p: Progress
) -> Loaded:
    """Cooperations (active), their members (accepted) and default sharing policies."""
    table = table_of(CooperationRow)
    rows = f.select(
        "key",
        "name",
        "purpose",
        pl.lit("active").alias("status"),
        json_lists(f["mechanisms"]).alias("mechanisms"),
        json_lists(f["scope"]).alias("scope"),
    )
    cols = ["key", "name", "purpose", "status", "mechanisms", "scope"]
    loaded = load(
        s,
        table,
        rows,
        keys=("key",),
        update=updated({*present, "status"}, cols, ("key",)),
        progress=p,
    )
    ids = key_ids(s, table, f["key"]).rename({"id": "cooperation_id"})
    members = f.join(ids, on="key").select("cooperation_id", pl.col("members").alias("member"))
    members = members.explode("member").with_columns(
        pl.int_range(pl.len()).over("cooperation_id").alias("position")
    )
    members = with_actor_ids(s, members, "member", "actor_id")
    # One initiator per cooperation: the first member listed.
    s.execute(
        update(table_of(MembershipRow))
        .where(table_of(MembershipRow).c.cooperation_id.in_(ids["cooperation_id"].to_list()))
        .where(table_of(MembershipRow).c.role == "initiator")
        .values(role="member")
    )
    memberships = members.select(
        "cooperation_id",
        "actor_id",
        pl.when(pl.col("position") == 0)
        .then(pl.lit("initiator"))
        .otherwise(pl.lit("member"))
        .alias("role"),
        pl.lit("accepted").alias("status"),
        pl.lit(None, pl.Date).alias("joined"),
        pl.lit(None, pl.Date).alias("left"),
    )
    pair = ("cooperation_id", "actor_id")
    load(s, table_of(MembershipRow), memberships, keys=pair, update=("role", "status", "left"))
    policies = members.select(
        "cooperation_id",
        "actor_id",
        pl.lit("none").alias("mapping_level"),
        pl.lit("[]").alias("shared_segments"),
        pl.lit("[]").alias("shared_tie_types"),
        pl.lit(False).alias("introductions_allowed"),
    )
    load(s, table_of(SharingPolicyRow), policies, keys=pair, update=())
    return loaded


def read_cooperations(session: Session) -> pl.DataFrame:
    """The active cooperations, each with its accepted members, the initiator first."""
    c, m, a = CooperationRow, MembershipRow, ActorRow
    active = c.status == "active"
    query = select(c.key, c.name, c.mechanisms, c.purpose, c.scope).where(active).order_by(c.key)
    rows = [
        (key, name, list(mechanisms), purpose, list(scope))
        for key, name, mechanisms, purpose, scope in session.execute(query)
    ]
    schema: dict[str, Any] = {
        "key": _S,
        "name": _S,
        "mechanisms": _LIST,
        "purpose": _S,
        "scope": _LIST,
    }
    coops = pl.DataFrame(rows, schema=schema, orient="row")
    # The initiator first (the import makes the first member the initiator), then by key.
    members = grouped_lists(
        session,
        select(c.key, a.key)
        .join(m, m.cooperation_id == c.id)
        .join(a, a.id == m.actor_id)
        .where(and_(active, m.status == "accepted", m.left.is_(None)))
        .order_by(c.key, (m.role != "initiator"), a.key),
        "members",
    )
    frame = coops.join(members, on="key", how="left").with_columns(pl.col("members").fill_null([]))
    return frame.select("key", "name", "members", "mechanisms", "purpose", "scope")
