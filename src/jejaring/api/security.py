"""ASGI middleware every response passes: security headers and a request body size limit.

The limit is enforced while the body streams in (a declared Content-Length over it is refused
before a byte is read), so an oversized upload never sits in memory whole.

The content security policy is strict everywhere but on the interactive documentation
(``/api/docs``): FastAPI's Swagger UI page loads its script and style from a CDN and starts
with an inline script. Vendoring Swagger UI would add a dependency for a developer's page, so
that page alone gets a policy allowing the CDN, and works only where the CDN can be reached;
the API itself, and its machine-readable description, need nothing from outside.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jejaring.api.problems import problem_body
from jejaring.i18n import _

__all__ = ["DOCS_CSP", "STRICT_CSP", "BodyLimit", "SecurityHeaders"]

STRICT_CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
_CDN = "https://cdn.jsdelivr.net"
DOCS_CSP = (
    f"default-src 'self'; script-src 'self' 'unsafe-inline' {_CDN}; "
    f"style-src 'self' 'unsafe-inline' {_CDN}; img-src 'self' data: https://fastapi.tiangolo.com; "
    "frame-ancestors 'none'; base-uri 'none'"
)


class SecurityHeaders:
    """Adds CSP, nosniff, the referrer policy and frame refusal to every HTTP response."""

    def __init__(self, app: ASGIApp, docs_path: str = "/api/docs") -> None:
        self.app, self.docs_path = app, docs_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path") == self.docs_path else STRICT_CSP
        extra = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _value in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers += [(name, value) for name, value in extra if name not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuses a request body over ``limit`` bytes with 413, counting while it streams.

    ``uploads`` gives paths that take files (a bundle, a CSV of answers) their own limit.
    """

    def __init__(self, app: ASGIApp, limit: int, uploads: Mapping[str, int] | None = None) -> None:
        self.app, self.limit, self.uploads = app, limit, dict(uploads or {})

    async def _refuse(self, scope: Scope, send: Send, limit: int) -> None:
        detail = _("the request body is larger than {limit} bytes").format(limit=limit)
        body = problem_body(413, _("Request too large"), detail, scope.get("path", ""))
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": json.dumps(body).encode()})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.uploads.get(scope.get("path", ""), self.limit)
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > limit
            except ValueError:
                too_large = False  # the server refuses a malformed length before we run
            if too_large:
                await self._refuse(scope, send, limit)
                return
        seen = 0
        refused = False
        started = False

        async def receiving() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    refused = True
                    raise _TooLarge
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the app's answer to a body cut short is replaced by the 413
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receiving, sending)
        except _TooLarge:
            pass
        except Exception:
            if not refused:
                raise
        if refused and not started:
            await self._refuse(scope, send, limit)
