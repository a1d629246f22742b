"""A signed bearer token for a stored user, as ``POST /api/v1/auth/token`` would issue it."""

from __future__ import annotations

from jejaring.services.bootstrap import Context
from jejaring.services.sessions import issue_token

__all__ = ["bearer", "token_for"]


def token_for(ctx: Context, email: str) -> str:
    with ctx.reader() as uow:
        user = uow.users.get(email)
    assert user is not None, f"no user {email}"
    return issue_token(ctx, user)


def bearer(ctx: Context, email: str) -> dict[str, str]:
    """The ``Authorization`` header of ``email``'s requests."""
    return {"Authorization": f"Bearer {token_for(ctx, email)}"}
