"""Cooperations with their memberships and sharing policies, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from jejaring.domain.cooperation import (
    CooperationStatus,
    MappingLevel,
    Mechanism,
    MemberRole,
    MembershipStatus,
)
from jejaring.domain.errors import NotFound
from jejaring.services.bootstrap import Context
from jejaring.store.errors import Conflict
from tests.factories import actor, booking, cooperation, membership, persist, policy, resource

FULL = cooperation(
    "kopi-jabar",
    name="Jaringan Kopi Jawa Barat",
    purpose="Menjual kopi ke seluruh Jawa Barat",
    status=CooperationStatus.ACTIVE,
    scope=("32", "33"),
    mechanisms=(Mechanism.NETWORK_SHARING, Mechanism.INFORMATION_SHARING),
)


@pytest.fixture
def members(ctx: Context) -> Context:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), actor("c"), FULL)
        uow.commit()
    return ctx


def test_a_cooperation_reads_back_equal(members: Context) -> None:
    with members.uow() as uow:
        assert uow.cooperations.get("kopi-jabar") == FULL
        assert uow.cooperations.count() == 1
        assert uow.cooperations.get("nothing") is None


def test_saving_again_replaces_idempotently(members: Context) -> None:
    ended = cooperation("kopi-jabar", status=CooperationStatus.ENDED)
    with members.uow() as uow:
        uow.cooperations.save(ended)
        uow.cooperations.save(ended)
        uow.commit()
    with members.uow() as uow:
        assert uow.cooperations.get("kopi-jabar") == ended
        assert uow.cooperations.count() == 1


def test_cooperations_are_ordered_by_key_and_found_by_member(members: Context) -> None:
    with members.uow() as uow:
        persist(uow, cooperation("z"), cooperation("b"), membership("z", "a"), membership("b", "b"))
        persist(uow, membership("kopi-jabar", "a"))
        uow.commit()
    with members.uow() as uow:
        assert [c.key for c in uow.cooperations.find()] == ["b", "kopi-jabar", "z"]
        assert [c.key for c in uow.cooperations.find(member="a")] == ["kopi-jabar", "z"]
        assert uow.cooperations.find(member="c") == []


def test_memberships_read_back_equal_ordered_by_actor_and_replace(members: Context) -> None:
    initiator = membership(
        "kopi-jabar",
        "b",
        role=MemberRole.INITIATOR,
        status=MembershipStatus.ACCEPTED,
        joined=date(2024, 1, 2),
    )
    left = membership(
        "kopi-jabar",
        "a",
        status=MembershipStatus.LEFT,
        joined=date(2024, 1, 5),
        left=date(2024, 6, 1),
    )
    with members.uow() as uow:
        persist(uow, initiator, membership("kopi-jabar", "a"))
        uow.commit()
    with members.uow() as uow:
        persist(uow, left, left)
        uow.commit()
    with members.uow() as uow:
        assert uow.cooperations.memberships("kopi-jabar") == [left, initiator]


def test_policies_read_back_equal_ordered_by_actor_and_replace(members: Context) -> None:
    full = policy(
        "kopi-jabar",
        "c",
        mapping_level=MappingLevel.OVERLAPS,
        shared_segments=("horeca", "retail"),
        shared_tie_types=("supplier_of",),
        introductions_allowed=True,
    )
    with members.uow() as uow:
        persist(
            uow,
            policy("kopi-jabar", "c", mapping_level=MappingLevel.FULL),
            policy("kopi-jabar", "a"),
        )
        uow.commit()
    with members.uow() as uow:
        persist(uow, full, full)
        uow.commit()
    with members.uow() as uow:
        assert uow.cooperations.policies("kopi-jabar") == [policy("kopi-jabar", "a"), full]


def test_unknown_cooperations_and_actors_are_not_found(members: Context) -> None:
    with members.uow() as uow:
        for call, missing in [
            (lambda: uow.cooperations.memberships("nothing"), "cooperation 'nothing'"),
            (lambda: uow.cooperations.policies("nothing"), "cooperation 'nothing'"),
            (lambda: persist(uow, membership("nothing", "a")), "cooperation 'nothing'"),
            (lambda: persist(uow, membership("kopi-jabar", "nobody")), "actor 'nobody'"),
            (lambda: persist(uow, policy("kopi-jabar", "nobody")), "actor 'nobody'"),
            (lambda: uow.cooperations.delete("nothing"), "cooperation 'nothing'"),
        ]:
            with pytest.raises(NotFound, match=missing):
                call()


def test_deleting_a_cooperation_removes_its_memberships_and_policies(members: Context) -> None:
    with members.uow() as uow:
        persist(uow, membership("kopi-jabar", "a"), policy("kopi-jabar", "a"))
        uow.commit()
    with members.uow() as uow:
        uow.cooperations.delete("kopi-jabar")
        uow.commit()
    with members.uow() as uow:
        assert uow.cooperations.get("kopi-jabar") is None
        assert uow.cooperations.find(member="a") == []
        persist(uow, FULL)  # the key is free again, with no members left over
        assert uow.cooperations.memberships("kopi-jabar") == []
        assert uow.cooperations.policies("kopi-jabar") == []


def test_a_cooperation_named_by_a_booking_cannot_be_deleted(members: Context) -> None:
    with members.uow() as uow:
        persist(uow, resource("r1", "a"), booking("r1", "b", cooperation="kopi-jabar"))
        uow.commit()
    with members.uow() as uow, pytest.raises(Conflict):
        uow.cooperations.delete("kopi-jabar")
    with members.uow() as uow:
        assert uow.cooperations.get("kopi-jabar") == FULL
