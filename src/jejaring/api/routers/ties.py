"""Ties between actors: an actor's ties, and one tie by its ends and type."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.ties import TieCreate, TiePublic, TiesPublic, TieUpdate
from jejaring.domain.ties import Tie
from jejaring.services import ties
from jejaring.services.pagination import MAX_LIMIT, paginate

__all__ = ["router"]

router = APIRouter(prefix="/ties", tags=["ties"])
_ONE = "/{source}/{target}/{type}"


def _order(t: Tie) -> str:
    # Keys hold no spaces, so the joined key sorts as the list does.
    return f"{t.source} {t.target} {t.type}"


@router.get("", response_model=TiesPublic)
def list_ties(
    ctx: Ctx,
    user: CurrentUser,
    actor: Annotated[str, Query(max_length=64)],
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> TiesPublic:
    """The actor's ties that the caller may see (its own, and those marked community)."""
    page = paginate(ties.list_ties(ctx, user, actor), _order, cursor=cursor, limit=limit)
    return TiesPublic(items=[TiePublic.of(t) for t in page.items], next_cursor=page.next_cursor)


@router.post("", response_model=TiePublic, status_code=201)
def add_tie(ctx: Ctx, user: CurrentUser, body: TieCreate) -> TiePublic:
    return TiePublic.of(ties.add_tie(ctx, user, body.to_domain()))


@router.get(_ONE, response_model=TiePublic)
def get_tie(ctx: Ctx, user: CurrentUser, source: str, target: str, type: str) -> TiePublic:
    return TiePublic.of(ties.get_tie(ctx, user, source, target, type))


@router.patch(_ONE, response_model=TiePublic)
def update_tie(
    ctx: Ctx, user: CurrentUser, source: str, target: str, type: str, body: TieUpdate
) -> TiePublic:
    changes = body.changes()
    return TiePublic.of(ties.update_tie(ctx, user, source, target, type, changes))


@router.delete(_ONE, status_code=204)
def delete_tie(ctx: Ctx, user: CurrentUser, source: str, target: str, type: str) -> Response:
    ties.delete_tie(ctx, user, source, target, type)
    return Response(status_code=204)
