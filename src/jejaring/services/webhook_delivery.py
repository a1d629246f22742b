"""Sending queued webhook deliveries: signed POSTs, retries with exponential backoff, a log.

:func:`deliver_due` claims the deliveries that are due in one short transaction (so that two
dispatchers never take the same one: see ``WebhookRepository.claim_due``), POSTs each outside
any transaction, and records each attempt in a transaction of its own. An answer in 2xx
delivers; anything else (another status, a timeout, a refused connection) is retried after
1 min x 2^(attempts-1), at most an hour, until :data:`MAX_ATTEMPTS`, then the delivery has
failed. A dispatcher that dies mid-batch leaves claims that lapse, and the deliveries are
sent again: delivery is at least once, and the receiver recognises a repeat by the
``X-Jejaring-Delivery`` id. :func:`run_dispatcher` is the loop the server runs in a thread.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from jejaring import __version__
from jejaring.domain.errors import DomainError
from jejaring.domain.webhooks import (
    MAX_ATTEMPTS,
    Attempt,
    DeliveryStatus,
    check_url,
    derive_secret,
    retry_delay,
    sign,
)
from jejaring.io.webhook_post import Answer, post
from jejaring.services.bootstrap import Context
from jejaring.store.repositories.webhooks import Outgoing

__all__ = ["DEFAULT_TIMEOUT_S", "DispatchReport", "body_of", "deliver_due", "run_dispatcher"]

DEFAULT_TIMEOUT_S = 5.0
_LEASE_MARGIN = timedelta(seconds=60)
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DispatchReport:
    """What one round of :func:`deliver_due` did."""

    delivered: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def attempted(self) -> int:
        return self.delivered + self.retrying + self.failed

    def as_dict(self) -> dict[str, int]:
        return {"attempted": self.attempted, "delivered": self.delivered,
                "retrying": self.retrying, "failed": self.failed}  # fmt: skip


def body_of(o: Outgoing) -> bytes:
    """The JSON a receiver gets: the event, the webhook and actor it is for, and its data."""
    payload: dict[str, Any] = {
        "event": o.event, "kind": o.kind, "occurred_at": o.occurred_at.isoformat(),
        "cooperation": o.cooperation, "actor": o.actor, "webhook": o.webhook, "data": o.data,
    }  # fmt: skip
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _send(ctx: Context, o: Outgoing, timeout_s: float) -> Answer:
    try:
        url = check_url(o.url)
    except DomainError as error:
        return Answer(None, str(error), 0)
    body = body_of(o)
    stamp = int(datetime.now(UTC).timestamp())  # the moment of sending, for freshness checks
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"jejaring-webhooks/{__version__}",
        "X-Jejaring-Event": o.kind,
        "X-Jejaring-Delivery": str(o.delivery),
        "X-Jejaring-Timestamp": str(stamp),
        "X-Jejaring-Signature": sign(derive_secret(ctx.settings.secret_key, o.secret_salt),
                                     stamp, body),
    }  # fmt: skip
    return post(url, body, headers, timeout_s=timeout_s)


def deliver_due(
    ctx: Context,
    *,
    now: datetime | None = None,
    limit: int = 50,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> DispatchReport:
    """Send up to ``limit`` deliveries due by ``now`` (default: the clock); what became of them."""
    at = now or datetime.now(UTC)
    token = secrets.token_hex(16)
    until = at + timedelta(seconds=timeout_s * limit) + _LEASE_MARGIN
    with ctx.uow() as uow:
        batch = uow.webhooks.claim_due(at, until, token, limit)
        uow.commit()
    counts = dict.fromkeys(DeliveryStatus, 0)
    for o in batch:
        answer = _send(ctx, o, timeout_s)
        number = o.attempts + 1
        if answer.ok:
            status, later = DeliveryStatus.DELIVERED, None
        elif number >= MAX_ATTEMPTS:
            status, later = DeliveryStatus.FAILED, None
        else:
            status, later = DeliveryStatus.PENDING, at + retry_delay(number)
        attempt = Attempt(number, at, answer.status_code, answer.error, answer.duration_ms)
        with ctx.uow() as uow:
            moved = uow.webhooks.finish(o.delivery, token, attempt, status, later)
            uow.commit()
        if moved:
            counts[status] += 1
    return DispatchReport(
        counts[DeliveryStatus.DELIVERED], counts[DeliveryStatus.PENDING],
        counts[DeliveryStatus.FAILED],
    )  # fmt: skip


def run_dispatcher(
    ctx: Context,
    stop: threading.Event,
    interval_s: float = 5.0,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> None:
    """Deliver what is due every ``interval_s`` seconds until ``stop`` is set.

    A failing round (the database away for a moment) is logged and the loop goes on: the
    deliveries wait in the outbox. A full batch is followed by the next one at once.
    """
    limit = 50
    while not stop.is_set():
        try:
            done = deliver_due(ctx, limit=limit, timeout_s=timeout_s)
        except Exception:  # the thread must outlive a bad round; the outbox keeps the work
            _log.exception("webhook dispatch round failed")
            done = DispatchReport()
        if done.attempted < limit:
            stop.wait(interval_s)
