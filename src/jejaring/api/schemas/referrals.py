"""Referrals (warm introductions asked of a partner), their attribution, and routes to ask."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from jejaring.domain.referrals import Referral, ReferralStatus, TargetKind
from jejaring.services.referrals import Attribution

__all__ = [
    "AttributionPublic",
    "IntroductionPublic",
    "IntroductionsPublic",
    "ReferralCreate",
    "ReferralPublic",
    "ReferralUpdate",
    "ReferralsPublic",
]


class ReferralCreate(BaseModel):
    """``requester`` asks ``introducer`` for an introduction to ``target``.

    The target is an actor, or (``target_kind`` customer) one of the introducer's customers
    that it shares in the cooperation.
    """

    requester: str = Field(max_length=64)
    introducer: str = Field(max_length=64)
    target: str = Field(max_length=64)
    target_kind: TargetKind = TargetKind.ACTOR
    cooperation: str | None = Field(default=None, max_length=64)
    note: str = Field(default="", max_length=2000)


class ReferralUpdate(BaseModel):
    """The next step: the introducer accepts, declines, introduces; the requester reports
    the outcome, won (with the deal's ``value``) or lost."""

    status: ReferralStatus
    value: float | None = None


class ReferralPublic(BaseModel):
    """A referral and where it stands."""

    id: int
    requester: str
    introducer: str
    target_kind: TargetKind
    target: str
    cooperation: str | None
    status: ReferralStatus
    value: float | None
    note: str
    created: datetime

    @classmethod
    def of(cls, r: Referral) -> ReferralPublic:
        assert r.id is not None  # a stored referral has its id
        return cls(
            id=r.id,
            requester=r.requester,
            introducer=r.introducer,
            target_kind=r.target_kind,
            target=r.target,
            cooperation=r.cooperation,
            status=r.status,
            value=r.value,
            note=r.note,
            created=r.created,
        )


class AttributionPublic(BaseModel):
    """Referrals an introducer made within a cooperation, and what they won."""

    introducer: str
    cooperation: str | None
    referrals: int
    won: int
    lost: int
    value_won: float

    @classmethod
    def of(cls, a: Attribution) -> AttributionPublic:
        return cls.model_validate(a.__dict__)


class ReferralsPublic(BaseModel):
    """A page of an actor's referrals, newest first, and the attribution of all of them."""

    items: list[ReferralPublic]
    attribution: list[AttributionPublic]
    next_cursor: str | None


class IntroductionPublic(BaseModel):
    """A route from the requester; ``introducer`` is the partner to ask first."""

    actors: list[str]
    hops: int
    weakest: float
    total: float
    introducer: str | None
    cooperation: str | None
    match: dict[str, Any] | None


class IntroductionsPublic(BaseModel):
    """Routes best first (fewest hops, then strongest ties); ``complete`` False when the
    search's work budget ran out."""

    requester: str
    target: str
    complete: bool
    routes: list[IntroductionPublic]
