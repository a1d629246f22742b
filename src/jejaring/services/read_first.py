"""A write that reads much before it writes: the reads first, outside the write transaction.

On SQLite a write transaction holds the one write lock from its start (``BEGIN IMMEDIATE``),
and every statement it runs hands the GIL over and waits to get it back from the threads
answering meanwhile: under the load bench a post held the lock three times the CPU it used,
and writers queued for it while the CPU was idle. ``read_then_write`` runs the checks that
decide what to write (who asks, what they may do, what the write refers to) in a read
transaction, then in the write transaction compares the change counters (``store.changes``)
of every table they read with those of the read's snapshot: unchanged, the checks hold as
they would have inside; changed, they run again inside. Either way the outcome is that of
running both in the write transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from jejaring.services.bootstrap import Context
from jejaring.store import changes
from jejaring.store.unit_of_work import UnitOfWork

__all__ = ["read_then_write"]

T = TypeVar("T")
R = TypeVar("R")


def read_then_write(
    ctx: Context,
    read: Callable[[UnitOfWork], T],
    write: Callable[[UnitOfWork, T], R],
    *,
    lock: Callable[[UnitOfWork], None] | None = None,
) -> R:
    """``write(uow, read(uow))`` in one committed write transaction, ``read`` having run
    first in a read transaction (again in the write one if a table it read has changed since).
    ``read`` must only read; an error it raises is raised before anything is written.
    ``lock``: run first in the write transaction, before the counters are compared, to hold
    what ``read`` found until the commit (PostgreSQL's writers do not take turns)."""
    with ctx.reader() as uow, changes.recording() as reads:
        found = read(uow)
        # A table read within a scope counts as read whole: its counter moves with every write.
        tables = {changes.table_of(t) for t in reads.tables} | {changes.ANY}
        # In the same snapshot as the data read: counts as old as what was read.
        before = changes.table_versions(uow.session, tables)
    with ctx.uow() as uow:
        if lock is not None:
            lock(uow)
        if changes.table_versions(uow.session, tables) != before:
            found = read(uow)
        result = write(uow, found)
        uow.commit()
    return result
