"""Joint projects: milestones, members' contributions, the ledger and the completed resource."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from jejaring.domain.projects import Contribution, ContributionKind, JointProject, ProjectStatus
from jejaring.domain.resources import ResourceKind

__all__ = [
    "CompletedPublic",
    "ContributionCreate",
    "ContributionPublic",
    "LedgerPublic",
    "MilestoneCreate",
    "MilestonePublic",
    "ProjectComplete",
    "ProjectCreate",
    "ProjectPublic",
    "ProjectUpdate",
    "ProjectsPublic",
]

_ACTOR = Field(default=None, max_length=64, description="the member acted for")


class MilestonePublic(BaseModel):
    title: str
    due: date | None
    done: bool


class ProjectCreate(BaseModel):
    """A project in an active cooperation that co-develops resources."""

    key: str = Field(min_length=1, max_length=64)
    cooperation: str = Field(max_length=64)
    name: str = Field(max_length=200)
    goal: str = Field(default="", max_length=2000)
    status: ProjectStatus = ProjectStatus.PLANNED
    actor: str | None = _ACTOR

    def to_domain(self) -> JointProject:
        return JointProject(self.key, self.cooperation, self.name, self.goal, self.status)


class ProjectUpdate(BaseModel):
    """The goal or the status to set (completing is ``POST .../complete``)."""

    goal: str | None = Field(default=None, max_length=2000)
    status: ProjectStatus | None = None
    actor: str | None = _ACTOR


class MilestoneCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    due: date | None = None
    actor: str | None = _ACTOR


class ProjectPublic(BaseModel):
    """A project and its milestones (numbered from 1, in order)."""

    key: str
    cooperation: str
    name: str
    goal: str
    status: ProjectStatus
    milestones: list[MilestonePublic]

    @classmethod
    def of(cls, p: JointProject) -> ProjectPublic:
        return cls(
            key=p.key,
            cooperation=p.cooperation,
            name=p.name,
            goal=p.goal,
            status=p.status,
            milestones=[MilestonePublic(title=m.title, due=m.due, done=m.done)
                        for m in p.milestones],
        )  # fmt: skip


class ProjectsPublic(BaseModel):
    """A page of projects; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[ProjectPublic]
    next_cursor: str | None


class ContributionCreate(BaseModel):
    """What ``member`` puts in: cash in rupiah, hours (valued at ``rate`` rupiah an hour) or
    something in kind (valued at ``value`` rupiah)."""

    member: str = Field(max_length=64)
    kind: ContributionKind
    amount: float
    value: int | None = Field(default=None, ge=0)
    rate: int | None = Field(default=None, ge=0)


class ContributionPublic(BaseModel):
    project: str
    member: str
    kind: ContributionKind
    amount: float
    valued_at: int

    @classmethod
    def of(cls, c: Contribution) -> ContributionPublic:
        return cls(project=c.project, member=c.member, kind=c.kind, amount=c.amount,
                   valued_at=int(c.valued_at))  # fmt: skip


class LedgerPublic(BaseModel):
    """Every figure: each member's valued contributions and exact share, and the total."""

    project: str
    cooperation: str
    status: ProjectStatus
    resource: str | None
    total: int
    members: list[dict[str, Any]]


class ProjectComplete(BaseModel):
    """The resource the project yields, co-owned by the ledger's shares."""

    kind: ResourceKind
    capacity: float
    unit: str = Field(default="unit", max_length=32)
    name: str | None = Field(default=None, max_length=200)
    resource_key: str | None = Field(default=None, max_length=64)
    actor: str | None = _ACTOR


class CompletedPublic(BaseModel):
    ledger: LedgerPublic
    resource: str
