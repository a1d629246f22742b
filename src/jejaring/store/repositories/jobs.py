"""Jobs by id: queued by a request, moved on by the worker that runs them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from jejaring.domain.errors import N_, NotFound
from jejaring.domain.jobs import Job, JobKind, JobStatus
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import ActorRow, JobRow, UserRow

__all__ = ["JobRepository"]


def _job(row: JobRow, owner: str, actor: str | None) -> Job:
    return Job(
        kind=JobKind(row.kind),
        owner=owner,
        created_at=as_utc(row.created_at),
        status=JobStatus(row.status),
        started_at=as_utc(row.started_at) if row.started_at else None,
        finished_at=as_utc(row.finished_at) if row.finished_at else None,
        result=row.result,
        error=(row.error[0], row.error[1]) if row.error else None,
        actor=actor,
        id=row.id,
    )


_JOBS = (
    select(JobRow, UserRow.email, ActorRow.key)
    .join(UserRow, JobRow.owner_id == UserRow.id)
    .outerjoin(ActorRow, JobRow.actor_id == ActorRow.id)
)


class JobRepository(Repository):
    """A job's row is written when it is queued and when it starts and ends."""

    def add(self, job: Job) -> int:
        row = JobRow(
            kind=job.kind.value,
            owner_id=self.user_id(job.owner),
            actor_id=self.actor_id(job.actor) if job.actor is not None else None,
            status=job.status.value,
            created_at=as_utc(job.created_at),
        )
        self.session.add(row)
        self._flush()
        return row.id

    def get(self, job_id: int) -> Job | None:
        found = self.session.execute(_JOBS.where(JobRow.id == job_id)).one_or_none()
        return None if found is None else _job(*found)

    def for_actor(self, actor: str, kind: JobKind) -> list[Job]:
        """The jobs of ``kind`` kept for ``actor``, newest first."""
        rows = self.session.execute(
            _JOBS.where(JobRow.actor_id == self.actor_id(actor), JobRow.kind == kind.value)
            .order_by(JobRow.id.desc())
        )  # fmt: skip
        return [_job(*found) for found in rows]

    def start(self, job_id: int, at: datetime) -> None:
        row = self._row(job_id)
        row.status, row.started_at = JobStatus.RUNNING.value, as_utc(at)
        self._flush()

    def finish(
        self,
        job_id: int,
        at: datetime,
        *,
        result: dict[str, Any] | None = None,
        error: tuple[str, dict[str, Any]] | None = None,
    ) -> None:
        """Done with ``result``, or failed with ``error`` (a template and its parameters)."""
        row = self._row(job_id)
        row.status = (JobStatus.FAILED if error else JobStatus.DONE).value
        row.finished_at, row.result = as_utc(at), result
        row.error = [error[0], error[1]] if error else None
        self._flush()

    def _row(self, job_id: int) -> JobRow:
        row = self.session.get(JobRow, job_id)
        if row is None:
            raise NotFound(N_("job {id} not found"), id=job_id)
        return row
