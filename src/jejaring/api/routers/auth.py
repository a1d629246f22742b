"""Bearer tokens for programs."""

from __future__ import annotations

from fastapi import APIRouter

from jejaring.api.deps import Ctx
from jejaring.api.schemas.auth import TokenPublic, TokenRequest
from jejaring.services.sessions import TOKEN_LIFETIME_S, authenticate

__all__ = ["router"]

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/token",
    response_model=TokenPublic,
    responses={401: {"description": "Wrong e-mail address or password"}},
)
def token(ctx: Ctx, body: TokenRequest) -> TokenPublic:
    return TokenPublic(
        access_token=authenticate(ctx, body.email, body.password), expires_in=TOKEN_LIFETIME_S
    )
