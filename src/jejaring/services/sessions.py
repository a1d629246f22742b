"""Signing in: checking a password (throttled, never telling whether the account exists) and
issuing a signed, expiring bearer token for programs.

The token is ``payload.signature`` with an HMAC-SHA256 over the payload under the settings'
secret key, so verifying it needs no database read; the user is still looked up to honour
deactivation, and the payload carries a fingerprint of the password hash so that changing the
password ends every token issued before.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import time

from jejaring.domain.accounts import User
from jejaring.domain.errors import N_, DomainError
from jejaring.services.bootstrap import Context
from jejaring.services.identity import account_of
from jejaring.services.passwords import hash_password, verify_password
from jejaring.services.throttle import throttle_of

__all__ = [
    "TOKEN_LIFETIME_S",
    "NotAuthenticated",
    "authenticate",
    "issue_token",
    "sign_in",
    "user_for_token",
]

TOKEN_LIFETIME_S = 12 * 3600


class NotAuthenticated(DomainError):
    """The credentials or the token are missing, wrong or expired (never says which)."""


def _sign(secret: str, payload: bytes) -> str:
    digest = hmac.new(secret.encode(), payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


@functools.cache
def _dummy_hash() -> str:
    # Checked against when the account does not exist, so that the answer takes as long.
    return hash_password("no such account, but verifying takes the same time")


def sign_in(ctx: Context, email: str, password: str, *, address: str | None = None) -> User:
    """The active user with these credentials, else one error for every failure.

    Failures are counted per account and per client ``address``; past the limit the sign-in
    is refused (TooManyAttempts) whether or not the account exists or the password is right.
    """
    email = email.strip().casefold()
    throttle = throttle_of(ctx)
    throttle.check(email, address)
    with ctx.reader() as uow:
        user = uow.users.get(email)
    good = verify_password(user.password_hash if user else _dummy_hash(), password)
    if user is None or not user.active or not good:
        throttle.failed(email, address)
        raise NotAuthenticated(N_("wrong e-mail address or password"))
    throttle.succeeded(email)
    return user


def issue_token(ctx: Context, user: User, *, now: float | None = None) -> str:
    claims = {
        "sub": user.email,
        "exp": int((now or time.time()) + TOKEN_LIFETIME_S),
        "pv": _fingerprint(user),
    }
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{payload}.{_sign(ctx.settings.secret_key, payload.encode())}"


def authenticate(ctx: Context, email: str, password: str, *, address: str | None = None) -> str:
    """A token for the user, or NotAuthenticated with one message for every failure."""
    return issue_token(ctx, sign_in(ctx, email, password, address=address))


def user_for_token(ctx: Context, token: str, *, now: float | None = None) -> User:
    """The active user a valid, unexpired token was issued to (since its last password change)."""
    refused = NotAuthenticated(N_("sign in first: the token is missing, invalid or expired"))
    payload, _, signature = token.partition(".")
    expected = _sign(ctx.settings.secret_key, payload.encode("utf-8", "surrogateescape"))
    # Bytes, not text: compare_digest refuses non-ASCII text, and a header may hold any.
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "surrogateescape")):
        raise refused
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        email, expires, version = str(claims["sub"]), float(claims["exp"]), str(claims["pv"])
    except (ValueError, KeyError, TypeError):
        raise refused from None
    if expires < (now or time.time()):
        raise refused
    user = account_of(ctx, email)
    if user is None or not user.active or version != _fingerprint(user):
        raise refused
    return user
