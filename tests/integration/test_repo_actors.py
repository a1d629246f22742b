"""Actors, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from jejaring.domain.actors import ActorKind, Visibility
from jejaring.domain.errors import NotFound
from jejaring.services.bootstrap import Context
from tests.factories import actor, persist

FULL = actor(
    "toko-ani",
    name="Toko Ani",
    kind=ActorKind.ENTREPRENEUR,
    sectors=("retail", "food", "crafts"),
    home_territory="32.04",
    coverage=("32", "33", "31"),
    description="Grosir sembako di Bandung.\nBuka setiap hari.",
    visibility=Visibility.PRIVATE,
)


def test_an_actor_reads_back_equal(ctx: Context) -> None:
    with ctx.uow() as uow:
        uow.actors.save(FULL)
        uow.commit()
    with ctx.uow() as uow:
        assert uow.actors.get("toko-ani") == FULL
        assert uow.actors.count() == 1


def test_saving_again_replaces_every_field_and_list(ctx: Context) -> None:
    smaller = actor("toko-ani", name="Ani", sectors=("food",), coverage=("33",))
    with ctx.uow() as uow:
        uow.actors.save(FULL)
        uow.commit()
    with ctx.uow() as uow:
        uow.actors.save(smaller)
        uow.actors.save(smaller)  # twice in one unit of work
        uow.commit()
    with ctx.uow() as uow:
        uow.actors.save(smaller)  # and again in another
        uow.commit()
    with ctx.uow() as uow:
        assert uow.actors.get("toko-ani") == smaller
        assert uow.actors.count() == 1


def test_saving_full_then_smaller_in_one_unit_of_work(ctx: Context) -> None:
    with ctx.uow() as uow:
        uow.actors.save(FULL)
        uow.actors.save(actor("toko-ani", sectors=("x",)))
        uow.actors.save(FULL)
        uow.commit()
    with ctx.uow() as uow:
        assert uow.actors.get("toko-ani") == FULL


def test_actors_are_ordered_by_key_and_page_with_after(ctx: Context) -> None:
    keys = ["m", "b", "z", "a", "k"]
    with ctx.uow() as uow:
        persist(uow, *(actor(k) for k in keys))
        uow.commit()
    with ctx.uow() as uow:
        assert [a.key for a in uow.actors.find()] == sorted(keys)
        assert [a.key for a in uow.actors.find(after="b", limit=2)] == ["k", "m"]
        assert uow.actors.find(after="z") == []


def test_an_unknown_actor_is_none_and_cannot_be_deleted(ctx: Context) -> None:
    with ctx.uow() as uow:
        assert uow.actors.get("nobody") is None
        with pytest.raises(NotFound, match="nobody"):
            uow.actors.delete("nobody")


@pytest.mark.parametrize("fields", [{"home_territory": "nowhere"}, {"coverage": ("32", "nowhere")}])
def test_an_unknown_territory_is_not_found(ctx: Context, fields: dict[str, object]) -> None:
    with ctx.uow() as uow, pytest.raises(NotFound, match="territory 'nowhere' not found"):
        uow.actors.save(actor(**fields))


def test_deleting_an_actor_removes_it_and_only_it(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, FULL, actor("b"))
        uow.commit()
    with ctx.uow() as uow:
        uow.actors.delete("toko-ani")
        uow.commit()
    with ctx.uow() as uow:
        assert uow.actors.get("toko-ani") is None
        assert [a.key for a in uow.actors.find()] == ["b"]
