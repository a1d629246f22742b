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

Some tables (``SCOPED``: posts, bookings) are written all the time, each write concerning a few
actors or one cooperation. Their writes are also counted per scope in ``change_scope``: a write
statement run inside ``scoped(connection, table, scopes)`` adds one to ``table@scope`` for each
of its scopes; any other write of the table adds one to ``table@`` (scope unknown). A
computation that reads such a table only for one scope (a channel's posts: ``post`` within
``cooperation:KEY``) runs inside ``reading_scoped({table: scope})`` and then depends on
``table@scope`` and ``table@`` instead of the table's counter: a post in another channel leaves
it valid, a write that names no scope does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, event, text
from sqlalchemy.orm import Session

from jejaring.store.tables import metadata

__all__ = [
    "ANY",
    "COUNTER_TABLE",
    "SCOPED",
    "SCOPE_TABLE",
    "UNTRACKED",
    "Reads",
    "actor_scope",
    "cooperation_scope",
    "is_scope_name",
    "note_read",
    "reading_scoped",
    "recording",
    "scope_name",
    "scoped",
    "scoped_versions",
    "seen",
    "table_of",
    "table_versions",
    "track",
    "versions",
    "wrote",
]

COUNTER_TABLE = "change_counter"
ANY = "*"  # the counter of changes whose tables are unknown: every kept answer depends on it
SCOPE_TABLE = "change_scope"
SCOPED = frozenset({"post", "booking"})  # tables whose writes are also counted per scope
_TOUCHED = "jejaring_touched_tables"
_TOUCHED_SCOPES = "jejaring_touched_scopes"
_WRITE_SCOPES = "jejaring_write_scopes"  # {table: scopes} of the write statements running now

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
_reading_scopes: ContextVar[Mapping[str, str] | None] = ContextVar("jejaring_scopes", default=None)


def scope_name(table: str, scope: str) -> str:
    """The ``change_scope`` name of ``table``'s writes within ``scope`` ("": scope unknown)."""
    return f"{table}@{scope}"


def is_scope_name(name: str) -> bool:
    """True for a ``scope_name``, False for a table's name."""
    return "@" in name


def table_of(name: str) -> str:
    """The table of a ``scope_name``, or ``name`` itself if it is a table's."""
    return name.partition("@")[0]


def actor_scope(key: str) -> str:
    """The scope of the rows that concern one actor."""
    return f"actor:{key}"


def cooperation_scope(key: str) -> str:
    """The scope of the rows that belong to one cooperation."""
    return f"cooperation:{key}"


@contextmanager
def scoped(connection: Connection, table: str, scopes: Iterable[str]) -> Iterator[None]:
    """The writes of ``table`` run on ``connection`` inside concern ``scopes`` and no other."""
    found = connection.info.setdefault(_WRITE_SCOPES, {})
    found[table] = frozenset(scopes)
    try:
        yield
    finally:
        del found[table]


@contextmanager
def reading_scoped(scopes: Mapping[str, str]) -> Iterator[None]:
    """Inside, the reads of each table of ``scopes`` (``SCOPED`` ones) concern its scope only;
    the code inside must read nothing of those tables outside their scope that can change
    without a write counted in ``table@`` or a table not in ``scopes``."""
    unknown = set(scopes) - SCOPED
    if unknown:
        raise ValueError(f"not counted per scope: {sorted(unknown)}")
    token = _reading_scopes.set(scopes)
    try:
        yield
    finally:
        _reading_scopes.reset(token)


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
    return frozenset(metadata.tables) - {COUNTER_TABLE, SCOPE_TABLE} | {"post_search"}


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
        if written & SCOPED:
            declared = connection.info.get(_WRITE_SCOPES, {})
            touched = connection.info.setdefault(_TOUCHED_SCOPES, set())
            for table in written & SCOPED:
                touched.update(scope_name(table, s) for s in declared.get(table, ("",)))
    reads = _recording.get()
    if reads is not None:
        within = _reading_scopes.get() or {}
        for table in named:
            if table in within:
                reads.tables |= {scope_name(table, within[table]), scope_name(table, "")}
            else:
                reads.tables.add(table)
        reads.wrote = reads.wrote or bool(written)


def _bump(connection: Connection) -> None:
    if connection.get_execution_options().get(UNTRACKED):
        return
    touched = connection.info.pop(_TOUCHED, None)
    scopes = connection.info.pop(_TOUCHED_SCOPES, ())
    if not touched:
        return
    mark = "?" if connection.dialect.name == "sqlite" else "%s"
    # Straight through the driver: a statement run through SQLAlchemy here would re-enter it.
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        # One statement per table, not per name: each is a round trip to PostgreSQL, and on
        # SQLite a return of the GIL the writer then waits for while holding the write lock.
        for table, names in ((COUNTER_TABLE, touched), (SCOPE_TABLE, scopes)):
            if not names:
                continue
            rows = ", ".join([f"({mark}, 1)"] * len(names))
            sql = (
                f"INSERT INTO {table} (name, version) VALUES {rows} "
                f"ON CONFLICT (name) DO UPDATE SET version = {table}.version + 1"
            )
            cursor.execute(sql, sorted(names))  # in name order: see the module's docstring
    finally:
        cursor.close()


def _forget(connection: Connection) -> None:
    if connection.invalidated:  # its DB-API connection is gone, and what it noted with it
        return
    connection.info.pop(_TOUCHED, None)
    connection.info.pop(_TOUCHED_SCOPES, None)


def track(engine: Engine) -> None:
    """Count the changes written through ``engine`` and report reads to recordings."""

    @event.listens_for(engine, "before_cursor_execute")
    def _before(connection: Connection, _cursor: Any, sql: str, *_args: Any) -> None:
        seen(connection, sql)

    event.listen(engine, "begin", _forget)
    event.listen(engine, "commit", _bump)
    event.listen(engine, "rollback", _forget)


def versions(source: Engine | Session) -> Mapping[str, int]:
    """Every table's change count (a table never changed is absent: count 0), read on a
    connection of an engine's pool or in a session's transaction."""
    sql = f"SELECT name, version FROM {COUNTER_TABLE}"
    if isinstance(source, Session):
        return {name: version for name, version in source.execute(text(sql))}
    return dict(_driver_rows(source, sql, ()))


def scoped_versions(source: Engine | Session, names: Iterable[str]) -> Mapping[str, int]:
    """The ``change_scope`` counts of ``names`` (absent: 0), read as ``versions`` reads."""
    return _named_versions(source, SCOPE_TABLE, names)


def table_versions(source: Engine | Session, tables: Iterable[str]) -> Mapping[str, int]:
    """The change counts of ``tables`` (absent: 0), read as ``versions`` reads."""
    return _named_versions(source, COUNTER_TABLE, tables)


def _named_versions(
    source: Engine | Session, table: str, names: Iterable[str]
) -> Mapping[str, int]:
    wanted = sorted(set(names))
    if not wanted:
        return {}
    sql = f"SELECT name, version FROM {table} WHERE name IN "
    if isinstance(source, Session):
        query = text(sql + ":names").bindparams(bindparam("names", expanding=True))
        return {name: version for name, version in source.execute(query, {"names": wanted})}
    mark = "?" if source.dialect.name == "sqlite" else "%s"
    return dict(_driver_rows(source, sql + f"({', '.join([mark] * len(wanted))})", wanted))


def _driver_rows(engine: Engine, sql: str, parameters: Sequence[str]) -> list[Any]:
    # Straight through the driver: read before every kept answer, SQLAlchemy's connection and
    # transaction around one small SELECT cost six times the SELECT (168 µs against 26 µs).
    # Its pool may not ping a connection before use (engine.counters_engine): one found
    # closed (a restarted server) is dropped and the read made once more on a new one.
    try:
        return _driver_rows_once(engine, sql, parameters)
    except engine.dialect.loaded_dbapi.OperationalError:
        return _driver_rows_once(engine, sql, parameters)


def _driver_rows_once(engine: Engine, sql: str, parameters: Sequence[str]) -> list[Any]:
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql, parameters)
        rows = cursor.fetchall()
        cursor.close()
        return list(rows)
    except engine.dialect.loaded_dbapi.OperationalError:
        connection.invalidate()
        raise
    finally:
        connection.close()
