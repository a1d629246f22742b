"""Signing in and out: bearer tokens for programs, session cookies for browsers; signing up
by invitation; resetting a forgotten password."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request, Response, status

from jejaring.api.deps import CSRF_COOKIE, SESSION_COOKIE, ClientAddress, Ctx, CurrentUser
from jejaring.api.problems import declared
from jejaring.api.schemas.accounts import UserPublic
from jejaring.api.schemas.auth import (
    LoginPublic,
    ResetConfirm,
    ResetRequest,
    SignupRequest,
    TokenPublic,
    TokenRequest,
)
from jejaring.services import tickets
from jejaring.services.accounts import get_user
from jejaring.services.mail import send
from jejaring.services.sessions import TOKEN_LIFETIME_S, issue_token, sign_in
from jejaring.services.web_sessions import close_session, csrf_token, open_session

__all__ = ["router"]

router = APIRouter(prefix="/auth", tags=["auth"])

_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
_REFUSED: dict[int | str, dict[str, object]] = {
    401: declared("Wrong e-mail address or password"),
    429: declared("Too many failed sign-ins (see Retry-After)"),
}


def _secure(request: Request) -> bool:
    # Browsers keep Secure cookies only over HTTPS; a developer's own machine may be plain HTTP.
    return (request.url.hostname or "") not in _LOCAL_HOSTS


@router.post("/token", response_model=TokenPublic, responses=_REFUSED)
def token(ctx: Ctx, body: TokenRequest, address: ClientAddress) -> TokenPublic:
    user = sign_in(ctx, body.email, body.password, address=address)
    return TokenPublic(access_token=issue_token(ctx, user), expires_in=TOKEN_LIFETIME_S)


@router.post("/login", response_model=LoginPublic, responses=_REFUSED)
def login(
    ctx: Ctx, body: TokenRequest, address: ClientAddress, request: Request, response: Response
) -> LoginPublic:
    user = sign_in(ctx, body.email, body.password, address=address)
    secret = open_session(ctx, user)
    csrf = csrf_token(ctx, secret)
    lifetime, secure = ctx.settings.session_lifetime_s, _secure(request)
    response.set_cookie(
        SESSION_COOKIE, secret, max_age=lifetime, httponly=True, samesite="lax", secure=secure
    )
    # Readable by the page's script (not HttpOnly), so that it can send it back as the header.
    response.set_cookie(
        CSRF_COOKIE, csrf, max_age=lifetime, httponly=False, samesite="lax", secure=secure
    )
    return LoginPublic(user=UserPublic.of(*get_user(ctx, user, user.email)), csrf_token=csrf)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(ctx: Ctx, user: CurrentUser, request: Request, response: Response) -> None:
    """End the browser session (a bearer token is not a session: it stays valid)."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret and request.state.signed_in_by == "session":
        close_session(ctx, secret)
    secure = _secure(request)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=secure)
    response.delete_cookie(CSRF_COOKIE, samesite="lax", secure=secure)


@router.get("/me", response_model=UserPublic)
def me(ctx: Ctx, user: CurrentUser) -> UserPublic:
    found, memberships = get_user(ctx, user, user.email)
    return UserPublic.of(found, memberships)


@router.post("/signup", response_model=UserPublic, status_code=status.HTTP_201_CREATED)
def signup(ctx: Ctx, body: SignupRequest) -> UserPublic:
    """Create the invited account; the invitation's token is then used up."""
    return UserPublic.of(tickets.sign_up(ctx, body.token, body.password, body.display_name))


@router.post("/password-reset", status_code=status.HTTP_202_ACCEPTED)
def password_reset(ctx: Ctx, body: ResetRequest, background: BackgroundTasks) -> None:
    """Mail a reset token if the account exists; the answer is the same either way."""
    found = tickets.request_reset(ctx, body.email)
    if found is not None:
        # After the answer, so that sending takes no time the answer could show.
        background.add_task(send, ctx.settings, found[1])


@router.post("/password-reset/confirm", status_code=status.HTTP_204_NO_CONTENT)
def password_reset_confirm(ctx: Ctx, body: ResetConfirm) -> None:
    """Set the new password; the token is used up and every session ends."""
    tickets.confirm_reset(ctx, body.token, body.password)
