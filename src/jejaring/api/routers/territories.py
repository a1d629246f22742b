"""Territories and the tie-type taxonomy (public reference data)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jejaring.api.deps import Ctx
from jejaring.api.schemas.territories import TerritoriesPublic, TerritoryPublic, TieTypePublic
from jejaring.domain.territories import Level
from jejaring.services import directory
from jejaring.services.pagination import MAX_LIMIT

__all__ = ["router"]

router = APIRouter(tags=["territories"])


@router.get("/territories", response_model=TerritoriesPublic)
def list_territories(
    ctx: Ctx,
    level: Level | None = None,
    parent: Annotated[str | None, Query(max_length=64)] = None,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> TerritoriesPublic:
    page = directory.list_territories(ctx, level=level, parent=parent, cursor=cursor, limit=limit)
    return TerritoriesPublic(
        items=[TerritoryPublic.of(t) for t in page.items], next_cursor=page.next_cursor
    )


@router.get("/territories/{code}", response_model=TerritoryPublic)
def get_territory(ctx: Ctx, code: str) -> TerritoryPublic:
    return TerritoryPublic.of(directory.get_territory(ctx, code))


@router.get("/tie-types", response_model=list[TieTypePublic])
def list_tie_types(ctx: Ctx) -> list[TieTypePublic]:
    return [TieTypePublic.of(t) for t in directory.list_tie_types(ctx)]
