"""Joint projects that co-develop a resource, with milestones and valued contributions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from jejaring.domain.actors import check_key, check_name, check_text
from jejaring.domain.numbers import check_non_negative, check_positive

__all__ = ["Contribution", "ContributionKind", "JointProject", "Milestone", "ProjectStatus"]


class ProjectStatus(StrEnum):
    """A project is planned, runs, and completes (yielding a resource) or is abandoned."""

    PLANNED = "planned"
    RUNNING = "running"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class ContributionKind(StrEnum):
    """What a member puts into a project; every kind is valued in rupiah."""

    CASH = "cash"
    IN_KIND = "in_kind"
    HOURS = "hours"


@dataclass(frozen=True, slots=True)
class Milestone:
    """A step of a project with its due date."""

    title: str
    due: date | None = None
    done: bool = False

    def __post_init__(self) -> None:
        check_name(self.title, field="title")


@dataclass(frozen=True, slots=True)
class JointProject:
    """A project run inside a cooperation."""

    key: str
    cooperation: str
    name: str
    goal: str = ""
    status: ProjectStatus = ProjectStatus.PLANNED
    milestones: tuple[Milestone, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", check_key(self.key))
        check_name(self.name)
        check_text(self.goal, field="goal")


@dataclass(frozen=True, slots=True)
class Contribution:
    """A member's contribution: ``amount`` in its own unit, ``valued_at`` in rupiah."""

    project: str
    member: str
    kind: ContributionKind
    amount: float
    valued_at: float

    def __post_init__(self) -> None:
        check_positive(self.amount, field="amount")
        check_non_negative(self.valued_at, field="valued_at")
