"""Who moves a referral from which status to which: requested -> accepted|declined ->
introduced -> won|lost. The introducer answers and introduces; the requester reports the outcome.
"""

from __future__ import annotations

from enum import StrEnum

from jejaring.domain.errors import N_, RuleViolation
from jejaring.domain.referrals import ReferralStatus

__all__ = ["MOVES", "Party", "check_move"]


class Party(StrEnum):
    """Which side of a referral makes a move."""

    REQUESTER = "requester"
    INTRODUCER = "introducer"


_S = ReferralStatus
# target status -> (the status it follows, the party that makes the move)
MOVES: dict[ReferralStatus, tuple[ReferralStatus, Party]] = {
    _S.ACCEPTED: (_S.REQUESTED, Party.INTRODUCER),
    _S.DECLINED: (_S.REQUESTED, Party.INTRODUCER),
    _S.INTRODUCED: (_S.ACCEPTED, Party.INTRODUCER),
    _S.WON: (_S.INTRODUCED, Party.REQUESTER),
    _S.LOST: (_S.INTRODUCED, Party.REQUESTER),
}


def check_move(current: ReferralStatus, target: ReferralStatus, *, referral: int) -> Party:
    """The party that may move the referral to ``target``; RuleViolation when it cannot now."""
    if target not in MOVES:
        raise RuleViolation(N_("a referral cannot be moved back to {status}"), status=target.value)
    before, party = MOVES[target]
    if current is not before:
        raise RuleViolation(
            N_("referral {id} is {current}: only a {before} referral can become {target}"),
            id=referral,
            current=current.value,
            before=before.value,
            target=target.value,
        )
    return party
