"""Writers of one SQLite file take turns, so that the next starts the moment the last ends.

SQLite's own wait for its write lock (the busy timeout) sleeps in growing steps of up to
100 ms whatever the lock does meanwhile: under the load bench most of a write's time went to
those sleeps, not to writing (docs/api.md, "Under load"). A writer of this engine therefore
first takes its turn here: a lock of the process, which wakes a waiting thread as soon as it
is given back, then an exclusive ``flock`` on ``FILE-writers`` between processes (each server
worker is one), tried every half millisecond. Holding both, ``BEGIN IMMEDIATE`` finds SQLite's
lock free unless a program outside Jejaring writes; that one still meets the busy timeout.

A turn not had within the busy timeout is gone without: ``BEGIN IMMEDIATE`` then decides, as
it would without turns. Without ``fcntl`` (Windows) or a writable directory, turns are per
process only.
"""

from __future__ import annotations

import logging
import os
import threading
import time

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = ["WriterTurns"]

log = logging.getLogger(__name__)
_POLL_S = 0.0005


class WriterTurns:
    """One turn at a time among the writers of one database file, in all processes."""

    def __init__(self, database: str, timeout_s: float) -> None:
        self.path = database + "-writers"
        self._timeout_s = timeout_s
        self._lock = threading.Lock()
        self._holder: object | None = None
        self._fd: int | None = None
        self._fd_pid = 0  # a forked child must open its own: a shared descriptor shares the lock
        self._per_process = fcntl is None

    def take(self, writer: object) -> None:
        """Wait for the turn, for ``writer`` (a DB-API connection)."""
        deadline = time.monotonic() + self._timeout_s
        if not self._lock.acquire(timeout=self._timeout_s):
            return
        had = False
        try:
            had = self._lock_file(deadline)
        finally:
            if had:
                self._holder = writer
            else:
                self._lock.release()

    def give_back(self, writer: object) -> None:
        """End ``writer``'s turn, if it has one (it may end a transaction without)."""
        if self._holder is not writer:
            return
        self._holder = None
        try:
            if self._fd is not None:  # opened only where there is fcntl
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._lock.release()

    def holds(self, writer: object) -> bool:
        """True while ``writer`` has the turn."""
        return self._holder is writer

    def _lock_file(self, deadline: float) -> bool:
        fd = self._file()
        if fd is None:
            return True
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(_POLL_S)

    def _file(self) -> int | None:
        if self._per_process:
            return None
        if self._fd is None or self._fd_pid != os.getpid():
            try:  # flock needs no write access: whoever may read the database may take turns
                self._fd = os.open(self.path, os.O_RDONLY | os.O_CREAT, 0o644)
            except OSError as error:
                log.warning("writers of %s take turns per process only: %s", self.path, error)
                self._per_process = True
                return None
            self._fd_pid = os.getpid()
        return self._fd
