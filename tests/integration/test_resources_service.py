"""Resources and bookings through the use cases, with who may do what, on both databases."""

from __future__ import annotations

import pytest

from jejaring.domain.errors import InvalidValue, NotFound, RuleViolation
from jejaring.domain.resources import BookingStatus, ResourceKind, ResourceShare
from jejaring.services import bookings, resources, settlement
from jejaring.services.access import Forbidden
from jejaring.services.bootstrap import Context
from tests.factories import resource
from tests.support.resources import build_resources, hour
from tests.support.sharing import the_user


@pytest.fixture
def world(ctx: Context) -> Context:
    build_resources(ctx)
    return ctx


def _book(ctx: Context, email: str | None, by: str, start: float, end: float, q: float) -> int:
    made = bookings.book(
        ctx, the_user(ctx, email), "wh", by=by, start=hour(start), end=hour(end), quantity=q
    )
    assert made.id is not None and made.status is BookingStatus.CONFIRMED
    return made.id


def test_add_and_share_need_the_owners_managers_and_a_co_utilizing_cooperation(
    ctx: Context,
) -> None:
    build_resources(ctx, shared=False)
    truck = resource("truck", "a", name="Truk", kind=ResourceKind.VEHICLE, capacity=2)
    with pytest.raises(Forbidden, match="your role may not add or share a resource"):
        resources.add_resource(ctx, the_user(ctx, "member@a"), truck)
    with pytest.raises(Forbidden, match="you do not act for 'a'"):
        resources.add_resource(ctx, the_user(ctx, "owner@b"), truck)
    assert resources.add_resource(ctx, the_user(ctx, "manager@a"), truck) == truck
    with pytest.raises(RuleViolation, match="resource 'truck' exists already"):
        resources.add_resource(ctx, None, truck)
    # Unshared, b's users cannot see it: exactly as if it did not exist.
    with pytest.raises(NotFound, match="resource 'truck' not found"):
        resources.share_resource(ctx, the_user(ctx, "owner@b"), "truck", "gudang")
    with pytest.raises(RuleViolation, match="does not co-utilize resources"):
        resources.share_resource(ctx, the_user(ctx, "owner@a"), "truck", "coop")
    shared = resources.share_resource(ctx, the_user(ctx, "owner@a"), "truck", "gudang")
    assert shared == ["gudang"]
    assert [r.key for r in resources.list_resources(ctx, the_user(ctx, "owner@b"))] == ["truck"]
    assert resources.list_resources(ctx, the_user(ctx, "owner@z")) == []
    assert [r.key for r in resources.list_resources(ctx, None, "gudang")] == ["truck"]


def test_only_an_accepted_member_shares_into_an_active_cooperation(world: Context) -> None:
    resources.add_resource(world, None, resource("kios", "z", name="Kios", capacity=1))
    with pytest.raises(RuleViolation, match="'z' is not an accepted member of active"):
        resources.share_resource(world, None, "kios", "gudang")


def test_book_availability_refuse_and_cancel(world: Context) -> None:
    first = _book(world, "member@a", "a", 9, 12, 3)  # the owner, for itself
    second = _book(world, "owner@b", "b", 10, 13, 2)
    _r, free = resources.availability(world, the_user(world, "owner@c"), "wh", hour(8), hour(14))
    assert [(s.start.hour, s.end.hour, s.free) for s in free] == [
        (8, 9, 5), (9, 10, 2), (10, 12, 0), (12, 13, 3), (13, 14, 5),
    ]  # fmt: skip
    with pytest.raises(bookings.CapacityRefused) as refused:
        bookings.book(world, the_user(world, "owner@c"), "wh", by="c", start=hour(11),
                      end=hour(15), quantity=1)  # fmt: skip
    text = str(refused.value)
    assert "resource 'wh' cannot take 1 bay over 2024-05-01T11:00:00+00:00 - " in text
    assert "only 0.0 bay free at the tightest instant (capacity 5.0)" in text
    with world.reader() as uow:
        stored = uow.bookings.get(refused.value.booking)
        assert stored is not None and stored.status is BookingStatus.REFUSED
        assert uow.bookings.reason(refused.value.booking) == text
        assert stored.cooperation == "gudang"
    # The booker's users, or the owner's managers, cancel; then the capacity is free again.
    with pytest.raises(Forbidden, match="you do not act for 'b'"):
        bookings.cancel(world, the_user(world, "owner@c"), second)
    assert bookings.cancel(world, the_user(world, "manager@a"), second).status.value == "cancelled"
    with pytest.raises(RuleViolation, match="only a confirmed booking can be cancelled"):
        bookings.cancel(world, None, second)
    _book(world, "owner@c", "c", 11, 15, 2)
    with pytest.raises(NotFound, match="booking 999 not found"):
        bookings.cancel(world, None, 999)
    assert first


def test_who_may_book(world: Context) -> None:
    with pytest.raises(NotFound, match="resource 'wh' not found"):  # outside: hidden
        bookings.book(world, the_user(world, "owner@z"), "wh", by="z", start=hour(9),
                      end=hour(10), quantity=1)  # fmt: skip
    with pytest.raises(Forbidden, match="your role may not book a resource"):
        bookings.book(world, the_user(world, "viewer@a"), "wh", by="a", start=hour(9),
                      end=hour(10), quantity=1)  # fmt: skip
    with pytest.raises(RuleViolation, match="'z' is not an accepted member of an active"):
        bookings.book(world, None, "wh", by="z", start=hour(9), end=hour(10), quantity=1)
    with pytest.raises(RuleViolation, match="may not book resource 'wh' through cooperation"):
        bookings.book(world, None, "wh", by="b", start=hour(9), end=hour(10), quantity=1,
                      cooperation="coop")  # fmt: skip


def test_settlement_nets_who_owes_whom(world: Context) -> None:
    _book(world, None, "b", 9, 12, 2)  # 2 bays x 3 h x 1,000 = 6,000 owed by b to a
    _book(world, None, "c", 12, 14, 2)  # 4,000 owed by c to a
    _book(world, None, "a", 14, 15, 5)  # the owner's own use, through no cooperation: no cost
    truck = resource(
        "truck", "b", name="Truk", kind=ResourceKind.VEHICLE, capacity=1, cost_rate=500.0,
        co_owners=(ResourceShare("b", 0.5), ResourceShare("c", 0.5)),
    )  # fmt: skip
    resources.add_resource(world, None, truck)
    resources.share_resource(world, the_user(world, "owner@b"), "truck", "gudang")
    bookings.book(world, None, "truck", by="a", start=hour(8), end=hour(12), quantity=1)
    done = settlement.settle(world, the_user(world, "owner@b"), "gudang", "2024-05")
    assert done.total == 12_000  # 6,000 + 4,000 + 1 truck x 4 h x 500
    assert done.balances == {"a": 8_000, "b": -5_000, "c": -3_000}
    assert done.as_dict()["transfers"] == [
        {"from": "b", "to": "a", "amount": 5000.0},
        {"from": "c", "to": "a", "amount": 3000.0},
    ]
    assert settlement.settle(world, None, "gudang", "2024-06").transfers == ()
    with pytest.raises(NotFound, match="cooperation 'gudang' not found"):
        settlement.settle(world, the_user(world, "owner@z"), "gudang", "2024-05")
    with pytest.raises(InvalidValue, match="period: expected YYYY-MM, got '2024-13'"):
        settlement.settle(world, None, "gudang", "2024-13")
