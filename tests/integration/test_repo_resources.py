"""Resources (co-owners, the cooperations they are shared into) and bookings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from jejaring.domain.errors import NotFound
from jejaring.domain.resources import BookingStatus, ResourceKind, ResourceShare
from jejaring.services.bootstrap import Context
from jejaring.store.errors import Conflict
from tests.factories import AT, actor, booking, cooperation, persist, resource

WIB = timezone(timedelta(hours=7))  # Western Indonesia Time
FULL = resource(
    "gudang-bdg",
    "a",
    name="Gudang Bandung",
    kind=ResourceKind.WAREHOUSE,
    capacity=500.0,
    unit="m2",
    territory="32.04",
    cost_rate=1500.0,
    availability="Senin-Sabtu 08:00-17:00",
    co_owners=(ResourceShare("b", 0.25), ResourceShare("a", 0.75)),
)


@pytest.fixture
def owners(ctx: Context) -> Context:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), actor("c"), cooperation("coop"), cooperation("alt"))
        uow.commit()
    return ctx


def test_a_resource_reads_back_equal(owners: Context) -> None:
    with owners.uow() as uow:
        uow.resources.save(FULL)
        uow.commit()
    with owners.uow() as uow:
        assert uow.resources.get("gudang-bdg") == FULL
        assert uow.resources.find(owner="a") == [FULL]
        assert uow.resources.count() == 1


def test_saving_again_replaces_fields_and_co_owners(owners: Context) -> None:
    alone = resource("gudang-bdg", "b", capacity=20.0, co_owners=(ResourceShare("c", 1.0),))
    with owners.uow() as uow:
        uow.resources.save(FULL)
        uow.resources.save(alone)
        uow.commit()
    with owners.uow() as uow:
        uow.resources.save(alone)
        uow.commit()
    with owners.uow() as uow:
        assert uow.resources.get("gudang-bdg") == alone
        assert uow.resources.find(owner="a") == []
        assert uow.resources.count() == 1


def test_resources_are_ordered_by_key(owners: Context) -> None:
    with owners.uow() as uow:
        persist(uow, resource("z"), resource("m", "b"), resource("c"))
        uow.commit()
    with owners.uow() as uow:
        assert [r.key for r in uow.resources.find()] == ["c", "m", "z"]
        assert [r.key for r in uow.resources.find(owner="a")] == ["c", "z"]


def test_unknown_references_of_a_resource_are_not_found(owners: Context) -> None:
    with owners.uow() as uow:
        assert uow.resources.get("nothing") is None
        for bad, missing in [
            (resource(owner="nobody"), "actor 'nobody'"),
            (resource(co_owners=(ResourceShare("nobody", 1.0),)), "actor 'nobody'"),
            (resource(territory="nowhere"), "territory 'nowhere'"),
        ]:
            with pytest.raises(NotFound, match=missing):
                uow.resources.save(bad)


def test_sharing_into_cooperations_is_idempotent_and_ordered(owners: Context) -> None:
    with owners.uow() as uow:
        uow.resources.save(FULL)
        uow.resources.share_into("gudang-bdg", "coop")
        uow.resources.share_into("gudang-bdg", "alt")
        uow.resources.share_into("gudang-bdg", "coop")
        uow.commit()
    with owners.uow() as uow:
        uow.resources.share_into("gudang-bdg", "alt")
        assert uow.resources.cooperations("gudang-bdg") == ["alt", "coop"]
        with pytest.raises(NotFound, match="cooperation 'nothing'"):
            uow.resources.share_into("gudang-bdg", "nothing")
        with pytest.raises(NotFound, match="resource 'nothing'"):
            uow.resources.share_into("nothing", "coop")


def test_a_booking_reads_back_equal_with_its_id(owners: Context) -> None:
    b = booking("gudang-bdg", "c", quantity=40.0, cooperation="coop")
    with owners.uow() as uow:
        uow.resources.save(FULL)
        booking_id = uow.bookings.add(b, reason="panen raya")
        uow.commit()
    with owners.uow() as uow:
        (found,) = uow.bookings.find("gudang-bdg")
        assert found == b and found.id == booking_id
        got = uow.bookings.get(booking_id)
        assert got == b and got is not None and got.id == booking_id
        assert uow.bookings.get(booking_id + 1000) is None
        assert uow.bookings.count() == 1


def test_bookings_are_ordered_by_start_then_by_when_they_were_made(owners: Context) -> None:
    later, early, same = booking(start=AT + timedelta(days=1)), booking(start=AT), booking(start=AT)
    with owners.uow() as uow:
        persist(uow, resource())
        ids = persist(uow, later, early, same)
        uow.commit()
    with owners.uow() as uow:
        found = uow.bookings.find("r1")
        assert [b.id for b in found] == [ids[1], ids[2], ids[0]]


def test_booking_times_in_any_zone_come_back_as_the_same_instants_in_utc(owners: Context) -> None:
    # 09:00 in Bandung is 02:00 UTC; the naive end is taken as UTC.
    b = booking(start=datetime(2024, 5, 1, 9, tzinfo=WIB), hours=3)
    with owners.uow() as uow:
        persist(uow, resource())
        booking_id = uow.bookings.add(b)
        uow.commit()
    with owners.uow() as uow:
        found = uow.bookings.get(booking_id)
        assert found is not None
        assert found.start == datetime(2024, 5, 1, 2, tzinfo=UTC)
        assert found.start.tzinfo is UTC and found.end.tzinfo is UTC
        assert found == b  # aware datetimes compare as instants


def test_a_booking_status_can_be_changed(owners: Context) -> None:
    with owners.uow() as uow:
        persist(uow, resource())
        (booking_id,) = persist(uow, booking())
        uow.commit()
    with owners.uow() as uow:
        uow.bookings.set_status(booking_id, BookingStatus.CANCELLED)
        uow.commit()
    with owners.uow() as uow:
        found = uow.bookings.get(booking_id)
        assert found is not None and found.status is BookingStatus.CANCELLED
        with pytest.raises(NotFound, match="booking"):
            uow.bookings.set_status(booking_id + 1000, BookingStatus.CANCELLED)


def test_unknown_references_of_a_booking_are_not_found(owners: Context) -> None:
    with owners.uow() as uow:
        persist(uow, resource())
        for bad, missing in [
            (booking("nothing"), "resource 'nothing'"),
            (booking(by_actor="nobody"), "actor 'nobody'"),
            (booking(cooperation="nothing"), "cooperation 'nothing'"),
        ]:
            with pytest.raises(NotFound, match=missing):
                uow.bookings.add(bad)
        with pytest.raises(NotFound, match="resource 'nothing'"):
            uow.bookings.find("nothing")


def test_deleting_a_resource_removes_its_bookings(owners: Context) -> None:
    with owners.uow() as uow:
        persist(uow, FULL, booking("gudang-bdg"))
        uow.resources.share_into("gudang-bdg", "coop")
        uow.commit()
    with owners.uow() as uow:
        uow.resources.delete("gudang-bdg")
        uow.commit()
    with owners.uow() as uow:
        assert uow.resources.get("gudang-bdg") is None
        assert uow.bookings.count() == 0
        with pytest.raises(NotFound):
            uow.resources.delete("gudang-bdg")


def test_a_co_owner_cannot_be_deleted_while_it_holds_a_share(owners: Context) -> None:
    # Its share would vanish and the others would no longer add up to 1.
    with owners.uow() as uow:
        persist(uow, FULL)  # owned by a, co-owned by a and b
        uow.commit()
    with owners.uow() as uow, pytest.raises(Conflict, match="'b' co-owns"):
        uow.actors.delete("b")
    with owners.uow() as uow:
        assert uow.resources.get("gudang-bdg") == FULL
        uow.actors.delete("a")  # the owner takes its resource, and every share, along
        uow.commit()
    with owners.uow() as uow:
        assert uow.resources.count() == 0
        uow.actors.delete("b")
        uow.commit()


def test_the_bookings_holding_an_interval_are_the_confirmed_ones_that_meet_it(
    owners: Context,
) -> None:
    with owners.uow() as uow:
        persist(uow, resource("r1", "a"), resource("r2", "a"))
        persist(
            uow,
            booking("r1", start=AT, hours=2),  # ends where the interval starts
            booking("r1", start=AT + timedelta(hours=1), hours=2),
            booking("r1", start=AT + timedelta(hours=3), hours=1),  # starts where it ends
            booking("r1", start=AT + timedelta(hours=2), hours=1, status=BookingStatus.REFUSED),
            booking("r2", start=AT + timedelta(hours=2), hours=1),  # another resource
        )
        uow.commit()
    with owners.reader() as uow:
        start, end = (AT + timedelta(hours=h) for h in (2, 3))
        held = uow.bookings.holding("r1", start.astimezone(WIB), end)
    assert [(b.start, b.end) for b in held] == [(AT + timedelta(hours=1), AT + timedelta(hours=3))]
