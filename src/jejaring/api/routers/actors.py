"""Actor profiles, for signed-in users."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.actors import ActorPublic, ActorsPublic
from jejaring.services import directory
from jejaring.services.pagination import MAX_LIMIT

__all__ = ["router"]

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("", response_model=ActorsPublic)
def list_actors(
    ctx: Ctx,
    user: CurrentUser,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> ActorsPublic:
    page = directory.list_actors(ctx, user, cursor=cursor, limit=limit)
    return ActorsPublic(items=[ActorPublic.of(a) for a in page.items], next_cursor=page.next_cursor)


@router.get("/{key}", response_model=ActorPublic)
def get_actor(ctx: Ctx, user: CurrentUser, key: str) -> ActorPublic:
    return ActorPublic.of(directory.get_actor(ctx, user, key))
