"""Use case: full-text search over the posts a user may read, best match first, with a snippet.

Every word of the query must occur in the post's title or body (case and, on SQLite,
diacritics ignored; no stemming on either database). Only posts the user may read are ever
considered: the visibility condition is part of the search query itself. Expired posts are
left out unless asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from jejaring.domain.accounts import User
from jejaring.domain.errors import N_, InvalidValue
from jejaring.domain.posts import Post, search_terms
from jejaring.services.access import principal
from jejaring.services.bootstrap import Context
from jejaring.services.post_access import open_channel, reading_actors
from jejaring.services.resources import utc

__all__ = ["SearchHit", "search_posts"]


@dataclass(frozen=True)
class SearchHit:
    """A matching post, its score (higher is better) and a snippet with matches in [brackets]."""

    post: Post
    score: float
    snippet: str


def search_posts(
    ctx: Context,
    user: User | None,
    query: str,
    *,
    cooperation: str | None = None,
    include_expired: bool = False,
    limit: int = 50,
    now: datetime | None = None,
) -> list[SearchHit]:
    """The user's readable posts matching every word of ``query`` (in ``cooperation``)."""
    terms = search_terms(query)
    if not 1 <= limit <= 500:
        raise InvalidValue(N_("limit: must be from 1 to {most}"), most=500)
    at = None if include_expired else utc(now or datetime.now(UTC))
    with ctx.reader() as uow:
        p = principal(uow, user)
        if cooperation is not None:
            open_channel(uow, p, cooperation)
        readers = reading_actors(p)
        rows = uow.post_search.search(
            terms, readers, cooperation=cooperation, live_at=at, limit=limit
        )
        posts = {q.id: q for q in uow.posts.by_ids([r.post for r in rows], readers)}
    return [SearchHit(posts[r.post], r.score, r.snippet) for r in rows if r.post in posts]
