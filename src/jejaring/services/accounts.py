"""Creating users and giving them roles for actors."""

from __future__ import annotations

from jejaring.domain.accounts import ActorMember, ActorRole, PlatformRole, User
from jejaring.domain.errors import N_, InvalidValue, RuleViolation
from jejaring.services.bootstrap import Context
from jejaring.services.passwords import hash_password

__all__ = ["MIN_PASSWORD_LENGTH", "create_user"]

MIN_PASSWORD_LENGTH = 10


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
    email = email.strip().casefold()
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise InvalidValue(N_("email: '{value}' is not an e-mail address"), value=email)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue(
            N_("password: must be at least {length} characters"), length=MIN_PASSWORD_LENGTH
        )
    user = User(email, hash_password(password), display_name, locale, platform_roles)
    with ctx.uow() as uow:
        if uow.users.get(email) is not None:
            raise RuleViolation(N_("a user with e-mail {email} exists already"), email=email)
        uow.users.save(user)
        if actor is not None:
            uow.users.add_member(ActorMember(email, actor, role))
        uow.commit()
    return user
