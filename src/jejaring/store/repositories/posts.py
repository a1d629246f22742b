"""Posts in cooperations' channels and their read receipts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, select

from jejaring.domain.errors import N_, NotFound
from jejaring.domain.posts import Post, PostCategory, PostVisibility, Receipt
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import ActorRow, CooperationRow, PostRow, ReceiptRow, UserRow

__all__ = ["PostRepository"]


class PostRepository(Repository):
    """Posts by id, newest first; times are stored and returned in UTC."""

    def add(self, p: Post) -> int:
        """Store a post and return its id."""
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
        self.session.add(row)
        self._flush()
        return row.id

    def get(self, post_id: int) -> Post | None:
        found = self._load(PostRow.id == post_id)
        return found[0] if found else None

    def delete(self, post_id: int) -> None:
        """Remove a post with its receipts; NotFound when there is none."""
        self.session.delete(self._row(post_id))
        self._flush()

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(PostRow)) or 0

    def find(self, cooperation: str) -> list[Post]:
        """The cooperation's posts, newest first (the later stored first among equals)."""
        return self._load(PostRow.cooperation_id == self.cooperation_id(cooperation))

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

    def _row(self, post_id: int) -> PostRow:
        row = self.session.get(PostRow, post_id)
        if row is None:
            raise NotFound(N_("post {id} not found"), id=post_id)
        return row

    def _load(self, where: ColumnElement[bool]) -> list[Post]:
        rows = self.session.execute(
            select(PostRow, CooperationRow.key, ActorRow.key)
            .join(CooperationRow, PostRow.cooperation_id == CooperationRow.id)
            .join(ActorRow, PostRow.author_id == ActorRow.id)
            .where(where)
            .order_by(PostRow.created.desc(), PostRow.id.desc())
        )
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
                id=r.id,
            )
            for r, cooperation, author in rows
        ]
