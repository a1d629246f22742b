"""Writing the sheets of a validated bundle: keys resolved to ids, then loaded set-based.

Frames arrive typed, one column per column of the sheet (see ``jejaring.io.bundle_typed``), with
the set of columns the sheet gave: a column it left out is written for new rows only.
"""

from __future__ import annotations

from collections.abc import Collection

import polars as pl
from sqlalchemy.orm import Session

from jejaring.store.bulk import table_of
from jejaring.store.bulk_cooperations import write_cooperations
from jejaring.store.bulk_load import Loaded, Progress, driver_errors, load
from jejaring.store.bulk_query import delete_in, key_ids, updated, with_actor_ids
from jejaring.store.tables import (
    ActorCoverageRow,
    ActorRow,
    ActorSectorRow,
    CustomerRow,
    ResourceRow,
    TerritoryRow,
    TieRow,
)

__all__ = ["write_sheet"]

_ACTOR = table_of(ActorRow)
_LEVELS = ["country", "province", "regency", "district", "village"]


def _territories(s: Session, f: pl.DataFrame, present: Collection[str], p: Progress) -> Loaded:
    rank = pl.col("level").replace_strict(_LEVELS, list(range(5)), return_dtype=pl.Int8)
    # Parents before children: SQLite checks each row's parent as it is written.
    rows = f.sort(rank, "code", maintain_order=True)
    cols = ["code", "name", "level", "parent_code", "demand"]
    table = table_of(TerritoryRow)
    return load(
        s, table, rows, keys=("code",), update=updated(present, cols, ("code",)), progress=p
    )


def _actors(s: Session, f: pl.DataFrame, present: Collection[str], p: Progress) -> Loaded:
    cols = ["key", "name", "kind", "home_territory", "description", "visibility"]
    loaded = load(
        s,
        _ACTOR,
        f.select(cols),
        keys=("key",),
        update=updated(present, cols, ("key",)),
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
    rows = with_actor_ids(s, with_actor_ids(s, f, "source", "source_id"), "target", "target_id")
    keys = ("source_id", "target_id", "type")
    cols = [*keys, "weight", "directed", "since", "until", "visibility"]
    return load(
        s,
        table_of(TieRow),
        rows.select(cols),
        keys=keys,
        update=updated(present, cols, keys),
        progress=p,
    )


def _customers(s: Session, f: pl.DataFrame, present: Collection[str], p: Progress) -> Loaded:
    rows = with_actor_ids(s, f, "owner", "owner_id")
    keys = ("owner_id", "key")
    cols = [*keys, "name", "status", "email", "phone", "tax_id", "territory", "segment", "value"]
    return load(
        s,
        table_of(CustomerRow),
        rows.select(cols),
        keys=keys,
        update=updated(present, cols, keys),
        progress=p,
    )


def _resources(s: Session, f: pl.DataFrame, present: Collection[str], p: Progress) -> Loaded:
    rows = with_actor_ids(s, f, "owner", "owner_id")
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
        update=updated(given, cols, ("key",)),
        progress=p,
    )


_WRITERS = {
    "territories": _territories,
    "actors": _actors,
    "ties": _ties,
    "customers": _customers,
    "resources": _resources,
    "cooperations": write_cooperations,
}


def write_sheet(
    session: Session,
    name: str,
    frame: pl.DataFrame,
    present: Collection[str],
    progress: Progress | None = None,
) -> Loaded:
    """Write the rows of sheet ``name``; how many were new and how many stored already."""
    with driver_errors():
        return _WRITERS[name](session, frame, present, progress or (lambda _d, _t: None))
