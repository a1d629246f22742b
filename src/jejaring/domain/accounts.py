"""People who sign in, their roles for actors and on the platform, tokens and audit.

Webhooks are in :mod:`jejaring.domain.webhooks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

__all__ = [
    "MAPPING_READ",
    "ActorMember",
    "ActorRole",
    "ApiToken",
    "AuditEvent",
    "PlatformRole",
    "TokenScope",
    "User",
]


class ActorRole(StrEnum):
    """A user's role for an actor, from the most to the least powerful."""

    OWNER = "owner"
    MANAGER = "manager"
    MEMBER = "member"
    VIEWER = "viewer"


class PlatformRole(StrEnum):
    """Roles over the whole community."""

    ADMIN = "admin"
    COORDINATOR = "coordinator"


class TokenScope(StrEnum):
    """What an API token may do."""

    READ = "read"
    WRITE = "write"


@dataclass(frozen=True, slots=True)
class User:
    """A person who signs in; only the password's hash is ever kept."""

    email: str
    password_hash: str
    display_name: str = ""
    locale: str = "id"
    platform_roles: tuple[PlatformRole, ...] = ()
    active: bool = True

    def __post_init__(self) -> None:
        # Addresses are compared case-insensitively, so the canonical form is case-folded.
        object.__setattr__(self, "email", self.email.strip().casefold())


@dataclass(frozen=True, slots=True)
class ActorMember:
    """A user acting for an actor in a role."""

    user: str
    actor: str
    role: ActorRole

    def __post_init__(self) -> None:
        object.__setattr__(self, "user", self.user.strip().casefold())


@dataclass(frozen=True, slots=True)
class ApiToken:
    """A bearer token for programs; only its hash is kept."""

    user: str
    name: str
    token_hash: str
    scopes: tuple[TokenScope, ...]
    created: datetime
    revoked: datetime | None = None
    id: int | None = field(default=None, compare=False)


# The audit action of a partner reading an account map: the owner lists it, and it is the
# "account maps viewed" indicator of partner knowledge.
MAPPING_READ = "mapping.read"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """Something a data owner must be able to see: who read or changed what, when."""

    at: datetime
    action: str
    subject_actor: str | None
    by_user: str | None = None
    by_actor: str | None = None
    detail: str = ""
    cooperation: str | None = None
    id: int | None = field(default=None, compare=False)
