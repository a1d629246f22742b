"""The rules of an agreement's and a referral's life cycle, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from jejaring.domain import agreements
from jejaring.domain.cooperation import Cooperation, CooperationStatus, Membership
from jejaring.domain.cooperation import MembershipStatus as M
from jejaring.domain.errors import InvalidValue, RuleViolation
from jejaring.domain.referral_flow import Party, check_move
from jejaring.domain.referrals import ReferralStatus as R

DAY = date(2026, 12, 1)
COOP = Cooperation("k", "K")


def _members(*statuses: M) -> list[Membership]:
    return [Membership("k", f"m{i}", status=s) for i, s in enumerate(statuses)]


@pytest.mark.parametrize(
    ("statuses", "after"),
    [
        ((M.ACCEPTED, M.INVITED), CooperationStatus.PROPOSED),
        ((M.ACCEPTED, M.ACCEPTED), CooperationStatus.ACTIVE),
        ((M.ACCEPTED, M.DECLINED, M.ACCEPTED), CooperationStatus.ACTIVE),
        ((M.ACCEPTED, M.DECLINED), CooperationStatus.ENDED),
        ((M.INVITED, M.DECLINED, M.INVITED), CooperationStatus.PROPOSED),
    ],
)
def test_settle_follows_the_answers(statuses: tuple[M, ...], after: CooperationStatus) -> None:
    assert agreements.settle(COOP, _members(*statuses)).status is after


def test_an_active_agreement_ends_when_fewer_than_two_remain() -> None:
    active = Cooperation("k", "K", status=CooperationStatus.ACTIVE)
    assert agreements.settle(active, _members(M.ACCEPTED, M.LEFT)).status is CooperationStatus.ENDED
    assert agreements.settle(active, _members(M.ACCEPTED, M.ACCEPTED, M.LEFT)) == active


def test_invitations_answers_and_departures() -> None:
    invited = agreements.invitations("k", ["a", "b"], initiator="a", today=DAY)
    assert [(m.actor, m.status, m.joined) for m in invited] == [
        ("a", M.ACCEPTED, DAY),
        ("b", M.INVITED, None),
    ]
    accepted = agreements.answer(invited[1], accept=True, today=DAY)
    assert accepted.status is M.ACCEPTED and accepted.joined == DAY
    with pytest.raises(RuleViolation):
        agreements.answer(accepted, accept=False, today=DAY)
    assert agreements.depart(accepted, today=DAY).left == DAY
    with pytest.raises(RuleViolation):
        agreements.depart(invited[1], today=DAY)
    with pytest.raises(InvalidValue):
        agreements.check_members(["a", " a "])


def test_moves_of_the_agreement() -> None:
    active = Cooperation("k", "K", status=CooperationStatus.ACTIVE)
    suspended = agreements.transition(active, "suspend")
    assert agreements.transition(suspended, "resume") == active
    ended = agreements.transition(suspended, "end")
    for move in ("suspend", "resume", "end"):
        with pytest.raises(RuleViolation):
            agreements.transition(ended, move)


def test_who_moves_a_referral_and_from_where() -> None:
    assert check_move(R.REQUESTED, R.ACCEPTED, referral=1) is Party.INTRODUCER
    assert check_move(R.ACCEPTED, R.INTRODUCED, referral=1) is Party.INTRODUCER
    assert check_move(R.INTRODUCED, R.LOST, referral=1) is Party.REQUESTER
    for current, target in ((R.REQUESTED, R.WON), (R.DECLINED, R.INTRODUCED), (R.WON, R.REQUESTED)):
        with pytest.raises(RuleViolation):
            check_move(current, target, referral=1)
