"""Posts in a cooperation's channel, and referrals."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from jejaring.domain.errors import InvalidValue
from jejaring.domain.posts import Forward, PostVisibility, search_terms
from jejaring.domain.referrals import ReferralStatus, TargetKind
from tests.factories import AT, post, referral

DAY = timedelta(days=1)


def test_a_post_is_for_every_member_and_never_expires_by_default() -> None:
    p = post()
    assert p.visibility is PostVisibility.MEMBERS and p.expires is None
    assert not p.expired(AT + 10_000 * DAY)


def test_a_post_needs_a_title() -> None:
    with pytest.raises(InvalidValue, match=r"^title: must not be empty"):
        post(title="  ")


@pytest.mark.parametrize("offset", [timedelta(0), -DAY])
def test_a_post_must_expire_after_it_is_created(offset: timedelta) -> None:
    with pytest.raises(InvalidValue, match=r"^expires: must be after the post is created"):
        post(expires=AT + offset)


def test_a_post_expires_at_its_expiry_not_before() -> None:
    p = post(expires=AT + DAY)
    assert not p.expired(AT + DAY - timedelta(microseconds=1))
    assert p.expired(AT + DAY)


def test_a_post_cannot_mix_naive_and_aware_times() -> None:
    with pytest.raises(InvalidValue, match=r"^expires: created and expires must both"):
        post(expires=datetime(2024, 6, 1))


def test_an_id_takes_no_part_in_equality() -> None:
    assert post(id=1) == post(id=2)
    assert referral(id=1) == referral(id=2)


def test_a_referral_starts_requested() -> None:
    assert referral().status is ReferralStatus.REQUESTED


def test_a_requester_cannot_ask_itself_for_an_introduction() -> None:
    with pytest.raises(InvalidValue, match=r"^introducer: must differ from the requester"):
        referral("a", "a")


def test_a_requester_cannot_be_introduced_to_itself() -> None:
    with pytest.raises(InvalidValue, match=r"^target: "):
        referral("a", "b", target="a")
    # A customer may bear the same key as an actor: only actor targets are compared.
    assert referral("a", "b", target="a", target_kind=TargetKind.CUSTOMER).target == "a"


def test_a_referral_names_its_target() -> None:
    with pytest.raises(InvalidValue, match=r"^target: must not be empty"):
        referral(target=" ")


@pytest.mark.parametrize("value", [-1.0, float("nan")])
def test_a_referral_value_must_be_zero_or_more(value: float) -> None:
    assert referral(value=0.0).value == 0.0
    with pytest.raises(InvalidValue, match=r"^value: must be a number >= 0"):
        referral(value=value)


def test_a_post_for_named_members_names_them_once_and_one_for_all_names_no_one() -> None:
    named = post(visibility=PostVisibility.NAMED, recipients=("b", "c"))
    assert named.recipients == ("b", "c")
    for fields, message in [
        ({"visibility": PostVisibility.NAMED}, r"^to: a post for named members must name"),
        ({"recipients": ("b",)}, r"^to: a post for all members names no one"),
        ({"visibility": PostVisibility.NAMED, "recipients": ("b", "b")}, r"^to: names an actor"),
        ({"territories": ("32;33",)}, r"^territories: "),
    ]:
        with pytest.raises(InvalidValue, match=message):
            post(**fields)


def test_search_terms_are_the_words_of_the_query_once_each() -> None:
    assert search_terms('Harga "cabai" OR harga-CABAI*') == ("harga", "cabai", "or")
    with pytest.raises(InvalidValue, match=r"^query: give at least one word"):
        search_terms('" * -')


def test_a_forward_note_is_bounded() -> None:
    assert Forward(1, "ani@example.com", "a", AT, "Tolong dicek").note == "Tolong dicek"
    with pytest.raises(InvalidValue, match=r"^note: must be at most 2000"):
        Forward(1, "ani@example.com", "a", AT, "x" * 2_001)
