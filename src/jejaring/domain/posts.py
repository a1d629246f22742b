"""Information shared in a cooperation's channel, and who has read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from jejaring.domain.actors import check_name, check_text
from jejaring.domain.errors import N_, InvalidValue

__all__ = ["Post", "PostCategory", "PostVisibility", "Receipt"]


class PostCategory(StrEnum):
    """What kind of market information a post carries."""

    MARKET_INFO = "market_info"
    PRICE = "price"
    LEAD = "lead"
    OPPORTUNITY = "opportunity"
    RISK = "risk"
    REGULATION = "regulation"


class PostVisibility(StrEnum):
    """Every member of the cooperation, or only members active in the post's territories."""

    MEMBERS = "members"
    TERRITORY = "territory"


@dataclass(frozen=True, slots=True)
class Post:
    """A message in a cooperation's channel, tagged by territory and sector."""

    cooperation: str
    author: str
    category: PostCategory
    title: str
    body: str
    created: datetime
    territories: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    visibility: PostVisibility = PostVisibility.MEMBERS
    expires: datetime | None = None
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_name(self.title, field="title")
        check_text(self.body, field="body")
        if self.expires is None:
            return
        if (self.expires.tzinfo is None) != (self.created.tzinfo is None):
            raise InvalidValue(
                N_("expires: created and expires must both have a time zone, or neither")
            )
        if self.expires <= self.created:
            raise InvalidValue(N_("expires: must be after the post is created"))

    def expired(self, now: datetime) -> bool:
        """True when the post has an expiry and ``now`` is at or past it."""
        return self.expires is not None and now >= self.expires


@dataclass(frozen=True, slots=True)
class Receipt:
    """A user read a post."""

    post: int
    user: str
    read_at: datetime
