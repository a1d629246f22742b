"""Cooperation agreements, their memberships and members' sharing policies."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from jejaring.domain.cooperation import (
    Cooperation,
    CooperationStatus,
    MappingLevel,
    Mechanism,
    MemberRole,
    MembershipStatus,
    SharingPolicy,
)
from jejaring.services.cooperations import CooperationView

__all__ = [
    "ActingAs",
    "CooperationCreate",
    "CooperationPublic",
    "CooperationSummary",
    "CooperationsPublic",
    "MembershipPublic",
    "PolicyPublic",
    "PolicyUpdate",
]

_KEY = Field(min_length=1, max_length=64, pattern=r"^\S+$")


class CooperationCreate(BaseModel):
    """A proposal: ``actor`` (one of ``members``) initiates and accepts by proposing.

    Without ``actor`` a coordinator or administrator proposes and every member is invited.
    """

    key: str = _KEY
    name: str = Field(min_length=1, max_length=200)
    members: list[str] = Field(min_length=2, max_length=100)
    actor: str | None = Field(default=None, max_length=64)
    mechanisms: list[Mechanism] = Field(default=[Mechanism.NETWORK_SHARING], min_length=1)
    purpose: str = Field(default="", max_length=2000)
    scope: list[str] = Field(default=[], max_length=1000, description="territory codes")


class ActingAs(BaseModel):
    """The member acted for; omitted, an administrator acts for no member."""

    actor: str | None = Field(default=None, max_length=64)


class MembershipPublic(BaseModel):
    """One member: its role, where its invitation stands, when it joined and left."""

    actor: str
    role: MemberRole
    status: MembershipStatus
    joined: date | None
    left: date | None


class PolicyPublic(BaseModel):
    """What one member shares in one cooperation."""

    cooperation: str
    actor: str
    mapping_level: MappingLevel
    shared_segments: list[str]
    shared_tie_types: list[str]
    introductions_allowed: bool

    @classmethod
    def of(cls, p: SharingPolicy) -> PolicyPublic:
        return cls(
            cooperation=p.cooperation,
            actor=p.actor,
            mapping_level=p.mapping_level,
            shared_segments=list(p.shared_segments),
            shared_tie_types=list(p.shared_tie_types),
            introductions_allowed=p.introductions_allowed,
        )


class PolicyUpdate(BaseModel):
    """The fields to change; those left out keep their value."""

    mapping_level: MappingLevel | None = None
    shared_segments: list[str] | None = Field(default=None, max_length=200)
    shared_tie_types: list[str] | None = Field(default=None, max_length=200)
    introductions_allowed: bool | None = None


class CooperationSummary(BaseModel):
    """An agreement without its members (the list's items)."""

    key: str
    name: str
    purpose: str
    status: CooperationStatus
    scope: list[str]
    mechanisms: list[Mechanism]

    @classmethod
    def of(cls, c: Cooperation) -> CooperationSummary:
        return cls(
            key=c.key,
            name=c.name,
            purpose=c.purpose,
            status=c.status,
            scope=list(c.scope),
            mechanisms=list(c.mechanisms),
        )


class CooperationPublic(CooperationSummary):
    """An agreement, its memberships and every member's policy."""

    members: list[MembershipPublic]
    policies: list[PolicyPublic]

    @classmethod
    def of_view(cls, v: CooperationView) -> CooperationPublic:
        return cls(
            **CooperationSummary.of(v.cooperation).model_dump(),
            members=[
                MembershipPublic(
                    actor=m.actor, role=m.role, status=m.status, joined=m.joined, left=m.left
                )
                for m in v.members
            ],
            policies=[PolicyPublic.of(p) for p in v.policies],
        )


class CooperationsPublic(BaseModel):
    """A page of cooperations; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[CooperationSummary]
    next_cursor: str | None
