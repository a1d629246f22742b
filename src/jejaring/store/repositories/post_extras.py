"""What hangs off a post besides its receipts: attached files' records and forwards to teams.

The bytes of attachments are not here: they are files named by their SHA-256 digest
(``services.attachment_store``); these rows say which post carries which digest under which
label.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Select, func, select

from jejaring.domain.attachments import Attachment
from jejaring.domain.posts import Forward
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import (
    ActorMemberRow,
    ActorRow,
    PostAttachmentRow,
    PostForwardRow,
    UserRow,
)

__all__ = ["AttachmentRepository", "ForwardRepository"]


def _attachment(r: PostAttachmentRow) -> Attachment:
    return Attachment(r.name, r.media_type, r.size, r.sha256, id=r.id)


class AttachmentRepository(Repository):
    """Attachment records per post, in the order they were attached."""

    def add(self, post_id: int, a: Attachment) -> int:
        row = PostAttachmentRow(
            post_id=post_id, name=a.name, media_type=a.media_type, size=a.size, sha256=a.sha256
        )
        self.session.add(row)
        self._flush()
        return row.id

    def of_posts(self, post_ids: Collection[int]) -> dict[int, list[Attachment]]:
        found: dict[int, list[Attachment]] = defaultdict(list)
        if post_ids:
            rows = self.session.scalars(
                select(PostAttachmentRow)
                .where(PostAttachmentRow.post_id.in_(list(post_ids)))
                .order_by(PostAttachmentRow.id)
            )
            for r in rows:
                found[r.post_id].append(_attachment(r))
        return dict(found)

    def get(self, post_id: int, name: str) -> Attachment | None:
        row = self.session.scalar(
            select(PostAttachmentRow).where(
                PostAttachmentRow.post_id == post_id, PostAttachmentRow.name == name
            )
        )
        return None if row is None else _attachment(row)

    def digests(self) -> set[str]:
        """Every digest some post still refers to."""
        return set(self.session.scalars(select(PostAttachmentRow.sha256).distinct()))


class ForwardRepository(Repository):
    """Posts passed on by users to their actors' teams."""

    def add(self, f: Forward) -> int:
        row = PostForwardRow(
            post_id=f.post,
            user_id=self.user_id(f.by_user),
            actor_id=self.actor_id(f.to_actor),
            note=f.note,
            at=as_utc(f.at),
        )
        self.session.add(row)
        self._flush()
        return row.id

    def _select(self) -> Select[PostForwardRow, str, str]:
        return (
            select(PostForwardRow, UserRow.email, ActorRow.key)
            .join(UserRow, PostForwardRow.user_id == UserRow.id)
            .join(ActorRow, PostForwardRow.actor_id == ActorRow.id)
            .order_by(PostForwardRow.at, PostForwardRow.id)
        )

    def _forwards(self, query: Select[PostForwardRow, str, str]) -> list[Forward]:
        return [
            Forward(r.post_id, email, key, as_utc(r.at), r.note, id=r.id)
            for r, email, key in self.session.execute(query)
        ]

    def of_posts(self, post_ids: Collection[int], actors: Collection[str] | None) -> list[Forward]:
        """Forwards of ``post_ids`` to the teams of ``actors`` (None: to any team)."""
        if not post_ids:
            return []
        query = self._select().where(PostForwardRow.post_id.in_(list(post_ids)))
        if actors is not None:
            query = query.where(ActorRow.key.in_(list(actors)))
        return self._forwards(query)

    def to_teams(self, actors: Collection[str], start: datetime, end: datetime) -> list[Forward]:
        """Forwards to the teams of ``actors`` made in ``[start, end)``."""
        query = self._select().where(
            ActorRow.key.in_(list(actors)),
            PostForwardRow.at >= as_utc(start),
            PostForwardRow.at < as_utc(end),
        )
        return self._forwards(query)

    def per_actor(self) -> dict[str, int]:
        """How many posts each actor's users forwarded to its team (made by its own users)."""
        query = (
            select(ActorRow.key, func.count(func.distinct(PostForwardRow.post_id)))
            .join(ActorRow, PostForwardRow.actor_id == ActorRow.id)
            .join(
                ActorMemberRow,
                (ActorMemberRow.user_id == PostForwardRow.user_id)
                & (ActorMemberRow.actor_id == PostForwardRow.actor_id),
            )
            .group_by(ActorRow.key)
        )
        return {k: int(n) for k, n in self.session.execute(query)}
