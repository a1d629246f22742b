"""Referrals to actors and to customers, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from jejaring.domain.errors import NotFound
from jejaring.domain.referrals import ReferralStatus, TargetKind
from jejaring.services.bootstrap import Context
from tests.factories import AT, actor, cooperation, customer, persist, referral

TO_ACTOR = referral("a", "b", "c", cooperation="coop", note="Tolong kenalkan", value=None)
TO_CUSTOMER = referral("a", "b", "hotel-1", target_kind=TargetKind.CUSTOMER, value=2.5e7)


@pytest.fixture
def parties(ctx: Context) -> Context:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), actor("c"), actor("d"), cooperation("coop"))
        persist(uow, customer("b", "hotel-1"), customer("d", "hotel-1"))
        uow.commit()
    return ctx


def test_a_referral_to_an_actor_reads_back_equal(parties: Context) -> None:
    with parties.uow() as uow:
        referral_id = uow.referrals.add(TO_ACTOR)
        uow.commit()
    with parties.uow() as uow:
        assert uow.referrals.find_for("a") == [TO_ACTOR] == uow.referrals.find_for("b")
        found = uow.referrals.get(referral_id)
        assert found == TO_ACTOR and found is not None and found.id == referral_id
        assert uow.referrals.find_for("c") == []  # the target is not a party
        assert uow.referrals.count() == 1


def test_a_referral_to_a_customer_is_the_introducers_by_default(parties: Context) -> None:
    with parties.uow() as uow:
        first = uow.referrals.add(TO_CUSTOMER)
        second = uow.referrals.add(TO_CUSTOMER, target_owner="d")
        uow.commit()
    with parties.uow() as uow:
        assert uow.referrals.get(first) == TO_CUSTOMER == uow.referrals.get(second)
        # Deleting d's customer takes only the referral that named it.
        uow.customers.delete("d", "hotel-1")
        uow.commit()
    with parties.uow() as uow:
        assert uow.referrals.get(second) is None and uow.referrals.get(first) is not None


def test_an_unknown_customer_target_is_not_found(parties: Context) -> None:
    with parties.uow() as uow:
        with pytest.raises(NotFound, match="customer 'nothing'"):
            uow.referrals.add(referral(target="nothing", target_kind=TargetKind.CUSTOMER))
        with pytest.raises(NotFound, match="customer 'hotel-1'"):
            uow.referrals.add(TO_CUSTOMER, target_owner="c")  # c holds no such customer
        with pytest.raises(NotFound, match="actor 'nobody'"):
            uow.referrals.add(referral(target="nobody"))
        with pytest.raises(NotFound, match="cooperation 'nothing'"):
            uow.referrals.add(referral(cooperation="nothing"))


def test_referrals_are_newest_first(parties: Context) -> None:
    with parties.uow() as uow:
        ids = persist(
            uow,
            referral(created=AT),
            referral("d", "a", created=AT + timedelta(days=1)),
            referral("b", "c", "d", created=AT + timedelta(days=2)),  # a is no party
            referral(created=AT + timedelta(days=1)),
        )
        uow.commit()
    with parties.uow() as uow:
        assert [r.id for r in uow.referrals.find_for("a")] == [ids[3], ids[1], ids[0]]
        with pytest.raises(NotFound, match="actor 'nobody'"):
            uow.referrals.find_for("nobody")


def test_a_referral_moves_through_its_statuses(parties: Context) -> None:
    with parties.uow() as uow:
        referral_id = uow.referrals.add(TO_ACTOR)
        uow.referrals.set_status(referral_id, ReferralStatus.ACCEPTED)
        uow.commit()
    with parties.uow() as uow:
        uow.referrals.set_status(referral_id, ReferralStatus.WON, value=1.5e7)
        uow.commit()
    with parties.uow() as uow:
        found = uow.referrals.get(referral_id)
        assert found is not None
        assert (found.status, found.value) == (ReferralStatus.WON, 1.5e7)
        with pytest.raises(NotFound, match="referral"):
            uow.referrals.set_status(referral_id + 1000, ReferralStatus.LOST)


def test_a_referral_time_comes_back_as_the_same_instant_in_utc(parties: Context) -> None:
    wit = timezone(timedelta(hours=9))  # Eastern Indonesia Time
    with parties.uow() as uow:
        (referral_id,) = persist(uow, referral(created=datetime(2024, 5, 1, 9, tzinfo=wit)))
        uow.commit()
    with parties.uow() as uow:
        found = uow.referrals.get(referral_id)
        assert found is not None
        assert found.created == datetime(2024, 5, 1, 0, tzinfo=UTC)
        assert found.created.tzinfo is UTC
