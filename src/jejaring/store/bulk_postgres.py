"""PostgreSQL's side of a bulk load: ``COPY``, in the unit of work's transaction.

New rows are copied straight into the table; stored rows are copied into a temporary table and
updated from it in one statement, only where a value differs. The table is locked against
other writers first (readers go on), so that the split between new and stored rows holds
until the commit.

Measured on 1M customers (``bench/import_customers.py``): ``INSERT ... SELECT ... ON CONFLICT``
from a temporary table spends 5 s on speculative insertion, and the foreign keys' per-row
triggers 5.7 s more. So a large load (see ``bulk_indexes.is_large``)
drops the table's foreign keys and adds them back before the commit: PostgreSQL then checks
them in one join, in the same transaction, and an interrupted load leaves them as they were.
That needs the table's owner (the role that ran ``jejaring init``); another role keeps the
triggers, and is slower.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import polars as pl
from sqlalchemy import JSON, Table
from sqlalchemy.orm import Session

from jejaring.store import changes
from jejaring.store.bulk_indexes import is_large, quote, rebuilt_indexes

__all__ = ["copy_frame", "lock", "write"]

_SLICE = 100_000


def _cursor(session: Session, table: Table) -> Any:
    connection = session.connection()
    changes.wrote(connection, table.name)  # the driver's COPY bypasses SQLAlchemy's events
    return connection.connection.driver_connection.cursor()  # type: ignore[union-attr]


def lock(session: Session, table: Table) -> None:
    """Keep other writers out of ``table`` until the commit; readers are not held up."""
    session.connection().exec_driver_sql(
        f"LOCK TABLE {quote(table.name)} IN SHARE ROW EXCLUSIVE MODE"
    )


def _csv(frame: pl.DataFrame) -> str:
    # Text is always quoted, so a cell holding \N stays text; only nulls are bare \N.
    return frame.write_csv(include_header=False, null_value="\\N", quote_style="non_numeric")


def copy_frame(
    cursor: Any,
    name: str,
    frame: pl.DataFrame,
    progress: Callable[[int], None] = lambda _rows: None,
    *,
    freeze: bool = False,
) -> None:
    """``COPY`` the rows of ``frame`` into table ``name`` through the driver's ``cursor``.

    ``freeze``: write the rows frozen, for a table made or emptied in this transaction (no
    hint bits or vacuum to catch up on later)."""
    columns = ", ".join(quote(c) for c in frame.columns)
    options = "FORMAT csv, NULL '\\N'" + (", FREEZE" if freeze else "")
    sql = f"COPY {quote(name)} ({columns}) FROM STDIN ({options})"
    starts = range(0, frame.height, _SLICE)
    # The next slice is turned into CSV while the server reads the last one.
    with cursor.copy(sql) as copy, ThreadPoolExecutor(1) as pool:
        pending = pool.submit(_csv, frame.slice(0, _SLICE))
        for start in starts:
            text = pending.result()
            if start + _SLICE < frame.height:
                pending = pool.submit(_csv, frame.slice(start + _SLICE, _SLICE))
            copy.write(text)
            progress(min(_SLICE, frame.height - start))


@contextmanager
def _foreign_keys_checked_at_end(cursor: Any, table: Table, rows: int) -> Iterator[None]:
    cursor.execute(
        "SELECT pg_has_role(relowner, 'USAGE'), greatest(reltuples, 0) FROM pg_class "
        "WHERE oid = %s::regclass",
        (table.name,),
    )
    owner, stored = cursor.fetchone()
    if not owner or not is_large(rows, stored):
        yield
        return
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        (table.name,),
    )
    constraints = cursor.fetchall()
    for name, _definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(table.name)} DROP CONSTRAINT {quote(name)}")
    yield
    for name, definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(table.name)} ADD CONSTRAINT {quote(name)} {definition}")


def _changed(table: Table, column: str) -> str:
    # json has no equality operator; its text does (the store always writes one spelling).
    cast = "::text" if isinstance(table.c[column].type, JSON) else ""
    return f"t.{quote(column)}{cast} IS DISTINCT FROM s.{quote(column)}{cast}"


def write(
    session: Session,
    table: Table,
    new: pl.DataFrame,
    old: pl.DataFrame,
    keys: Sequence[str],
    update: Sequence[str],
    progress: Callable[[int, int], None],
) -> None:
    """Copy ``new`` rows into ``table``; update the ``update`` columns of the ``old`` ones."""
    total, done = new.height + old.height, 0

    def advance(rows: int) -> None:
        nonlocal done
        if rows:
            done += rows
            progress(done, total)

    cursor = _cursor(session, table)
    try:
        if new.height:
            with (
                _foreign_keys_checked_at_end(cursor, table, new.height),
                rebuilt_indexes(cursor, table, new.height, "postgresql"),
            ):
                copy_frame(cursor, table.name, new, advance)
        if old.height and update:
            stage = f"_stage_{table.name}"
            columns = ", ".join(quote(c) for c in old.columns)
            cursor.execute(
                f"CREATE TEMP TABLE {quote(stage)} ON COMMIT DROP AS "
                f"SELECT {columns} FROM {quote(table.name)} WITH NO DATA"
            )
            copy_frame(cursor, stage, old)
            cursor.execute(f"ANALYZE {quote(stage)}")
            sets = ", ".join(f"{quote(c)} = s.{quote(c)}" for c in update)
            match = " AND ".join(f"t.{quote(k)} = s.{quote(k)}" for k in keys)
            changed = " OR ".join(_changed(table, c) for c in update)
            cursor.execute(
                f"UPDATE {quote(table.name)} AS t SET {sets} FROM {quote(stage)} AS s "
                f"WHERE {match} AND ({changed})"
            )
            cursor.execute(f"DROP TABLE {quote(stage)}")
        advance(old.height)
    finally:
        cursor.close()
