"""Who acts for an actor: listing its users, giving them roles and taking them away.

Owners and managers manage an actor's users, administrators any actor's (services/access.py).
Only an owner (or an administrator) gives or takes the owner role, and an actor never loses
its last owner, so that somebody can always manage it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from jejaring.domain.accounts import ActorMember, ActorRole, AuditEvent, PlatformRole, User
from jejaring.domain.errors import N_, NotFound, RuleViolation
from jejaring.services.access import Forbidden, Operation, Principal, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "MEMBER_INVITED",
    "MEMBER_REMOVED",
    "MEMBER_SET",
    "authorize_role_change",
    "change_member",
    "list_members",
    "remove_member",
    "set_member",
]

MEMBER_INVITED = "member.invited"
MEMBER_SET = "member.set"
MEMBER_REMOVED = "member.removed"


def _checked(uow: UnitOfWork, p: Principal, actor: str, op: Operation) -> None:
    missing = NotFound(N_("actor '{key}' not found"), key=actor)
    if uow.actors.get(actor) is None:
        raise missing
    authorize(p, op, actor, visible=p.acts_for(actor), missing=missing)


def _may_touch_owners(p: Principal, actor: str) -> None:
    if (
        not p.operator
        and p.roles.get(actor) is not ActorRole.OWNER
        and PlatformRole.ADMIN not in p.platform
    ):
        raise Forbidden(N_("only an owner gives or takes the owner role"))


def list_members(ctx: Context, user: User | None, actor: str) -> list[ActorMember]:
    with ctx.reader() as uow:
        _checked(uow, principal(uow, user), actor, Operation.MEMBERS_READ)
        return uow.users.members(actor)


def _current(uow: UnitOfWork, actor: str, email: str) -> tuple[list[ActorMember], ActorRole | None]:
    members = uow.users.members(actor)
    mine = [m.role for m in members if m.user == email.strip().casefold()]
    return members, (mine[0] if mine else None)


def _keeps_an_owner(members: list[ActorMember], email: str) -> None:
    others = [m for m in members if m.role is ActorRole.OWNER and m.user != email]
    if not others:
        raise RuleViolation(N_("'{email}' is the actor's last owner"), email=email)


def authorize_role_change(
    uow: UnitOfWork, p: Principal, actor: str, email: str | None, role: ActorRole
) -> list[ActorMember]:
    """Raise unless ``p`` may give ``email`` (None: a new user) ``role`` for ``actor``.

    Returns the actor's members as they are.
    """
    _checked(uow, p, actor, Operation.MEMBERS_MANAGE)
    members, before = _current(uow, actor, email or "")
    if ActorRole.OWNER in (role, before):
        _may_touch_owners(p, actor)
    if email is not None and before is ActorRole.OWNER and role is not ActorRole.OWNER:
        _keeps_an_owner(members, email)
    return members


def _give_role(
    ctx: Context,
    user: User | None,
    actor: str,
    email: str,
    role: ActorRole,
    now: datetime | None,
    *,
    existing_only: bool,
) -> ActorMember:
    email = email.strip().casefold()
    with ctx.uow() as uow:
        p = principal(uow, user)
        members = authorize_role_change(uow, p, actor, email, role)
        if existing_only and all(m.user != email for m in members):
            raise NotFound(N_("'{email}' does not act for '{actor}'"), email=email, actor=actor)
        member = ActorMember(email, actor, role)
        uow.users.add_member(member)
        at = now or datetime.now(UTC)
        uow.audit.record(AuditEvent(at, MEMBER_SET, actor, p.email, None, f"{email} {role}"))
        uow.commit()
    return member


def set_member(
    ctx: Context,
    user: User | None,
    actor: str,
    email: str,
    role: ActorRole,
    *,
    now: datetime | None = None,
) -> ActorMember:
    """Give the existing user ``email`` the ``role`` for ``actor`` (add or change)."""
    return _give_role(ctx, user, actor, email, role, now, existing_only=False)


def change_member(
    ctx: Context,
    user: User | None,
    actor: str,
    email: str,
    role: ActorRole,
    *,
    now: datetime | None = None,
) -> ActorMember:
    """Change the role of ``email``, who acts for ``actor``; NotFound (nothing changed) when
    it does not."""
    return _give_role(ctx, user, actor, email, role, now, existing_only=True)


def remove_member(
    ctx: Context, user: User | None, actor: str, email: str, *, now: datetime | None = None
) -> None:
    """Take ``email``'s role for ``actor`` away; NotFound when it has none."""
    email = email.strip().casefold()
    with ctx.uow() as uow:
        p = principal(uow, user)
        _checked(uow, p, actor, Operation.MEMBERS_MANAGE)
        members, before = _current(uow, actor, email)
        if before is None:
            raise NotFound(N_("'{email}' does not act for '{actor}'"), email=email, actor=actor)
        if before is ActorRole.OWNER:
            _may_touch_owners(p, actor)
            _keeps_an_owner(members, email)
        uow.users.remove_member(ActorMember(email, actor, before))
        at = now or datetime.now(UTC)
        uow.audit.record(AuditEvent(at, MEMBER_REMOVED, actor, p.email, None, email))
        uow.commit()
