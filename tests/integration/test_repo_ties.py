"""Ties, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from jejaring.domain.actors import Visibility
from jejaring.domain.errors import NotFound
from jejaring.services.bootstrap import Context
from jejaring.store.errors import Conflict
from tests.factories import actor, persist, tie

FULL = tie(
    "a",
    "b",
    "supplier_of",
    weight=2.5,
    directed=True,
    since=date(2020, 1, 1),
    until=date(2025, 12, 31),
    visibility=Visibility.COMMUNITY,
)


@pytest.fixture
def actors(ctx: Context) -> Context:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), actor("c"))
        uow.commit()
    return ctx


def test_a_tie_reads_back_equal(actors: Context) -> None:
    with actors.uow() as uow:
        uow.ties.add(FULL)
        uow.commit()
    with actors.uow() as uow:
        assert uow.ties.find() == [FULL]
        assert uow.ties.get("a", "b", "supplier_of") == FULL
        assert uow.ties.count() == 1


def test_ties_are_ordered_by_source_target_and_type(actors: Context) -> None:
    ties = [tie("c", "a"), tie("a", "c", "knows"), tie("a", "b", "trusts"), tie("a", "b", "knows")]
    with actors.uow() as uow:
        persist(uow, *ties)
        uow.commit()
    with actors.uow() as uow:
        found = [(t.source, t.target, t.type) for t in uow.ties.find()]
        assert found == [
            ("a", "b", "knows"),
            ("a", "b", "trusts"),
            ("a", "c", "knows"),
            ("c", "a", "partner_of"),
        ]
        assert {t.type for t in uow.ties.find(types=["knows"])} == {"knows"}
        assert len(uow.ties.find(actor="c")) == 2
        assert uow.ties.find(actor="b", types=["partner_of"]) == []


def test_the_same_tie_twice_is_a_conflict(actors: Context) -> None:
    with actors.uow() as uow:
        uow.ties.add(FULL)
        with pytest.raises(Conflict):
            uow.ties.add(tie("a", "b", "supplier_of", weight=9))
            uow.flush()


def test_an_undirected_tie_the_other_way_round_is_the_same_tie(actors: Context) -> None:
    with actors.uow() as uow:
        uow.ties.add(tie("a", "b", "partner_of"))
        uow.commit()
    with actors.uow() as uow, pytest.raises(Conflict):
        uow.ties.add(tie("b", "a", "partner_of"))
        uow.flush()


def test_directed_ties_may_run_both_ways(actors: Context) -> None:
    with actors.uow() as uow:
        persist(uow, tie("a", "b", "trusts", directed=True), tie("b", "a", "trusts", directed=True))
        uow.commit()
    with actors.uow() as uow:
        assert uow.ties.count() == 2


def test_saving_a_tie_adds_or_replaces_it(actors: Context) -> None:
    lighter = tie("a", "b", "supplier_of", weight=0.5, directed=True)
    with actors.uow() as uow:
        uow.ties.save(FULL)
        uow.commit()
    with actors.uow() as uow:
        uow.ties.save(lighter)
        uow.ties.save(lighter)
        uow.commit()
    with actors.uow() as uow:
        assert uow.ties.find() == [lighter]


def test_saving_an_undirected_tie_the_other_way_round_replaces_it(actors: Context) -> None:
    with actors.uow() as uow:
        uow.ties.save(tie("a", "b", weight=1))
        uow.ties.save(tie("b", "a", weight=3))
        uow.commit()
    with actors.uow() as uow:
        assert uow.ties.find() == [tie("b", "a", weight=3)]


@pytest.mark.parametrize(
    ("source", "target", "type_", "missing"),
    [
        ("nobody", "b", "knows", "actor 'nobody'"),
        ("a", "nobody", "knows", "actor 'nobody'"),
        ("a", "b", "no_such_type", "tie type 'no_such_type'"),
    ],
)
def test_unknown_actors_and_types_are_not_found(
    actors: Context, source: str, target: str, type_: str, missing: str
) -> None:
    with actors.uow() as uow:
        for write in (uow.ties.add, uow.ties.save):
            with pytest.raises(NotFound, match=missing):
                write(tie(source, target, type_))


def test_deleting_a_tie(actors: Context) -> None:
    with actors.uow() as uow:
        persist(uow, FULL, tie("a", "b", "knows"))
        uow.commit()
    with actors.uow() as uow:
        uow.ties.delete("a", "b", "supplier_of")
        uow.commit()
    with actors.uow() as uow:
        assert uow.ties.get("a", "b", "supplier_of") is None
        assert [t.type for t in uow.ties.find()] == ["knows"]
        with pytest.raises(NotFound):
            uow.ties.delete("a", "b", "supplier_of")


def test_an_undirected_tie_is_found_and_deleted_from_either_end(actors: Context) -> None:
    with actors.uow() as uow:
        uow.ties.add(tie("a", "b", "partner_of"))
        uow.commit()
    with actors.uow() as uow:
        assert uow.ties.get("b", "a", "partner_of") == tie("a", "b", "partner_of")
        uow.ties.delete("b", "a", "partner_of")
        uow.commit()
    with actors.uow() as uow:
        assert uow.ties.count() == 0
