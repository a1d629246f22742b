"""Use cases: cooperation agreements (propose, answer, leave, suspend, resume, end, show).

Every function takes the user asking (None: the trusted operator) and, where someone acts for
a member, that member's actor key; it returns plain values and writes in one transaction.
Sharing policies are in :mod:`jejaring.services.policies`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from jejaring.domain import agreements
from jejaring.domain.accounts import User
from jejaring.domain.cooperation import (
    Cooperation,
    CooperationStatus,
    Mechanism,
    Membership,
    MembershipStatus,
    SharingPolicy,
)
from jejaring.domain.errors import N_, NotFound, RuleViolation
from jejaring.services.access import Operation, Principal, allowed_any, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "CooperationView",
    "accept",
    "decline",
    "end",
    "leave",
    "list_cooperations",
    "policy_dict",
    "propose",
    "resume",
    "show",
    "suspend",
    "visible_cooperation",
]


@dataclass(frozen=True)
class CooperationView:
    """An agreement, its memberships and every member's policy (the default when unset)."""

    cooperation: Cooperation
    members: tuple[Membership, ...]
    policies: tuple[SharingPolicy, ...]

    def as_dict(self) -> dict[str, Any]:
        c = self.cooperation
        return {
            "key": c.key,
            "name": c.name,
            "purpose": c.purpose,
            "status": c.status.value,
            "scope": list(c.scope),
            "mechanisms": [m.value for m in c.mechanisms],
            "members": [
                {
                    "actor": m.actor,
                    "role": m.role.value,
                    "status": m.status.value,
                    "joined": m.joined.isoformat() if m.joined else None,
                    "left": m.left.isoformat() if m.left else None,
                }
                for m in self.members
            ],
            "policies": [policy_dict(p) for p in self.policies],
        }


def policy_dict(p: SharingPolicy) -> dict[str, Any]:
    d = asdict(p)
    d["mapping_level"] = p.mapping_level.value
    d["shared_segments"], d["shared_tie_types"] = list(p.shared_segments), list(p.shared_tie_types)
    return d


def _missing(key: str) -> NotFound:
    return NotFound(N_("cooperation '{key}' not found"), key=key)


def visible_cooperation(
    uow: UnitOfWork, p: Principal, key: str
) -> tuple[Cooperation, list[Membership]]:
    """The cooperation and its memberships, or NotFound when missing or not for ``p`` to see."""
    coop = uow.cooperations.get(key)
    if coop is None:
        raise _missing(key)
    members = uow.cooperations.memberships(key)
    if not allowed_any(p, Operation.SHOW, [m.actor for m in members]):
        raise _missing(key)
    return coop, members


def _view(uow: UnitOfWork, coop: Cooperation, members: list[Membership]) -> CooperationView:
    stored = {p.actor: p for p in uow.cooperations.policies(coop.key)}
    policies = tuple(stored.get(m.actor) or SharingPolicy(coop.key, m.actor) for m in members)
    return CooperationView(coop, tuple(members), policies)


def _member(members: list[Membership], key: str, actor: str) -> Membership:
    for m in members:
        if m.actor == actor:
            return m
    raise RuleViolation(
        N_("'{actor}' is not a member of cooperation '{key}'"), actor=actor, key=key
    )


def _today(today: date | None) -> date:
    return today or datetime.now(UTC).date()


def propose(
    ctx: Context,
    user: User | None,
    *,
    key: str,
    name: str,
    members: Sequence[str],
    actor: str | None = None,
    mechanisms: Sequence[Mechanism] = (Mechanism.NETWORK_SHARING,),
    purpose: str = "",
    scope: Sequence[str] = (),
    today: date | None = None,
) -> CooperationView:
    """Propose an agreement between ``members``; ``actor`` (one of them) is the initiator.

    Without ``actor`` (a coordinator, an administrator or the operator proposing) every
    member is invited; otherwise the initiator accepts by proposing.
    """
    listed = agreements.check_members(list(members))
    coop = Cooperation(
        key,
        name,
        purpose,
        CooperationStatus.PROPOSED,
        tuple(scope),
        tuple(dict.fromkeys(mechanisms)),
    )
    with ctx.uow() as uow:
        p = principal(uow, user)
        # An initiator accepts by proposing, which is its own owners' and managers' answer.
        op = Operation.PROPOSE if actor is None else Operation.ANSWER
        authorize(p, op, actor, visible=True, missing=_missing(key))
        if uow.cooperations.get(coop.key) is not None:
            raise RuleViolation(N_("cooperation '{key}' exists already"), key=coop.key)
        uow.cooperations.require_territories(coop.scope)
        invited = agreements.invitations(coop.key, listed, initiator=actor, today=_today(today))
        uow.cooperations.save(coop)
        for m in invited:
            uow.cooperations.save_membership(m)
            uow.cooperations.save_policy(SharingPolicy(coop.key, m.actor))
        settled = agreements.settle(coop, invited)
        uow.cooperations.save(settled)
        view = _view(uow, settled, uow.cooperations.memberships(coop.key))
        uow.commit()
    return view


def _answer(
    ctx: Context, user: User | None, key: str, actor: str, *, accept: bool, today: date | None
) -> CooperationView:
    with ctx.uow() as uow:
        p = principal(uow, user)
        coop, members = visible_cooperation(uow, p, key)
        authorize(p, Operation.ANSWER, actor, visible=True, missing=_missing(key))
        agreements.require_open(coop)
        answered = agreements.answer(
            _member(members, key, actor), accept=accept, today=_today(today)
        )
        uow.cooperations.save_membership(answered)
        return _settle(uow, coop)


def _settle(uow: UnitOfWork, coop: Cooperation) -> CooperationView:
    members = uow.cooperations.memberships(coop.key)
    settled = agreements.settle(coop, members)
    uow.cooperations.save(settled)
    view = _view(uow, settled, members)
    uow.commit()
    return view


def accept(
    ctx: Context, user: User | None, key: str, actor: str, *, today: date | None = None
) -> CooperationView:
    """``actor`` accepts its invitation; the agreement is active once no invitation is open."""
    return _answer(ctx, user, key, actor, accept=True, today=today)


def decline(
    ctx: Context, user: User | None, key: str, actor: str, *, today: date | None = None
) -> CooperationView:
    """``actor`` declines its invitation (the agreement ends if fewer than two could remain)."""
    return _answer(ctx, user, key, actor, accept=False, today=today)


def leave(
    ctx: Context, user: User | None, key: str, actor: str, *, today: date | None = None
) -> CooperationView:
    """``actor`` leaves; the agreement ends when fewer than two members remain."""
    with ctx.uow() as uow:
        p = principal(uow, user)
        coop, members = visible_cooperation(uow, p, key)
        authorize(p, Operation.LEAVE, actor, visible=True, missing=_missing(key))
        agreements.require_open(coop)
        uow.cooperations.save_membership(
            agreements.depart(_member(members, key, actor), today=_today(today))
        )
        return _settle(uow, coop)


def _move(
    ctx: Context, user: User | None, key: str, actor: str | None, move: str
) -> CooperationView:
    with ctx.uow() as uow:
        p = principal(uow, user)
        coop, members = visible_cooperation(uow, p, key)
        if actor is not None:
            m = _member(members, key, actor)
            if m.status is not MembershipStatus.ACCEPTED:
                raise RuleViolation(
                    N_("'{actor}' is not an accepted member of cooperation '{key}'"),
                    actor=actor,
                    key=key,
                )
        authorize(p, Operation.GOVERN, actor, visible=True, missing=_missing(key))
        moved = agreements.transition(coop, move)
        uow.cooperations.save(moved)
        view = _view(uow, moved, members)
        uow.commit()
    return view


def suspend(ctx: Context, user: User | None, key: str, actor: str | None = None) -> CooperationView:
    """Suspend an active agreement: an accepted member's owner or manager, or an admin."""
    return _move(ctx, user, key, actor, "suspend")


def resume(ctx: Context, user: User | None, key: str, actor: str | None = None) -> CooperationView:
    """Make a suspended agreement active again."""
    return _move(ctx, user, key, actor, "resume")


def end(ctx: Context, user: User | None, key: str, actor: str | None = None) -> CooperationView:
    """End an agreement for good."""
    return _move(ctx, user, key, actor, "end")


def show(ctx: Context, user: User | None, key: str) -> CooperationView:
    """The agreement, its members and their policies; NotFound unless the user may see it."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        coop, members = visible_cooperation(uow, p, key)
        return _view(uow, coop, members)


def list_cooperations(
    ctx: Context, user: User | None, actor: str | None = None
) -> list[Cooperation]:
    """The cooperations the user may see (of ``actor`` only, when named), by key."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        found = uow.cooperations.find(member=actor)
        return [
            c
            for c in found
            if allowed_any(
                p, Operation.SHOW, [m.actor for m in uow.cooperations.memberships(c.key)]
            )
        ]
