"""Signing in (programs and browsers), signing up by invitation, resetting a password."""

from __future__ import annotations

from pydantic import BaseModel, Field

from jejaring.api.schemas.accounts import UserPublic

__all__ = [
    "LoginPublic",
    "ResetConfirm",
    "ResetRequest",
    "SignupRequest",
    "TokenPublic",
    "TokenRequest",
]

_EMAIL = Field(min_length=3, max_length=320)
_PASSWORD = Field(min_length=1, max_length=1024)
_SECRET = Field(min_length=1, max_length=200)


class TokenRequest(BaseModel):
    """E-mail address and password of a user."""

    email: str = _EMAIL
    password: str = _PASSWORD


class TokenPublic(BaseModel):
    """A bearer token to send as ``Authorization: Bearer <access_token>``."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int


class LoginPublic(BaseModel):
    """The signed-in user; the session is in an HttpOnly cookie.

    Send ``csrf_token`` (also in the ``jejaring_csrf`` cookie) as the ``X-CSRF-Token`` header
    with every POST, PUT, PATCH and DELETE.
    """

    user: UserPublic
    csrf_token: str


class SignupRequest(BaseModel):
    """The invitation token from the mail, a password and the name to show."""

    token: str = _SECRET
    password: str = _PASSWORD
    display_name: str = Field(default="", max_length=200)


class ResetRequest(BaseModel):
    """The e-mail address of the account whose password is forgotten."""

    email: str = _EMAIL


class ResetConfirm(BaseModel):
    """The reset token from the mail and the new password."""

    token: str = _SECRET
    password: str = _PASSWORD
