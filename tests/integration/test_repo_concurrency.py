"""Two writers at once on SQLite: ``BEGIN IMMEDIATE`` makes the second wait, nothing is lost.

SQLite only, on purpose: the IMMEDIATE setting is SQLite's (``store/engine.py``). On
PostgreSQL a unit of work runs at READ COMMITTED and does not queue writers; use cases that
read, then write, must lock what they read there.
"""

from __future__ import annotations

import dataclasses
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jejaring.config import Settings
from jejaring.services.bootstrap import Context, bootstrap
from tests.factories import actor, persist

WAIT = 30  # seconds before a stuck handshake fails the test instead of hanging it


@pytest.fixture
def sqlite_ctx(sqlite_template: Path, tmp_path: Path) -> Iterator[Context]:
    path = tmp_path / "jejaring.db"
    shutil.copyfile(sqlite_template, path)
    context = bootstrap(Settings(database_url=f"sqlite:///{path}"))
    with context.uow() as uow:
        persist(uow, actor("counter", description="0"))
        uow.commit()
    yield context
    context.close()


def _increment(ctx: Context, *, before: Callable[[], None], inside: Callable[[], None]) -> int:
    """Read the counter, let ``inside`` run, write counter + 1; return the value read."""
    with ctx.uow() as uow:
        before()
        current = uow.actors.get("counter")  # the first statement begins the transaction
        assert current is not None
        inside()
        seen = int(current.description)
        uow.actors.save(dataclasses.replace(current, description=str(seen + 1)))
        uow.commit()
    return seen


def _run(*targets: Callable[[], object]) -> list[object]:
    results: list[object] = [None] * len(targets)

    def run(i: int) -> None:
        try:
            results[i] = targets[i]()
        except BaseException as error:  # reported by the test, not lost in the thread
            results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(targets))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WAIT * 2)
    return results


def _counter(ctx: Context) -> int:
    with ctx.uow() as uow:
        found = uow.actors.get("counter")
        assert found is not None
        return int(found.description)


def test_the_second_writer_waits_for_the_first_and_reads_its_write(sqlite_ctx: Context) -> None:
    first_inside, second_starting = threading.Event(), threading.Event()

    def first_holds_its_transaction() -> None:
        first_inside.set()
        assert second_starting.wait(WAIT)
        # Give the second writer time to reach BEGIN; a slow machine only makes the test
        # weaker (the second then starts after the commit), never wrong.
        time.sleep(0.2)

    def second_starts_once_first_is_inside() -> None:
        assert first_inside.wait(WAIT)
        second_starting.set()

    first = _run(
        lambda: _increment(sqlite_ctx, before=lambda: None, inside=first_holds_its_transaction),
        lambda: _increment(
            sqlite_ctx, before=second_starts_once_first_is_inside, inside=lambda: None
        ),
    )
    # The second read what the first wrote: it waited instead of reading a stale snapshot.
    assert first == [0, 1]
    assert _counter(sqlite_ctx) == 2


def test_many_writers_lose_no_update(sqlite_ctx: Context) -> None:
    def writer() -> list[int]:
        return [_increment(sqlite_ctx, before=lambda: None, inside=lambda: None) for _ in range(10)]

    results = _run(writer, writer, writer, writer)
    assert not [r for r in results if isinstance(r, BaseException)], results
    seen = sorted(v for r in results if isinstance(r, list) for v in r)
    assert seen == list(range(40))  # every increment read a distinct value
    assert _counter(sqlite_ctx) == 40
