"""The composition root: builds the engine and the unit-of-work factory from settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from jejaring.config import Settings
from jejaring.domain.errors import N_
from jejaring.store import schema
from jejaring.store.engine import counters_engine, make_engine, read_only
from jejaring.store.errors import SchemaOutOfDate
from jejaring.store.unit_of_work import UnitOfWork, session_factory

__all__ = ["Context", "bootstrap"]

_AT_HEAD = ("schema-at-head",)


@dataclass(frozen=True)
class Context:
    """What every use case needs: settings, the engine, and fresh units of work."""

    settings: Settings
    engine: Engine
    uow: Callable[[], UnitOfWork]
    # Reads one snapshot and takes no write lock: for long reads (exports, layers).
    reader: Callable[[], UnitOfWork]
    # Reads the change counters (services.read_cache), before every kept answer.
    counters: Engine
    # Derived data worth keeping between requests (e.g. the partner snapshot), by use case.
    memo: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)

    def require_schema(self) -> None:
        """Raise SchemaOutOfDate unless the database is initialised at the newest revision.

        Once found at the newest revision it stays there for this process (only a newer
        Jejaring would upgrade it), so the check costs a look-up once, not on every request.
        """
        if self.memo.get(_AT_HEAD):
            return
        current, head = schema.current_revision(self.engine), schema.head_revision()
        if current != head:
            raise SchemaOutOfDate(
                N_(
                    "the database at {url} is not initialised or is out of date: "
                    "run 'jejaring init' first"
                ),
                url=self.engine.url.render_as_string(hide_password=True),
            )
        self.memo[_AT_HEAD] = True

    def close(self) -> None:
        self.counters.dispose()
        self.engine.dispose()


def bootstrap(settings: Settings) -> Context:
    """Build the application's context; nothing connects until a unit of work is used."""
    engine = make_engine(settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    factory, reading = session_factory(engine), session_factory(read_only(engine))
    return Context(
        settings,
        engine,
        lambda: UnitOfWork(factory),
        lambda: UnitOfWork(reading, read_only=True),
        counters_engine(engine),
    )
