"""Signing in: checking a password and issuing a signed, expiring bearer token.

The token is ``payload.signature`` with an HMAC-SHA256 over the payload under the settings'
secret key, so verifying it needs no database read; the user is still looked up to honour
deactivation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

from jejaring.domain.accounts import User
from jejaring.domain.errors import N_, DomainError
from jejaring.services.bootstrap import Context
from jejaring.services.passwords import verify_password

__all__ = ["TOKEN_LIFETIME_S", "NotAuthenticated", "authenticate", "issue_token", "user_for_token"]

TOKEN_LIFETIME_S = 12 * 3600


class NotAuthenticated(DomainError):
    """The credentials or the token are missing, wrong or expired (never says which)."""


def _sign(secret: str, payload: bytes) -> str:
    digest = hmac.new(secret.encode(), payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issue_token(ctx: Context, email: str, *, now: float | None = None) -> str:
    claims = {"sub": email, "exp": int((now or time.time()) + TOKEN_LIFETIME_S)}
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{payload}.{_sign(ctx.settings.secret_key, payload.encode())}"


def authenticate(ctx: Context, email: str, password: str) -> str:
    """A token for the user, or NotAuthenticated with one message for every failure."""
    with ctx.reader() as uow:
        user = uow.users.get(email)
    if user is None or not user.active or not verify_password(user.password_hash, password):
        raise NotAuthenticated(N_("wrong e-mail address or password"))
    return issue_token(ctx, user.email)


def user_for_token(ctx: Context, token: str, *, now: float | None = None) -> User:
    """The active user a valid, unexpired token was issued to."""
    refused = NotAuthenticated(N_("sign in first: the token is missing, invalid or expired"))
    payload, _, signature = token.partition(".")
    if not hmac.compare_digest(_sign(ctx.settings.secret_key, payload.encode()), signature):
        raise refused
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        email, expires = str(claims["sub"]), float(claims["exp"])
    except (ValueError, KeyError, TypeError):
        raise refused from None
    if expires < (now or time.time()):
        raise refused
    with ctx.reader() as uow:
        user = uow.users.get(email)
    if user is None or not user.active:
        raise refused
    return user
