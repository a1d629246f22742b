"""PSI jobs: an actor's customers compared with a partner's PSI server, blinded."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from jejaring.api.schemas.jobs import JobPublic
from jejaring.privacy.counts import MIN_SHOWN_COUNT

__all__ = ["PsiJobCreate", "PsiJobsPublic"]


class PsiJobCreate(BaseModel):
    """Query a partner's ``jejaring psi serve`` with the actor's customers' exact keys."""

    actor: str = Field(max_length=64, description="the actor whose customers are compared")
    url: str = Field(
        max_length=2000,
        examples=["http://127.0.0.1:8765"],
        description="the PSI server's address; its host must be in JEJARING_PSI_ALLOWED_HOSTS",
    )
    reveal: Literal["size", "items"] | None = Field(
        None, description="the mode the server must offer (omitted: whichever it offers)"
    )
    min_count: int = Field(
        MIN_SHOWN_COUNT, ge=0, description='below this many keys in common: "< N", no keys'
    )


class PsiJobsPublic(BaseModel):
    """A page of an actor's PSI jobs, newest first (each job's matches: read the job)."""

    items: list[JobPublic]
    next_cursor: str | None
