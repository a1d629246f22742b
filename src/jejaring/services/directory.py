"""Reading the community's directory: territories, tie types and actor profiles.

Territories and tie types are public reference data. Actor profiles are for signed-in users
(DESIGN section 5); a private profile is seen only by the actor's own users, and otherwise looks
exactly like a missing one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from jejaring.domain.accounts import User
from jejaring.domain.actors import Actor, Visibility
from jejaring.domain.errors import N_, NotFound
from jejaring.domain.territories import Level, Territory
from jejaring.domain.ties import TieType
from jejaring.services.bootstrap import Context
from jejaring.services.pagination import Page, check_limit, decode_cursor, encode_cursor

__all__ = ["get_actor", "get_territory", "list_actors", "list_territories", "list_tie_types"]

T = TypeVar("T")


def list_territories(
    ctx: Context,
    *,
    level: Level | None = None,
    parent: str | None = None,
    cursor: str | None = None,
    limit: int = 100,
) -> Page[Territory]:
    with ctx.reader() as uow:
        items = uow.territories.find(
            level=level, parent=parent, after=decode_cursor(cursor), limit=check_limit(limit) + 1
        )
    return _page(items, limit, lambda t: t.code)


def get_territory(ctx: Context, code: str) -> Territory:
    with ctx.reader() as uow:
        found = uow.territories.get(code)
    if found is None:
        raise NotFound(N_("territory '{code}' not found"), code=code)
    return found


def list_tie_types(ctx: Context) -> list[TieType]:
    with ctx.reader() as uow:
        return uow.tie_types.find()


def list_actors(
    ctx: Context, user: User, *, cursor: str | None = None, limit: int = 100
) -> Page[Actor]:
    """Actor profiles the user may see, ordered by key."""
    check_limit(limit)
    after, visible = decode_cursor(cursor), list[Actor]()
    with ctx.reader() as uow:
        own = {m.actor for m in uow.users.memberships(user.email)}
        # Private profiles are rare; reading a little more keeps pages full without a 2nd query.
        while len(visible) <= limit:
            batch = uow.actors.find(after=after, limit=limit + 1)
            visible += [a for a in batch if _may_see(a, own)]
            if len(batch) <= limit:
                break
            after = batch[-1].key
    return _page(visible, limit, lambda a: a.key)


def get_actor(ctx: Context, user: User, key: str) -> Actor:
    with ctx.reader() as uow:
        own = {m.actor for m in uow.users.memberships(user.email)}
        found = uow.actors.get(key)
    if found is None or not _may_see(found, own):
        raise NotFound(N_("actor '{key}' not found"), key=key)
    return found


def _may_see(actor: Actor, own: set[str]) -> bool:
    return actor.visibility is Visibility.COMMUNITY or actor.key in own


def _page(items: list[T], limit: int, key: Callable[[T], str]) -> Page[T]:
    if len(items) > limit:
        return Page(items[:limit], encode_cursor(key(items[limit - 1])))
    return Page(items, None)
