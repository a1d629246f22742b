"""Warm introductions and the referral life cycle through the services, on both databases."""

from __future__ import annotations

import pytest

from jejaring.domain.cooperation import MappingLevel
from jejaring.domain.errors import InvalidValue, NotFound, RuleViolation
from jejaring.domain.referrals import ReferralStatus, TargetKind
from jejaring.services.access import Forbidden
from jejaring.services.bootstrap import Context
from jejaring.services.intros import find_introductions
from jejaring.services.policies import set_policy
from jejaring.services.referrals import list_referrals, move_referral, request_referral
from tests.factories import customer, persist, tie
from tests.support.sharing import build_sharing, the_user


@pytest.fixture
def community(ctx: Context) -> Context:
    """a-b knows 2, b-c partner_of 1, b-z knows 1, c-z knows 3; b and c introduce."""
    build_sharing(ctx)
    with ctx.uow() as uow:
        persist(
            uow,
            tie("a", "b", "knows", weight=2.0),
            tie("b", "c", "partner_of"),
            tie("b", "z", "knows"),
            tie("c", "z", "knows", weight=3.0),
            customer("b", "pt-x", segment="ritel"),
            customer("b", "pt-y", segment="grosir"),
        )
        uow.commit()
    set_policy(
        ctx, None, "coop", "b", introductions_allowed=True, shared_tie_types=["social_relation"]
    )
    set_policy(ctx, None, "coop", "c", introductions_allowed=True, shared_tie_types=["knows"])
    return ctx


def _paths(ctx: Context, **options: object) -> list[tuple[str, ...]]:
    found = find_introductions(ctx, the_user(ctx, "viewer@a"), "a", "z", **options)  # type: ignore[arg-type]
    return [r.actors for r in found.routes]


def test_routes_run_through_partners_that_introduce(community: Context) -> None:
    found = find_introductions(community, the_user(community, "viewer@a"), "a", "z")
    assert [r.actors for r in found.routes] == [("a", "b", "z"), ("a", "b", "c", "z")]
    first = found.routes[0]
    assert (first.hops, first.weakest, first.total) == (2, 1.0, 3.0)
    assert (first.introducer, first.cooperation) == ("b", "coop")
    assert _paths(community, max_hops=2) == [("a", "b", "z")]


def test_a_policy_change_applies_to_the_next_search(community: Context) -> None:
    set_policy(community, None, "coop", "b", shared_tie_types=["partner_of"])
    assert _paths(community) == [("a", "b", "c", "z")]  # b's own tie to z is no longer shown
    set_policy(community, None, "coop", "c", introductions_allowed=False)
    assert _paths(community) == []


def test_searches_are_checked(community: Context) -> None:
    viewer = the_user(community, "viewer@a")
    with pytest.raises(NotFound, match="actor 'nobody' not found"):
        find_introductions(community, viewer, "a", "nobody")
    with pytest.raises(InvalidValue, match="cannot be introduced to itself"):
        find_introductions(community, viewer, "a", "a")
    with pytest.raises(NotFound, match="actor 'a' not found"):
        find_introductions(community, the_user(community, "owner@z"), "a", "b")


def test_a_referral_moves_to_won_and_is_attributed(community: Context) -> None:
    owner_a, owner_b = the_user(community, "member@a"), the_user(community, "owner@b")
    made = request_referral(community, owner_a, "a", "b", "z", note="kenalkan")
    assert (made.status, made.cooperation, made.id is not None) == (
        ReferralStatus.REQUESTED,
        "coop",
        True,
    )
    assert made.id is not None
    with pytest.raises(Forbidden, match="do not act for 'b'"):
        move_referral(community, owner_a, made.id, ReferralStatus.ACCEPTED)
    move_referral(community, owner_b, made.id, ReferralStatus.ACCEPTED)
    with pytest.raises(RuleViolation, match="only a introduced referral can become won"):
        move_referral(community, owner_a, made.id, ReferralStatus.WON, value=1.0)
    move_referral(community, owner_b, made.id, ReferralStatus.INTRODUCED)
    won = move_referral(community, owner_a, made.id, ReferralStatus.WON, value=5_000_000)
    assert (won.status, won.value) == (ReferralStatus.WON, 5_000_000)
    listed = list_referrals(community, the_user(community, "viewer@a"), "a")
    assert [r.id for r in listed.referrals] == [made.id]
    (credit,) = listed.attribution
    assert (credit.introducer, credit.cooperation, credit.won, credit.value_won) == (
        "b",
        "coop",
        1,
        5_000_000,
    )
    with pytest.raises(NotFound, match=f"referral {made.id} not found"):
        move_referral(community, the_user(community, "owner@c"), made.id, ReferralStatus.LOST)
    with pytest.raises(NotFound, match="actor 'b' not found"):
        list_referrals(community, the_user(community, "owner@c"), "b")


def test_referrals_need_an_introducing_partner_and_a_shared_customer(community: Context) -> None:
    member = the_user(community, "member@a")
    with pytest.raises(RuleViolation, match="'z' makes no introductions for 'a'"):
        request_referral(community, member, "a", "z", "b")
    with pytest.raises(Forbidden, match="your role may not request a referral"):
        request_referral(community, the_user(community, "viewer@a"), "a", "b", "z")
    customer_kind = TargetKind.CUSTOMER
    with pytest.raises(NotFound, match="customer 'pt-x' of 'b' not found"):  # b shares no records
        request_referral(community, member, "a", "b", "pt-x", target_kind=customer_kind)
    set_policy(
        community, None, "coop", "b", mapping_level=MappingLevel.OVERLAPS, shared_segments=["ritel"]
    )
    made = request_referral(community, member, "a", "b", "pt-x", target_kind=customer_kind)
    assert made.target == "pt-x"
    with pytest.raises(NotFound, match="customer 'pt-y' of 'b' not found"):  # not a shared segment
        request_referral(community, member, "a", "b", "pt-y", target_kind=customer_kind)
    with community.reader() as uow:
        trail = uow.audit.find_for("b")
    assert trail[0].action == "referral.customer_requested" and trail[0].by_actor == "a"


def test_a_customer_target_ends_at_partners_sharing_a_matching_record(community: Context) -> None:
    from tests.integration.test_mapping import by_tax_id

    with community.uow() as uow:
        persist(
            uow,
            customer("a", "mine", tax_id="7"),
            customer("c", "c-copy", tax_id="7", email="x@y.co.id"),
            tie("a", "c", "knows"),
        )
        uow.commit()
    viewer = the_user(community, "viewer@a")

    def search() -> list[tuple[tuple[str, ...], dict[str, object] | None]]:
        found = find_introductions(community, viewer, "a", "mine", customer=True, matcher=by_tax_id)
        return [(r.actors, r.match) for r in found.routes]

    assert search() == []  # c holds the record but shares no records
    set_policy(community, None, "coop", "c", mapping_level=MappingLevel.OVERLAPS)
    routes = search()
    assert [r for r, _ in routes] == [("a", "c"), ("a", "b", "c")]  # direct, or through b
    match = routes[0][1]
    assert match == {
        "key": "c-copy", "name": "Customer c-copy", "status": "customer", "territory": None,
        "segment": None, "owner": "c", "rule": "tax_id", "score": 1.0,
    }  # fmt: skip
    with community.reader() as uow:
        assert uow.audit.find_for("c")[0].action == "intro.customer_matched"
    with pytest.raises(NotFound, match="customer 'pt-x' of 'a' not found"):  # not a's own record
        find_introductions(community, viewer, "a", "pt-x", customer=True, matcher=by_tax_id)


def test_the_ties_of_a_few_actors_are_read_from_either_end_once(community: Context) -> None:
    from jejaring.store.intro_read import read_ties_touching

    with community.reader() as uow:
        found = read_ties_touching(uow.session, ["b", "c", "nobody"])
        expected = [t for t in uow.ties.find() if {"b", "c"} & {t.source, t.target}]
    assert sorted(found, key=lambda t: (t.source, t.target, t.type)) == expected
    assert len(found) == 4  # a-b, b-c, b-z, c-z: b-c once
