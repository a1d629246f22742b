"""Use case: a user's digest of a day — the posts it may read, grouped by cooperation and category.

The day is a UTC calendar day. The digest holds the posts created that day that the user may
read, and the posts forwarded that day to the team of an actor the user acts for (with their
notes); with ``unread`` it holds instead every live post the user may read and has not read.
Sections are ordered by cooperation key, then category in the vocabulary's order; posts in a
section newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from jejaring.domain.accounts import User
from jejaring.domain.posts import Post, PostCategory
from jejaring.services.access import principal
from jejaring.services.bootstrap import Context
from jejaring.services.post_access import reading_actors, require_user
from jejaring.services.posts import PostView, post_views
from jejaring.services.resources import utc

__all__ = ["Digest", "DigestSection", "digest"]


@dataclass(frozen=True)
class DigestSection:
    """The digest's posts of one cooperation and category."""

    cooperation: str
    category: PostCategory
    posts: tuple[PostView, ...]


@dataclass(frozen=True)
class Digest:
    """One user's digest for one day."""

    user: str
    day: date
    unread: bool
    sections: tuple[DigestSection, ...]

    @property
    def count(self) -> int:
        return sum(len(s.posts) for s in self.sections)


def digest(
    ctx: Context,
    user: User | None,
    day: date | None = None,
    *,
    unread: bool = False,
    now: datetime | None = None,
) -> Digest:
    """The digest of ``day`` (today, UTC, when None) for ``user``."""
    reader = require_user(user)
    at = utc(now or datetime.now(UTC))
    day = day or at.date()
    start = datetime.combine(day, time(), tzinfo=UTC)
    end = start + timedelta(days=1)
    with ctx.reader() as uow:
        p = principal(uow, reader)
        readers = reading_actors(p)
        found: list[Post]
        if unread:
            found = uow.posts.unread(reader.email, readers, at)
        else:
            found = uow.posts.created_between(start, end, readers)
            teams = sorted(p.roles) if readers is None else readers
            passed_on = {f.post for f in uow.forwards.to_teams(teams, start, end)}
            known = {q.id for q in found}
            found += uow.posts.by_ids(passed_on - known, readers)
        views = post_views(uow, p, found)
    order = list(PostCategory)
    grouped: dict[tuple[str, PostCategory], list[PostView]] = {}
    for v in sorted(views, key=lambda v: (-v.post.created.timestamp(), -(v.post.id or 0))):
        grouped.setdefault((v.post.cooperation, v.post.category), []).append(v)
    sections = tuple(
        DigestSection(coop, category, tuple(items))
        for (coop, category), items in sorted(
            grouped.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]))
        )
    )
    return Digest(reader.email, day, unread, sections)
