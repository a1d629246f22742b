"""Webhook receivers for tests: a loopback HTTP server answering scripted status codes, and
the address of a port nobody listens on."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Received", "Recorder", "closed_url", "recorder"]


@dataclass(frozen=True)
class Received:
    """One request as the receiver saw it."""

    headers: dict[str, str]
    body: bytes


@dataclass
class Recorder:
    """Answers the ``script``'s status codes in turn (then ``then``), recording each request."""

    script: list[int]
    then: int = 204
    delay_s: float = 0.0  # how long each answer takes
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def answer(self, r: Received) -> int:
        with self.lock:
            self.received.append(r)
            return self.script.pop(0) if self.script else self.then


def _handler(rec: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status = rec.answer(Received(dict(self.headers.items()), body))
            time.sleep(rec.delay_s)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


@contextmanager
def recorder(*script: int, then: int = 204, delay_s: float = 0.0) -> Iterator[Recorder]:
    """A receiver on 127.0.0.1 for the duration of the block."""
    rec = Recorder(list(script), then, delay_s)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(rec))
    rec.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_url() -> str:
    """A loopback URL whose port was free a moment ago: connecting is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"
