"""Stored analyses of the network, for signed-in users (scope ``all``: administrators)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from jejaring.api.background import ACCEPTED, Runner, accepted
from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.analyses import (
    ActorMeasures,
    ActorMeasuresPage,
    AnalysesPublic,
    AnalysisCreate,
    AnalysisPublic,
)
from jejaring.services import analyses
from jejaring.services.background import start_analysis
from jejaring.services.pagination import MAX_LIMIT

__all__ = ["router"]

router = APIRouter(prefix="/analyses", tags=["analyses"])

Measure = StrEnum("Measure", {name: name for name in analyses.SORTABLE})  # type: ignore[misc]


class Order(StrEnum):
    ASC = "asc"
    DESC = "desc"


@router.get("", response_model=AnalysesPublic)
def list_analyses(ctx: Ctx, user: CurrentUser) -> AnalysesPublic:
    return AnalysesPublic(items=[AnalysisPublic.of(a) for a in analyses.list_analyses(ctx, user)])


@router.post("", status_code=202, responses=ACCEPTED, response_class=JSONResponse)
def create_analysis(
    ctx: Ctx, user: CurrentUser, runner: Runner, request: Request, body: AnalysisCreate
) -> JSONResponse:
    """Measure a layer as a job (coordinators and administrators; scope ``all``:
    administrators); the finished job names the stored analysis."""
    job = start_analysis(ctx, runner, user, body.layer(), key=body.key, seed=body.seed)
    return accepted(request, job)


@router.get("/{key}", response_model=AnalysisPublic)
def get_analysis(ctx: Ctx, user: CurrentUser, key: str) -> AnalysisPublic:
    return AnalysisPublic.of(analyses.get_analysis(ctx, user, key))


@router.get("/{key}/actors", response_model=ActorMeasuresPage)
def list_actor_measures(
    ctx: Ctx,
    user: CurrentUser,
    key: str,
    sort: Measure = "actor",  # type: ignore[assignment]
    order: Order = Order.ASC,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> ActorMeasuresPage:
    page = analyses.list_values(
        ctx,
        user,
        key,
        sort=str(sort),
        descending=order is Order.DESC,
        cursor=cursor,
        limit=limit,
    )
    return ActorMeasuresPage(
        items=[ActorMeasures(**row) for row in page.items], next_cursor=page.next_cursor
    )


@router.delete("/{key}", status_code=204)
def delete_analysis(ctx: Ctx, user: CurrentUser, key: str) -> Response:
    analyses.delete_analysis(ctx, user, key)
    return Response(status_code=204)
