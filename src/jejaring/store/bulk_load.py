"""Loading a Polars frame into a table by natural key, inside the caller's transaction.

A frame's columns are the table's (integer ids already resolved). Rows whose key is stored
are updated in the ``update`` columns, the others inserted: SQLite through the driver's
``executemany``, PostgreSQL through ``COPY`` (see :mod:`jejaring.store.bulk_postgres`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import polars as pl
import psycopg
from sqlalchemy import Table
from sqlalchemy.orm import Session

from jejaring.domain.errors import N_
from jejaring.store import bulk_postgres, bulk_sqlite
from jejaring.store.bulk_indexes import quote
from jejaring.store.errors import Conflict, StoreError

__all__ = [
    "Loaded",
    "Progress",
    "bulk_mode",
    "delete_in",
    "driver_errors",
    "existing_keys",
    "key_ids",
    "load",
    "select_in",
]

Progress = Callable[[int, int], None]  # rows done, rows in all


@dataclass(frozen=True)
class Loaded:
    """How many rows a load added and how many it found stored (and updated)."""

    new: int
    updated: int


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _where_in(session: Session, sql: str, column: str, values: pl.Series) -> Iterator[Any]:
    """Run ``sql`` (ending in WHERE) for ``column`` among ``values``, a chunk at a time.

    Straight through the driver: SQLAlchemy compiles an IN list value by value, which costs
    more than the query itself when there are thousands.
    """
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    # SQLite binds at most 32,766 parameters per statement; PostgreSQL takes one array.
    size = 10_000 if _is_sqlite(session) else 100_000
    try:
        for i in range(0, values.len(), size):
            chunk = values.slice(i, size).to_list()
            if _is_sqlite(session):
                marks = ", ".join("?" for _ in chunk)
                cursor.execute(f"{sql} {quote(column)} IN ({marks})", chunk)
            else:
                cursor.execute(f"{sql} {quote(column)} = ANY(%s)", (chunk,))
            yield from cursor.fetchall() if cursor.description else ()
    finally:
        cursor.close()


def select_in(
    session: Session, table: Table, columns: Sequence[str], column: str, values: pl.Series
) -> list[tuple[Any, ...]]:
    """``columns`` of the rows of ``table`` whose ``column`` is among ``values``."""
    names = ", ".join(quote(c) for c in columns)
    sql = f"SELECT {names} FROM {quote(table.name)} WHERE"
    return [tuple(row) for row in _where_in(session, sql, column, values.drop_nulls().unique())]


def key_ids(session: Session, table: Table, values: pl.Series, *, key: str = "key") -> pl.DataFrame:
    """``key`` and ``id`` of the rows of ``table`` whose ``key`` is among ``values``."""
    found = select_in(session, table, (key, "id"), key, values)
    return pl.DataFrame(found, schema={key: values.dtype, "id": pl.Int64}, orient="row")


def existing_keys(
    session: Session, table: Table, frame: pl.DataFrame, keys: Sequence[str]
) -> pl.DataFrame:
    """The ``keys`` of ``frame`` that ``table`` holds (looked up by the first key column)."""
    found = select_in(session, table, keys, keys[0], frame[keys[0]])
    stored = pl.DataFrame(found, schema=frame.select(keys).schema, orient="row")
    return frame.select(keys).join(stored, on=list(keys), how="semi")


def delete_in(session: Session, table: Table, column: str, values: pl.Series) -> None:
    """Delete the rows of ``table`` whose ``column`` is among ``values``."""
    sql = f"DELETE FROM {quote(table.name)} WHERE"
    for _ in _where_in(session, sql, column, values.drop_nulls().unique()):
        pass


@contextmanager
def driver_errors() -> Iterator[None]:
    """Errors of the drivers (used directly for speed) as the store's own."""
    try:
        yield
    except (sqlite3.IntegrityError, psycopg.errors.IntegrityError) as error:
        detail = str(error).splitlines()[0]
        raise Conflict(
            N_("the change conflicts with stored data: {detail}"), detail=detail
        ) from error
    except (sqlite3.Error, psycopg.Error) as error:
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise StoreError(
            N_("the database refused the operation: {detail}"), detail=detail
        ) from error


@contextmanager
def bulk_mode(session: Session) -> Iterator[None]:
    """Settings for a large load, for this transaction (PostgreSQL) or connection (SQLite)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        # The default 2 MB cache makes index inserts read pages again and again; 256 MB do not.
        connection.exec_driver_sql("PRAGMA cache_size=-262144")
        try:
            yield
        finally:
            connection.exec_driver_sql(f"PRAGMA cache_size={int(previous or -2000)}")
        return
    connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    connection.exec_driver_sql("SET LOCAL work_mem = '64MB'")
    yield


def load(
    session: Session,
    table: Table,
    frame: pl.DataFrame,
    *,
    keys: Sequence[str],
    update: Sequence[str],
    progress: Progress | None = None,
) -> Loaded:
    """Insert the rows of ``frame`` whose ``keys`` are new, update ``update`` of the others.

    Without ``keys`` every row is inserted (the caller knows none is stored).
    """
    if frame.height == 0:
        return Loaded(0, 0)
    report = progress or (lambda _done, _total: None)
    with driver_errors():
        if session.get_bind().dialect.name == "sqlite":
            stored = existing_keys(session, table, frame, keys).height if keys else 0
            bulk_sqlite.write(session, table, frame, keys, update, report, frame.height - stored)
            return Loaded(frame.height - stored, stored)
        bulk_postgres.lock(session, table)
        if keys:
            stored_keys = existing_keys(session, table, frame, keys)
            new = frame.join(stored_keys, on=list(keys), how="anti", maintain_order="left")
            old = frame.join(stored_keys, on=list(keys), how="semi", maintain_order="left")
        else:
            new, old = frame, frame.clear()
        bulk_postgres.write(session, table, new, old, keys, update, report)
        return Loaded(new.height, old.height)
