"""Dependencies shared by the routers: the application context and the signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from jejaring.domain.accounts import User
from jejaring.domain.errors import N_
from jejaring.services.bootstrap import Context
from jejaring.services.sessions import NotAuthenticated, user_for_token

__all__ = ["Ctx", "CurrentUser"]

_bearer = HTTPBearer(auto_error=False)


def _context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


Ctx = Annotated[Context, Depends(_context)]


def _current_user(
    ctx: Ctx, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> User:
    if credentials is None:
        raise NotAuthenticated(N_("sign in first: the token is missing, invalid or expired"))
    return user_for_token(ctx, credentials.credentials)


CurrentUser = Annotated[User, Depends(_current_user)]
