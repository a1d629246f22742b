"""Use cases: an actor's ties, read, recorded, changed and removed.

A tie is seen by the users of its two actors, and by every signed-in user when it is marked
``community`` (DESIGN section 5); a hidden tie gives the very error a missing one gives. The
owners and managers of either end record, change and remove it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from jejaring.domain.accounts import User
from jejaring.domain.actors import Visibility
from jejaring.domain.errors import N_, NotFound
from jejaring.domain.ties import Tie
from jejaring.services.access import Operation, Principal, allowed_any, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.store.unit_of_work import UnitOfWork

__all__ = ["add_tie", "delete_tie", "get_tie", "list_ties", "update_tie"]


def _missing(source: str, target: str, type: str) -> NotFound:
    return NotFound(
        N_("tie {source}-{target} of type {type} not found"), source=source, target=target,
        type=type,
    )  # fmt: skip


def _may_see(p: Principal, tie: Tie) -> bool:
    return tie.visibility is Visibility.COMMUNITY or allowed_any(
        p, Operation.TIE_READ, [tie.source, tie.target]
    )


def _authorize_write(p: Principal, tie: Tie, *, visible: bool, missing: NotFound) -> None:
    """Either end's owners and managers may; Forbidden names the end the caller acts for."""
    ends = [tie.source, tie.target]
    if allowed_any(p, Operation.TIE_WRITE, ends):
        return
    acting = next((e for e in ends if p.acts_for(e)), tie.source)
    authorize(p, Operation.TIE_WRITE, acting, visible=visible, missing=missing)


def _actor(uow: UnitOfWork, key: str) -> None:
    if uow.actors.get(key) is None:
        raise NotFound(N_("actor '{key}' not found"), key=key)


def list_ties(ctx: Context, user: User | None, actor: str) -> list[Tie]:
    """``actor``'s ties that the user may see, by source, target and type."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        _actor(uow, actor)
        return [t for t in uow.ties.find(actor=actor) if _may_see(p, t)]


def get_tie(ctx: Context, user: User | None, source: str, target: str, type: str) -> Tie:
    with ctx.reader() as uow:
        found = uow.ties.get(source, target, type)
        if found is None or not _may_see(principal(uow, user), found):
            raise _missing(source, target, type)
        return found


def add_tie(ctx: Context, user: User | None, tie: Tie) -> Tie:
    """Record a new tie (Conflict when it exists already)."""
    with ctx.uow() as uow:
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=tie.source)
        _authorize_write(p, tie, visible=True, missing=missing)
        uow.ties.add(tie)
        uow.commit()
    return tie


_FIXED = frozenset({"source", "target", "type", "directed"})


def update_tie(
    ctx: Context, user: User | None, source: str, target: str, type: str,
    changes: Mapping[str, Any],
) -> Tie:  # fmt: skip
    """Change a stored tie's weight, dates or visibility (its ends, type and direction stay)."""
    with ctx.uow() as uow:
        p = principal(uow, user)
        missing = _missing(source, target, type)
        found = uow.ties.get(source, target, type)
        if found is None:
            raise missing
        _authorize_write(p, found, visible=_may_see(p, found), missing=missing)
        changed = replace(found, **{k: v for k, v in changes.items() if k not in _FIXED})
        uow.ties.save(changed)
        uow.commit()
    return changed


def delete_tie(ctx: Context, user: User | None, source: str, target: str, type: str) -> None:
    with ctx.uow() as uow:
        p = principal(uow, user)
        missing = _missing(source, target, type)
        found = uow.ties.get(source, target, type)
        if found is None:
            raise missing
        _authorize_write(p, found, visible=_may_see(p, found), missing=missing)
        uow.ties.delete(source, target, type)
        uow.commit()
