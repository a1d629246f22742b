"""API tokens for programs: created with a name and scopes, shown once, kept hashed, revocable.

A token reads with the ``read`` scope and also writes with ``write``; the API checks the scope
against the request's method (``api/deps.py``), so every use case is covered alike.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jejaring.domain.accounts import ApiToken, TokenScope, User
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.services.bootstrap import Context
from jejaring.services.identity import credential_of
from jejaring.services.secret_tokens import new_secret
from jejaring.services.sessions import NotAuthenticated
from jejaring.store.repositories.credentials import CredentialRepository

__all__ = [
    "TOKEN_PREFIX",
    "create_token",
    "list_tokens",
    "revoke_token",
    "token_dict",
    "user_for_api_token",
]

TOKEN_PREFIX = "jjr_"  # tells an API token from a signed sign-in token (and helps secret scanners)


def create_token(
    ctx: Context,
    user: User,
    name: str,
    scopes: tuple[TokenScope, ...],
    *,
    now: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token of ``user``'s and its plaintext, which is never shown again."""
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidValue(N_("name: must be 1 to 200 characters"))
    if not scopes:
        raise InvalidValue(N_("scopes: name at least one of read, write"))
    # Writing implies reading: a write-only token would be of no use to anyone.
    kept = tuple(s for s in TokenScope if s in scopes or s is TokenScope.READ)
    secret, hashed = new_secret(TOKEN_PREFIX)
    with ctx.uow() as uow:
        token = uow.credentials.add_token(
            ApiToken(user.email, name, hashed, kept, now or datetime.now(UTC))
        )
        uow.commit()
    return token, secret


def list_tokens(ctx: Context, user: User) -> list[ApiToken]:
    with ctx.reader() as uow:
        return uow.credentials.tokens_of(user.email)


def revoke_token(ctx: Context, user: User, token_id: int, *, now: datetime | None = None) -> None:
    """Revoke one of the user's own tokens; NotFound for another's, a revoked or a missing one."""
    with ctx.uow() as uow:
        if not uow.credentials.revoke_token(token_id, user.email, now or datetime.now(UTC)):
            raise NotFound(N_("token {id} not found"), id=token_id)
        uow.commit()


def user_for_api_token(ctx: Context, secret: str) -> tuple[User, tuple[TokenScope, ...]]:
    """The active user a live token belongs to, and the token's scopes."""
    token, user = credential_of(ctx, secret, CredentialRepository.token_by_hash)
    if token is None or token.revoked is not None or user is None or not user.active:
        raise NotAuthenticated(N_("sign in first: the token is missing, invalid or expired"))
    return user, token.scopes


def token_dict(t: ApiToken) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "scopes": [s.value for s in t.scopes],
        "created": t.created.isoformat(),
        "revoked": t.revoked.isoformat() if t.revoked else None,
    }
