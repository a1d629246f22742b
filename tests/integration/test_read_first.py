"""A write whose checks read first, outside its transaction (services.read_first)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

import pytest

from jejaring.domain.errors import NotFound
from jejaring.services.bootstrap import Context
from jejaring.services.read_first import read_then_write
from jejaring.store.unit_of_work import UnitOfWork
from tests.factories import actor, audit_event, persist


@pytest.fixture
def two(ctx: Context) -> Context:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"))
        uow.commit()
    return ctx


def _name(uow: UnitOfWork, key: str) -> str:
    found = uow.actors.get(key)
    if found is None:
        raise NotFound("actor '{key}' not found", key=key)
    return found.name


def _audit_names(uow: UnitOfWork, name: str) -> str:
    uow.audit.record(audit_event("b", detail=name))
    return name


def _rename(uow: UnitOfWork) -> None:
    found = uow.actors.get("a")
    assert found is not None
    uow.actors.save(replace(found, name="Actor A renamed"))


def _meanwhile(ctx: Context, change: Callable[[UnitOfWork], None]) -> None:
    """``change`` committed by another writer, in a thread: not in the caller's recording."""

    def run() -> None:
        with ctx.uow() as uow:
            change(uow)
            uow.commit()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()


def test_checks_unchanged_are_read_once_and_their_write_committed(two: Context) -> None:
    reads: list[str] = []

    def read(uow: UnitOfWork) -> str:
        reads.append(_name(uow, "a"))
        return reads[-1]

    assert read_then_write(two, read, _audit_names) == "Actor a"
    assert reads == ["Actor a"]
    with two.reader() as uow:
        assert [e.detail for e in uow.audit.find_for("b")] == ["Actor a"]


def test_a_table_the_checks_read_changed_meanwhile_they_are_read_again_in_the_write(
    two: Context,
) -> None:
    reads: list[str] = []

    def read(uow: UnitOfWork) -> str:
        reads.append(_name(uow, "a"))
        if len(reads) == 1:  # another writer renames the actor once this snapshot read it
            _meanwhile(two, _rename)
        return reads[-1]

    assert read_then_write(two, read, _audit_names) == "Actor A renamed"
    assert reads == ["Actor a", "Actor A renamed"]
    with two.reader() as uow:
        assert [e.detail for e in uow.audit.find_for("b")] == ["Actor A renamed"]


def test_a_change_to_a_table_the_checks_did_not_read_leaves_them_as_read(two: Context) -> None:
    reads: list[str] = []

    def read(uow: UnitOfWork) -> str:
        reads.append(_name(uow, "a"))
        if len(reads) == 1:
            _meanwhile(two, lambda uow: uow.audit.record(audit_event("a", detail="meanwhile")))
        return reads[-1]

    read_then_write(two, read, _audit_names)
    assert reads == ["Actor a"]


def test_checks_that_fail_write_nothing(two: Context) -> None:
    with pytest.raises(NotFound, match="nobody"):
        read_then_write(two, lambda uow: _name(uow, "nobody"), _audit_names)
    with two.reader() as uow:
        assert uow.audit.find_for("b") == []


def test_a_write_that_fails_is_rolled_back(two: Context) -> None:
    def write(uow: UnitOfWork, name: str) -> None:
        _audit_names(uow, name)
        raise RuntimeError("failed after writing")

    with pytest.raises(RuntimeError, match="after writing"):
        read_then_write(two, lambda uow: _name(uow, "a"), write)
    with two.reader() as uow:
        assert uow.audit.find_for("b") == []
