"""Resources, their co-owners, and bookings over half-open intervals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jejaring.domain.errors import InvalidValue
from jejaring.domain.resources import Booking, BookingStatus, ResourceShare
from tests.factories import AT, booking, resource


def test_a_resource_key_and_name_are_checked() -> None:
    assert resource(" gudang-1 ").key == "gudang-1"
    with pytest.raises(InvalidValue, match=r"^key: "):
        resource("g;1")
    with pytest.raises(InvalidValue, match=r"^name: must not be empty"):
        resource(name=" ")


@pytest.mark.parametrize("capacity", [0.0, -1.0, float("nan"), float("inf")])
def test_capacity_must_be_finite_and_above_zero(capacity: float) -> None:
    with pytest.raises(InvalidValue, match=r"^capacity: must be a number > 0"):
        resource(capacity=capacity)


def test_a_cost_rate_may_be_zero_but_not_negative() -> None:
    assert resource(cost_rate=0.0).cost_rate == 0.0
    with pytest.raises(InvalidValue, match=r"^cost_rate: must be a number >= 0"):
        resource(cost_rate=-5.0)


def test_co_owner_shares_must_add_up_to_one() -> None:
    shares = (ResourceShare("a", 0.6), ResourceShare("b", 0.4))
    assert resource(co_owners=shares).co_owners == shares
    with pytest.raises(InvalidValue, match=r"^co_owners: shares must add up to 1"):
        resource(co_owners=(ResourceShare("a", 0.6), ResourceShare("b", 0.3)))


def test_thirds_add_up_to_one_despite_rounding() -> None:
    third = 1 / 3
    owners = tuple(ResourceShare(k, third) for k in "abc")
    assert len(resource(co_owners=owners).co_owners) == 3


def test_a_co_owner_holds_one_share_only() -> None:
    with pytest.raises(InvalidValue, match=r"^co_owners: an actor may hold only one share"):
        resource(co_owners=(ResourceShare("a", 0.5), ResourceShare("a", 0.5)))


@pytest.mark.parametrize("share", [0.0, -0.5, 1.5, float("nan")])
def test_a_share_lies_in_zero_exclusive_to_one(share: float) -> None:
    with pytest.raises(InvalidValue, match=r"^share: "):
        ResourceShare("a", share)


def test_negative_shares_cannot_balance_a_sum_of_one() -> None:
    with pytest.raises(InvalidValue, match=r"^share: "):
        resource(co_owners=(ResourceShare("a", 1.5), ResourceShare("b", -0.5)))


@given(st.permutations(["a", "b", "c", "d"]))
def test_co_owners_are_kept_in_actor_order_whatever_the_order_given(keys: list[str]) -> None:
    owners = tuple(ResourceShare(k, 0.25) for k in keys)
    assert [s.actor for s in resource(co_owners=owners).co_owners] == ["a", "b", "c", "d"]


def test_a_booking_is_confirmed_by_default_and_its_id_takes_no_part_in_equality() -> None:
    assert booking().status is BookingStatus.CONFIRMED
    assert booking(id=1) == booking(id=2)


@pytest.mark.parametrize("hours", [0, -1])
def test_a_booking_must_end_after_it_starts(hours: float) -> None:
    with pytest.raises(InvalidValue, match=r"^end: must be after start"):
        booking(hours=hours)


@pytest.mark.parametrize("quantity", [0.0, -1.0, float("nan"), float("inf")])
def test_a_booking_quantity_must_be_finite_and_above_zero(quantity: float) -> None:
    with pytest.raises(InvalidValue, match=r"^quantity: must be a number > 0"):
        booking(quantity=quantity)


def test_a_booking_cannot_mix_naive_and_aware_times() -> None:
    with pytest.raises(InvalidValue, match=r"^end: start and end must both have a time zone"):
        Booking("r1", "b", datetime(2024, 5, 1, 9), datetime(2024, 5, 1, 10, tzinfo=UTC), 1.0)


def test_overlaps_is_half_open() -> None:
    b = booking(start=AT, hours=2)  # [09:00, 11:00)
    hour = timedelta(hours=1)
    assert b.overlaps(AT - hour, AT + hour)
    assert b.overlaps(AT + hour, AT + 3 * hour)
    assert b.overlaps(AT, AT + 2 * hour)
    assert b.overlaps(AT - hour, AT + 3 * hour)  # contains the booking
    assert b.overlaps(AT + 0.5 * hour, AT + hour)  # inside the booking
    assert not b.overlaps(AT - hour, AT)  # ends where the booking starts
    assert not b.overlaps(AT + 2 * hour, AT + 3 * hour)  # starts where the booking ends


MINUTES = st.integers(min_value=0, max_value=600)


@given(MINUTES, st.integers(1, 300), MINUTES, st.integers(1, 300))
def test_overlaps_means_sharing_an_instant_and_is_symmetric(
    start1: int, length1: int, start2: int, length2: int
) -> None:
    def at(minute: int) -> datetime:
        return AT + timedelta(minutes=minute)

    first = booking(start=at(start1), hours=length1 / 60)
    second = booking(start=at(start2), hours=length2 / 60)
    shared = set(range(start1, start1 + length1)) & set(range(start2, start2 + length2))
    assert first.overlaps(second.start, second.end) is bool(shared)
    assert first.overlaps(second.start, second.end) is second.overlaps(first.start, first.end)
