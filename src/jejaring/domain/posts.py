"""Information shared in a cooperation's channel, and who has read it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from jejaring.domain.actors import check_key, check_name, check_text
from jejaring.domain.errors import N_, InvalidValue

__all__ = ["Forward", "Post", "PostCategory", "PostVisibility", "Receipt", "search_terms"]


class PostCategory(StrEnum):
    """What kind of market information a post carries."""

    MARKET_INFO = "market_info"
    PRICE = "price"
    LEAD = "lead"
    OPPORTUNITY = "opportunity"
    RISK = "risk"
    REGULATION = "regulation"


class PostVisibility(StrEnum):
    """Every member of the cooperation, or only the named member actors (and the author)."""

    MEMBERS = "members"
    NAMED = "named"


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
    recipients: tuple[str, ...] = ()
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_name(self.title, field="title")
        check_text(self.body, field="body")
        for name, tags in (("territories", self.territories), ("sectors", self.sectors)):
            for tag in tags:
                check_key(tag, field=name, max_length=100)
        if len(set(self.recipients)) != len(self.recipients):
            raise InvalidValue(N_("to: names an actor more than once"))
        if self.visibility is PostVisibility.NAMED and not self.recipients:
            raise InvalidValue(N_("to: a post for named members must name at least one"))
        if self.visibility is PostVisibility.MEMBERS and self.recipients:
            raise InvalidValue(N_("to: a post for all members names no one"))
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


@dataclass(frozen=True, slots=True)
class Forward:
    """A user passed a post on to the team of an actor it acts for, with a note."""

    post: int
    by_user: str
    to_actor: str
    at: datetime
    note: str = ""
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_text(self.note, field="note")
        if len(self.note) > 2_000:
            raise InvalidValue(N_("note: must be at most {length} characters"), length=2_000)


def search_terms(query: str) -> tuple[str, ...]:
    """The words of a search query, lower-cased, each once, in order; every one must match."""
    words = tuple(dict.fromkeys(w.casefold() for w in re.findall(r"\w+", query)))
    if not words:
        raise InvalidValue(N_("query: give at least one word to search for"))
    if len(words) > 32:
        raise InvalidValue(N_("query: at most {count} words"), count=32)
    return words
