"""Building an engine for a database URL: SQLite tuned for one machine, PostgreSQL via psycopg 3."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from jejaring.domain.errors import N_
from jejaring.store import changes
from jejaring.store.errors import StoreError
from jejaring.store.writer_turns import WriterTurns

__all__ = ["READ_ONLY", "counters_engine", "is_sqlite", "make_engine", "normalise_url", "read_only"]

READ_ONLY = "jejaring_read_only"  # execution option of the engine that reads a snapshot


def read_only(engine: Engine) -> Engine:
    """The same engine (and pool) whose transactions read one snapshot and never write."""
    return engine.execution_options(**{READ_ONLY: True})


# Connections kept open: as many as the server's worker threads (anyio's default 40) use at
# once, so that a busy server does not open and close a connection per request.
_POOL = 40


def normalise_url(url: str) -> str:
    """Accept ``postgres://`` and ``postgresql://`` and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def is_sqlite(engine: Engine) -> bool:
    """True for the embedded database."""
    return engine.dialect.name == "sqlite"


def make_engine(url: str, *, busy_timeout_ms: int = 30_000) -> Engine:
    """Return an engine; SQLite gets WAL, foreign keys, a busy timeout and IMMEDIATE writes."""
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        raise StoreError(N_("not a database URL: {url}"), url=url) from None
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed, busy_timeout_ms)
    elif parsed.get_backend_name() == "postgresql":
        engine = _postgres_engine(
            create_engine(parsed, pool_pre_ping=True, pool_size=_POOL, max_overflow=_POOL)
        )
    else:
        raise StoreError(
            N_("unsupported database '{backend}': use sqlite:///FILE or postgresql://..."),
            backend=parsed.get_backend_name(),
        )
    changes.track(engine)
    return engine


def counters_engine(engine: Engine) -> Engine:
    """The engine for reading the change counters (``store.changes``), which happens before
    every kept answer. On SQLite, ``engine`` reading a snapshot; on PostgreSQL, a pool of its
    own in autocommit and without a ping at checkout, so that a read is one round trip instead
    of four (ping, BEGIN, SELECT, ROLLBACK). Disposed with ``engine``'s owner."""
    if is_sqlite(engine):
        return read_only(engine)
    # As many as read at once: the event loop and the worker threads of one process.
    return create_engine(engine.url, isolation_level="AUTOCOMMIT", pool_size=10, max_overflow=10)


def _sqlite_engine(url: URL, busy_timeout_ms: int) -> Engine:
    in_memory = url.database in (None, "", ":memory:")  # one connection: no pool to size
    pooled = {} if in_memory else {"pool_size": _POOL, "max_overflow": _POOL}
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000}, **pooled)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see "begin" below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    turns = None if in_memory else WriterTurns(str(url.database), busy_timeout_ms / 1000)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front, so two writers queue instead of deadlocking;
        # a reader takes none (WAL gives it a snapshot) and so never waits for a writer.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
            return
        writer = connection.connection.dbapi_connection
        if turns is not None:
            turns.take(writer)
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            if turns is not None:
                turns.give_back(writer)
            raise

    if turns is not None:
        _give_back_after_ending(engine, turns)
    return engine


def _give_back_after_ending(engine: Engine, turns: WriterTurns) -> None:
    # After, not in, the "commit" and "rollback" events, which run before the transaction
    # ends: the next writer would find SQLite's lock still held and sleep in its busy handler.
    # The pool's reset of a returned connection rolls back through the dialect too.
    dialect = engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    def do_commit(dbapi_connection: Any) -> None:
        try:
            commit(dbapi_connection)
        finally:
            turns.give_back(_raw(dbapi_connection))

    def do_rollback(dbapi_connection: Any) -> None:
        try:
            rollback(dbapi_connection)
        finally:
            turns.give_back(_raw(dbapi_connection))

    dialect.do_commit = do_commit  # type: ignore[method-assign]
    dialect.do_rollback = do_rollback  # type: ignore[method-assign]

    def _on_lost(dbapi_connection: Any, *_: Any) -> None:  # closed or invalidated mid-turn
        turns.give_back(dbapi_connection)

    for lost in ("invalidate", "close", "close_detached"):
        event.listen(engine.pool, lost, _on_lost)


def _raw(connection: Any) -> Any:
    """The DB-API connection behind a pool's proxy (the dialect gets either)."""
    return getattr(connection, "dbapi_connection", connection)


def _postgres_engine(engine: Engine) -> Engine:
    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            # One snapshot for every statement of the transaction, as SQLite's WAL gives.
            connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")

    return engine
