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
from tests.factories import actor, booking, cooperation, persist, post, resource, tie
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


def _scopes_seen(ctx: Context, *names: str) -> dict[str, int]:
    found = changes.scoped_versions(ctx.engine, names)
    return {n: found.get(n, 0) for n in names}


SCOPES = ("post@cooperation:coop", "post@cooperation:alt", "post@actor:a", "post@actor:b", "post@")


def test_a_post_counts_for_its_channel_and_author_and_an_unscoped_write_for_every_scope(
    ctx: Context,
) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), cooperation("coop"), cooperation("alt"))
        uow.commit()
    before = _scopes_seen(ctx, *SCOPES)
    with ctx.uow() as uow:
        (post_id,) = persist(uow, post("coop", "a"))
        uow.commit()
    after = _scopes_seen(ctx, *SCOPES)
    assert _moved(before, after) == {"post@cooperation:coop", "post@actor:a"}
    with ctx.uow() as uow:  # a write that names no scope: every scoped reader must see it
        uow.session.execute(text("UPDATE post SET title = 'Baru' WHERE id = :i"), {"i": post_id})
        uow.commit()
    assert _moved(after, _scopes_seen(ctx, *SCOPES)) == {"post@"}


def test_a_booking_counts_for_who_booked_and_the_resource_owner(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), actor("c"), resource("r1", "a"))
        uow.commit()
    names = ("booking@actor:a", "booking@actor:b", "booking@actor:c", "booking@")
    before = _scopes_seen(ctx, *names)
    with ctx.uow() as uow:
        persist(uow, booking("r1", "b"))
        uow.commit()
    assert _moved(before, _scopes_seen(ctx, *names)) == {"booking@actor:a", "booking@actor:b"}


def test_a_scoped_reading_depends_on_its_scope_and_on_writes_of_unknown_scope(
    ctx: Context,
) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a"), cooperation("coop"))
        uow.commit()
    scope = {"post": "cooperation:coop"}
    with changes.recording() as reads, changes.reading_scoped(scope), ctx.reader() as uow:
        uow.posts.find("coop")
        uow.actors.get("a")
    assert {"post@cooperation:coop", "post@", "actor"} <= reads.tables
    assert "post" not in reads.tables
    with changes.recording() as outside, ctx.reader() as uow:  # the scope ended
        uow.posts.find("coop")
    assert "post" in outside.tables
    with pytest.raises(ValueError, match="actor"):
        changes.reading_scoped({"actor": "cooperation:coop"}).__enter__()


def test_the_counters_read_again_on_a_new_connection_when_theirs_was_closed(ctx: Context) -> None:
    # On PostgreSQL the counters' pool does not ping before use (store.engine.counters_engine):
    # a connection the server closed meanwhile (a restart) must not fail the read.
    with ctx.uow() as uow:
        persist(uow, actor("a"))
        uow.commit()
    before = versions(ctx.counters)
    if ctx.engine.dialect.name == "postgresql":
        with ctx.engine.connect() as connection:
            ended = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
        assert ended >= 1  # the counters' pooled connection among them
    assert versions(ctx.counters) == before


def test_counts_of_named_tables_and_scopes_read_alike_on_an_engine_and_in_a_session(
    ctx: Context,
) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), cooperation("coop"))
        persist(uow, post("coop", "a"))
        uow.commit()
    tables = ["actor", "cooperation", "post", "never_written"]
    scopes = ["post@cooperation:coop", "post@actor:a", "post@actor:b"]
    on_engine = changes.table_versions(ctx.engine, tables)
    assert set(on_engine) == {"actor", "cooperation", "post"}
    assert all(n >= 1 for n in on_engine.values())
    scoped_on_engine = changes.scoped_versions(ctx.engine, scopes)
    assert set(scoped_on_engine) == {"post@cooperation:coop", "post@actor:a"}
    with ctx.reader() as uow:
        assert changes.table_versions(uow.session, tables) == on_engine
        assert changes.scoped_versions(uow.session, scopes) == scoped_on_engine


def test_a_scope_name_names_its_table_and_a_table_name_itself() -> None:
    name = changes.scope_name("post", changes.cooperation_scope("c1"))
    assert changes.is_scope_name(name) and changes.table_of(name) == "post"
    assert not changes.is_scope_name("post") and changes.table_of("post") == "post"
