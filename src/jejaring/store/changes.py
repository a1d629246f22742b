"""Which tables changed, and which tables a computation read: what kept answers are checked by.

Every committed write transaction adds one to the ``change_counter`` row of each table it
wrote, in the same transaction, so every process sharing the database sees it. The tables a
transaction writes are learned from the statements it runs (``INSERT``, ``UPDATE``, ``DELETE``
through SQLAlchemy; the bulk paths that talk to the driver directly report theirs with
``seen``); a statement whose table cannot be named (DDL, a CTE that writes) counts as a change
of everything (``ANY``). The counters are bumped at commit, table by table in name order, so
that two PostgreSQL writers lock them in the same order and never deadlock on them.

``recording()`` collects, for the code running inside it (in this thread's context), the
tables its statements read, and whether it wrote anything: an answer kept by
``services.read_cache`` is valid while none of those tables' counters moved. Data kept in
memory instead of read again (``Context.memo``) is read once inside ``recording()`` too, and
``note_read`` reports its tables whenever it is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.orm import Session

from jejaring.store.tables import metadata

__all__ = [
    "ANY",
    "COUNTER_TABLE",
    "UNTRACKED",
    "Reads",
    "note_read",
    "recording",
    "seen",
    "track",
    "versions",
    "wrote",
]

COUNTER_TABLE = "change_counter"
ANY = "*"  # the counter of changes whose tables are unknown: every kept answer depends on it
_TOUCHED = "jejaring_touched_tables"

UNTRACKED = "jejaring_untracked"  # execution option of connections whose writes are not counted

_WRITE = re.compile(
    r"""^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO|COPY)\s+"?(\w+)""",
    re.IGNORECASE,
)
_FIRST = re.compile(r"^\s*(\w+)")
_NO_WRITE = frozenset(
    {"SELECT", "PRAGMA", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "SHOW",
     "EXPLAIN", "ANALYZE", "LOCK", "VALUES"}
)  # fmt: skip
_CTE_WRITE = re.compile(r"\)\s*(?:INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")


@dataclass
class Reads:
    """What the code inside one ``recording()`` read, and whether it wrote."""

    tables: set[str] = field(default_factory=set)
    wrote: bool = False


_recording: ContextVar[Reads | None] = ContextVar("jejaring_reads", default=None)


@contextmanager
def recording() -> Iterator[Reads]:
    """Collect the tables read inside; an enclosing recording learns them too."""
    outer = _recording.get()
    reads = Reads()
    token = _recording.set(reads)
    try:
        yield reads
    finally:
        _recording.reset(token)
        if outer is not None:
            outer.tables |= reads.tables
            outer.wrote = outer.wrote or reads.wrote


def note_read(tables: Iterable[str]) -> None:
    """Report tables read from memory rather than through a statement."""
    reads = _recording.get()
    if reads is not None:
        reads.tables.update(tables)


@lru_cache(maxsize=1024)  # statements repeat; an IN list of each length is one more
def _classify(sql: str) -> tuple[frozenset[str], frozenset[str]]:
    """(tables written, tables named) by one statement; ANY when a write names no table."""
    names = frozenset(_WORD.findall(sql)) & _table_names()
    found, first = _WRITE.match(sql), _FIRST.match(sql)
    verb = first.group(1).upper() if first else ""
    if found is not None:
        written = frozenset({found.group(1)}) & _table_names() or frozenset({ANY})
    elif verb in _NO_WRITE or (verb == "WITH" and not _CTE_WRITE.search(sql)):
        written = frozenset()
    else:  # DDL, a CTE that writes, anything unforeseen
        written = frozenset({ANY})
    return written, names


@lru_cache(maxsize=1)
def _table_names() -> frozenset[str]:
    # post_search: the full-text table kept outside the metadata (store.schema.SEARCH_OBJECTS)
    return frozenset(metadata.tables) - {COUNTER_TABLE} | {"post_search"}


def seen(connection: Connection, sql: str) -> None:
    """Account for a statement run on ``connection``: what it writes and, when recording, reads."""
    _account(connection, *_classify(sql))


def wrote(connection: Connection, table: str) -> None:
    """Account for a write to ``table`` that ran past SQLAlchemy (the driver's COPY)."""
    _account(connection, frozenset({table}), frozenset({table}))


def _account(connection: Connection, written: frozenset[str], named: frozenset[str]) -> None:
    if connection.get_execution_options().get(UNTRACKED):
        return
    if written:
        connection.info.setdefault(_TOUCHED, set()).update(written)
    reads = _recording.get()
    if reads is not None:
        reads.tables |= named
        reads.wrote = reads.wrote or bool(written)


def _bump(connection: Connection) -> None:
    if connection.get_execution_options().get(UNTRACKED):
        return
    touched = connection.info.pop(_TOUCHED, None)
    if not touched:
        return
    sqlite = connection.dialect.name == "sqlite"
    mark = "?" if sqlite else "%s"
    sql = (
        f"INSERT INTO {COUNTER_TABLE} (name, version) VALUES ({mark}, 1) "
        f"ON CONFLICT (name) DO UPDATE SET version = {COUNTER_TABLE}.version + 1"
    )
    # Straight through the driver: a statement run through SQLAlchemy here would re-enter it.
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        for name in sorted(touched):
            cursor.execute(sql, (name,))
    finally:
        cursor.close()


def _forget(connection: Connection) -> None:
    connection.info.pop(_TOUCHED, None)


def track(engine: Engine) -> None:
    """Count the changes written through ``engine`` and report reads to recordings."""

    @event.listens_for(engine, "before_cursor_execute")
    def _before(connection: Connection, _cursor: Any, sql: str, *_args: Any) -> None:
        seen(connection, sql)

    event.listen(engine, "begin", _forget)
    event.listen(engine, "commit", _bump)
    event.listen(engine, "rollback", _forget)


def versions(source: Engine | Session) -> Mapping[str, int]:
    """Every table's change count (a table never changed is absent: count 0), read on a new
    connection of an engine or in a session's transaction."""
    sql = text(f"SELECT name, version FROM {COUNTER_TABLE}")
    if isinstance(source, Session):
        return {name: version for name, version in source.execute(sql)}
    with source.connect() as connection:
        return {name: version for name, version in connection.execute(sql)}
