"""Cooperations, memberships, sharing policies, joint projects and contributions."""

from __future__ import annotations

from datetime import date

import pytest

from jejaring.domain.cooperation import (
    CooperationStatus,
    MappingLevel,
    MemberRole,
    MembershipStatus,
)
from jejaring.domain.errors import InvalidValue
from jejaring.domain.projects import ProjectStatus
from tests.factories import contribution, cooperation, membership, milestone, policy, project


def test_a_cooperation_starts_proposed_with_nothing_enabled() -> None:
    c = cooperation()
    assert c.status is CooperationStatus.PROPOSED
    assert (c.scope, c.mechanisms) == ((), ())


def test_a_cooperation_key_and_name_are_checked() -> None:
    assert cooperation(" koperasi-1 ").key == "koperasi-1"
    with pytest.raises(InvalidValue, match=r"^key: "):
        cooperation("a,b")
    with pytest.raises(InvalidValue, match=r"^name: must not be empty"):
        cooperation(name="")


def test_a_member_is_invited_as_a_plain_member_by_default() -> None:
    m = membership()
    assert (m.role, m.status) == (MemberRole.MEMBER, MembershipStatus.INVITED)


def test_a_member_cannot_leave_before_joining() -> None:
    day = date(2024, 3, 1)
    assert membership(joined=day, left=day).left == day
    with pytest.raises(InvalidValue, match=r"^left: must not be before joined"):
        membership(joined=day, left=date(2024, 2, 29))


def test_a_policy_shares_nothing_by_default() -> None:
    p = policy()
    assert p.mapping_level is MappingLevel.NONE
    assert (p.shared_segments, p.shared_tie_types, p.introductions_allowed) == ((), (), False)


def test_mapping_levels_run_from_nothing_to_everything() -> None:
    assert [m.value for m in MappingLevel] == ["none", "counts", "overlaps", "full"]


def test_a_project_is_planned_by_default_and_its_key_and_name_are_checked() -> None:
    assert project().status is ProjectStatus.PLANNED
    assert project(" p-1 ").key == "p-1"
    with pytest.raises(InvalidValue, match=r"^key: "):
        project("")
    with pytest.raises(InvalidValue, match=r"^name: must not be empty"):
        project(name=" ")


def test_a_milestone_needs_a_title() -> None:
    assert not milestone().done
    with pytest.raises(InvalidValue, match=r"^title: must not be empty"):
        milestone("")


@pytest.mark.parametrize("amount", [0.0, -3.0, float("nan"), float("inf")])
def test_a_contribution_amount_must_be_finite_and_above_zero(amount: float) -> None:
    with pytest.raises(InvalidValue, match=r"^amount: must be a number > 0"):
        contribution(amount=amount, valued_at=0.0)


def test_a_contribution_may_be_valued_at_zero_but_not_below() -> None:
    assert contribution(amount=8.0, valued_at=0.0).valued_at == 0.0
    with pytest.raises(InvalidValue, match=r"^valued_at: must be a number >= 0"):
        contribution(amount=8.0, valued_at=-1.0)
