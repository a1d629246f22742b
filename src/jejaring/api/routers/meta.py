"""Health of the service."""

from __future__ import annotations

from fastapi import APIRouter

from jejaring import __version__
from jejaring.api.deps import Ctx
from jejaring.api.schemas.common import Health
from jejaring.store.errors import SchemaOutOfDate

__all__ = ["router"]

router = APIRouter(tags=["meta"])


@router.get("/health", response_model=Health)
def health(ctx: Ctx) -> Health:
    try:
        ctx.require_schema()
        state = "ready"
    except SchemaOutOfDate:
        state = "not initialised"
    return Health(status="ok", version=__version__, database=state)
