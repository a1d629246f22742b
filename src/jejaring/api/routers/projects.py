"""Joint projects of cooperations that co-develop resources."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.cooperations import ActingAs
from jejaring.api.schemas.projects import (
    CompletedPublic,
    ContributionCreate,
    ContributionPublic,
    LedgerPublic,
    MilestoneCreate,
    ProjectComplete,
    ProjectCreate,
    ProjectPublic,
    ProjectsPublic,
    ProjectUpdate,
)
from jejaring.services import projects
from jejaring.services.pagination import MAX_LIMIT, paginate

__all__ = ["router"]

router = APIRouter(prefix="/projects", tags=["projects"])


@router.get("", response_model=ProjectsPublic)
def list_projects(
    ctx: Ctx,
    user: CurrentUser,
    cooperation: Annotated[str | None, Query(max_length=64)] = None,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> ProjectsPublic:
    found = projects.list_projects(ctx, user, cooperation)
    page = paginate(found, lambda p: p.key, cursor=cursor, limit=limit)
    return ProjectsPublic(
        items=[ProjectPublic.of(p) for p in page.items], next_cursor=page.next_cursor
    )


@router.post("", response_model=ProjectPublic, status_code=201)
def create_project(ctx: Ctx, user: CurrentUser, body: ProjectCreate) -> ProjectPublic:
    made = projects.create_project(ctx, user, body.to_domain(), actor=body.actor)
    return ProjectPublic.of(made)


@router.get("/{key}", response_model=ProjectPublic)
def get_project(ctx: Ctx, user: CurrentUser, key: str) -> ProjectPublic:
    return ProjectPublic.of(projects.show_project(ctx, user, key))


@router.patch("/{key}", response_model=ProjectPublic)
def set_project(ctx: Ctx, user: CurrentUser, key: str, body: ProjectUpdate) -> ProjectPublic:
    changed = projects.set_project(
        ctx, user, key, goal=body.goal, status=body.status, actor=body.actor
    )
    return ProjectPublic.of(changed)


@router.post("/{key}/milestones", response_model=ProjectPublic, status_code=201)
def add_milestone(ctx: Ctx, user: CurrentUser, key: str, body: MilestoneCreate) -> ProjectPublic:
    changed = projects.add_milestone(ctx, user, key, body.title, body.due, actor=body.actor)
    return ProjectPublic.of(changed)


@router.post("/{key}/milestones/{number}/met", response_model=ProjectPublic)
def meet_milestone(
    ctx: Ctx,
    user: CurrentUser,
    key: str,
    number: int,
    body: Annotated[ActingAs | None, Body()] = None,
) -> ProjectPublic:
    """Mark milestone ``number`` (1 is the first) as met."""
    actor = body.actor if body else None
    return ProjectPublic.of(projects.meet_milestone(ctx, user, key, number, actor=actor))


@router.post("/{key}/contributions", response_model=ContributionPublic, status_code=201)
def contribute(
    ctx: Ctx, user: CurrentUser, key: str, body: ContributionCreate
) -> ContributionPublic:
    made = projects.contribute(
        ctx, user, key, body.member, body.kind, body.amount, value=body.value, rate=body.rate
    )
    return ContributionPublic.of(made)


@router.get("/{key}/ledger", response_model=LedgerPublic)
def get_ledger(ctx: Ctx, user: CurrentUser, key: str) -> LedgerPublic:
    return LedgerPublic.model_validate(projects.ledger(ctx, user, key).as_dict())


@router.post("/{key}/complete", response_model=CompletedPublic)
def complete(ctx: Ctx, user: CurrentUser, key: str, body: ProjectComplete) -> CompletedPublic:
    """Complete the project; it yields a resource co-owned by the exact shares."""
    book, made = projects.complete(
        ctx, user, key, kind=body.kind, capacity=body.capacity, unit=body.unit,
        name=body.name, resource_key=body.resource_key, actor=body.actor,
    )  # fmt: skip
    return CompletedPublic(ledger=LedgerPublic.model_validate(book.as_dict()), resource=made.key)
