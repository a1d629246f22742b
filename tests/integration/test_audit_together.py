"""``services.audit.record_together``: events recorded by threads at once go in together, and
each caller returns once its own are committed, or with its own error."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest

from jejaring.domain.accounts import AuditEvent
from jejaring.domain.errors import NotFound
from jejaring.services import audit
from jejaring.services.bootstrap import Context
from tests.factories import actor, audit_event, persist


@pytest.fixture
def actors(ctx: Context) -> Context:
    with ctx.uow() as uow:
        persist(uow, *(actor(k) for k in ("a", "b")))
        uow.commit()
    return ctx


def _trail(ctx: Context, key: str) -> list[str]:
    with ctx.reader() as uow:
        return sorted(e.detail for e in uow.audit.find_for(key))


def test_events_recorded_at_once_are_written_together(
    actors: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[int] = []
    first_started, go_on = threading.Event(), threading.Event()
    write = audit._write

    def slow_first(ctx: Context, events: Sequence[AuditEvent]) -> None:
        writes.append(len(events))
        if len(writes) == 1:
            first_started.set()
            go_on.wait(10)  # the others come while the first transaction is written
        write(ctx, events)

    monkeypatch.setattr(audit, "_write", slow_first)
    with ThreadPoolExecutor(8) as pool:
        first = pool.submit(audit.record_together, actors, [audit_event(detail="0")])
        assert first_started.wait(10)
        rest = [
            pool.submit(audit.record_together, actors, [audit_event(detail=str(i))])
            for i in range(1, 8)
        ]
        waiting = actors.memo[audit._TOGETHER]._waiting
        for _ in range(1000):  # until all seven wait for the first transaction
            if len(waiting) == 7:
                break
            time.sleep(0.01)
        assert not any(f.done() for f in [first, *rest])  # none before its events are written
        go_on.set()
        for f in [first, *rest]:
            f.result(timeout=10)
    assert writes == [1, 7]
    assert _trail(actors, "a") == [str(i) for i in range(8)]


def test_a_faulty_event_fails_its_caller_only(actors: Context) -> None:
    with ThreadPoolExecutor(4) as pool:
        good = [
            pool.submit(audit.record_together, actors, [audit_event("b", detail=str(i))])
            for i in range(3)
        ]
        bad = pool.submit(audit.record_together, actors, [audit_event("nobody", detail="x")])
        for f in good:
            f.result(timeout=10)
        with pytest.raises(NotFound, match="actor 'nobody' not found"):
            bad.result(timeout=10)
    assert _trail(actors, "b") == ["0", "1", "2"]
    audit.record_together(actors, [audit_event("b", detail="after")])  # not stuck
    assert _trail(actors, "b") == ["0", "1", "2", "after"]
