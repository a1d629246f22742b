"""Who a command runs as: the user named by ``--as`` (entry points other than the API)."""

from __future__ import annotations

from jejaring.domain.accounts import User
from jejaring.domain.errors import N_, NotFound
from jejaring.services.bootstrap import Context

__all__ = ["user_by_email"]


def user_by_email(ctx: Context, email: str | None) -> User | None:
    """The active user with ``email``; None for None (the trusted operator); else NotFound."""
    if email is None:
        return None
    with ctx.reader() as uow:
        found = uow.users.get(email)
    if found is None or not found.active:
        raise NotFound(N_("user '{email}' not found"), email=email)
    return found
