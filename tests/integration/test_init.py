"""``initialise`` creates, then upgrades idempotently, on both databases."""

from __future__ import annotations

from sqlalchemy import text

from jejaring.config import Settings
from jejaring.domain.territories import Level
from jejaring.services.bootstrap import bootstrap
from jejaring.services.setup import initialise
from jejaring.store import schema
from jejaring.store.errors import SchemaOutOfDate


def test_init_creates_then_is_idempotent(empty_db_url: str) -> None:
    ctx = bootstrap(Settings(database_url=empty_db_url))
    try:
        try:
            ctx.require_schema()
            raise AssertionError("an empty database must be reported as not initialised")
        except SchemaOutOfDate as error:
            assert "jejaring init" in str(error)
        first = initialise(ctx)
        assert first.revision_before is None
        assert first.revision_after == schema.head_revision()
        assert first.territories == 1 + 38 + 514 + 7285
        assert first.tie_types == 25
        second = initialise(ctx, with_villages=True)
        assert second.revision_before == first.revision_after
        assert second.territories == first.territories + 83762
        ctx.require_schema()
        with ctx.uow() as uow:
            jabar = uow.territories.get("32")
            assert jabar is not None and jabar.level is Level.PROVINCE
            assert jabar.parent_code == "ID"
            bandung = uow.territories.find(parent="32.04")
            assert bandung and all(t.level is Level.DISTRICT for t in bandung)
    finally:
        ctx.close()


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = bootstrap(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"))
    try:
        with ctx.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    finally:
        ctx.close()
