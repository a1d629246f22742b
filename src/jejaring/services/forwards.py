"""Use case: forwarding a post to one's own team (internal communication).

A user forwards a post it reads to the team of an actor it acts for with a role that may
forward, and that actor must itself read the post: forwarding never widens who may read a
post beyond the cooperation's members (and a named post's recipients). What it adds: the
post, with the note and who forwarded it, appears in the digest of every user of that actor
and beside the post when they show or list it, and it counts towards the actor's
``team_forwards`` indicator of internal communication.
"""

from __future__ import annotations

from datetime import UTC, datetime

from jejaring.domain.accounts import User
from jejaring.domain.errors import N_, InvalidValue, RuleViolation
from jejaring.domain.posts import Forward
from jejaring.services.access import Operation, allowed, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.post_access import missing_post, require_user, visible_post
from jejaring.services.resources import utc

__all__ = ["forward_post"]


def forward_post(
    ctx: Context,
    user: User | None,
    post_id: int,
    *,
    note: str = "",
    actor: str | None = None,
    now: datetime | None = None,
) -> Forward:
    """Forward a post to the team of ``actor`` (the user's only fitting actor when None)."""
    sender = require_user(user)
    with ctx.uow() as uow:
        p = principal(uow, sender)
        visible_post(uow, p, post_id)
        if actor is None:
            readers = [a for a in sorted(p.roles) if uow.posts.get(post_id, [a]) is not None]
            fitting = [a for a in readers if allowed(p, Operation.POST_FORWARD, a)]
            if len(fitting) > 1:
                raise InvalidValue(
                    N_("actor: name the actor whose team gets post {id} (--actor)"), id=post_id
                )
            # None fitting: the check below refuses for the actor the user reads through.
            actor = (fitting or readers)[0]
        authorize(p, Operation.POST_FORWARD, actor, visible=True, missing=missing_post(post_id))
        if uow.posts.get(post_id, [actor]) is None:
            raise RuleViolation(
                N_("'{actor}' does not read post {id}: posts are forwarded only to their readers"),
                actor=actor, id=post_id,
            )  # fmt: skip
        made = Forward(post_id, sender.email, actor, utc(now or datetime.now(UTC)), note)
        forward_id = uow.forwards.add(made)
        uow.commit()
    return Forward(made.post, made.by_user, made.to_actor, made.at, made.note, id=forward_id)
