"""Set-based writes for imports: upserts by natural key in large batches."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from jejaring.store.tables import Base

__all__ = ["table_of", "upsert"]


def table_of(row_class: type[Base]) -> Table:
    """The Core table behind a row class."""
    table = row_class.__table__
    assert isinstance(table, Table)
    return table


def upsert(
    session: Session,
    table: Table,
    rows: Iterable[Mapping[str, Any]],
    *,
    keys: Sequence[str],
    batch: int = 5_000,
) -> int:
    """Insert ``rows``, updating the other given columns of rows whose ``keys`` exist already."""
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
    iterator = iter(rows)
    written = 0
    while chunk := list(islice(iterator, batch)):
        statement = insert(table)
        update = {name: statement.excluded[name] for name in chunk[0] if name not in keys}
        statement = (
            statement.on_conflict_do_update(index_elements=list(keys), set_=update)
            if update
            else statement.on_conflict_do_nothing(index_elements=list(keys))
        )
        session.execute(statement, chunk)
        written += len(chunk)
    return written
