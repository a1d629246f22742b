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

import polars as pl
import psycopg
from sqlalchemy import Table
from sqlalchemy.orm import Session

from jejaring.domain.errors import N_
from jejaring.store import bulk_postgres, bulk_sqlite
from jejaring.store.bulk_query import existing_keys
from jejaring.store.errors import Conflict, StoreError
from jejaring.store.repositories.base import translate_errors

__all__ = ["Loaded", "Progress", "bulk_mode", "driver_errors", "load"]

Progress = Callable[[int, int], None]  # rows done, rows in all


@dataclass(frozen=True)
class Loaded:
    """How many rows a load added and how many it found stored (and updated)."""

    new: int
    updated: int


@contextmanager
def driver_errors() -> Iterator[None]:
    """Errors of the drivers (used directly for speed), and SQLAlchemy's, as the store's own."""
    try:
        with translate_errors():
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
