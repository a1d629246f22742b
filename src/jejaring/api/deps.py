"""Dependencies shared by the routers: the application context and the signed-in user.

``CurrentUser`` is where every request is authenticated and where writes are protected, by the
request's method, so that no router has to: a bearer token (an API token from ``/tokens``, or
a signed token from ``/auth/token``) or the session cookie of ``/auth/login``. An unsafe
method (POST, PUT, PATCH, DELETE) signed in by the cookie needs the ``X-CSRF-Token`` header
to carry the session's CSRF token; one signed in by an API token needs its ``write`` scope.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from jejaring.domain.accounts import TokenScope, User
from jejaring.domain.errors import N_
from jejaring.services.access import Forbidden
from jejaring.services.api_tokens import TOKEN_PREFIX, user_for_api_token
from jejaring.services.bootstrap import Context
from jejaring.services.read_cache import NotKept, kept_only
from jejaring.services.sessions import NotAuthenticated, user_for_token
from jejaring.services.web_sessions import csrf_matches, user_for_session

__all__ = [
    "CSRF_COOKIE",
    "CSRF_HEADER",
    "SAFE_METHODS",
    "SESSION_COOKIE",
    "ClientAddress",
    "Ctx",
    "CurrentUser",
    "SignedInBy",
    "credentials_of",
    "sign_in",
]

SESSION_COOKIE = "jejaring_session"
CSRF_COOKIE = "jejaring_csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_bearer = HTTPBearer(auto_error=False)
_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False)

SignedInBy = Literal["api-token", "signed-token", "session"]


# The dependencies that do no I/O are coroutines: FastAPI runs a plain function in a worker
# thread, and the hop costs more than they do.
async def _context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


Ctx = Annotated[Context, Depends(_context)]


async def _address(request: Request) -> str | None:
    return request.client.host if request.client else None


ClientAddress = Annotated[str | None, Depends(_address)]


def sign_in(
    ctx: Context,
    method: str,
    credentials: HTTPAuthorizationCredentials | None,
    session: str | None,
    csrf: str,
) -> tuple[User, SignedInBy]:
    """The user a request signs in as, and how (see the module's docstring); ``csrf``: the
    request's ``X-CSRF-Token`` header."""
    writes = method.upper() not in SAFE_METHODS
    if credentials is not None and credentials.credentials.startswith(TOKEN_PREFIX):
        user, scopes = user_for_api_token(ctx, credentials.credentials)
        if writes and TokenScope.WRITE not in scopes:
            raise Forbidden(N_("this token may only read: writing needs the 'write' scope"))
        return user, "api-token"
    if credentials is not None:
        return user_for_token(ctx, credentials.credentials), "signed-token"
    if session:
        user = user_for_session(ctx, session)
        if writes and not csrf_matches(ctx, session, csrf):
            raise Forbidden(
                N_("the CSRF token is missing or wrong: send the {header} header with it"),
                header=CSRF_HEADER,
            )
        return user, "session"
    raise NotAuthenticated(N_("sign in first: the token is missing, invalid or expired"))


async def credentials_of(
    request: Request,
) -> tuple[HTTPAuthorizationCredentials | None, str | None]:
    """The request's bearer credentials and session cookie, read as ``CurrentUser`` reads them."""
    return await _bearer(request), await _cookie(request)


async def _current_user(
    request: Request,
    ctx: Ctx,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    session: Annotated[str | None, Depends(_cookie)],
) -> User:
    asked = (ctx, request.method, credentials, session, request.headers.get(CSRF_HEADER, ""))
    # As KeptFront does: a kept sign-in is found on the event loop (one read of the change
    # counters), cheaper than the hop to a worker thread it saves.
    try:
        with kept_only():
            user, by = sign_in(*asked)
    except NotKept:  # looked up in the store, in a worker thread
        user, by = await run_in_threadpool(sign_in, *asked)
    request.state.signed_in_by = by
    return user


CurrentUser = Annotated[User, Depends(_current_user)]
