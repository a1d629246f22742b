"""Writing the sheets of a validated bundle: keys resolved to ids, then loaded set-based.

Frames arrive typed, one column per column of the sheet (see ``jejaring.io.bundle_typed``), with
the set of columns the sheet gave: a column it left out is written for new rows only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection

import polars as pl
from sqlalchemy import update
from sqlalchemy.orm import Session

from jejaring.store.bulk import table_of
from jejaring.store.bulk_load import Loaded, delete_in, key_ids, load
from jejaring.store.tables import (
    ActorCoverageRow,
    ActorRow,
    ActorSectorRow,
    CooperationRow,
    CustomerRow,
    MembershipRow,
    ResourceRow,
    SharingPolicyRow,
    TerritoryRow,
    TieRow,
)

__all__ = ["write_sheet"]

Progress = Callable[[int, int], None]
_ACTOR = table_of(ActorRow)
_LEVELS = ["country", "province", "regency", "district", "village"]


def _ids(session: Session, frame: pl.DataFrame, column: str, name: str) -> pl.DataFrame:
    """``frame`` with actor key ``column`` replaced by the actor's id as ``name``."""
    ids = key_ids(session, _ACTOR, frame[column]).rename({"key": column, "id": name})
    return frame.join(ids, on=column, how="left", maintain_order="left").drop(column)


def _update(present: Collection[str], columns: list[str], keys: tuple[str, ...]) -> list[str]:
    return [c for c in columns if c in present and c not in keys]


def _json(series: pl.Series) -> pl.Series:
    # The spelling SQLAlchemy's JSON type writes, so the store never holds two for one list.
    return pl.Series(series.name, [json.dumps(v or []) for v in series.to_list()], pl.String)


def _territories(s: Session, f: pl.DataFrame, present: Collection[str], p: Progress) -> Loaded:
    rank = pl.col("level").replace_strict(_LEVELS, list(range(5)), return_dtype=pl.Int8)
    # Parents before children: SQLite checks each row's parent as it is written.
    rows = f.sort(rank, "code", maintain_order=True)
    cols = ["code", "name", "level", "parent_code", "demand"]
    table = table_of(TerritoryRow)
    return load(
        s, table, rows, keys=("code",), update=_update(present, cols, ("code",)), progress=p
    )


def _actors(s: Session, f: pl.DataFrame, present: Collection[str], p: Progress) -> Loaded:
    cols = ["key", "name", "kind", "home_territory", "description", "visibility"]
    loaded = load(
        s,
        _ACTOR,
        f.select(cols),
        keys=("key",),
        update=_update(present, cols, ("key",)),
        progress=p,
    )
    ids = key_ids(s, _ACTOR, f["key"]).rename({"id": "actor_id"})
    with_ids = f.join(ids, on="key", how="left")
    if "sectors" in present:
        sectors = table_of(ActorSectorRow)
        delete_in(s, sectors, "actor_id", with_ids["actor_id"])
        rows = with_ids.select("actor_id", pl.col("sectors").alias("sector"))
        rows = rows.explode("sector").drop_nulls("sector")
        # Position 0 is the primary sector: the order the sheet lists them in.
        rows = rows.with_columns(pl.int_range(pl.len()).over("actor_id").alias("position"))
        load(s, sectors, rows.select("actor_id", "position", "sector"), keys=(), update=())
    if "coverage" in present:
        coverage = table_of(ActorCoverageRow)
        delete_in(s, coverage, "actor_id", with_ids["actor_id"])
        rows = with_ids.select("actor_id", pl.col("coverage").alias("territory_code"))
        load(
            s,
            coverage,
            rows.explode("territory_code").drop_nulls("territory_code"),
            keys=(),
            update=(),
        )
    return loaded


def _ties(s: Session, f: pl.DataFrame, present: Collection[str], p: Progress) -> Loaded:
    rows = _ids(s, _ids(s, f, "source", "source_id"), "target", "target_id")
    keys = ("source_id", "target_id", "type")
    cols = [*keys, "weight", "directed", "since", "until", "visibility"]
    return load(
        s,
        table_of(TieRow),
        rows.select(cols),
        keys=keys,
        update=_update(present, cols, keys),
        progress=p,
    )


def _customers(s: Session, f: pl.DataFrame, present: Collection[str], p: Progress) -> Loaded:
    rows = _ids(s, f, "owner", "owner_id")
    keys = ("owner_id", "key")
    cols = [*keys, "name", "status", "email", "phone", "tax_id", "territory", "segment", "value"]
    return load(
        s,
        table_of(CustomerRow),
        rows.select(cols),
        keys=keys,
        update=_update(present, cols, keys),
        progress=p,
    )


def _resources(s: Session, f: pl.DataFrame, present: Collection[str], p: Progress) -> Loaded:
    rows = _ids(s, f, "owner", "owner_id")
    cols = [
        "key",
        "owner_id",
        "name",
        "kind",
        "capacity",
        "unit",
        "territory",
        "cost_rate",
        "availability",
    ]
    given = {*present, "owner_id"}
    return load(
        s,
        table_of(ResourceRow),
        rows.select(cols),
        keys=("key",),
        update=_update(given, cols, ("key",)),
        progress=p,
    )


def _cooperations(s: Session, f: pl.DataFrame, present: Collection[str], p: Progress) -> Loaded:
    table = table_of(CooperationRow)
    rows = f.select(
        "key",
        "name",
        "purpose",
        pl.lit("active").alias("status"),
        _json(f["mechanisms"]).alias("mechanisms"),
        _json(f["scope"]).alias("scope"),
    )
    cols = ["key", "name", "purpose", "status", "mechanisms", "scope"]
    loaded = load(
        s,
        table,
        rows,
        keys=("key",),
        update=_update({*present, "status"}, cols, ("key",)),
        progress=p,
    )
    ids = key_ids(s, table, f["key"]).rename({"id": "cooperation_id"})
    members = f.join(ids, on="key").select("cooperation_id", pl.col("members").alias("member"))
    members = members.explode("member").with_columns(
        pl.int_range(pl.len()).over("cooperation_id").alias("position")
    )
    members = _ids(s, members, "member", "actor_id")
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


_WRITERS = {
    "territories": _territories,
    "actors": _actors,
    "ties": _ties,
    "customers": _customers,
    "resources": _resources,
    "cooperations": _cooperations,
}


def write_sheet(
    session: Session,
    name: str,
    frame: pl.DataFrame,
    present: Collection[str],
    progress: Progress | None = None,
) -> Loaded:
    """Write the rows of sheet ``name``; how many were new and how many stored already."""
    return _WRITERS[name](session, frame, present, progress or (lambda _d, _t: None))
