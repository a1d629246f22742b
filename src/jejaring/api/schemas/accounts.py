"""Users, the roles they hold for actors, invitations and API tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from jejaring.domain.accounts import ActorMember, ActorRole, ApiToken, TokenScope, User

__all__ = [
    "ApiTokenPublic",
    "InvitationCreate",
    "InvitationPublic",
    "MemberCreate",
    "MemberPublic",
    "MemberUpdate",
    "MembersPublic",
    "MembershipPublic",
    "TokenCreate",
    "TokenCreated",
    "TokensPublic",
    "UserPublic",
    "UserUpdate",
    "UsersPublic",
]


class MembershipPublic(BaseModel):
    actor: str
    role: ActorRole


class UserPublic(BaseModel):
    """An account (never its password hash)."""

    email: str
    display_name: str
    locale: str
    platform_roles: list[str]
    active: bool
    memberships: list[MembershipPublic] | None = None

    @classmethod
    def of(cls, u: User, memberships: list[ActorMember] | None = None) -> UserPublic:
        found: dict[str, Any] = {
            "email": u.email,
            "display_name": u.display_name,
            "locale": u.locale,
            "platform_roles": [r.value for r in u.platform_roles],
            "active": u.active,
        }
        if memberships is not None:
            found["memberships"] = [
                MembershipPublic(actor=m.actor, role=m.role) for m in memberships
            ]
        return cls(**found)


class UsersPublic(BaseModel):
    """A page of accounts; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[UserPublic]
    next_cursor: str | None


class UserUpdate(BaseModel):
    """What a user changes of their own account; a new password needs the current one."""

    display_name: str | None = Field(default=None, max_length=200)
    locale: str | None = Field(default=None, max_length=8)
    password: str | None = Field(default=None, min_length=1, max_length=1024)
    current_password: str | None = Field(default=None, min_length=1, max_length=1024)


class MemberPublic(BaseModel):
    email: str
    role: ActorRole

    @classmethod
    def of(cls, m: ActorMember) -> MemberPublic:
        return cls(email=m.user, role=m.role)


class MembersPublic(BaseModel):
    items: list[MemberPublic]


class MemberCreate(BaseModel):
    """An existing user to act for the actor, and the role."""

    email: str = Field(min_length=3, max_length=320)
    role: ActorRole


class MemberUpdate(BaseModel):
    role: ActorRole


class InvitationCreate(BaseModel):
    """Who is invited to act for which actor, in which role."""

    email: str = Field(min_length=3, max_length=320)
    actor: str = Field(min_length=1, max_length=200)
    role: ActorRole = ActorRole.MEMBER


class InvitationPublic(BaseModel):
    """The invitation was made and mailed to the address (its token goes only there)."""

    email: str
    actor: str
    role: ActorRole
    expires: datetime


class TokenCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    scopes: list[TokenScope] = Field(min_length=1, max_length=2)


class ApiTokenPublic(BaseModel):
    id: int
    name: str
    scopes: list[TokenScope]
    created: datetime
    revoked: datetime | None

    @classmethod
    def of(cls, t: ApiToken) -> ApiTokenPublic:
        assert t.id is not None
        return cls(
            id=t.id, name=t.name, scopes=list(t.scopes), created=t.created, revoked=t.revoked
        )


class TokenCreated(ApiTokenPublic):
    """A new token: ``token`` is its secret, shown this once and never again."""

    token: str


class TokensPublic(BaseModel):
    items: list[ApiTokenPublic]
