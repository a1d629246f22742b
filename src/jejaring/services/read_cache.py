"""What is kept between requests, used again while nothing it was computed from has changed.

Three kinds, each in its own least-recently-used store on the context: ``ANSWERS`` (the API's
answers to reads, ``api.kept``), ``SNAPSHOTS`` (data read from the store and prepared once
for many answers: the community partner identification reads, the territory tree, the stored
capability scores) and ``SIGN_INS`` (the account a token or session stands for, looked up on
every request). Each is kept under a key that must hold everything it depends on besides
the stored data (for an answer: who asks, with the platform roles it signed in with, what was
asked, and in which language), and used again while the change counter (``store.changes``)
of every table its computation read stands where it stood when the computation began: a write
to any of them, by this process or another sharing the database, makes it stale. Using it
reports those tables to an enclosing ``changes.recording()``, so an answer built on a snapshot
depends on what the snapshot was read from. What changes with the clock alone (today's date,
a post that expires) is bounded by ``max_age`` for answers; a snapshot's key holds the day it
is for, so snapshots do not age. Nothing is kept whose computation wrote (an
audited read) or failed.

Inside ``counted_once()`` (a request that only reads) the counters are read once, at the first
``kept``, and used for every ``kept`` after it, and each scope's at the first ``kept`` that
asks for it: counters read before the data can only be older than the data, which at worst
computes again what had not changed.

``peek`` and ``kept_only()`` never compute: they answer from what is kept, or not at all (the
API sends a kept answer that way before any route runs, ``api.kept.KeptFront``).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.orm import Session

from jejaring.services.bootstrap import Context
from jejaring.store import changes

__all__ = [
    "ANSWERS",
    "MAX_AGE",
    "SIGN_INS",
    "SNAPSHOTS",
    "SNAPSHOTS_KEPT",
    "NotKept",
    "counted_once",
    "kept",
    "kept_keys",
    "kept_only",
    "peek",
]

T = TypeVar("T")

MAX_AGE = 60.0  # seconds an answer is kept at most
ANSWERS, SNAPSHOTS, SIGN_INS = "answers", "snapshots", "sign-ins"
SNAPSHOTS_KEPT = 6  # e.g. the partner community per trust layer and day, the territory tree


@dataclass(frozen=True, slots=True)
class _Entry:
    value: object
    counts: tuple[tuple[str, int], ...]  # each table read, with its counter when computed
    born: float


class _Store:
    """The most recently used entries of one kind, at most ``size`` of them."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[Hashable, tuple[threading.Lock, int]] = {}  # lock, its users

    def find(self, key: Hashable, current: Mapping[str, int], oldest: float) -> _Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.born < oldest or any(current.get(t, 0) != n for t, n in entry.counts):
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return entry

    def get(self, key: Hashable) -> _Entry | None:
        """The entry under ``key``, fresh or not."""
        with self._lock:
            return self._entries.get(key)

    def keep(self, key: Hashable, entry: _Entry) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    @contextmanager
    def alone(self, key: Hashable) -> Iterator[None]:
        """Inside, no other thread is inside for the same ``key``."""
        with self._lock:
            lock, users = self._flights.get(key, (threading.Lock(), 0))
            self._flights[key] = (lock, users + 1)
        try:
            with lock:
                yield
        finally:
            with self._lock:
                lock, users = self._flights[key]
                if users == 1:
                    del self._flights[key]
                else:
                    self._flights[key] = (lock, users - 1)

    def keys(self) -> list[Hashable]:
        with self._lock:
            return list(self._entries)


_LOCK = threading.Lock()


def _store(ctx: Context, kind: str) -> _Store:
    key = (_Store, kind)
    found = ctx.memo.get(key)
    if found is None:
        with _LOCK:
            size = SNAPSHOTS_KEPT if kind == SNAPSHOTS else ctx.settings.read_cache_size
            found = ctx.memo.setdefault(key, _Store(size))
    assert isinstance(found, _Store)
    return found


@dataclass(slots=True)
class _Counts:
    """The counters a request has read: every table's, and those of the scopes asked so far."""

    tables: Mapping[str, int] | None = None
    scopes: dict[str, int] = field(default_factory=dict)


_counted: ContextVar[_Counts | None] = ContextVar("jejaring_counted", default=None)
_only: ContextVar[bool] = ContextVar("jejaring_kept_only", default=False)


class NotKept(Exception):
    """Inside ``kept_only()``: what was asked for is not kept, or no longer fresh."""


@contextmanager
def counted_once() -> Iterator[None]:
    """Inside, the change counters, each scope's too, are read at most once (see the module's
    docstring)."""
    token = _counted.set(_Counts())  # an object: threads running in a copy of this context share it
    try:
        yield
    finally:
        _counted.reset(token)


@contextmanager
def kept_only() -> Iterator[None]:
    """Inside, ``kept`` raises ``NotKept`` instead of computing."""
    token = _only.set(True)
    try:
        yield
    finally:
        _only.reset(token)


def _versions(ctx: Context, session: Session | None) -> Mapping[str, int]:
    if session is not None:
        return changes.versions(session)
    once = _counted.get()
    if once is None:
        return changes.versions(ctx.counters)
    if once.tables is None:
        once.tables = changes.versions(ctx.counters)
    return once.tables


def _scoped_versions(ctx: Context, session: Session | None, names: list[str]) -> Mapping[str, int]:
    if session is not None:
        return changes.scoped_versions(session, names)
    once = _counted.get()
    if once is None:
        return changes.scoped_versions(ctx.counters, names)
    missing = [n for n in names if n not in once.scopes]
    if missing:
        found = changes.scoped_versions(ctx.counters, missing)
        once.scopes.update((n, found.get(n, 0)) for n in missing)
    return {n: once.scopes[n] for n in names}


def kept(
    ctx: Context,
    key: Hashable,
    compute: Callable[[], T],
    *,
    kind: str = ANSWERS,
    session: Session | None = None,
    max_age: float | None = None,
    scopes: Mapping[str, str] | None = None,
) -> T:
    """``compute()``, or what is kept under ``key`` while it is still what that would give.

    ``session``: the transaction ``compute`` reads in, if it has one already; the counters
    are then read in it (a counter read later than the data could be newer than the data).
    ``max_age``: seconds, by default ``MAX_AGE`` for answers and no limit for snapshots.
    ``scopes``: ``compute`` reads these tables only within these scopes
    (``changes.reading_scoped``); ``key`` must hold them.
    """
    store = _store(ctx, kind)
    only = _only.get()
    if store.size <= 0:
        if only:
            raise NotKept(key)
        return compute()
    current = _versions(ctx, session)
    if scopes:
        names = [changes.scope_name(t, s) for t, scope in scopes.items() for s in (scope, "")]
        current = {**current, **_scoped_versions(ctx, session, names)}
    now = time.monotonic()
    if max_age is None:
        max_age = MAX_AGE if kind == ANSWERS else math.inf
    entry = store.find(key, current, now - max_age)
    if entry is None and only:
        raise NotKept(key)
    if entry is None:
        # One computation per key at a time: those asking meanwhile wait for it, not each
        # compute the same (a cold partner snapshot of 0.5 s, asked by 20 clients at once,
        # took each of them 30 s).
        with store.alone(key):
            entry = store.find(key, current, now - max_age)
            if entry is None:
                with changes.recording() as reads, changes.reading_scoped(scopes or {}):
                    value = compute()
                if not reads.wrote:
                    tables = sorted(reads.tables | {changes.ANY})
                    counts = tuple((t, current.get(t, 0)) for t in tables)
                    store.keep(key, _Entry(value, counts, now))
                return value
    changes.note_read(t for t, _ in entry.counts)
    kept_value: T = entry.value  # type: ignore[assignment]
    return kept_value


def peek(ctx: Context, key: Hashable) -> object | None:
    """The answer kept under ``key`` while it is still what computing it would give, else
    None. An answer read within scopes is checked against the counts of those it was read in."""
    store = _store(ctx, ANSWERS)
    if store.size <= 0:
        return None
    entry = store.get(key)
    if entry is None:
        return None
    current = _versions(ctx, None)
    names = [t for t, _ in entry.counts if changes.is_scope_name(t)]
    if names:
        current = {**current, **_scoped_versions(ctx, None, names)}
    found = store.find(key, current, time.monotonic() - MAX_AGE)
    return None if found is None else found.value


def kept_keys(ctx: Context, kind: str = ANSWERS) -> list[Hashable]:
    """The keys of what is kept, least recently used first."""
    return _store(ctx, kind).keys()
