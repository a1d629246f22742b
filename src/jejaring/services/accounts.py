"""Creating users and giving them roles for actors; administering and editing accounts."""

from __future__ import annotations

import dataclasses
from typing import Any

from jejaring.domain.accounts import ActorMember, ActorRole, PlatformRole, User
from jejaring.domain.errors import N_, InvalidValue, NotFound, RuleViolation
from jejaring.i18n import LOCALES
from jejaring.services.access import Operation, allowed, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.passwords import hash_password, verify_password

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "check_password",
    "checked_email",
    "create_user",
    "deactivate_user",
    "get_user",
    "list_users",
    "update_self",
    "user_dict",
]

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024


def check_password(password: str) -> None:
    """Raise InvalidValue unless ``password`` is long enough (and not absurdly long)."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise InvalidValue(
            N_("password: must be at least {length} characters"), length=MIN_PASSWORD_LENGTH
        )


def checked_email(email: str) -> str:
    """``email`` case-folded; InvalidValue unless it looks like an e-mail address."""
    email = email.strip().casefold()
    if "@" not in email or email.startswith("@") or email.endswith("@") or len(email) > 320:
        raise InvalidValue(N_("email: '{value}' is not an e-mail address"), value=email)
    return email


def create_user(
    ctx: Context,
    email: str,
    password: str,
    *,
    actor: str | None = None,
    role: ActorRole = ActorRole.MEMBER,
    platform_roles: tuple[PlatformRole, ...] = (),
    display_name: str = "",
    locale: str = "id",
) -> User:
    """Create a user (and its role for ``actor``) in one transaction."""
    email = checked_email(email)
    check_password(password)
    user = User(email, hash_password(password), display_name, locale, platform_roles)
    with ctx.uow() as uow:
        if uow.users.get(email) is not None:
            raise RuleViolation(N_("a user with e-mail {email} exists already"), email=email)
        uow.users.save(user)
        if actor is not None:
            uow.users.add_member(ActorMember(email, actor, role))
        uow.commit()
    return user


def _missing(email: str) -> NotFound:
    return NotFound(N_("user '{email}' not found"), email=email)


def list_users(ctx: Context, user: User | None) -> list[User]:
    """Every account: for administrators."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        authorize(p, Operation.USERS_ADMIN, None, visible=True, missing=_missing(""))
        return uow.users.every()


def get_user(ctx: Context, user: User | None, email: str) -> tuple[User, list[ActorMember]]:
    """An account and its roles: one's own, or any for administrators (else "not found")."""
    email = email.strip().casefold()
    with ctx.reader() as uow:
        p = principal(uow, user)
        if p.email != email and not allowed(p, Operation.USERS_ADMIN):
            raise _missing(email)
        found = uow.users.get(email)
        if found is None:
            raise _missing(email)
        return found, uow.users.memberships(email)


def deactivate_user(ctx: Context, user: User | None, email: str) -> User:
    """Stop the account from signing in and end its sessions: for administrators.

    Another user is refused as if the account were missing; one's own account, which one
    reads, is refused as forbidden.
    """
    email = email.strip().casefold()
    with ctx.uow() as uow:
        p = principal(uow, user)
        own = p.email == email
        authorize(p, Operation.USERS_ADMIN, None, visible=own, missing=_missing(email))
        found = uow.users.get(email)
        if found is None:
            raise _missing(email)
        changed = dataclasses.replace(found, active=False)
        uow.users.save(changed)
        uow.credentials.end_sessions_of(email)
        uow.commit()
    return changed


def update_self(
    ctx: Context,
    user: User,
    *,
    display_name: str | None = None,
    locale: str | None = None,
    password: str | None = None,
    current_password: str | None = None,
) -> User:
    """Change one's own name, language or password (which needs the current one).

    A new password ends every browser session and signed token of the user's.
    """
    if locale is not None and locale not in LOCALES:
        raise InvalidValue(N_("locale: '{value}' is not one of id, en"), value=locale)
    if display_name is not None and len(display_name) > 200:
        raise InvalidValue(N_("display_name: must be at most 200 characters"))
    changes: dict[str, Any] = {}
    if display_name is not None:
        changes["display_name"] = display_name.strip()
    if locale is not None:
        changes["locale"] = locale
    if password is not None:
        if current_password is None or not verify_password(user.password_hash, current_password):
            raise InvalidValue(N_("current_password: wrong password"))
        check_password(password)
        changes["password_hash"] = hash_password(password)
    with ctx.uow() as uow:
        found = uow.users.get(user.email)
        if found is None:
            raise _missing(user.email)
        changed = dataclasses.replace(found, **changes)
        uow.users.save(changed)
        if password is not None:
            uow.credentials.end_sessions_of(user.email)
        uow.commit()
    return changed


def user_dict(u: User, memberships: list[ActorMember] | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "email": u.email,
        "display_name": u.display_name,
        "locale": u.locale,
        "platform_roles": [r.value for r in u.platform_roles],
        "active": u.active,
    }
    if memberships is not None:
        found["memberships"] = [{"actor": m.actor, "role": m.role.value} for m in memberships]
    return found
