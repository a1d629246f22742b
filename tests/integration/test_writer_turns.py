"""Writers of one SQLite file take turns (``store/writer_turns.py``) before ``BEGIN IMMEDIATE``,
and every way a write transaction ends gives the turn back.

SQLite only, on purpose: turns are how SQLite's one write lock is queued for; PostgreSQL
writers do not share one lock.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from jejaring.store.engine import make_engine, read_only
from jejaring.store.writer_turns import WriterTurns

WAIT = 30  # seconds before a stuck handshake fails the test instead of hanging it


@pytest.fixture
def db(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "turns.db"
    shutil.copyfile(sqlite_template, path)  # with the change counters every engine writes
    return path


@pytest.fixture
def engine(db: Path) -> Iterator[Engine]:
    built = make_engine(f"sqlite:///{db}", busy_timeout_ms=300)
    with built.begin() as connection:
        connection.execute(text("CREATE TABLE n (v INTEGER)"))
        connection.execute(text("INSERT INTO n VALUES (0)"))
    yield built
    built.dispose()


def _turn_is_free(db: Path) -> bool:
    """Whether another process could take the turn now (a new descriptor: a lock of its own)."""
    fd = os.open(f"{db}-writers", os.O_RDONLY | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing gives back a lock it took
    return True


def test_a_write_transaction_holds_the_turn_until_it_commits(engine: Engine, db: Path) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE n SET v = v + 1"))
        assert not _turn_is_free(db)
    assert _turn_is_free(db)


def test_a_rolled_back_transaction_gives_the_turn_back(engine: Engine, db: Path) -> None:
    with pytest.raises(ZeroDivisionError), engine.begin() as connection:
        connection.execute(text("UPDATE n SET v = v + 1"))
        assert not _turn_is_free(db)
        raise ZeroDivisionError
    assert _turn_is_free(db)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT v FROM n")).scalar_one() == 0


def test_a_connection_returned_mid_transaction_gives_the_turn_back(
    engine: Engine, db: Path
) -> None:
    connection = engine.connect()
    connection.begin()
    connection.execute(text("UPDATE n SET v = v + 1"))
    assert not _turn_is_free(db)
    connection.close()  # neither committed nor rolled back by the caller
    assert _turn_is_free(db)


def test_an_invalidated_connection_gives_the_turn_back(engine: Engine, db: Path) -> None:
    connection = engine.connect()
    connection.begin()
    connection.execute(text("UPDATE n SET v = v + 1"))
    connection.invalidate()  # its DB-API connection closed, the transaction with it
    assert _turn_is_free(db)
    connection.rollback()
    connection.close()


def test_a_reader_takes_no_turn(engine: Engine, db: Path) -> None:
    with read_only(engine).connect() as connection, connection.begin():
        connection.execute(text("SELECT v FROM n")).scalar_one()
        assert _turn_is_free(db)


def test_a_begin_refused_by_sqlite_gives_the_turn_back(engine: Engine, db: Path) -> None:
    # A program outside Jejaring holds SQLite's write lock: the turn is no use against it.
    outside = sqlite3.connect(db, isolation_level=None)
    outside.execute("BEGIN IMMEDIATE")
    try:
        locked = pytest.raises(OperationalError, match="database is locked")
        with locked, engine.begin() as connection:
            connection.execute(text("UPDATE n SET v = v + 1"))
        assert _turn_is_free(db)
    finally:
        outside.execute("ROLLBACK")
        outside.close()
    with engine.begin() as connection:  # and the next writer goes on
        connection.execute(text("UPDATE n SET v = v + 1"))


def test_a_writer_waits_for_the_turn_then_writes_after_the_first(engine: Engine) -> None:
    inside, order = threading.Event(), []

    def first() -> None:
        with engine.begin() as connection:
            connection.execute(text("UPDATE n SET v = v + 1"))
            inside.set()
            time.sleep(0.2)  # the second writer waits meanwhile, for longer than SQLite would
            order.append("first")

    def second() -> None:
        assert inside.wait(WAIT)
        with engine.begin() as connection:
            order.append("second")
            connection.execute(text("UPDATE n SET v = v * 10"))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT)
    # The busy timeout is 300 ms: the second writer got its turn, not a lock error.
    assert order == ["first", "second"]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT v FROM n")).scalar_one() == 10


def test_a_turn_not_had_in_time_is_gone_without(db: Path) -> None:
    holder, other = WriterTurns(str(db), 1.0), WriterTurns(str(db), 0.05)
    first, second = object(), object()
    holder.take(first)
    assert holder.holds(first)
    other.take(second)  # another process's turns: the file lock is held
    assert not other.holds(second)
    other.give_back(second)  # without a turn, nothing to give back
    assert holder.holds(first)
    holder.give_back(first)
    other.take(second)
    assert other.holds(second)
    other.give_back(second)


def _increments(url: str, count: int) -> None:
    engine = make_engine(url, busy_timeout_ms=30_000)
    try:
        for _ in range(count):
            with engine.begin() as connection:
                v = connection.execute(text("SELECT v FROM n")).scalar_one()
                connection.execute(text("UPDATE n SET v = :v"), {"v": v + 1})
    finally:
        engine.dispose()


def test_writers_in_two_processes_and_threads_lose_no_update(engine: Engine, db: Path) -> None:
    url = f"sqlite:///{db}"
    spawn = multiprocessing.get_context("spawn")  # as the server's workers start
    other = spawn.Process(target=_increments, args=(url, 100))
    other.start()
    threads = [threading.Thread(target=_increments, args=(url, 50)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT * 2)
    other.join(WAIT * 2)
    assert other.exitcode == 0
    with engine.connect() as connection:
        assert connection.execute(text("SELECT v FROM n")).scalar_one() == 200
