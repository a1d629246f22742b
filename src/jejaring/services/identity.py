"""Who a command runs as: the user named by ``--as`` (entry points other than the API), and
the account a request's token or session names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from jejaring.domain.accounts import User
from jejaring.domain.errors import N_, NotFound
from jejaring.services.bootstrap import Context
from jejaring.services.read_cache import SIGN_INS, kept
from jejaring.services.secret_tokens import secret_hash
from jejaring.store.repositories.credentials import CredentialRepository

__all__ = ["account_of", "credential_of", "user_by_email"]


class _Credential(Protocol):
    @property
    def user(self) -> str: ...


C = TypeVar("C", bound=_Credential)


def user_by_email(ctx: Context, email: str | None) -> User | None:
    """The active user with ``email``; None for None (the trusted operator); else NotFound."""
    if email is None:
        return None
    with ctx.reader() as uow:
        found = uow.users.get(email)
    if found is None or not found.active:
        raise NotFound(N_("user '{email}' not found"), email=email)
    return found


def account_of(ctx: Context, email: str) -> User | None:
    """The user with ``email`` (active or not), or None: looked up on every request, so kept
    while the users are unchanged (``services.read_cache``)."""

    def read() -> User | None:
        with ctx.reader() as uow:
            return uow.users.get(email)

    return kept(ctx, ("user", email.casefold()), read, kind=SIGN_INS)


def credential_of(
    ctx: Context, secret: str, find: Callable[[CredentialRepository, str], C | None]
) -> tuple[C | None, User | None]:
    """The credential stored under ``secret``'s hash, found by ``find`` (a method of the
    repository: it is part of the key), and its user; kept as ``account_of`` is."""
    hashed = secret_hash(secret)

    def read() -> C | None:
        with ctx.reader() as uow:
            return find(uow.credentials, hashed)

    found = kept(ctx, (find.__qualname__, hashed), read, kind=SIGN_INS)
    return found, account_of(ctx, found.user) if found is not None else None
