"""The one SQL statement of who may read a post, shared by every query over posts.

A post is readable through an actor that is an accepted, present member of the post's
cooperation, when the post is for all members, or the actor wrote it, or the actor is one of
its named recipients. Which actors a user reads through is the services' decision
(``services.access``); this only turns it into a condition.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import ColumnElement, exists, false, or_, select, true

from jejaring.store.tables import ActorRow, MembershipRow, PostRecipientRow, PostRow

__all__ = ["readable_through"]


def readable_through(actors: Collection[str] | None) -> ColumnElement[bool]:
    """The condition on ``PostRow`` that one of the ``actors`` (keys) may read it.

    None: no condition; no actors: no post.
    """
    if actors is None:
        return true()
    if not actors:
        return false()
    named = exists(
        select(PostRecipientRow.post_id)
        .where(
            PostRecipientRow.post_id == PostRow.id,
            PostRecipientRow.actor_id == MembershipRow.actor_id,
        )
        .correlate_except(PostRecipientRow)
    )
    return exists(
        select(MembershipRow.actor_id).where(
            MembershipRow.cooperation_id == PostRow.cooperation_id,
            MembershipRow.actor_id.in_(select(ActorRow.id).where(ActorRow.key.in_(list(actors)))),
            MembershipRow.status == "accepted",
            MembershipRow.left.is_(None),
            or_(
                PostRow.visibility == "members", PostRow.author_id == MembershipRow.actor_id, named
            ),
        )
    )
