"""Cooperation agreements, their memberships and each member's sharing policy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from jejaring.domain.actors import check_key, check_name, check_text
from jejaring.domain.errors import N_, InvalidValue

__all__ = [
    "Cooperation",
    "CooperationStatus",
    "MappingLevel",
    "Mechanism",
    "MemberRole",
    "Membership",
    "MembershipStatus",
    "SharingPolicy",
]


class CooperationStatus(StrEnum):
    """Life cycle of an agreement: proposed, then active when every member accepted."""

    PROPOSED = "proposed"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    ENDED = "ended"


class Mechanism(StrEnum):
    """What the members agree to share."""

    NETWORK_SHARING = "network_sharing"
    RESOURCE_CO_UTILIZATION = "resource_co_utilization"
    RESOURCE_CO_DEVELOPMENT = "resource_co_development"
    INFORMATION_SHARING = "information_sharing"


class MemberRole(StrEnum):
    """The initiator proposed the cooperation; the others were invited."""

    INITIATOR = "initiator"
    MEMBER = "member"


class MembershipStatus(StrEnum):
    """An invited member answers once; a member may later leave."""

    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    LEFT = "left"


class MappingLevel(StrEnum):
    """How much of its customer list a member lets partners map, from nothing to segments."""

    NONE = "none"
    COUNTS = "counts"
    OVERLAPS = "overlaps"
    FULL = "full"


@dataclass(frozen=True, slots=True)
class Cooperation:
    """An agreement between two or more actors to share their networks."""

    key: str
    name: str
    purpose: str = ""
    status: CooperationStatus = CooperationStatus.PROPOSED
    scope: tuple[str, ...] = ()
    mechanisms: tuple[Mechanism, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", check_key(self.key))
        check_name(self.name)
        check_text(self.purpose, field="purpose")


@dataclass(frozen=True, slots=True)
class Membership:
    """An actor's place in a cooperation."""

    cooperation: str
    actor: str
    role: MemberRole = MemberRole.MEMBER
    status: MembershipStatus = MembershipStatus.INVITED
    joined: date | None = None
    left: date | None = None

    def __post_init__(self) -> None:
        if self.joined is not None and self.left is not None and self.left < self.joined:
            raise InvalidValue(N_("left: must not be before joined"))


@dataclass(frozen=True, slots=True)
class SharingPolicy:
    """What one member shares with the others of one cooperation; nothing by default."""

    cooperation: str
    actor: str
    mapping_level: MappingLevel = MappingLevel.NONE
    shared_segments: tuple[str, ...] = ()
    shared_tie_types: tuple[str, ...] = ()
    introductions_allowed: bool = False
