"""A loopback TCP proxy that records every byte both ways, to inspect what crosses the wire."""

from __future__ import annotations

import select
import socket
import threading
from dataclasses import dataclass, field

__all__ = ["Wiretap"]


@dataclass
class Wiretap:
    """Forwards connections from its own port to ``target`` and keeps each direction's bytes."""

    target: tuple[str, int]
    sent: list[bytes] = field(default_factory=list)  # client -> server, one per connection
    received: list[bytes] = field(default_factory=list)  # server -> client

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            with client, socket.create_connection(self.target) as server:
                self._pipe(client, server)

    def _pipe(self, client: socket.socket, server: socket.socket) -> None:
        up, down = bytearray(), bytearray()
        ends = {client: (server, up), server: (client, down)}
        while ends:
            ready, _, _ = select.select(list(ends), [], [], 5.0)
            if not ready:
                break
            for sock in ready:
                other, log = ends[sock]
                data = sock.recv(1 << 16)
                if not data:
                    other.shutdown(socket.SHUT_WR)
                    del ends[sock]
                    continue
                log += data
                other.sendall(data)
        self.sent.append(bytes(up))
        self.received.append(bytes(down))
