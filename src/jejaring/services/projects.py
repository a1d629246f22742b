"""Use cases: joint projects that co-develop a resource (DESIGN section 4, co-development).

A project lives in an active cooperation with the resource co-development mechanism. Only the
cooperation's accepted, present members take part: their owners and managers run the project
and record what their actor contributes; all their users read it. A project hidden from a user
gives the very error a missing one gives.

Contributions are valued in whole rupiah (hours at a stated rate, rounded to the rupiah once,
when recorded). Completing the project yields a resource co-owned by the contributors, each
share its valued contributions over the total: an exact fraction, so the shares add up to
exactly 1. Costs and revenues of that resource are split by those exact shares.

Creating a project, recording a contribution and completing it are published to the webhooks
of the cooperation's members, who read the project and its ledger.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from typing import Any

from jejaring.domain.accounts import User
from jejaring.domain.cooperation import CooperationStatus, Mechanism, MembershipStatus
from jejaring.domain.errors import N_, InvalidValue, NotFound, RuleViolation
from jejaring.domain.ownership import shares_of, split
from jejaring.domain.projects import (
    Contribution,
    ContributionKind,
    JointProject,
    Milestone,
    ProjectStatus,
)
from jejaring.domain.resources import Resource, ResourceKind, ResourceShare
from jejaring.domain.webhooks import EventKind
from jejaring.i18n import _
from jejaring.services.access import (
    Forbidden,
    Operation,
    Principal,
    allowed,
    allowed_any,
    principal,
)
from jejaring.services.bootstrap import Context
from jejaring.services.events import publish
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "Ledger",
    "LedgerLine",
    "add_milestone",
    "complete",
    "contribute",
    "create_project",
    "ledger",
    "list_projects",
    "meet_milestone",
    "missing_project",
    "project_dict",
    "set_project",
    "show_project",
    "split_amount",
    "valuation",
]

_CLOSED = (ProjectStatus.COMPLETED, ProjectStatus.ABANDONED)


def missing_project(key: str) -> NotFound:
    return NotFound(N_("project '{key}' not found"), key=key)


def project_dict(p: JointProject) -> dict[str, Any]:
    return {
        "key": p.key, "cooperation": p.cooperation, "name": p.name, "goal": p.goal,
        "status": p.status.value,
        "milestones": [
            {"number": n, "title": m.title, "due": m.due.isoformat() if m.due else None,
             "met": m.done}
            for n, m in enumerate(p.milestones, 1)
        ],
    }  # fmt: skip


def valuation(kind: ContributionKind, amount: float, value: int | None, rate: int | None) -> int:
    """A contribution's value in whole rupiah.

    Cash is its amount (whole rupiah); in kind needs its stated ``value``; hours are valued at
    ``rate`` rupiah per hour, rounded half up to the rupiah.
    """
    if kind is ContributionKind.CASH:
        if amount != int(amount):
            raise InvalidValue(N_("amount: cash must be whole rupiah, got {value}"), value=amount)
        return int(amount)
    if kind is ContributionKind.IN_KIND:
        if value is None or value < 0:
            raise InvalidValue(N_("value: an in-kind contribution needs its value in rupiah"))
        return value
    if rate is None or rate < 0:
        raise InvalidValue(N_("rate: hours need a rate in rupiah per hour"))
    exact = Fraction(amount) * rate
    return int(exact + Fraction(1, 2))  # half up; amount and rate are >= 0


def _members(uow: UnitOfWork, cooperation: str) -> list[str]:
    return [
        m.actor
        for m in uow.cooperations.memberships(cooperation)
        if m.status is MembershipStatus.ACCEPTED and m.left is None
    ]


def _visible(uow: UnitOfWork, p: Principal, key: str) -> tuple[JointProject, list[str]]:
    """The project and its cooperation's members, or NotFound when missing or hidden."""
    project = uow.projects.get(key)
    if project is None:
        raise missing_project(key)
    members = _members(uow, project.cooperation)
    if not allowed_any(p, Operation.PROJECT_READ, members):
        raise missing_project(key)
    return project, members


def _act(p: Principal, op: Operation, members: list[str], actor: str | None, coop: str) -> None:
    """Return when ``p`` may do ``op`` for ``actor`` (any member it acts for, when None)."""
    if actor is not None and actor not in members:
        raise RuleViolation(
            N_("'{actor}' is not an accepted member of cooperation '{key}'"), actor=actor, key=coop
        )
    if actor is None and allowed_any(p, op, members):
        return
    if actor is not None and allowed(p, op, actor):
        return
    if actor is not None and not p.acts_for(actor):
        raise Forbidden(N_("you do not act for '{actor}'"), actor=actor)
    raise Forbidden(N_("your role may not {operation}"), operation=_(op.value))


def _open(project: JointProject) -> None:
    if project.status in _CLOSED:
        raise RuleViolation(
            N_("project '{key}' is {status}: it takes no more changes"),
            key=project.key,
            status=project.status.value,
        )


def create_project(
    ctx: Context,
    user: User | None,
    project: JointProject,
    actor: str | None = None,
) -> JointProject:
    """Start a project in an active cooperation that co-develops resources."""
    with ctx.uow() as uow:
        p = principal(uow, user)
        coop = uow.cooperations.get(project.cooperation)
        members = _members(uow, project.cooperation) if coop is not None else []
        if coop is None or not allowed_any(p, Operation.PROJECT_READ, members):
            raise NotFound(N_("cooperation '{key}' not found"), key=project.cooperation)
        _act(p, Operation.PROJECT_MANAGE, members, actor, coop.key)
        if coop.status is not CooperationStatus.ACTIVE:
            raise RuleViolation(N_("cooperation '{key}' is not active"), key=coop.key)
        if Mechanism.RESOURCE_CO_DEVELOPMENT not in coop.mechanisms:
            raise RuleViolation(
                N_("cooperation '{key}' does not co-develop resources (mechanism {mechanism})"),
                key=coop.key,
                mechanism=Mechanism.RESOURCE_CO_DEVELOPMENT.value,
            )
        if uow.projects.get(project.key) is not None:
            raise RuleViolation(N_("project '{key}' exists already"), key=project.key)
        if project.status in _CLOSED:
            raise RuleViolation(N_("status: a new project is planned or running"))
        uow.projects.save(project)
        publish(uow, EventKind.PROJECT_CREATED, actors=members, cooperation=coop.key,
                data=project_dict(project))  # fmt: skip
        uow.commit()
    return project


def _change(
    ctx: Context, user: User | None, key: str, actor: str | None, edit: Any
) -> JointProject:
    with ctx.uow() as uow:
        p = principal(uow, user)
        project, members = _visible(uow, p, key)
        _act(p, Operation.PROJECT_MANAGE, members, actor, project.cooperation)
        _open(project)
        changed: JointProject = edit(project)
        uow.projects.save(changed)
        uow.commit()
    return changed


def set_project(
    ctx: Context,
    user: User | None,
    key: str,
    *,
    goal: str | None = None,
    status: ProjectStatus | None = None,
    actor: str | None = None,
) -> JointProject:
    """Change the goal or the status (planned, running, abandoned; see :func:`complete`)."""
    if status is ProjectStatus.COMPLETED:
        raise RuleViolation(N_("status: a project is completed by completing it"))

    def edit(project: JointProject) -> JointProject:
        return replace(
            project,
            goal=project.goal if goal is None else goal,
            status=project.status if status is None else status,
        )

    return _change(ctx, user, key, actor, edit)


def add_milestone(
    ctx: Context,
    user: User | None,
    key: str,
    title: str,
    due: date | None = None,
    actor: str | None = None,
) -> JointProject:
    """Add a milestone at the end of the project's list."""
    step = Milestone(title, due)
    return _change(ctx, user, key, actor, lambda p: replace(p, milestones=(*p.milestones, step)))


def meet_milestone(
    ctx: Context, user: User | None, key: str, number: int, actor: str | None = None
) -> JointProject:
    """Mark milestone ``number`` (1 is the first) as met."""

    def edit(project: JointProject) -> JointProject:
        if not 1 <= number <= len(project.milestones):
            raise InvalidValue(
                N_("milestone: no milestone {number} (the project has {count})"),
                number=number,
                count=len(project.milestones),
            )
        steps = list(project.milestones)
        steps[number - 1] = replace(steps[number - 1], done=True)
        return replace(project, milestones=tuple(steps))

    return _change(ctx, user, key, actor, edit)


def contribute(
    ctx: Context,
    user: User | None,
    key: str,
    member: str,
    kind: ContributionKind,
    amount: float,
    *,
    value: int | None = None,
    rate: int | None = None,
) -> Contribution:
    """Record ``member``'s contribution, valued in whole rupiah (see :func:`valuation`)."""
    made = Contribution(key, member, kind, amount, float(valuation(kind, amount, value, rate)))
    with ctx.uow() as uow:
        p = principal(uow, user)
        project, members = _visible(uow, p, key)
        _act(p, Operation.PROJECT_CONTRIBUTE, members, member, project.cooperation)
        _open(project)
        uow.projects.add_contribution(made)
        data = {"project": key, "member": member, "kind": kind.value, "amount": amount,
                "valued_at": int(made.valued_at)}  # fmt: skip
        publish(uow, EventKind.PROJECT_CONTRIBUTION_ADDED, actors=members,
                cooperation=project.cooperation, data=data)  # fmt: skip
        uow.commit()
    return made


def show_project(ctx: Context, user: User | None, key: str) -> JointProject:
    with ctx.reader() as uow:
        return _visible(uow, principal(uow, user), key)[0]


def list_projects(
    ctx: Context, user: User | None, cooperation: str | None = None
) -> list[JointProject]:
    """The projects the user may see (of one cooperation, when named), by key."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        found = uow.projects.find() if cooperation is None else []
        if cooperation is not None and uow.cooperations.get(cooperation) is not None:
            found = uow.projects.find(cooperation=cooperation)
        members: dict[str, list[str]] = {}
        for project in found:
            members.setdefault(project.cooperation, _members(uow, project.cooperation))
        return [
            pr for pr in found if allowed_any(p, Operation.PROJECT_READ, members[pr.cooperation])
        ]


@dataclass(frozen=True)
class LedgerLine:
    """One member's valued contributions and the share of the resource they give."""

    member: str
    contributions: tuple[Contribution, ...]
    valued: int
    share: Fraction

    def as_dict(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "contributions": [
                {"kind": c.kind.value, "amount": c.amount, "valued_at": int(c.valued_at)}
                for c in self.contributions
            ],
            "valued": self.valued,
            "share": f"{self.share.numerator}/{self.share.denominator}",
            "share_percent": round(float(self.share) * 100, 4),
        }


@dataclass(frozen=True)
class Ledger:
    """Every figure of a project: contributions, their value, the total, each share."""

    project: JointProject
    lines: tuple[LedgerLine, ...]
    total: int
    resource: str | None

    @property
    def shares(self) -> dict[str, Fraction]:
        return {line.member: line.share for line in self.lines if line.share > 0}

    def as_dict(self) -> dict[str, Any]:
        return {
            "project": self.project.key,
            "cooperation": self.project.cooperation,
            "status": self.project.status.value,
            "resource": self.resource,
            "total": self.total,
            "members": [line.as_dict() for line in self.lines],
        }


def _ledger(uow: UnitOfWork, project: JointProject) -> Ledger:
    made = uow.projects.contributions(project.key)
    by_member: dict[str, list[Contribution]] = {}
    for c in made:
        by_member.setdefault(c.member, []).append(c)
    valued = {m: sum(int(c.valued_at) for c in cs) for m, cs in by_member.items()}
    total = sum(valued.values())
    shares = shares_of(valued) if total > 0 else {}
    lines = tuple(
        LedgerLine(m, tuple(by_member[m]), valued[m], shares.get(m, Fraction(0)))
        for m in sorted(by_member)
    )
    return Ledger(project, lines, total, uow.projects.resource_of(project.key))


def ledger(ctx: Context, user: User | None, key: str) -> Ledger:
    with ctx.reader() as uow:
        return _ledger(uow, _visible(uow, principal(uow, user), key)[0])


def complete(
    ctx: Context,
    user: User | None,
    key: str,
    *,
    kind: ResourceKind,
    capacity: float,
    unit: str = "unit",
    name: str | None = None,
    resource_key: str | None = None,
    actor: str | None = None,
) -> tuple[Ledger, Resource]:
    """Complete the project: it yields a resource co-owned by the shares of the ledger.

    The owner of record is the largest contributor (the first by key on a tie); the co-owners'
    shares are the exact shares, stored to float precision.
    """
    with ctx.uow() as uow:
        p = principal(uow, user)
        project, members = _visible(uow, p, key)
        _act(p, Operation.PROJECT_MANAGE, members, actor, project.cooperation)
        _open(project)
        book = _ledger(uow, project)
        if book.total <= 0:
            raise RuleViolation(
                N_("project '{key}' has no valued contributions to share a resource by"), key=key
            )
        shares = book.shares
        owner = max(sorted(shares), key=lambda m: shares[m])
        made = Resource(
            resource_key or key, owner, name or project.name, kind, capacity, unit,
            co_owners=tuple(ResourceShare(m, float(s)) for m, s in shares.items()),
        )  # fmt: skip
        if uow.resources.get(made.key) is not None:
            raise RuleViolation(N_("resource '{key}' exists already"), key=made.key)
        uow.resources.save(made)
        done = replace(project, status=ProjectStatus.COMPLETED)
        uow.projects.save(done)
        uow.projects.link_resource(key, made.key)
        closed = replace(book, project=done, resource=made.key)
        data = {**closed.as_dict(), "project": project_dict(done), "owner": made.owner}
        publish(uow, EventKind.PROJECT_COMPLETED, actors=members,
                cooperation=project.cooperation, data=data)  # fmt: skip
        uow.commit()
    return closed, made


def split_amount(ctx: Context, user: User | None, key: str, amount: int) -> dict[str, int]:
    """A cost or revenue of the project's resource, in whole rupiah, split by the exact shares."""
    book = ledger(ctx, user, key)
    if book.resource is None:
        raise RuleViolation(N_("project '{key}' is not completed: it owns no resource"), key=key)
    return split(amount, book.shares)
