"""Shared resources: add, share into a cooperation, list, read and their availability."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.resources import (
    AvailabilityPublic,
    ResourceCreate,
    ResourcePublic,
    ResourcesPublic,
    SegmentPublic,
    ShareCreate,
    SharesPublic,
)
from jejaring.services import resources
from jejaring.services.pagination import MAX_LIMIT, paginate

__all__ = ["router"]

router = APIRouter(prefix="/resources", tags=["resources"])


@router.get("", response_model=ResourcesPublic)
def list_resources(
    ctx: Ctx,
    user: CurrentUser,
    cooperation: Annotated[str | None, Query(max_length=64)] = None,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> ResourcesPublic:
    found = resources.list_resources(ctx, user, cooperation)
    page = paginate(found, lambda r: r.key, cursor=cursor, limit=limit)
    return ResourcesPublic(
        items=[ResourcePublic.of(r) for r in page.items], next_cursor=page.next_cursor
    )


@router.post("", response_model=ResourcePublic, status_code=201)
def add_resource(ctx: Ctx, user: CurrentUser, body: ResourceCreate) -> ResourcePublic:
    return ResourcePublic.of(resources.add_resource(ctx, user, body.to_domain()))


@router.get("/{key}", response_model=ResourcePublic)
def get_resource(ctx: Ctx, user: CurrentUser, key: str) -> ResourcePublic:
    return ResourcePublic.of(resources.get_resource(ctx, user, key))


@router.post("/{key}/shares", response_model=SharesPublic)
def share_resource(ctx: Ctx, user: CurrentUser, key: str, body: ShareCreate) -> SharesPublic:
    """Offer the resource to a cooperation that co-utilizes resources."""
    shared = resources.share_resource(ctx, user, key, body.cooperation)
    return SharesPublic(resource=key, cooperations=shared)


@router.get("/{key}/availability", response_model=AvailabilityPublic)
def availability(
    ctx: Ctx, user: CurrentUser, key: str, start: datetime, end: datetime
) -> AvailabilityPublic:
    """Free capacity over ``[start, end)``."""
    r, segments = resources.availability(ctx, user, key, start, end)
    return AvailabilityPublic(
        resource=r.key,
        capacity=r.capacity,
        unit=r.unit,
        segments=[SegmentPublic.of(s) for s in segments],
    )
