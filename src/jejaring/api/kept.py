"""Answers of reads kept between requests (``services.read_cache``), sent as FastAPI would.

A route opts in by taking ``Kept`` and handing it the function that builds its response
model: the answer is kept under the signed-in user, the path with its query and the
language, and used again while nothing it read has changed. Only reads whose answer depends on
nothing else may opt in (docs/api.md lists them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request, Response
from pydantic import BaseModel

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.domain.accounts import User
from jejaring.i18n import get_locale
from jejaring.services.bootstrap import Context
from jejaring.services.read_cache import kept

__all__ = ["Kept", "KeptAnswer"]


class KeptAnswer:
    """Builds, or finds kept, the JSON answer of one request."""

    def __init__(self, request: Request, ctx: Context, user: User) -> None:
        self._key = ("api", user, request.url.path, request.url.query, get_locale())
        self._ctx = ctx

    def __call__(self, answer: Callable[[], BaseModel], *, exclude_unset: bool = False) -> Response:
        def body() -> bytes:
            return answer().model_dump_json(by_alias=True, exclude_unset=exclude_unset).encode()

        return Response(kept(self._ctx, self._key, body), media_type="application/json")


async def _kept(request: Request, ctx: Ctx, user: CurrentUser) -> KeptAnswer:
    return KeptAnswer(request, ctx, user)


Kept = Annotated[KeptAnswer, Depends(_kept)]
