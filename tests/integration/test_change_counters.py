"""Change counters on both databases: every committed write counts for the tables it wrote,
through the ORM, Core statements and the bulk paths that talk to the driver; reads, rollbacks
and migrations count nothing; recordings learn the tables a computation read."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from sqlalchemy import text

from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.imports import import_bundle
from jejaring.store import changes, schema
from jejaring.store.changes import ANY, versions
from tests.factories import actor, persist, tie
from tests.support.bundles import SHEETS, bundle


def _moved(before: Mapping[str, int], after: Mapping[str, int]) -> set[str]:
    return {t for t in set(before) | set(after) if before.get(t, 0) != after.get(t, 0)}


def test_a_committed_write_counts_for_each_table_it_wrote_once(ctx: Context) -> None:
    before = versions(ctx.engine)
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), tie("a", "b", "knows"))
        uow.commit()
    after = versions(ctx.engine)
    assert {"actor", "tie"} <= _moved(before, after) and ANY not in _moved(before, after)
    assert after["actor"] == before.get("actor", 0) + 1  # one transaction, however many rows
    with ctx.uow() as uow:
        uow.session.execute(text("UPDATE actor SET name = 'B' WHERE key = 'b'"))
        uow.commit()
    assert _moved(after, versions(ctx.engine)) == {"actor"}


def test_reads_and_rolled_back_writes_count_nothing(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a"))
        uow.commit()
    before = versions(ctx.engine)
    with ctx.reader() as uow:
        assert uow.actors.get("a") is not None
    with ctx.uow() as uow:
        persist(uow, actor("b"))
        uow.flush()  # sent, then never committed
    with pytest.raises(RuntimeError), ctx.uow() as uow:
        persist(uow, actor("c"))
        uow.flush()
        raise RuntimeError("the use case failed")
    assert versions(ctx.engine) == before


def test_a_bundle_import_counts_for_the_tables_it_loaded(ctx: Context) -> None:
    # On PostgreSQL the rows go in through COPY on the driver's cursor, past SQLAlchemy.
    before = versions(ctx.engine)
    assert import_bundle(ctx, bundle(SHEETS)).errors == []
    moved = _moved(before, versions(ctx.engine))
    assert {"actor", "tie", "customer"} <= moved


def _seen_by_another_process(ctx: Context) -> Mapping[str, int]:
    other = bootstrap(ctx.settings)  # its own engine and pool
    try:
        return versions(other.engine)
    finally:
        other.close()


def test_another_process_sees_the_counts(ctx: Context) -> None:
    before = _seen_by_another_process(ctx)
    with ctx.uow() as uow:
        persist(uow, actor("a"))
        uow.commit()
    assert _seen_by_another_process(ctx)["actor"] == before.get("actor", 0) + 1


def test_a_recording_learns_the_tables_read_and_whether_it_wrote(ctx: Context) -> None:
    with changes.recording() as outer:
        with changes.recording() as inner, ctx.reader() as uow:
            uow.actors.get("nobody")
        assert "actor" in inner.tables and not inner.wrote
        changes.note_read(["territory"])
    assert {"actor", "territory"} <= outer.tables and not outer.wrote
    with changes.recording() as writing, ctx.uow() as uow:
        persist(uow, actor("a"))
        uow.commit()
    assert writing.wrote and "actor" in writing.tables


def test_upgrading_the_schema_counts_nothing(ctx: Context) -> None:
    before = versions(ctx.engine)
    schema.upgrade(ctx.engine)  # at head already: a no-op that still runs in a transaction
    assert versions(ctx.engine) == before
