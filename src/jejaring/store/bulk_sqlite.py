"""SQLite's side of a bulk load: one prepared upsert, run by the driver's ``executemany``.

The statement runs on the unit of work's own connection, inside its transaction (begun
``IMMEDIATE``), so a load that is interrupted leaves nothing behind. Rows go to the driver in
slices, so that progress can be told and memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl
from sqlalchemy import Table
from sqlalchemy.orm import Session

from jejaring.store import changes
from jejaring.store.bulk_indexes import quote, rebuilt_indexes

__all__ = ["write"]

SLICE = 50_000


def _driver_values(frame: pl.DataFrame) -> pl.DataFrame:
    # sqlite3 stores booleans as 0/1 and, as SQLAlchemy does, dates as ISO text.
    return frame.with_columns(
        [pl.col(c).cast(pl.Int8) for c, t in frame.schema.items() if t == pl.Boolean]
        + [pl.col(c).cast(pl.String) for c, t in frame.schema.items() if t == pl.Date]
    )


def write(
    session: Session,
    table: Table,
    frame: pl.DataFrame,
    keys: Sequence[str],
    update: Sequence[str],
    progress: Callable[[int, int], None],
    new_rows: int,
) -> None:
    """Upsert every row of ``frame`` (``new_rows`` of them new) into ``table``, in order."""
    columns = ", ".join(quote(c) for c in frame.columns)
    marks = ", ".join("?" for _ in frame.columns)
    sql = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})"
    if keys:
        target = ", ".join(quote(k) for k in keys)
        if update:
            sets = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in update)
            sql += f" ON CONFLICT ({target}) DO UPDATE SET {sets}"
        else:
            sql += f" ON CONFLICT ({target}) DO NOTHING"
    connection = session.connection()
    changes.seen(connection, sql)  # the driver's cursor bypasses SQLAlchemy's events
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    values = _driver_values(frame)
    try:
        with rebuilt_indexes(cursor, table, new_rows, "sqlite"):
            for start in range(0, values.height, SLICE):
                part = values.slice(start, SLICE)
                rows = zip(*(column.to_list() for column in part.iter_columns()), strict=True)
                cursor.executemany(sql, rows)  # type: ignore[arg-type]
                progress(min(start + SLICE, values.height), values.height)
    finally:
        cursor.close()
