"""Browser sessions: a random cookie whose hash is a server-side row, and its CSRF token.

Sessions are rows rather than signed cookies so that signing out, a password change and a
deactivation end them at once. The CSRF token is an HMAC of the session's secret under the
settings' key: bound to the session, it needs no storage, and a page of another site can
neither read it (the cookie it comes in is for this site only) nor compute it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from jejaring.domain.accounts import User, WebSession
from jejaring.domain.errors import N_
from jejaring.services.bootstrap import Context
from jejaring.services.identity import credential_of
from jejaring.services.secret_tokens import new_secret, secret_hash
from jejaring.services.sessions import NotAuthenticated
from jejaring.store.repositories.credentials import CredentialRepository

__all__ = ["close_session", "csrf_matches", "csrf_token", "open_session", "user_for_session"]


def open_session(ctx: Context, user: User, *, now: datetime | None = None) -> str:
    """A new session for ``user``; returns the secret to set as the cookie."""
    at = now or datetime.now(UTC)
    secret, hashed = new_secret()
    expires = at + timedelta(seconds=ctx.settings.session_lifetime_s)
    with ctx.uow() as uow:
        uow.credentials.end_expired_sessions(at)  # housekeeping: nobody can use them any more
        uow.credentials.add_session(WebSession(user.email, hashed, at, expires))
        uow.commit()
    return secret


def user_for_session(ctx: Context, secret: str, *, now: datetime | None = None) -> User:
    """The active user of an unexpired session."""
    at = now or datetime.now(UTC)
    session, user = credential_of(ctx, secret, CredentialRepository.session_by_hash)
    if session is None or session.expires <= at or user is None or not user.active:
        raise NotAuthenticated(N_("sign in first: the session is missing or has ended"))
    return user


def close_session(ctx: Context, secret: str) -> None:
    with ctx.uow() as uow:
        uow.credentials.end_session(secret_hash(secret))
        uow.commit()


def csrf_token(ctx: Context, secret: str) -> str:
    """The CSRF token of the session whose cookie is ``secret``."""
    key = ctx.settings.secret_key.encode()
    digest = hmac.new(key, b"csrf:" + secret.encode("utf-8", "surrogateescape"), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


def csrf_matches(ctx: Context, secret: str, sent: str) -> bool:
    expected = csrf_token(ctx, secret).encode()
    return bool(sent) and hmac.compare_digest(expected, sent.encode("utf-8", "surrogateescape"))
