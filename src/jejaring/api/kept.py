"""Answers of reads kept between requests (``services.read_cache``), sent as FastAPI would.

A route opts in by taking ``Kept`` and handing it the function that builds its response
model: the answer is kept under the signed-in user, the path with its query and the
language, and used again while nothing it read has changed. Only reads whose answer depends on
nothing else may opt in (docs/api.md lists them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated

from fastapi import Depends, Request, Response
from pydantic import BaseModel
from starlette.types import ASGIApp, Receive, Scope, Send

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.domain.accounts import User
from jejaring.i18n import get_locale
from jejaring.services.bootstrap import Context
from jejaring.services.read_cache import counted_once, kept

__all__ = ["CountedOnce", "Kept", "KeptAnswer"]

_READS = frozenset({"GET", "HEAD"})


class KeptAnswer:
    """Builds, or finds kept, the JSON answer of one request."""

    def __init__(self, request: Request, ctx: Context, user: User) -> None:
        self._key = ("api", user, request.url.path, request.url.query, get_locale())
        self._ctx = ctx

    def __call__(
        self,
        answer: Callable[[], BaseModel],
        *,
        exclude_unset: bool = False,
        scopes: Mapping[str, str] | None = None,
    ) -> Response:
        """``scopes``: the tables ``answer`` reads only within one scope
        (``changes.reading_scoped``), which follow from the request's path and query."""

        def body() -> bytes:
            return answer().model_dump_json(by_alias=True, exclude_unset=exclude_unset).encode()

        found = kept(self._ctx, self._key, body, scopes=scopes)
        return Response(found, media_type="application/json")


async def _kept(request: Request, ctx: Ctx, user: CurrentUser) -> KeptAnswer:
    return KeptAnswer(request, ctx, user)


Kept = Annotated[KeptAnswer, Depends(_kept)]


class CountedOnce:
    """A request that reads checks what is kept against one read of the change counters
    (``read_cache.counted_once``): the account it signs in with and its answer alike."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _READS:
            with counted_once():
                await self.app(scope, receive, send)
        else:
            await self.app(scope, receive, send)
