"""Set-based queries the bulk reads and writes share: rows whose key is among many values,
ids by key, and Polars frames from queries.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Sequence
from typing import Any

import polars as pl
from sqlalchemy import Table
from sqlalchemy.orm import Session

from jejaring.store import changes
from jejaring.store.bulk import table_of
from jejaring.store.bulk_indexes import quote
from jejaring.store.tables import ActorRow

__all__ = [
    "delete_in",
    "existing_keys",
    "grouped_lists",
    "json_lists",
    "key_ids",
    "rows_frame",
    "select_in",
    "updated",
    "with_actor_ids",
]

_ACTOR = table_of(ActorRow)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _where_in(session: Session, sql: str, column: str, values: pl.Series) -> Iterator[Any]:
    """Run ``sql`` (ending in WHERE) for ``column`` among ``values``, a chunk at a time.

    Straight through the driver: SQLAlchemy compiles an IN list value by value, which costs
    more than the query itself when there are thousands.
    """
    connection = session.connection()
    changes.seen(connection, sql)  # the driver's cursor bypasses SQLAlchemy's events
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
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


def with_actor_ids(session: Session, frame: pl.DataFrame, column: str, name: str) -> pl.DataFrame:
    """``frame`` with actor key ``column`` replaced by the actor's id, as column ``name``."""
    ids = key_ids(session, _ACTOR, frame[column]).rename({"key": column, "id": name})
    return frame.join(ids, on=column, how="left", maintain_order="left").drop(column)


def updated(present: Collection[str], columns: Sequence[str], keys: Sequence[str]) -> list[str]:
    """The ``columns`` a re-import overwrites: those the sheet gave, keys aside."""
    return [c for c in columns if c in present and c not in keys]


def json_lists(series: pl.Series) -> pl.Series:
    """Lists as the JSON text SQLAlchemy's JSON type writes, so one list has one spelling."""
    return pl.Series(series.name, [json.dumps(v or []) for v in series.to_list()], pl.String)


def rows_frame(session: Session, query: Any, schema: dict[str, Any]) -> pl.DataFrame:
    """The rows of an SQLAlchemy ``query`` as a frame of ``schema``."""
    rows = [tuple(row) for row in session.execute(query)]
    return pl.DataFrame(rows, schema=schema, orient="row")


def grouped_lists(session: Session, query: Any, name: str) -> pl.DataFrame:
    """``key`` and the list ``name`` of the items ``query`` gives (key, item), in its order."""
    items = rows_frame(session, query, {"key": pl.String, name: pl.String})
    return items.group_by("key", maintain_order=True).agg(pl.col(name))
