"""Readers (``ctx.reader()``) read one snapshot, take no write lock and cannot write."""

from __future__ import annotations

import dataclasses

import pytest

from jejaring.services.bootstrap import Context
from jejaring.store.errors import StoreError
from tests.factories import actor, persist


def test_a_reader_keeps_its_snapshot_while_a_writer_commits(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a", description="before"))
        uow.commit()
    with ctx.reader() as reader:
        assert reader.actors.count() == 1  # the snapshot starts here
        # A writer neither waits for the reader (SQLite would time out under IMMEDIATE
        # readers) nor shows the reader its change.
        with ctx.uow() as writer:
            found = writer.actors.get("a")
            assert found is not None
            persist(writer, dataclasses.replace(found, description="after"), actor("b"))
            writer.commit()
        again = reader.actors.get("a")
        assert again is not None and again.description == "before"
        assert reader.actors.count() == 1
    with ctx.reader() as later:
        assert later.actors.count() == 2


def test_a_reader_cannot_write(ctx: Context) -> None:
    # PostgreSQL refuses the insert; SQLite's reader may not commit it.
    with ctx.reader() as reader, pytest.raises((StoreError, RuntimeError)):
        persist(reader, actor("c"))
        reader.commit()
    with ctx.uow() as uow:
        assert uow.actors.get("c") is None
