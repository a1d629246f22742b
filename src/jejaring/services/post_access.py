"""Who reads which posts: the channel's gate shared by every use case over posts.

A user reads a cooperation's channel through each actor it holds a reading role for
(``Operation.POST_READ``) that is an accepted, present member of the cooperation; which of the
channel's posts that actor reads is one SQL condition (``store.repositories.post_visibility``).
"""

from __future__ import annotations

from jejaring.domain.accounts import User
from jejaring.domain.cooperation import MembershipStatus
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.domain.posts import Post
from jejaring.i18n import _
from jejaring.services.access import Forbidden, Operation, Principal, allowed, allowed_any
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "missing_cooperation",
    "missing_post",
    "open_channel",
    "reading_actors",
    "require_user",
    "visible_post",
]


def missing_post(post_id: int) -> NotFound:
    return NotFound(N_("post {id} not found"), id=post_id)


def missing_cooperation(key: str) -> NotFound:
    return NotFound(N_("cooperation '{key}' not found"), key=key)


def require_user(user: User | None) -> User:
    """The user; the operator of the command line reads nothing for itself."""
    if user is None:
        raise InvalidValue(N_("as: this needs a user (--as EMAIL): the operator reads no posts"))
    return user


def reading_actors(p: Principal) -> list[str] | None:
    """The actors ``p`` reads channels through (None: every post, for the operator)."""
    if p.operator or allowed(p, Operation.POST_READ):
        return None
    return sorted(a for a in p.roles if allowed(p, Operation.POST_READ, a))


def _present(uow: UnitOfWork, cooperation: str) -> list[str]:
    return [
        m.actor
        for m in uow.cooperations.memberships(cooperation)
        if m.status is MembershipStatus.ACCEPTED and m.left is None
    ]


def open_channel(uow: UnitOfWork, p: Principal, key: str) -> list[str]:
    """The present members of cooperation ``key`` when ``p`` may read its channel.

    NotFound when the cooperation is missing or hidden from ``p``; Forbidden when ``p`` sees the
    cooperation (a coordinator, say) but not its channel.
    """
    coop = uow.cooperations.get(key)
    if coop is None:
        raise missing_cooperation(key)
    members = _present(uow, key)
    if allowed_any(p, Operation.POST_READ, members):
        return members
    everyone = [m.actor for m in uow.cooperations.memberships(key)]
    if not allowed_any(p, Operation.SHOW, everyone):
        raise missing_cooperation(key)
    raise Forbidden(N_("your role may not {operation}"), operation=_(Operation.POST_READ.value))


def visible_post(uow: UnitOfWork, p: Principal, post_id: int) -> Post:
    """The post, or NotFound when it is missing or not for ``p`` to read."""
    found = uow.posts.get(post_id, reading_actors(p))
    if found is None:
        raise missing_post(post_id)
    return found
