"""Use case: the audit trail of an actor's data — who read what partners were shown of it,
and who changed its sharing policies, when, in which cooperation; newest first."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from jejaring.domain.accounts import AuditEvent, User
from jejaring.domain.errors import N_, NotFound
from jejaring.services.access import Operation, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.read_first import read_then_write

__all__ = ["audit_dict", "audit_trail", "record_together"]


class _Waiting:
    """One caller's events; woken when they are written, or when it is its turn to write."""

    def __init__(self, events: Sequence[AuditEvent]) -> None:
        self.events = events
        self.wake = threading.Event()
        self.written = False
        self.error: BaseException | None = None


class _Together:
    """Events recorded by threads at once, written in one transaction.

    A caller finding nobody writing writes, for itself and for all who came while the
    transaction before was written; then it hands the turn to the first who came since, if
    any. Nobody returns before their events are committed, as if each had written its own.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[_Waiting] = []
        self._writing = False

    def record(self, ctx: Context, events: Sequence[AuditEvent]) -> None:
        mine = _Waiting(events)
        with self._lock:
            self._waiting.append(mine)
            lead, self._writing = not self._writing, True
        if not lead:
            mine.wake.wait()
        if not mine.written:  # its turn: write all that wait, its own events among them
            self._write_and_hand_over(ctx)
        if mine.error is not None:
            raise mine.error

    def _write_and_hand_over(self, ctx: Context) -> None:
        with self._lock:
            batch, self._waiting = self._waiting, []
        try:
            try:
                _write(ctx, [e for w in batch for e in w.events])
            except Exception:  # each on its own then, so that only the faulty fail
                for w in batch:
                    try:
                        _write(ctx, w.events)
                    except Exception as error:  # raised again in its caller's thread
                        w.error = error
        except BaseException as error:  # interrupted: none of the batch was written
            for w in batch:
                w.error = w.error or error
            raise
        finally:
            for w in batch:
                w.written = True
                w.wake.set()
            with self._lock:
                if self._waiting:
                    self._waiting[0].wake.set()
                else:
                    self._writing = False


def _write(ctx: Context, events: Sequence[AuditEvent]) -> None:
    # The actors and users the events name are looked up before the write transaction: on
    # SQLite each statement in it holds the one write lock while it waits for the GIL.
    read_then_write(
        ctx, lambda uow: uow.audit.rows_of(events), lambda uow, rows: uow.audit.append(rows)
    )


_TOGETHER = ("audit", "together")
_LOCK = threading.Lock()


def record_together(ctx: Context, events: Sequence[AuditEvent]) -> None:
    """Record ``events`` and return once they are committed, in one transaction with those
    other threads record meanwhile: an audited read writes on every read, and on SQLite each
    write transaction waits its turn for the one write lock."""
    if not events:
        return
    with _LOCK:
        together = ctx.memo.setdefault(_TOGETHER, _Together())
    assert isinstance(together, _Together)
    together.record(ctx, events)


def audit_trail(ctx: Context, user: User | None, actor: str) -> list[AuditEvent]:
    """Events about ``actor``: for its owners and managers, and administrators."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=actor)
        if uow.actors.get(actor) is None:
            raise missing
        authorize(p, Operation.AUDIT, actor, visible=False, missing=missing)
        return uow.audit.find_for(actor)


def audit_dict(e: AuditEvent) -> dict[str, Any]:
    return {
        "at": e.at.isoformat(),
        "action": e.action,
        "actor": e.subject_actor,
        "by_user": e.by_user,
        "by_actor": e.by_actor,
        "cooperation": e.cooperation,
        "detail": e.detail,
    }
