"""A Jejaring webhook receiver, standard library only: verify, de-duplicate, then act.

    JEJARING_WEBHOOK_SECRET=whsec_... python webhook_receiver.py --port 8080

Each POST is checked before anything is believed: the timestamp must be within five minutes
of this machine's clock (an old, replayed delivery is refused) and the signature must be
HMAC-SHA256 of ``"{timestamp}.{body}"`` under the secret, compared in constant time. A good
delivery is answered 204 at once and printed as one JSON line; one already seen (Jejaring
delivers at least once) is answered 204 and not acted on twice. Anything else gets 400 or 401,
which Jejaring logs and retries with backoff.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_S = 300
MAX_BODY = 1024 * 1024


def verify(secret: str, timestamp: str, body: bytes, signature: str, now: float) -> bool:
    """True when ``signature`` signs ``timestamp.body`` under ``secret`` and is fresh."""
    try:
        stamp = int(timestamp)
    except ValueError:
        return False
    if abs(now - stamp) > TOLERANCE_S:
        return False
    expected = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest("sha256=" + expected.hexdigest(), signature)


class Receiver(BaseHTTPRequestHandler):
    server: ReceiverServer

    def log_message(self, format: str, *args: object) -> None:
        pass  # the verified deliveries are the log

    def _answer(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_BODY:
            self._answer(400)
            return
        body = self.rfile.read(length)
        ok = verify(
            self.server.secret,
            self.headers.get("X-Jejaring-Timestamp", ""),
            body,
            self.headers.get("X-Jejaring-Signature", ""),
            time.time(),
        )
        if not ok:
            print(json.dumps({"rejected": self.headers.get("X-Jejaring-Delivery")}), flush=True)
            self._answer(401)
            return
        delivery = self.headers.get("X-Jejaring-Delivery", "")
        with self.server.lock:
            repeat = delivery in self.server.seen
            self.server.seen.add(delivery)
        self._answer(204)  # answer first: work that takes long belongs in a queue
        if not repeat:
            event = json.loads(body)
            line = {"delivery": delivery, "kind": self.headers.get("X-Jejaring-Event"),
                    "event": event}  # fmt: skip
            print(json.dumps(line, ensure_ascii=False), flush=True)


class ReceiverServer(ThreadingHTTPServer):
    def __init__(self, address: tuple[str, int], secret: str) -> None:
        super().__init__(address, Receiver)
        self.secret = secret
        self.seen: set[str] = set()  # keep these in a database in a real receiver
        self.lock = threading.Lock()


def main() -> None:
    parser = argparse.ArgumentParser(description="Receive and verify Jejaring webhooks.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--secret", default=os.environ.get("JEJARING_WEBHOOK_SECRET"))
    args = parser.parse_args()
    if not args.secret:
        parser.error("give --secret or set JEJARING_WEBHOOK_SECRET")
    server = ReceiverServer((args.host, args.port), args.secret)
    print(f"listening on http://{args.host}:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
