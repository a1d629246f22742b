"""Answers of reads kept between requests (``services.read_cache``), sent as FastAPI would.

A route opts in by taking ``Kept`` and handing it the function that builds its response
model: the answer is kept under the signed-in user, the path with its query and the
language, and used again while nothing it read has changed. Only reads whose answer depends on
nothing else may opt in (docs/api.md lists them).

``KeptFront`` sends such an answer again before FastAPI routes the request: the same sign-in
and the same key, from what is kept alone, without a worker thread. Under 50 clients, routing,
dependencies and the thread cost a kept answer more than all the rest. An audited read
(``KeptAnswer.audited``) is kept with what records one showing of it, which runs before each
answer sent, from the front as from the route.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Hashable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request, Response
from pydantic import BaseModel
from starlette.types import ASGIApp, Receive, Scope, Send

from jejaring.api.deps import Ctx, CurrentUser, credentials_of, sign_in
from jejaring.api.language import language_of
from jejaring.domain.accounts import User
from jejaring.i18n import get_locale
from jejaring.services.bootstrap import Context
from jejaring.services.read_cache import counted_once, kept, kept_only, peek

__all__ = ["Kept", "KeptAnswer", "KeptFront"]

_READS = frozenset({"GET", "HEAD"})
# An audited showing waits in a thread for its events' commit, which it shares with the
# showings of the moment (services.audit.record_together): in threads of their own, not among
# the few that answer (Settings.worker_threads), which it would hold idle.
_RECORDING = ThreadPoolExecutor(64, thread_name_prefix="jejaring-audit")
_MEDIA = "application/json"
log = logging.getLogger(__name__)


def _key(user: User, request: Request, language: str) -> Hashable:
    return ("api", user, request.url.path, request.url.query, language)


Record = Callable[[datetime], None]  # writes what one showing of an answer audits


@dataclass(frozen=True, slots=True)
class _Audited:
    body: bytes
    record: Record


class KeptAnswer:
    """Builds, or finds kept, the JSON answer of one request."""

    def __init__(self, request: Request, ctx: Context, user: User) -> None:
        self._key = _key(user, request, get_locale())
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
        return Response(found, media_type=_MEDIA)

    def audited(self, answer: Callable[[], tuple[BaseModel, Record]]) -> Response:
        """As calling it, for a read each showing of which is audited: ``answer`` gives the
        response model and what records one showing, which runs before every answer sent,
        kept or not."""

        def body() -> _Audited:
            model, record = answer()
            return _Audited(model.model_dump_json(by_alias=True).encode(), record)

        found = kept(self._ctx, self._key, body)
        found.record(datetime.now(UTC))
        return Response(found.body, media_type=_MEDIA)


async def _kept(request: Request, ctx: Ctx, user: CurrentUser) -> KeptAnswer:
    return KeptAnswer(request, ctx, user)


Kept = Annotated[KeptAnswer, Depends(_kept)]


class KeptFront:
    """Sends a ``GET``'s kept answer, if there is one, before FastAPI routes the request; lets
    every other request through. A request that reads checks what is kept against one read
    of the change counters (``read_cache.counted_once``): its sign-in and its answer alike."""

    def __init__(self, app: ASGIApp, context: Context) -> None:
        self.app = app
        self.ctx = context

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _READS:
            await self.app(scope, receive, send)
            return
        with counted_once():
            found = await self._kept(scope) if scope["method"] == "GET" else None
            if found is None:
                await self.app(scope, receive, send)
            else:
                await Response(found, media_type=_MEDIA)(scope, receive, send)

    async def _kept(self, scope: Scope) -> bytes | None:
        request = Request(scope)
        try:
            credentials, session = await credentials_of(request)
            with kept_only():
                user, _ = sign_in(self.ctx, "GET", credentials, session, "")
            found = peek(self.ctx, _key(user, request, language_of(scope)))
            if isinstance(found, _Audited):
                # A write: in a thread, not on the event loop.
                record = copy_context().run
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(_RECORDING, record, found.record, datetime.now(UTC))
                return found.body
        except Exception:  # not kept, refused or failed: the route answers it, as it would
            log.debug("not answered from what is kept", exc_info=True)
            return None
        return found if isinstance(found, bytes) else None
