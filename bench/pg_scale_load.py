"""Loading the synthetic community into PostgreSQL with ``COPY``, its indexes built afterwards.

The schema comes from the project's migrations (``services.setup.initialise``: the revisions,
the tie-type taxonomy and Indonesia's territories). Before the load, the loaded tables' foreign
keys (and those of other tables pointing at them), primary keys, unique constraints and
secondary indexes are read from the catalogue (``pg_get_constraintdef``, ``pg_get_indexdef``)
and dropped; each table is then truncated and copied in with ``FREEZE`` in one transaction
(no hint bits or vacuum to catch up later). Afterwards every definition is applied again as
the migrations wrote it, timed one by one: keys and unique constraints, then the other
indexes, then the foreign keys (validated against the loaded rows). ``ANALYZE`` closes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg

from bench.pg_scale_data import Community
from jejaring.store.bulk_indexes import quote
from jejaring.store.bulk_postgres import copy_frame

__all__ = ["Built", "Loaded", "build", "copy_all", "definitions"]


@dataclass(frozen=True)
class Loaded:
    """One table's COPY: rows and seconds (CSV encoding included)."""

    table: str
    rows: int
    seconds: float


@dataclass(frozen=True)
class Built:
    """One constraint or index applied after the load."""

    table: str
    name: str
    kind: str  # primary key, unique, index, foreign key
    seconds: float


@dataclass(frozen=True)
class _Definition:
    table: str
    name: str
    kind: str
    sql: str  # what creates it again


def definitions(cur: psycopg.Cursor[Any], tables: list[str]) -> list[_Definition]:
    """What the load drops, in the order to build it again."""
    cur.execute(
        "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) "
        "FROM pg_constraint c WHERE c.contype IN ('p', 'u', 'f') AND (c.conrelid::regclass::text "
        "= ANY(%s) OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY(%s))) "
        "ORDER BY 1, 2",
        (tables, tables),
    )
    kinds = {"p": "primary key", "u": "unique", "f": "foreign key"}
    constraints = [
        _Definition(t, n, kinds[k], f"ALTER TABLE {quote(t)} ADD CONSTRAINT {quote(n)} {d}")
        for t, n, k, d in cur.fetchall()
    ]
    cur.execute(
        "SELECT x.indrelid::regclass::text, i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid::regclass::text = ANY(%s) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) ORDER BY 1, 2",
        (tables,),
    )
    indexes = [_Definition(t, n, "index", d) for t, n, d in cur.fetchall()]
    order = {"primary key": 0, "unique": 1, "index": 2, "foreign key": 3}
    return sorted([*constraints, *indexes], key=lambda d: order[d.kind])


def _drop(cur: psycopg.Cursor[Any], found: list[_Definition]) -> None:
    for d in reversed(found):  # foreign keys first, keys last
        if d.kind == "index":
            cur.execute(f"DROP INDEX {quote(d.name)}")
        else:
            cur.execute(f"ALTER TABLE {quote(d.table)} DROP CONSTRAINT {quote(d.name)}")


def copy_all(
    conn: psycopg.Connection[Any], community: Community, log: Callable[[str], None]
) -> tuple[list[_Definition], list[Loaded]]:
    """Drop the constraints and indexes, then truncate and copy every table, in one transaction."""
    names = list(community.tables)
    loaded = []
    with conn.transaction(), conn.cursor() as cur:
        found = definitions(cur, names)
        _drop(cur, found)
        cur.execute(f"TRUNCATE {', '.join(quote(n) for n in names)}")
        for name, frame in community.tables.items():
            start = time.perf_counter()
            copy_frame(cur, name, frame, freeze=True)
            loaded.append(Loaded(name, frame.height, time.perf_counter() - start))
            log(f"  COPY {name}: {frame.height:,} rows in {loaded[-1].seconds:.1f} s")
        cur.execute("CREATE TEMP TABLE _demand (code text, demand float8) ON COMMIT DROP")
        copy_frame(cur, "_demand", community.demand, freeze=True)
        cur.execute(
            "UPDATE territory SET demand = d.demand FROM _demand d WHERE territory.code = d.code"
        )
        for name, frame in community.tables.items():
            if "id" in frame.columns:  # the next id a service adds follows the loaded ones
                cur.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", (name, frame.height)
                )
    return found, loaded


def build(
    conn: psycopg.Connection[Any], found: list[_Definition], log: Callable[[str], None]
) -> list[Built]:
    """Apply every dropped definition again, each in its own transaction, timed."""
    built = []
    with conn.cursor() as cur:
        for d in found:
            start = time.perf_counter()
            with conn.transaction():
                cur.execute(d.sql)
            built.append(Built(d.table, d.name, d.kind, time.perf_counter() - start))
            if built[-1].seconds >= 1.0:
                log(f"  {d.kind} {d.name}: {built[-1].seconds:.1f} s")
    return built
