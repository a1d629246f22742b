"""Network capability answers: imported as a job, exported as CSV (the caller's actors')."""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from jejaring.api.background import ACCEPTED, Runner, accepted
from jejaring.api.deps import Ctx, CurrentUser
from jejaring.services.assessments import export_assessments
from jejaring.services.background import start_assessment_import

__all__ = ["router"]

router = APIRouter(prefix="/assessments", tags=["capability"])

_CSV_BODY = {
    "requestBody": {
        "required": True,
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


@router.post(
    "", status_code=202, responses=ACCEPTED, openapi_extra=_CSV_BODY, response_class=JSONResponse
)
async def import_answers(
    ctx: Ctx,
    user: CurrentUser,
    runner: Runner,
    request: Request,
    version: Annotated[str | None, Query(max_length=32, description="instrument version")] = None,
    dry_run: Annotated[bool, Query(description="check every row, write nothing")] = False,
) -> JSONResponse:
    """Import answers sent as CSV (``actor,respondent,taken_at,C1,…,I5``), all or nothing, as
    a job (coordinators and administrators)."""
    data = await request.body()
    job = await run_in_threadpool(
        start_assessment_import, ctx, runner, user, data, version=version, dry_run=dry_run
    )
    return accepted(request, job)


@router.get(
    "",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "answers and scores"}},
)
def export_answers(ctx: Ctx, user: CurrentUser) -> Response:
    """Every respondent's answers and scores for the caller's own actors, as CSV."""
    handle = io.StringIO()
    export_assessments(ctx, user, handle)
    return Response(handle.getvalue(), media_type="text/csv; charset=utf-8")
