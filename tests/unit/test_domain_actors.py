"""Actors and their customers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jejaring.domain.actors import Actor, ActorKind, Visibility
from jejaring.domain.customers import CustomerStatus
from jejaring.domain.errors import InvalidValue
from tests.factories import actor, customer

CODES = st.lists(st.sampled_from(["31", "32", "32.04", "33", "ID"]), max_size=8)


def test_an_actor_has_community_visibility_and_no_sector_by_default() -> None:
    a = Actor("a", "Toko Ani", ActorKind.ENTREPRENEUR)
    assert a.visibility is Visibility.COMMUNITY
    assert a.primary_sector is None and a.coverage == ()


def test_the_primary_sector_is_the_first_listed() -> None:
    assert actor(sectors=("retail", "food")).primary_sector == "retail"


def test_the_key_is_kept_stripped() -> None:
    assert actor("  toko-ani ").key == "toko-ani"


@pytest.mark.parametrize("key", ["", "a;b", "a,b", "a\nb", "k" * 201])
def test_a_bad_key_is_refused(key: str) -> None:
    with pytest.raises(InvalidValue, match=r"^key: "):
        actor(key)


@pytest.mark.parametrize("name", ["", "  ", "n" * 301])
def test_a_bad_name_is_refused(name: str) -> None:
    with pytest.raises(InvalidValue, match=r"^name: "):
        actor(name=name)


def test_sectors_keep_their_order_without_repeats() -> None:
    assert actor(sectors=("food", "retail", "food")).sectors == ("food", "retail")


@given(CODES)
def test_coverage_is_a_sorted_set_whatever_the_order_given(codes: list[str]) -> None:
    assert actor(coverage=tuple(codes)).coverage == tuple(sorted(set(codes)))
    assert actor(coverage=tuple(codes)) == actor(coverage=tuple(reversed(codes)))


def test_a_customer_is_a_customer_not_a_prospect_by_default() -> None:
    assert customer().status is CustomerStatus.CUSTOMER


def test_a_customer_key_is_checked_and_stripped() -> None:
    assert customer(key=" c-1 ").key == "c-1"
    with pytest.raises(InvalidValue, match=r"^key: "):
        customer(key="c;1")


def test_a_customer_needs_a_name() -> None:
    with pytest.raises(InvalidValue, match=r"^name: must not be empty"):
        customer(name=" ")


@pytest.mark.parametrize("value", [0.0, 1.5, 1e12])
def test_a_customer_value_may_be_zero_or_more(value: float) -> None:
    assert customer(value=value).value == value


@pytest.mark.parametrize("value", [-0.01, float("nan"), float("inf")])
def test_a_customer_value_below_zero_or_not_finite_is_refused(value: float) -> None:
    with pytest.raises(InvalidValue, match=r"^value: must be a number >= 0"):
        customer(value=value)
