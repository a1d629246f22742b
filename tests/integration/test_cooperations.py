"""Cooperation agreements and sharing policies through the services, on both databases."""

from __future__ import annotations

import json
from datetime import date

import pytest

from jejaring.domain.cooperation import CooperationStatus, MappingLevel, MembershipStatus
from jejaring.domain.errors import InvalidValue, NotFound, RuleViolation
from jejaring.services import cooperations as coops
from jejaring.services.access import Forbidden
from jejaring.services.bootstrap import Context
from jejaring.services.policies import POLICY_CHANGED, get_policy, set_policy
from tests.support.sharing import build_sharing, the_user

DAY = date(2026, 12, 1)


@pytest.fixture
def community(ctx: Context) -> Context:
    build_sharing(ctx)
    return ctx


def _statuses(view: coops.CooperationView) -> dict[str, str]:
    return {m.actor: m.status.value for m in view.members}


def test_a_proposal_becomes_active_when_every_member_accepted(community: Context) -> None:
    owner_a, owner_b, owner_c = (the_user(community, f"owner@{k}") for k in "abc")
    view = coops.propose(
        community, owner_a, key="k2", name="Kopi", members=["a", "b", "c"], actor="a", today=DAY
    )
    assert view.cooperation.status is CooperationStatus.PROPOSED
    assert _statuses(view) == {"a": "accepted", "b": "invited", "c": "invited"}
    assert view.members[0].joined == DAY and view.members[0].role.value == "initiator"
    assert {p.mapping_level for p in view.policies} == {MappingLevel.NONE}
    view = coops.accept(community, owner_b, "k2", "b")
    assert view.cooperation.status is CooperationStatus.PROPOSED
    view = coops.accept(community, owner_c, "k2", "c")
    assert view.cooperation.status is CooperationStatus.ACTIVE
    with pytest.raises(RuleViolation, match="answered already"):
        coops.decline(community, owner_c, "k2", "c")
    assert coops.show(community, owner_b, "k2") == view


def test_declines_and_departures_end_an_agreement_below_two_members(community: Context) -> None:
    coops.propose(community, None, key="k2", name="Kopi", members=["a", "b", "c"], today=DAY)
    view = coops.decline(community, None, "k2", "b", today=DAY)
    assert view.cooperation.status is CooperationStatus.PROPOSED  # a and c may still agree
    view = coops.accept(community, None, "k2", "a", today=DAY)
    view = coops.accept(community, None, "k2", "c", today=DAY)
    assert view.cooperation.status is CooperationStatus.ACTIVE
    view = coops.leave(community, None, "k2", "c", today=DAY)
    assert view.cooperation.status is CooperationStatus.ENDED
    assert {m.actor: (m.status, m.left) for m in view.members}["c"] == (
        MembershipStatus.LEFT,
        DAY,
    )
    with pytest.raises(RuleViolation, match="has ended"):
        coops.accept(community, None, "k2", "b")


def test_suspend_resume_and_end_follow_the_life_cycle(community: Context) -> None:
    owner_b, admin = the_user(community, "owner@b"), the_user(community, "admin@x")
    assert coops.suspend(community, owner_b, "coop", "b").cooperation.status.value == "suspended"
    with pytest.raises(RuleViolation, match="cannot suspend now"):
        coops.suspend(community, owner_b, "coop", "b")
    assert coops.resume(community, admin, "coop").cooperation.status.value == "active"
    assert coops.end(community, admin, "coop").cooperation.status.value == "ended"
    with pytest.raises(RuleViolation, match="cannot resume now"):
        coops.resume(community, None, "coop")


def test_proposals_are_checked(community: Context) -> None:
    with pytest.raises(InvalidValue, match="at least two distinct actors"):
        coops.propose(community, None, key="k", name="K", members=["a", "a"])
    with pytest.raises(NotFound, match="actor 'nobody' not found"):
        coops.propose(community, None, key="k", name="K", members=["a", "nobody"])
    with pytest.raises(NotFound, match="territory '99' not found"):
        coops.propose(community, None, key="k", name="K", members=["a", "b"], scope=["99"])
    with pytest.raises(RuleViolation, match="exists already"):
        coops.propose(community, None, key="coop", name="K", members=["a", "b"])
    with pytest.raises(InvalidValue, match="not among the members"):
        coops.propose(community, None, key="k", name="K", members=["a", "b"], actor="c")
    with pytest.raises(Forbidden, match="do not act for 'b'"):
        coops.propose(
            community, the_user(community, "owner@a"), key="k", name="K", members=["a", "b"],
            actor="b",
        )  # fmt: skip
    with community.reader() as uow:  # nothing of the refused proposals was written
        assert uow.cooperations.get("k") is None


def test_a_policy_change_applies_to_the_next_read_and_is_audited(community: Context) -> None:
    manager = the_user(community, "manager@a")
    assert get_policy(community, manager, "coop", "a").mapping_level is MappingLevel.NONE
    changed = set_policy(
        community, manager, "coop", "a", mapping_level=MappingLevel.OVERLAPS,
        shared_segments=["ritel", "grosir", "ritel"], introductions_allowed=True,
    )  # fmt: skip
    assert changed.shared_segments == ("grosir", "ritel")
    assert get_policy(community, the_user(community, "owner@b"), "coop", "a") == changed
    again = set_policy(community, manager, "coop", "a", mapping_level=MappingLevel.OVERLAPS)
    assert again == changed  # no change: nothing recorded
    with community.reader() as uow:
        events = uow.audit.find_for("a")
    assert [e.action for e in events] == [POLICY_CHANGED]
    event = events[0]
    assert (event.by_user, event.by_actor, event.cooperation) == ("manager@a", "a", "coop")
    assert json.loads(event.detail)["mapping_level"] == ["none", "overlaps"]
    with pytest.raises(NotFound, match="tie type 'gossip' not found"):
        set_policy(community, manager, "coop", "a", shared_tie_types=["gossip"])


def test_policies_are_their_members_own(community: Context) -> None:
    owner_a = the_user(community, "owner@a")
    with pytest.raises(Forbidden, match="do not act for 'b'"):
        set_policy(community, owner_a, "coop", "b", mapping_level=MappingLevel.FULL)
    with pytest.raises(Forbidden, match="your role may not change a sharing policy"):
        set_policy(
            community, the_user(community, "viewer@a"), "coop", "a",
            mapping_level=MappingLevel.FULL,
        )  # fmt: skip
    with pytest.raises(NotFound, match="cooperation 'coop' not found"):
        get_policy(community, the_user(community, "owner@z"), "coop", "a")
    with pytest.raises(RuleViolation, match="'z' is not a member"):
        set_policy(community, None, "coop", "z", mapping_level=MappingLevel.FULL)
    with community.reader() as uow:
        assert uow.audit.find_for("b") == []


def test_listing_shows_only_what_the_user_may_see(community: Context) -> None:
    coops.propose(community, None, key="zb", name="ZB", members=["z", "b"])
    assert [c.key for c in coops.list_cooperations(community, None)] == ["coop", "zb"]
    assert [c.key for c in coops.list_cooperations(community, the_user(community, "viewer@a"))] == [
        "coop"
    ]
    assert [c.key for c in coops.list_cooperations(community, the_user(community, "owner@z"))] == [
        "zb"
    ]
    coordinator = the_user(community, "coord@x")
    assert [c.key for c in coops.list_cooperations(community, coordinator, "b")] == ["coop", "zb"]
