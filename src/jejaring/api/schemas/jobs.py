"""Jobs: where long work stands, and its result once done."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from jejaring.domain.jobs import Job, JobKind, JobStatus
from jejaring.i18n import _
from jejaring.io.bundle_errors import RowError

__all__ = ["JobPublic"]


def _reason(template: str, params: dict[str, Any]) -> str:
    try:
        return _(template).format(**params)
    except (KeyError, IndexError, ValueError):
        return template.format(**params)


def _result(job: Job, *, listed: bool) -> dict[str, Any] | None:
    if job.result is not None and job.kind is JobKind.PSI and listed:
        # A list stays small: the keys in common are read from the job itself.
        return {k: v for k, v in job.result.items() if k != "matches"}
    if job.result is None or job.kind not in (JobKind.IMPORT, JobKind.ASSESSMENTS):
        return job.result
    # Rows' problems are kept as templates: each reader reads them in its own language.
    errors = [RowError(**e).as_dict() for e in job.result.get("errors", [])]
    return job.result | {"errors": errors}


class JobPublic(BaseModel):
    """A job; poll ``status_url`` until ``status`` is ``done`` (see ``result``) or ``failed``
    (see ``error``)."""

    id: int
    kind: JobKind
    status: JobStatus
    status_url: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: dict[str, Any] | None = Field(
        description="import: the row report (written, new, updated per sheet, or errors with "
        "file, line, column and reason); assessments: answers written, actors, version, or "
        "errors; analysis: the stored analysis's key; psi: the server's url and reveal mode, "
        "keys sent, common_keys (null below min_count), common_keys_shown, and with reveal "
        "items records and matches (the actor's own key, kind, value in common; not in lists)"
    )
    error: str | None
    actor: str | None = Field(description="psi: the actor whose customers were compared")

    @classmethod
    def of(cls, job: Job, status_url: str, *, listed: bool = False) -> JobPublic:
        assert job.id is not None  # a stored job has its id
        return cls(
            id=job.id,
            kind=job.kind,
            actor=job.actor,
            status=job.status,
            status_url=status_url,
            created_at=job.created_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            result=_result(job, listed=listed),
            error=_reason(*job.error) if job.error else None,
        )
