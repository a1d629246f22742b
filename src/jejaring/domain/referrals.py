"""Referrals: warm introductions asked of a partner, with their outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from jejaring.domain.actors import check_key, check_text
from jejaring.domain.errors import N_, InvalidValue
from jejaring.domain.numbers import check_non_negative

__all__ = ["Referral", "ReferralStatus", "TargetKind"]


class ReferralStatus(StrEnum):
    """A referral moves requested -> accepted|declined -> introduced -> won|lost."""

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    INTRODUCED = "introduced"
    WON = "won"
    LOST = "lost"


class TargetKind(StrEnum):
    """Whom the requester wants to meet."""

    ACTOR = "actor"
    CUSTOMER = "customer"


@dataclass(frozen=True, slots=True)
class Referral:
    """``requester`` asks ``introducer`` to introduce it to ``target``."""

    requester: str
    introducer: str
    target_kind: TargetKind
    target: str
    created: datetime
    cooperation: str | None = None
    status: ReferralStatus = ReferralStatus.REQUESTED
    value: float | None = None
    note: str = ""
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_key(self.target, field="target")
        check_text(self.note, field="note")
        if self.requester == self.introducer:
            raise InvalidValue(N_("introducer: must differ from the requester"))
        if self.target_kind is TargetKind.ACTOR and self.target == self.requester:
            raise InvalidValue(N_("target: the requester cannot be introduced to itself"))
        if self.value is not None:
            check_non_negative(self.value, field="value")
