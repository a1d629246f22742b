"""The unit of work around the repositories: transactions, translated errors, cascades."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError

from jejaring.domain.errors import InvalidValue, NotFound
from jejaring.services.bootstrap import Context
from jejaring.store.errors import Conflict, StoreError
from jejaring.store.tables import (
    ActorCoverageRow,
    ActorRow,
    ActorSectorRow,
    CustomerRow,
    TieRow,
)
from jejaring.store.unit_of_work import translate_errors
from tests.factories import actor, customer, persist, tie


def test_nothing_is_written_without_commit(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), tie(), customer())
        uow.flush()
        assert uow.actors.count() == 2  # visible inside the unit of work...
    with ctx.uow() as uow:
        assert uow.actors.count() == 0  # ...and gone once it is left without commit
        assert uow.ties.count() == 0 and uow.customers.count() == 0


def test_an_error_inside_the_block_writes_nothing(ctx: Context) -> None:
    with pytest.raises(RuntimeError), ctx.uow() as uow:
        persist(uow, actor("a"))
        raise RuntimeError("the use case failed half-way")
    with ctx.uow() as uow:
        assert uow.actors.get("a") is None


def test_rollback_forgets_only_what_followed_the_commit(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a"))
        uow.commit()
        persist(uow, actor("b"))
        uow.rollback()
        persist(uow, actor("c"))
    with ctx.uow() as uow:
        assert [a.key for a in uow.actors.find()] == ["a"]


def test_a_duplicate_key_is_a_conflict_at_flush_not_a_driver_error(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a"))
        uow.session.add(ActorRow(key="a", name="Again", kind="company"))
        with pytest.raises(Conflict, match="conflicts with stored data") as caught:
            uow.flush()
        assert not isinstance(caught.value, SQLAlchemyError)


def test_a_duplicate_key_is_a_conflict_at_commit(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a"))
        uow.commit()
    with ctx.uow() as uow:
        uow.session.add(ActorRow(key="a", name="Again", kind="company"))
        with pytest.raises(Conflict):
            uow.commit()
    with ctx.uow() as uow:  # the failed unit of work left nothing behind
        assert [a.name for a in uow.actors.find()] == ["Actor a"]


@pytest.mark.parametrize(
    ("driver_error", "ours"),
    [
        (IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed")), Conflict),
        (DataError("INSERT", {}, Exception("value too long for type")), InvalidValue),
        (OperationalError("BEGIN", {}, Exception("database is locked")), StoreError),
    ],
)
def test_driver_errors_are_translated_with_their_first_line(
    driver_error: SQLAlchemyError, ours: type[Exception]
) -> None:
    # PostgreSQL raises DataError for a value wider than its column, where SQLite stores it.
    with pytest.raises(ours) as caught, translate_errors():
        raise driver_error
    assert str(driver_error.orig).splitlines()[0] in str(caught.value)  # type: ignore[attr-defined]


def test_deleting_an_actor_row_cascades_to_what_is_its_own(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a", sectors=("food",), coverage=("32",)), actor("b"), actor("c"))
        persist(uow, tie("a", "b"), tie("c", "a", "knows"), tie("b", "c"), customer("a"))
        persist(uow, customer("b", "c9"))
        uow.commit()
    with ctx.uow() as uow:
        # Straight at the table, as a database administrator would: the schema cascades.
        uow.session.execute(delete(ActorRow).where(ActorRow.key == "a"))
        uow.commit()
    with ctx.uow() as uow:
        assert [(t.source, t.target) for t in uow.ties.find()] == [("b", "c")]
        assert uow.customers.count() == 1 and uow.customers.find_for("b")[0].key == "c9"
        for row in (ActorSectorRow, ActorCoverageRow):
            assert uow.session.scalar(select(func.count()).select_from(row)) == 0
        counts = [
            uow.session.scalar(select(func.count()).select_from(r)) for r in (TieRow, CustomerRow)
        ]
        assert counts == [1, 1]


def test_a_not_found_leaves_the_unit_of_work_usable(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, actor("a"))
        with pytest.raises(NotFound):
            uow.ties.add(tie("a", "nobody"))
        persist(uow, actor("b"), tie("a", "b"))
        uow.commit()
    with ctx.uow() as uow:
        assert uow.ties.count() == 1
