"""Delivering webhooks on both databases: to the documented receiver itself, with retries,
backoff, failure after the last attempt, and two dispatchers at once.

Deliveries are sent to real HTTP servers on 127.0.0.1. Time is handed to ``deliver_due`` as
``now``, so backoff is tested without waiting for it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from queue import Empty, Queue
from typing import IO, Any

import pytest

from jejaring.domain.referrals import ReferralStatus
from jejaring.domain.webhooks import MAX_ATTEMPTS, DeliveryStatus, EventKind, retry_delay, sign
from jejaring.services import referrals, webhooks
from jejaring.services.bootstrap import Context
from jejaring.services.events import publish
from jejaring.services.policies import set_policy
from jejaring.services.webhook_delivery import DispatchReport, deliver_due, run_dispatcher
from tests.support.receivers import closed_url, recorder
from tests.support.sharing import build_sharing

RECEIVER = Path(__file__).parents[2] / "docs" / "examples" / "webhook_receiver.py"
T0 = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def world(ctx: Context) -> Context:
    build_sharing(ctx)
    set_policy(ctx, None, "coop", "b", introductions_allowed=True)
    return ctx


def _lines(stream: IO[str]) -> Queue[str]:
    found: Queue[str] = Queue()

    def pump() -> None:
        for line in stream:
            found.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return found


@pytest.fixture
def run_receiver() -> Iterator[Callable[[str, str], Queue[str]]]:
    """Start docs/examples/webhook_receiver.py on a URL's port with a secret; its output lines."""
    processes: list[subprocess.Popen[str]] = []

    def start(url: str, secret: str) -> Queue[str]:
        port = url.split(":")[2].split("/")[0]
        env = {**os.environ, "JEJARING_WEBHOOK_SECRET": secret}
        command = [sys.executable, str(RECEIVER), "--port", port]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
        processes.append(process)
        assert process.stdout is not None
        lines = _lines(process.stdout)
        ready = lines.get(timeout=30)
        assert ready.strip() == f"listening on http://127.0.0.1:{port}/", ready
        return lines

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()


def _next(lines: Queue[str]) -> dict[str, Any]:
    try:
        return dict(json.loads(lines.get(timeout=30)))
    except Empty:
        raise AssertionError("the receiver printed nothing") from None


def test_the_documented_receiver_verifies_and_takes_signed_deliveries(
    world: Context, run_receiver: Callable[[str, str], Queue[str]]
) -> None:
    url = closed_url()  # a free port, for the receiver to listen on
    made = webhooks.add_webhook(world, None, "a", url, "referral.requested,referral.accepted")
    lines = run_receiver(url, made.secret)  # the secret as printed, pasted into its settings
    asked = referrals.request_referral(world, None, "a", "b", "z")
    assert asked.id is not None
    referrals.move_referral(world, None, asked.id, ReferralStatus.ACCEPTED)
    assert deliver_due(world) == DispatchReport(delivered=2)
    first, second = _next(lines), _next(lines)
    assert [first["kind"], second["kind"]] == ["referral.requested", "referral.accepted"]
    assert first["event"]["actor"] == "a" and first["event"]["webhook"] == made.webhook.id
    assert first["event"]["data"]["id"] == asked.id
    assert second["event"]["data"]["status"] == "accepted"
    log = webhooks.list_deliveries(world, None, made.webhook.id)
    assert {str(d.id) for d in log} == {first["delivery"], second["delivery"]}
    assert all(d.status is DeliveryStatus.DELIVERED and d.attempts == 1 for d in log)
    assert all(d.history[0].status_code == 204 for d in log)

    # Rotated, the secret the receiver holds no longer signs: it refuses, which is logged and
    # retried (until the receiver is given the new secret).
    assert made.webhook.id is not None
    webhooks.rotate_secret(world, None, made.webhook.id)
    referrals.move_referral(world, None, asked.id, ReferralStatus.INTRODUCED)  # not subscribed
    referrals.request_referral(world, None, "a", "b", "c")  # its delivery is due from now
    later = datetime.now(UTC) + timedelta(seconds=1)
    assert deliver_due(world, now=later) == DispatchReport(retrying=1)
    assert _next(lines)["rejected"] is not None
    latest = webhooks.list_deliveries(world, None, made.webhook.id)[0]
    assert (latest.status, latest.attempts) == (DeliveryStatus.PENDING, 1)
    assert latest.history[0].status_code == 401
    assert latest.next_attempt == later + timedelta(minutes=1)


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(world: Context) -> None:
    with recorder(500, 503) as rec:
        made = webhooks.add_webhook(world, None, "a", rec.url, "post.created")
        with world.uow() as uow:
            publish(uow, EventKind.POST_CREATED, actors=["a"], data={"title": "harga"}, now=T0)
            uow.commit()
        assert deliver_due(world, now=T0) == DispatchReport(retrying=1)
        assert deliver_due(world, now=T0 + timedelta(seconds=59)) == DispatchReport()
        assert deliver_due(world, now=T0 + timedelta(minutes=1)) == DispatchReport(retrying=1)
        assert deliver_due(world, now=T0 + timedelta(minutes=2)) == DispatchReport()
        assert deliver_due(world, now=T0 + timedelta(minutes=3)) == DispatchReport(delivered=1)
        assert deliver_due(world, now=T0 + timedelta(days=1)) == DispatchReport()
    (d,) = webhooks.list_deliveries(world, None, made.webhook.id)
    assert (d.status, d.attempts, d.next_attempt) == (DeliveryStatus.DELIVERED, 3, None)
    assert [a.status_code for a in d.history] == [500, 503, 204]
    assert [a.at - T0 for a in d.history] == [timedelta(0), timedelta(minutes=1),
                                               timedelta(minutes=3)]  # fmt: skip
    assert [a.error for a in d.history] == ["HTTP 500 Internal Server Error",
                                            "HTTP 503 Service Unavailable", ""]  # fmt: skip
    # Every try carried the same body and delivery id, freshly signed with the secret.
    assert len(rec.received) == 3
    for r in rec.received:
        assert r.headers["X-Jejaring-Delivery"] == str(d.id)
        assert r.headers["X-Jejaring-Event"] == "post.created"
        stamp = int(r.headers["X-Jejaring-Timestamp"])
        assert r.headers["X-Jejaring-Signature"] == sign(made.secret, stamp, r.body)
        assert json.loads(r.body)["data"] == {"title": "harga"}
    assert len({r.body for r in rec.received}) == 1


def test_a_delivery_fails_after_the_last_attempt(world: Context) -> None:
    made = webhooks.add_webhook(world, None, "a", closed_url(), "post.created")
    with world.uow() as uow:
        publish(uow, EventKind.POST_CREATED, actors=["a"], data={}, now=T0)
        uow.commit()
    at = T0
    for number in range(1, MAX_ATTEMPTS):
        assert deliver_due(world, now=at) == DispatchReport(retrying=1)
        at += retry_delay(number)
    assert deliver_due(world, now=at) == DispatchReport(failed=1)
    assert deliver_due(world, now=at + timedelta(days=30)) == DispatchReport()
    (d,) = webhooks.list_deliveries(world, None, made.webhook.id)
    assert (d.status, d.attempts, d.next_attempt) == (DeliveryStatus.FAILED, MAX_ATTEMPTS, None)
    assert len(d.history) == MAX_ATTEMPTS
    assert all(a.status_code is None and "refused" in a.error.lower() for a in d.history)
    waits = [b.at - a.at for a, b in zip(d.history, d.history[1:], strict=False)]
    assert waits == [retry_delay(n) for n in range(1, MAX_ATTEMPTS)]
    assert waits[:3] == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert max(waits) == timedelta(hours=1)


def test_two_dispatchers_at_once_send_each_delivery_once(world: Context) -> None:
    count = 30
    with recorder() as rec:
        webhooks.add_webhook(world, None, "a", rec.url, "post.created")
        with world.uow() as uow:
            for n in range(count):
                publish(uow, EventKind.POST_CREATED, actors=["a"], data={"n": n}, now=T0)
            uow.commit()
        reports: list[DispatchReport] = []
        start = threading.Barrier(2)

        def dispatch() -> None:
            start.wait()
            while (done := deliver_due(world, now=T0, limit=4)).attempted:
                reports.append(done)

        threads = [threading.Thread(target=dispatch) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    ids = [r.headers["X-Jejaring-Delivery"] for r in rec.received]
    assert len(ids) == count and len(set(ids)) == count
    assert sum(r.delivered for r in reports) == count
    statuses = {d.status for d in webhooks.list_deliveries(world, None)}
    assert statuses == {DeliveryStatus.DELIVERED}


def test_a_receiver_slower_than_the_timeout_is_a_failed_attempt(world: Context) -> None:
    with recorder(delay_s=2.0) as rec:
        made = webhooks.add_webhook(world, None, "a", rec.url, "post.created")
        with world.uow() as uow:
            publish(uow, EventKind.POST_CREATED, actors=["a"], data={}, now=T0)
            uow.commit()
        assert deliver_due(world, now=T0, timeout_s=0.2) == DispatchReport(retrying=1)
    (d,) = webhooks.list_deliveries(world, None, made.webhook.id)
    (attempt,) = d.history
    assert attempt.status_code is None and "timed out" in attempt.error


def test_the_dispatcher_thread_delivers_until_it_is_stopped(world: Context) -> None:
    with recorder() as rec:
        webhooks.add_webhook(world, None, "a", rec.url, "post.created")
        stop = threading.Event()
        thread = threading.Thread(target=run_dispatcher, args=(world, stop, 0.05))
        thread.start()
        try:
            with world.uow() as uow:
                publish(uow, EventKind.POST_CREATED, actors=["a"], data={"n": 1})
                uow.commit()
            for _ in range(600):  # until it arrives (at most a minute), not within a time
                if rec.received:
                    break
                stop.wait(0.1)
        finally:
            stop.set()
            thread.join(timeout=60)
        assert not thread.is_alive()
    assert [json.loads(r.body)["data"] for r in rec.received] == [{"n": 1}]
    (d,) = webhooks.list_deliveries(world, None)
    assert d.status is DeliveryStatus.DELIVERED
