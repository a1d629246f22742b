"""Jobs, the long work that runs as one (importing a bundle), and the bundle's export."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from jejaring.api.background import ACCEPTED, Runner, accepted, job_public
from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.jobs import JobPublic
from jejaring.services.background import start_import
from jejaring.services.exports import export_as
from jejaring.services.jobs import get_job as read_job

__all__ = ["router"]

router = APIRouter(tags=["jobs"])

_SUFFIX = {
    "application/zip": ".zip",
    "application/x-zip-compressed": ".zip",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
}
_BUNDLE_BODY = {
    "requestBody": {
        "required": True,
        "content": {kind: {"schema": {"type": "string", "format": "binary"}} for kind in _SUFFIX},
    }
}


@router.get("/jobs/{job_id}", response_model=JobPublic)
def get_job(ctx: Ctx, user: CurrentUser, request: Request, job_id: int) -> JobPublic:
    """Where the job stands; only the user who started it reads it."""
    return job_public(request, read_job(ctx, user, job_id))


@router.post(
    "/imports", status_code=202, responses=ACCEPTED, openapi_extra=_BUNDLE_BODY,
    response_class=JSONResponse,
)  # fmt: skip
async def import_bundle(
    ctx: Ctx,
    user: CurrentUser,
    runner: Runner,
    request: Request,
    dry_run: Annotated[bool, Query(description="check every row, write nothing")] = False,
) -> JSONResponse:
    """Import a bundle sent as the body: a ``.zip`` of CSV files or an ``.xlsx`` workbook.

    All or nothing; the job's result is the row report (administrators only).
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data = await request.body()
    suffix = _SUFFIX.get(kind, kind)
    job = await run_in_threadpool(start_import, ctx, runner, user, data, suffix, dry_run=dry_run)
    return accepted(request, job)


@router.get(
    "/exports/bundle",
    response_class=FileResponse,
    responses={200: {"content": {"application/zip": {}}, "description": "The bundle"}},
)
def export_bundle(ctx: Ctx, user: CurrentUser) -> FileResponse:
    """The community as a ``.zip`` bundle that imports back to the same data (administrators)."""
    folder = Path(tempfile.mkdtemp(prefix="jejaring-export-"))
    try:
        report = export_as(ctx, user, folder / "jejaring-bundle.zip")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        report.path,
        media_type="application/zip",
        filename="jejaring-bundle.zip",
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
