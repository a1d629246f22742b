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
    "Ticket",
    "TicketPurpose",
    "TokenScope",
    "User",
    "WebSession",
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


class TicketPurpose(StrEnum):
    """What a single-use ticket sent to an address is for."""

    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"


@dataclass(frozen=True, slots=True)
class Ticket:
    """A single-use, expiring token sent to an address; only its hash is kept.

    An invitation names the actor and the role the new user gets; a password reset neither.
    """

    purpose: TicketPurpose
    email: str
    token_hash: str
    created: datetime
    expires: datetime
    actor: str | None = None
    role: ActorRole | None = None
    used: datetime | None = None
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "email", self.email.strip().casefold())

    def usable(self, at: datetime) -> bool:
        """Not used yet and not expired at ``at``."""
        return self.used is None and at < self.expires


@dataclass(frozen=True, slots=True)
class WebSession:
    """A browser's sign-in, kept on the server so that it can be ended; only its hash is kept."""

    user: str
    token_hash: str
    created: datetime
    expires: datetime
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
