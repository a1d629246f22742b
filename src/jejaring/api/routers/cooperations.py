"""Cooperation agreements: propose, answer, leave, govern, read; members' sharing policies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Body, Query

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.cooperations import (
    ActingAs,
    CooperationCreate,
    CooperationPublic,
    CooperationsPublic,
    CooperationSummary,
    PolicyPublic,
    PolicyUpdate,
)
from jejaring.domain.accounts import User
from jejaring.services import cooperations as coops
from jejaring.services.bootstrap import Context
from jejaring.services.pagination import MAX_LIMIT, paginate
from jejaring.services.policies import get_policy, set_policy

__all__ = ["router"]

router = APIRouter(prefix="/cooperations", tags=["cooperations"])


@router.get("", response_model=CooperationsPublic)
def list_cooperations(
    ctx: Ctx,
    user: CurrentUser,
    actor: Annotated[str | None, Query(max_length=64, description="only this member's")] = None,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> CooperationsPublic:
    found = coops.list_cooperations(ctx, user, actor)
    page = paginate(found, lambda c: c.key, cursor=cursor, limit=limit)
    return CooperationsPublic(
        items=[CooperationSummary.of(c) for c in page.items], next_cursor=page.next_cursor
    )


@router.post("", response_model=CooperationPublic, status_code=201)
def propose(ctx: Ctx, user: CurrentUser, body: CooperationCreate) -> CooperationPublic:
    view = coops.propose(
        ctx,
        user,
        key=body.key,
        name=body.name,
        members=body.members,
        actor=body.actor,
        mechanisms=body.mechanisms,
        purpose=body.purpose,
        scope=body.scope,
    )
    return CooperationPublic.of_view(view)


@router.get("/{key}", response_model=CooperationPublic)
def show(ctx: Ctx, user: CurrentUser, key: str) -> CooperationPublic:
    return CooperationPublic.of_view(coops.show(ctx, user, key))


Answer = Callable[[Context, User, str, str], coops.CooperationView]


def _member_route(verb: str, answer: Answer, summary: str) -> None:
    def handler(ctx: Ctx, user: CurrentUser, key: str, actor: str) -> CooperationPublic:
        return CooperationPublic.of_view(answer(ctx, user, key, actor))

    handler.__name__ = verb
    router.post(
        f"/{{key}}/members/{{actor}}/{verb}", response_model=CooperationPublic, summary=summary
    )(handler)


_member_route("accept", coops.accept, "The member accepts its invitation")
_member_route("decline", coops.decline, "The member declines its invitation")
_member_route("leave", coops.leave, "The member leaves the cooperation")

Move = Callable[[Context, User, str, str | None], coops.CooperationView]


def _govern_route(verb: str, move: Move, summary: str) -> None:
    def handler(
        ctx: Ctx, user: CurrentUser, key: str, body: Annotated[ActingAs | None, Body()] = None
    ) -> CooperationPublic:
        return CooperationPublic.of_view(move(ctx, user, key, body.actor if body else None))

    handler.__name__ = verb
    router.post(f"/{{key}}/{verb}", response_model=CooperationPublic, summary=summary)(handler)


_govern_route("suspend", coops.suspend, "Suspend an active cooperation")
_govern_route("resume", coops.resume, "Make a suspended cooperation active again")
_govern_route("end", coops.end, "End a cooperation for good")


@router.get("/{key}/policies/{actor}", response_model=PolicyPublic)
def read_policy(ctx: Ctx, user: CurrentUser, key: str, actor: str) -> PolicyPublic:
    return PolicyPublic.of(get_policy(ctx, user, key, actor))


@router.patch("/{key}/policies/{actor}", response_model=PolicyPublic)
def change_policy(
    ctx: Ctx, user: CurrentUser, key: str, actor: str, body: PolicyUpdate
) -> PolicyPublic:
    """Change what ``actor`` shares; the change is in the actor's audit trail."""
    return PolicyPublic.of(
        set_policy(
            ctx,
            user,
            key,
            actor,
            mapping_level=body.mapping_level,
            shared_segments=body.shared_segments,
            shared_tie_types=body.shared_tie_types,
            introductions_allowed=body.introductions_allowed,
        )
    )
