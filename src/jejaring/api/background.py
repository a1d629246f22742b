"""The application's job runner as a dependency, and the answer that hands a job back."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import JSONResponse

from jejaring.api.schemas.jobs import JobPublic
from jejaring.domain.jobs import Job, JobKind
from jejaring.services.jobs import JobRunner

__all__ = ["ACCEPTED", "Runner", "accepted", "job_public"]


async def _runner(request: Request) -> JobRunner:
    runner: JobRunner = request.app.state.jobs
    return runner


Runner = Annotated[JobRunner, Depends(_runner)]

ACCEPTED: dict[int | str, dict[str, object]] = {
    202: {"model": JobPublic, "description": "Queued: poll the job's ``status_url``"}
}


# A PSI job is polled where its actor's users read it (the starter may lose the role).
_STATUS_ROUTE = {JobKind.PSI: "get_psi_job"}


def job_public(request: Request, job: Job, *, listed: bool = False) -> JobPublic:
    route = _STATUS_ROUTE.get(job.kind, "get_job")
    return JobPublic.of(job, str(request.url_for(route, job_id=job.id).path), listed=listed)


def accepted(request: Request, job: Job) -> JSONResponse:
    """202 Accepted, the job in the body and its status URL as ``Location``."""
    body = job_public(request, job)
    return JSONResponse(
        body.model_dump(mode="json"), status_code=202, headers={"Location": body.status_url}
    )
