"""Signing in for programs."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["TokenPublic", "TokenRequest"]


class TokenRequest(BaseModel):
    """E-mail address and password of a user."""

    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1024)


class TokenPublic(BaseModel):
    """A bearer token to send as ``Authorization: Bearer <access_token>``."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int
