"""Jobs: long work (imports, batch analyses, private set intersections) that runs after the
request that started it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

__all__ = ["Job", "JobKind", "JobStatus"]


class JobKind(StrEnum):
    """What a job does."""

    IMPORT = "import"
    ASSESSMENTS = "assessments"
    ANALYSIS = "analysis"
    PSI = "psi"


class JobStatus(StrEnum):
    """Queued until a worker takes it; done or failed for good."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Job:
    """A job of ``owner`` (a user's e-mail), and its result or error once finished.

    ``error`` is a message template and its parameters, translated when it is read.
    ``actor`` names the actor whose data the job works on (a PSI job): its users read the job,
    not only its starter.
    """

    kind: JobKind
    owner: str
    created_at: datetime
    status: JobStatus = JobStatus.QUEUED
    started_at: datetime | None = None
    finished_at: datetime | None = None
    result: dict[str, Any] | None = None
    error: tuple[str, dict[str, Any]] | None = None
    actor: str | None = None
    id: int | None = field(default=None, compare=False)
