"""PSI jobs: the actor's customers compared with a partner's PSI server, as a job."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from jejaring.api.background import ACCEPTED, Runner, accepted, job_public
from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.jobs import JobPublic
from jejaring.api.schemas.psi_jobs import PsiJobCreate, PsiJobsPublic
from jejaring.domain.jobs import Job
from jejaring.services import psi_jobs
from jejaring.services.pagination import MAX_LIMIT, paginate

__all__ = ["router"]

router = APIRouter(prefix="/psi-jobs", tags=["psi"])


def _order(job: Job) -> str:
    return f"{job.id:012d}"


@router.post("", status_code=202, responses=ACCEPTED, response_class=JSONResponse)
def create_psi_job(
    ctx: Ctx, user: CurrentUser, runner: Runner, request: Request, body: PsiJobCreate
) -> JSONResponse:
    """Compare the actor's customers with the PSI server at ``url`` (owners, managers and
    members of the actor); only blinded points leave. The finished job holds the count in
    common and, when the server reveals items, the actor's own keys in common."""
    job = psi_jobs.start_psi_job(
        ctx, runner, user, body.actor, body.url, reveal=body.reveal, minimum=body.min_count
    )
    return accepted(request, job)


@router.get("", response_model=PsiJobsPublic)
def list_psi_jobs(
    ctx: Ctx,
    user: CurrentUser,
    request: Request,
    actor: Annotated[str, Query(max_length=64)],
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> PsiJobsPublic:
    found = psi_jobs.list_psi_jobs(ctx, user, actor)
    page = paginate(found, _order, cursor=cursor, limit=limit, descending=True)
    return PsiJobsPublic(
        items=[job_public(request, j, listed=True) for j in page.items],
        next_cursor=page.next_cursor,
    )


@router.get("/{job_id}", response_model=JobPublic)
def get_psi_job(ctx: Ctx, user: CurrentUser, request: Request, job_id: int) -> JobPublic:
    """Where the PSI job stands, and its result; the actor's users read it."""
    return job_public(request, psi_jobs.get_psi_job(ctx, user, job_id))
