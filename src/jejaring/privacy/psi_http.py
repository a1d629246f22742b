"""Private set intersection over HTTP (standard library only): ``GET /psi``, ``POST /psi``.

``GET /psi`` tells the protocol and the reveal mode (JSON); ``POST /psi`` takes the client's
blinded request (``application/octet-stream``) and answers with the server's setup and the
re-blinded items. Each POST is one session with fresh keys; the server stops after a given
number of sessions, or when interrupted. Nothing else is served, and nothing is logged but
the session count. The client follows no redirect: a PSI server has no reason to send one, and
following it would reach a host the caller never checked.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from jejaring.domain.errors import N_
from jejaring.privacy.psi import ClientSession, PsiError, ServerSession, request_size

__all__ = ["MAX_REQUEST_BYTES", "PROTOCOL", "PsiHttpServer", "query"]

PROTOCOL = "jejaring-psi/1 (openmined-psi ECDH, raw)"
MAX_REQUEST_BYTES = 256 * 1024 * 1024  # about 7 million blinded items
_PATH = "/psi"


class _Handler(BaseHTTPRequestHandler):
    server: PsiHttpServer

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: a log line would say who asked and when, and nothing more."""

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: HTTPStatus, text: str) -> None:
        self._send(status, json.dumps({"error": text}).encode(), "application/json")

    def do_GET(self) -> None:
        if self.path != _PATH:
            self._error(HTTPStatus.NOT_FOUND, "not found")
            return
        info = {"protocol": PROTOCOL, "reveal": self.server.reveal}
        self._send(HTTPStatus.OK, json.dumps(info).encode(), "application/json")

    def do_POST(self) -> None:
        if self.path != _PATH:
            self._error(HTTPStatus.NOT_FOUND, "not found")
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._error(HTTPStatus.LENGTH_REQUIRED, "Content-Length required")
            return
        if not 0 < length <= MAX_REQUEST_BYTES:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large or empty")
            return
        request = self.rfile.read(length)
        try:
            reply = self.server.session.answer(request)
            items = request_size(request)
        except PsiError as error:
            self._error(HTTPStatus.BAD_REQUEST, str(error))
            return
        self._send(HTTPStatus.OK, reply, "application/octet-stream")
        self.server.answered(items)


class _Background:
    """A value computed on a thread; ``result()`` waits for it (and re-raises its error)."""

    def __init__(self, compute: Callable[[], ServerSession]) -> None:
        self._value: ServerSession | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(compute,), daemon=True)
        self._thread.start()

    def _run(self, compute: Callable[[], ServerSession]) -> None:
        try:
            self._value = compute()
        except BaseException as error:  # handed to the thread that waits
            self._error = error

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> ServerSession:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


class PsiHttpServer(HTTPServer):
    """An HTTP server answering PSI sessions on ``items`` until ``sessions`` were answered."""

    def __init__(
        self,
        items: list[str],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        reveal: str = "size",
        sessions: int | None = 1,
        on_session: Callable[[int, int], None] | None = None,
    ) -> None:
        self.items, self.reveal, self.limit = items, reveal, sessions
        self.done = 0
        self._on_session = on_session or (lambda _n, _size: None)
        super().__init__((host, port), _Handler)
        self._prepare()

    def _prepare(self) -> None:
        # Blinding the server's items is as long as the client's own blinding: done in the
        # background (the library releases the GIL), it overlaps the client's work instead of
        # adding to it, and GET /psi is answered at once.
        self._next = _Background(lambda: ServerSession(self.items, reveal=self.reveal))

    @property
    def session(self) -> ServerSession:
        """The current session, waiting for its keys and blinded items if not ready yet."""
        return self._next.result()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def answered(self, client_items: int) -> None:
        """Count a session and prepare the next one with a fresh key."""
        self.done += 1
        self._on_session(self.done, client_items)
        if self.limit is None or self.done < self.limit:
            self._prepare()

    def run(self) -> None:
        """Answer requests until the session limit; the socket is closed however it ends."""
        try:
            while self.limit is None or self.done < self.limit:
                self.handle_request()
        finally:
            self.server_close()
            # A blinding still running in the library must end before the interpreter does.
            self._next.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuses every redirect: the 3xx answer is then an error like any other."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _open(request: urllib.request.Request | str, timeout: float) -> bytes:
    url = request.full_url if isinstance(request, urllib.request.Request) else request
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=timeout) as reply:
            body: bytes = reply.read()
            return body
    except urllib.error.HTTPError as error:
        try:
            reason = json.loads(error.read())["error"]
        except (ValueError, KeyError, TypeError):
            reason = f"HTTP {error.code}"
        raise PsiError(N_("{url}: the server refused: {reason}"), url=url, reason=reason) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise PsiError(
            N_("{url}: cannot reach the server ({reason})"), url=url, reason=str(reason)
        ) from None


def query(
    items: list[str], url: str, *, expect: str | None = None, timeout: float = 1800.0
) -> tuple[str, list[int] | int]:
    """Run one session against the server at ``url``: its reveal mode and the result.

    The result is the sorted indices of ``items`` in the intersection (``reveal="items"``) or
    only its size (``reveal="size"``). With ``expect``, a server offering another reveal mode
    is refused before anything is sent.
    """
    if not url.startswith(("http://", "https://")):
        raise PsiError(N_("{url}: not an http:// address"), url=url)
    base = url.rstrip("/")
    try:
        info = json.loads(_open(base + _PATH, timeout))
        reveal = str(info["reveal"])
    except (ValueError, KeyError, TypeError):
        raise PsiError(N_("{url}: not a Jejaring PSI server"), url=url) from None
    if expect is not None and reveal != expect:
        raise PsiError(
            N_("{url}: the server reveals {offered}, not {expected}"),
            url=url,
            offered=reveal,
            expected=expect,
        )
    session = ClientSession.start(items, reveal=reveal)
    post = urllib.request.Request(
        base + _PATH,
        data=session.request,
        headers={"Content-Type": "application/octet-stream"},
        method="POST",
    )
    return reveal, session.finish(_open(post, timeout))
