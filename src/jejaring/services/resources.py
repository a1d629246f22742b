"""Use cases: shared resources (add, share into a cooperation, list, availability).

Who may see a resource: its owners' users, and the users of the accepted members of the active
cooperations it is shared into (administrators and the operator see all). A resource hidden
from a user gives the very error a missing one gives. Bookings are in
:mod:`jejaring.services.bookings`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from jejaring.domain.accounts import User
from jejaring.domain.capacity import Segment, segments
from jejaring.domain.cooperation import CooperationStatus, Mechanism, MembershipStatus
from jejaring.domain.errors import N_, InvalidValue, NotFound, RuleViolation
from jejaring.domain.resources import Resource
from jejaring.services.access import Operation, Principal, allowed_any, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.cooperations import visible_cooperation
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "active_members",
    "add_resource",
    "availability",
    "get_resource",
    "list_resources",
    "missing_resource",
    "owners",
    "share_resource",
    "utc",
    "visible_resource",
]


def missing_resource(key: str) -> NotFound:
    return NotFound(N_("resource '{key}' not found"), key=key)


def utc(value: datetime) -> datetime:
    """``value`` in UTC; a time without a zone is taken to be UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def owners(r: Resource) -> list[str]:
    """The owner and any co-owners."""
    return list(dict.fromkeys([r.owner, *(s.actor for s in r.co_owners)]))


def active_members(uow: UnitOfWork, cooperation: str) -> list[str]:
    """The accepted, present members of an active cooperation that co-utilizes resources."""
    coop = uow.cooperations.get(cooperation)
    if (
        coop is None
        or coop.status is not CooperationStatus.ACTIVE
        or Mechanism.RESOURCE_CO_UTILIZATION not in coop.mechanisms
    ):
        return []
    return [
        m.actor
        for m in uow.cooperations.memberships(cooperation)
        if m.status is MembershipStatus.ACCEPTED and m.left is None
    ]


def _readers(uow: UnitOfWork, r: Resource) -> list[str]:
    """The actors whose users may see ``r``: its owners and its cooperations' members."""
    found = owners(r)
    for coop in uow.resources.cooperations(r.key):
        found.extend(active_members(uow, coop))
    return list(dict.fromkeys(found))


def _may_read(uow: UnitOfWork, p: Principal, r: Resource) -> bool:
    return allowed_any(p, Operation.RESOURCE_READ, _readers(uow, r))


def visible_resource(uow: UnitOfWork, p: Principal, key: str) -> Resource:
    """The resource, or NotFound when it is missing or not for ``p`` to see."""
    r = uow.resources.get(key)
    if r is None or not _may_read(uow, p, r):
        raise missing_resource(key)
    return r


def add_resource(ctx: Context, user: User | None, resource: Resource) -> Resource:
    """Add a resource for its owner (the owner's owners and managers may)."""
    with ctx.uow() as uow:
        p = principal(uow, user)
        authorize(
            p, Operation.RESOURCE_ADD, resource.owner, visible=True,
            missing=NotFound(N_("actor '{key}' not found"), key=resource.owner),
        )  # fmt: skip
        if uow.resources.get(resource.key) is not None:
            raise RuleViolation(N_("resource '{key}' exists already"), key=resource.key)
        uow.resources.save(resource)
        uow.commit()
    return resource


def share_resource(ctx: Context, user: User | None, key: str, cooperation: str) -> list[str]:
    """Offer a resource to a cooperation its owner is an accepted member of; its cooperations.

    The cooperation must be active and co-utilize resources.
    """
    with ctx.uow() as uow:
        p = principal(uow, user)
        r = visible_resource(uow, p, key)
        authorize(p, Operation.RESOURCE_ADD, r.owner, visible=True, missing=missing_resource(key))
        coop, _members = visible_cooperation(uow, p, cooperation)
        if Mechanism.RESOURCE_CO_UTILIZATION not in coop.mechanisms:
            raise RuleViolation(
                N_("cooperation '{key}' does not co-utilize resources (mechanism {mechanism})"),
                key=cooperation,
                mechanism=Mechanism.RESOURCE_CO_UTILIZATION.value,
            )
        if r.owner not in active_members(uow, cooperation):
            raise RuleViolation(
                N_("'{actor}' is not an accepted member of active cooperation '{key}'"),
                actor=r.owner,
                key=cooperation,
            )
        uow.resources.share_into(key, cooperation)
        shared = uow.resources.cooperations(key)
        uow.commit()
    return shared


def list_resources(
    ctx: Context, user: User | None, cooperation: str | None = None
) -> list[Resource]:
    """The resources the user may see (those shared into ``cooperation``, when named), by key."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        if cooperation is None:
            found = uow.resources.find()
        else:
            visible_cooperation(uow, p, cooperation)
            keys = set(uow.resources.shared_in(cooperation))
            found = [r for r in uow.resources.find() if r.key in keys]
        return [r for r in found if _may_read(uow, p, r)]


def get_resource(ctx: Context, user: User | None, key: str) -> Resource:
    """The resource, for its owners' users and its cooperations' members' users."""
    with ctx.reader() as uow:
        return visible_resource(uow, principal(uow, user), key)


def availability(
    ctx: Context, user: User | None, key: str, start: datetime, end: datetime
) -> tuple[Resource, list[Segment]]:
    """The resource and its free capacity over ``[start, end)``, segment by segment."""
    start, end = utc(start), utc(end)
    if not end > start:
        raise InvalidValue(N_("end: must be after start"))
    with ctx.reader() as uow:
        r = visible_resource(uow, principal(uow, user), key)
        return r, segments(r.capacity, uow.bookings.holding(key, start, end), start, end)
