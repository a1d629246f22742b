"""A small sharing community for the network-sharing tests: actors, their users, a cooperation.

Actors ``a``, ``b`` and ``c`` are members of the active cooperation ``coop``; ``z`` stands
outside. Each of ``a``'s roles has a user (``owner@a``, ``manager@a``, ``member@a``,
``viewer@a``), ``b`` and ``c`` have owners, ``z`` has ``owner@z``; ``coord@x`` is a
coordinator and ``admin@x`` an administrator.
"""

from __future__ import annotations

from jejaring.domain.accounts import ActorRole, PlatformRole, User
from jejaring.domain.cooperation import CooperationStatus, Mechanism, MembershipStatus
from jejaring.services.bootstrap import Context
from tests.factories import actor, cooperation, member, membership, persist, user

__all__ = ["ROLE_USERS", "build_sharing", "the_user"]

ROLE_USERS = {role: f"{role.value}@a" for role in ActorRole}


def build_sharing(ctx: Context, *, coverage: bool = True) -> None:
    """Store the community; ``a`` covers Jawa Barat, ``b`` Jawa Tengah, ``c`` Jawa Timur."""
    cover = {"a": ("32",), "b": ("33",), "c": ("35",), "z": ("36",)}
    with ctx.uow() as uow:
        persist(
            uow,
            *(actor(k, coverage=cover[k] if coverage else ()) for k in "abcz"),
            cooperation(
                "coop", status=CooperationStatus.ACTIVE, mechanisms=(Mechanism.NETWORK_SHARING,)
            ),
            *(membership("coop", k, status=MembershipStatus.ACCEPTED) for k in "abc"),
        )
        for role, email in ROLE_USERS.items():
            persist(uow, user(email), member(email, "a", role=role))
        for k in "bcz":
            persist(uow, user(f"owner@{k}"), member(f"owner@{k}", k, role=ActorRole.OWNER))
        persist(
            uow,
            user("coord@x", platform_roles=(PlatformRole.COORDINATOR,)),
            user("admin@x", platform_roles=(PlatformRole.ADMIN,)),
        )
        uow.commit()


def the_user(ctx: Context, email: str | None) -> User | None:
    if email is None:
        return None
    with ctx.reader() as uow:
        return uow.users.get(email)
