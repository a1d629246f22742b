"""Posts in cooperations' channels and their read receipts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from jejaring.domain.posts import Post, PostCategory, PostVisibility
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import ActorRow, PostRow, ReceiptRow, UserRow

__all__ = ["PostRepository"]


class PostRepository(Repository):
    """Posts, newest first."""

    def add(self, p: Post) -> int:
        row = PostRow(
            cooperation_id=self.cooperation_id(p.cooperation),
            author_id=self.actor_id(p.author),
            category=p.category.value,
            title=p.title,
            body=p.body,
            territories=list(p.territories),
            sectors=list(p.sectors),
            visibility=p.visibility.value,
            created=p.created,
            expires=p.expires,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(PostRow)) or 0

    def find(self, cooperation: str) -> list[Post]:
        rows = self.session.execute(
            select(PostRow, ActorRow.key)
            .join(ActorRow, PostRow.author_id == ActorRow.id)
            .where(PostRow.cooperation_id == self.cooperation_id(cooperation))
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
            for r, author in rows
        ]

    def mark_read(self, post_id: int, user_email: str, at: datetime) -> None:
        user_id = self.session.scalar(select(UserRow.id).where(UserRow.email == user_email))
        if user_id is not None and self.session.get(ReceiptRow, (post_id, user_id)) is None:
            self.session.add(ReceiptRow(post_id=post_id, user_id=user_id, read_at=at))
            self.session.flush()

    def readers(self, post_id: int) -> list[str]:
        return list(
            self.session.scalars(
                select(UserRow.email)
                .join(ReceiptRow)
                .where(ReceiptRow.post_id == post_id)
                .order_by(UserRow.email)
            )
        )
