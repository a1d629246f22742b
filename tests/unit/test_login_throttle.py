"""The login throttle and single-use tickets, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jejaring.domain.accounts import Ticket, TicketPurpose
from jejaring.services import throttle as throttle_module
from jejaring.services.throttle import LoginThrottle, TooManyAttempts


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_failures_count_per_window_and_a_success_clears_the_account() -> None:
    clock = Clock()
    throttle = LoginThrottle(account_limit=3, address_limit=5, window_s=60, clock=clock)
    for _ in range(3):
        throttle.check("a@x.id", "10.0.0.1")
        throttle.failed("a@x.id", "10.0.0.1")
        clock.now += 10
    with pytest.raises(TooManyAttempts) as refused:
        throttle.check("a@x.id", None)
    assert refused.value.retry_after == 30  # the first failure (t=0) leaves the window at t=60
    throttle.check("b@x.id", "10.0.0.2")  # another account from another address is free
    clock.now = 60.5
    throttle.check("a@x.id", "10.0.0.1")  # the oldest failure has left the window
    throttle.failed("a@x.id", "10.0.0.1")
    throttle.succeeded("a@x.id")
    throttle.check("a@x.id", None)


def test_the_address_limit_spans_accounts() -> None:
    throttle = LoginThrottle(account_limit=3, address_limit=4, window_s=60, clock=Clock())
    for i in range(4):
        throttle.failed(f"user{i}@x.id", "10.0.0.1")
    with pytest.raises(TooManyAttempts):
        throttle.check("fresh@x.id", "10.0.0.1")
    throttle.check("fresh@x.id", "10.0.0.2")


def test_the_counts_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle_module, "_MAX_KEYS", 10)
    throttle = LoginThrottle(clock=Clock())
    for i in range(50):
        throttle.failed(f"user{i}@x.id", None)
    assert len(throttle._failures) == 10


def test_a_ticket_is_usable_once_and_until_it_expires() -> None:
    at = datetime(2026, 12, 1, 9, tzinfo=UTC)
    ticket = Ticket(TicketPurpose.PASSWORD_RESET, " Ani@X.id ", "h", at, at + timedelta(hours=1))
    assert ticket.email == "ani@x.id"
    assert ticket.usable(at + timedelta(minutes=59))
    assert not ticket.usable(at + timedelta(hours=1))
    used = Ticket(ticket.purpose, ticket.email, "h", at, ticket.expires, used=at)
    assert not used.usable(at)
