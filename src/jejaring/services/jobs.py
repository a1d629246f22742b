"""Jobs: long work run by a small pool of worker threads, its state kept in the database.

A request queues a job (one row) and answers at once with the job's id; a worker runs it and
records its result, or the domain error it raised, so that any later request — served by any
process — reads where it stands. Only the user who started a job reads it, or, for a job kept
for an actor (a PSI job), that actor's users; anyone else gets what a missing job gives.

A job still queued or running when its process stops stays so: the process that held it is
the only one that could have moved it on (the caller starts it again).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import UTC, datetime
from threading import Lock
from typing import Any

from jejaring.domain.accounts import AuditEvent, User
from jejaring.domain.errors import N_, DomainError, NotFound
from jejaring.domain.jobs import Job, JobKind
from jejaring.services.access import Operation, Principal, allowed, principal
from jejaring.services.bootstrap import Context

__all__ = ["JobRunner", "Work", "get_job", "job_missing", "readable"]

Work = Callable[[], dict[str, Any]]
# The audit event of queuing a job, given the job's id: written with the job, or not at all.
Audit = Callable[[int], AuditEvent]
_log = logging.getLogger(__name__)


def job_missing(job_id: int) -> NotFound:
    """The error a missing job gives, and so a hidden one."""
    return NotFound(N_("job {id} not found"), id=job_id)


def readable(p: Principal, job: Job) -> bool:
    """Whether ``p`` reads ``job``: a job kept for an actor is its users' (the actor's data is
    theirs, whoever started it), any other its starter's."""
    if job.actor is not None:
        return allowed(p, Operation.PSI_READ, job.actor)
    return p.email is not None and p.email == job.owner


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    # Parameters are shown in messages only: anything JSON cannot hold is shown as text.
    plain: dict[str, Any] = json.loads(json.dumps(params, default=str))
    return plain


class JobRunner:
    """Runs queued jobs on ``workers`` threads of this process."""

    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="jejaring-job")
        self._running: set[Future[None]] = set()
        self._lock = Lock()

    def submit(
        self,
        ctx: Context,
        user: User,
        kind: JobKind,
        work: Work,
        *,
        actor: str | None = None,
        audit: Audit | None = None,
    ) -> Job:
        """Queue ``work`` as ``user``'s job, kept for ``actor`` when one is named, and record
        ``audit``'s event in the same transaction; the queued job, with its id."""
        job = Job(kind, user.email, datetime.now(UTC), actor=actor)
        with ctx.uow() as uow:
            job_id = uow.jobs.add(job)
            if audit is not None:
                uow.audit.record(audit(job_id))
            uow.commit()
        future = self._pool.submit(self._run, ctx, job_id, work)
        with self._lock:
            self._running.add(future)
        future.add_done_callback(self._forget)
        return Job(job.kind, job.owner, job.created_at, actor=actor, id=job_id)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._running.discard(future)

    def _run(self, ctx: Context, job_id: int, work: Work) -> None:
        with ctx.uow() as uow:
            uow.jobs.start(job_id, datetime.now(UTC))
            uow.commit()
        result: dict[str, Any] | None = None
        error: tuple[str, dict[str, Any]] | None = None
        try:
            result = _plain(work())
        except DomainError as failure:
            error = (failure.template, _plain(failure.params))
        except Exception as failure:  # a job must end, whatever went wrong; the log says what
            _log.exception("job %s failed", job_id)
            error = (N_("the job failed unexpectedly: {error}"), {"error": type(failure).__name__})
        with ctx.uow() as uow:
            uow.jobs.finish(job_id, datetime.now(UTC), result=result, error=error)
            uow.commit()

    def drain(self) -> None:
        """Wait until every job submitted so far has finished."""
        with self._lock:
            pending = set(self._running)
        wait(pending)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)


def get_job(ctx: Context, user: User, job_id: int) -> Job:
    """The job, for whoever may read it (:func:`readable`)."""
    with ctx.reader() as uow:
        found = uow.jobs.get(job_id)
        if found is None or not readable(principal(uow, user), found):
            raise job_missing(job_id)
    return found
