"""Posts in cooperations' channels, their named recipients and their read receipts.

Every read takes ``readers``: the keys of the actors a user reads through (None: no limit, for
the operator and for counts); a post they may not read is treated exactly like a missing one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select

from jejaring.domain.errors import N_, NotFound
from jejaring.domain.posts import Post, PostCategory, PostVisibility, Receipt
from jejaring.store import changes
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.repositories.post_visibility import readable_through
from jejaring.store.tables import (
    ActorRow,
    CooperationRow,
    PostRecipientRow,
    PostRow,
    ReceiptRow,
    UserRow,
)

__all__ = ["PostRepository", "Readers"]

Readers = Collection[str] | None


class PostRepository(Repository):
    """Posts by id, newest first; times are stored and returned in UTC."""

    def add(self, p: Post) -> int:
        """Store a post with its recipients and return its id."""
        recipients = self.actor_ids(p.recipients)
        for key in p.recipients:
            if key not in recipients:
                raise NotFound(N_("actor '{key}' not found"), key=key)
        row = PostRow(
            cooperation_id=self.cooperation_id(p.cooperation),
            author_id=self.actor_id(p.author),
            category=p.category.value,
            title=p.title,
            body=p.body,
            territories=list(p.territories),
            sectors=list(p.sectors),
            visibility=p.visibility.value,
            created=as_utc(p.created),
            expires=as_utc(p.expires) if p.expires else None,
        )
        self._flush()  # so that only this post is written inside the scope below
        scopes = (changes.cooperation_scope(p.cooperation), changes.actor_scope(p.author))
        with changes.scoped(self.session.connection(), "post", scopes):
            self.session.add(row)
            self._flush()
        self.session.add_all(
            PostRecipientRow(post_id=row.id, actor_id=recipients[k]) for k in p.recipients
        )
        self._flush()
        return row.id

    def get(self, post_id: int, readers: Readers = None) -> Post | None:
        """The post, None when it is missing or none of ``readers`` may read it."""
        found = self._load(PostRow.id == post_id, readers)
        return found[0] if found else None

    def delete(self, post_id: int) -> None:
        """Remove a post with its receipts; NotFound when there is none."""
        self.session.delete(self._row(post_id))
        self._flush()

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(PostRow)) or 0

    def find(
        self,
        cooperation: str,
        readers: Readers = None,
        *,
        live_at: datetime | None = None,
        category: PostCategory | None = None,
        before: tuple[datetime, int] | None = None,
        limit: int | None = None,
    ) -> list[Post]:
        """The cooperation's posts, newest first (the later stored first among equals).

        ``live_at``: only those not expired at that instant; ``before``: only those after
        (created, id) in that order; at most ``limit`` of them.
        """
        where = and_(PostRow.cooperation_id == self.cooperation_id(cooperation), _live(live_at))
        if category is not None:
            where = and_(where, PostRow.category == category.value)
        if before is not None:
            created, post_id = as_utc(before[0]), before[1]
            older = or_(
                PostRow.created < created, and_(PostRow.created == created, PostRow.id < post_id)
            )
            where = and_(where, older)
        return self._load(where, readers, limit=limit)

    def created_between(self, start: datetime, end: datetime, readers: Readers) -> list[Post]:
        """Posts created in ``[start, end)`` in every cooperation, newest first."""
        where = and_(PostRow.created >= as_utc(start), PostRow.created < as_utc(end))
        return self._load(where, readers)

    def by_ids(self, ids: Collection[int], readers: Readers) -> list[Post]:
        """The posts among ``ids`` that ``readers`` may read, newest first."""
        return self._load(PostRow.id.in_(list(ids)), readers) if ids else []

    def unread(self, user_email: str, readers: Readers, live_at: datetime) -> list[Post]:
        """Posts ``readers`` may read, not expired at ``live_at``, the user has not read."""
        return self._load(and_(self._not_read_by(user_email), _live(live_at)), readers)

    def unread_counts(self, user_email: str, readers: Readers, live_at: datetime) -> dict[str, int]:
        """Per cooperation: how many live posts readable by ``readers`` the user has not read."""
        query = (
            select(CooperationRow.key, func.count(PostRow.id))
            .join(CooperationRow, PostRow.cooperation_id == CooperationRow.id)
            .where(self._not_read_by(user_email), _live(live_at), readable_through(readers))
            .group_by(CooperationRow.key)
        )
        return {key: int(n) for key, n in self.session.execute(query)}

    def read_by(self, user_email: str, post_ids: Collection[int]) -> dict[int, datetime]:
        """When the user read each of ``post_ids`` it has read."""
        if not post_ids:
            return {}
        query = select(ReceiptRow.post_id, ReceiptRow.read_at).where(
            ReceiptRow.user_id == self.user_id(user_email), ReceiptRow.post_id.in_(list(post_ids))
        )
        return {i: as_utc(at) for i, at in self.session.execute(query)}

    def mark_read(self, post_id: int, user_email: str, at: datetime) -> None:
        """Record that the user read the post; the first reading is the one kept."""
        self._row(post_id)
        user_id = self.user_id(user_email)
        if self.session.get(ReceiptRow, (post_id, user_id)) is None:
            self.session.add(ReceiptRow(post_id=post_id, user_id=user_id, read_at=as_utc(at)))
            self._flush()

    def readers(self, post_id: int) -> list[str]:
        """E-mail addresses of the post's readers, in order."""
        return [r.user for r in self.receipts(post_id)]

    def receipts(self, post_id: int) -> list[Receipt]:
        """The post's read receipts ordered by the reader's address."""
        self._row(post_id)
        rows = self.session.execute(
            select(UserRow.email, ReceiptRow.read_at)
            .join(ReceiptRow)
            .where(ReceiptRow.post_id == post_id)
            .order_by(UserRow.email)
        )
        return [Receipt(post_id, email, as_utc(read_at)) for email, read_at in rows]

    def _not_read_by(self, user_email: str) -> ColumnElement[bool]:
        read = select(ReceiptRow.post_id).where(ReceiptRow.user_id == self.user_id(user_email))
        return PostRow.id.not_in(read)

    def _row(self, post_id: int) -> PostRow:
        row = self.session.get(PostRow, post_id)
        if row is None:
            raise NotFound(N_("post {id} not found"), id=post_id)
        return row

    def _recipients(self, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = defaultdict(list)
        for i in range(0, len(ids), 900):
            rows = self.session.execute(
                select(PostRecipientRow.post_id, ActorRow.key)
                .join(ActorRow, PostRecipientRow.actor_id == ActorRow.id)
                .where(PostRecipientRow.post_id.in_(ids[i : i + 900]))
                .order_by(ActorRow.key)
            )
            for post_id, key in rows:
                found[post_id].append(key)
        return {k: tuple(v) for k, v in found.items()}

    def _load(
        self, where: ColumnElement[bool], readers: Readers = None, *, limit: int | None = None
    ) -> list[Post]:
        rows = self.session.execute(
            select(PostRow, CooperationRow.key, ActorRow.key)
            .join(CooperationRow, PostRow.cooperation_id == CooperationRow.id)
            .join(ActorRow, PostRow.author_id == ActorRow.id)
            .where(where, readable_through(readers))
            .order_by(PostRow.created.desc(), PostRow.id.desc())
            .limit(limit)
        ).all()
        named = self._recipients([r.id for r, _c, _a in rows if r.visibility == "named"])
        return [
            Post(
                cooperation,
                author,
                PostCategory(r.category),
                r.title,
                r.body,
                as_utc(r.created),
                tuple(r.territories),
                tuple(r.sectors),
                PostVisibility(r.visibility),
                as_utc(r.expires) if r.expires else None,
                named.get(r.id, ()),
                id=r.id,
            )
            for r, cooperation, author in rows
        ]


def _live(at: datetime | None) -> ColumnElement[bool]:
    """Not expired at ``at`` (no condition when ``at`` is None)."""
    if at is None:
        return PostRow.id.is_not(None)
    return or_(PostRow.expires.is_(None), PostRow.expires > as_utc(at))
