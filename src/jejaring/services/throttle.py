"""Login throttling: too many failed sign-ins for one account or from one address wait a while.

The counts live in the process (one per application context, in ``ctx.memo``): a restart
forgets them, and several server processes each count their own. That bounds guessing to
``limit`` tries per window and process without a table written on every failure.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from jejaring.domain.errors import N_, DomainError
from jejaring.services.bootstrap import Context

__all__ = ["LoginThrottle", "TooManyAttempts", "throttle_of"]

_MAX_KEYS = 100_000  # memory bound: an attacker cycling addresses cannot grow it further


class TooManyAttempts(DomainError):
    """Sign-in refused for a while; ``retry_after`` is the number of seconds to wait."""

    def __init__(self, template: str, retry_after: int, **params: object) -> None:
        super().__init__(template, **params)
        self.retry_after = retry_after


class LoginThrottle:
    """Failed sign-ins counted per account and per client address over ``window_s`` seconds.

    An account takes ``account_limit`` failures, an address ``address_limit`` (more: several
    people may share one, behind an office's router); ``clock`` is injectable.
    """

    def __init__(
        self,
        account_limit: int = 5,
        address_limit: int = 20,
        window_s: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.account_limit, self.address_limit = account_limit, address_limit
        self.window_s, self.clock = window_s, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _keys(self, email: str, address: str | None) -> list[tuple[str, int]]:
        keys = [(f"account:{email}", self.account_limit)]
        return keys + ([(f"address:{address}", self.address_limit)] if address else [])

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times

    def check(self, email: str, address: str | None) -> None:
        """Raise TooManyAttempts when the account or the address has used up its failures."""
        now = self.clock()
        with self._lock:
            waits = [
                times[0] + self.window_s - now
                for times, limit in (
                    (self._recent(k, now), n) for k, n in self._keys(email, address)
                )
                if len(times) >= limit
            ]
        if waits:
            seconds = max(1, math.ceil(max(waits)))
            raise TooManyAttempts(
                N_("too many failed sign-ins: try again in {seconds} seconds"),
                retry_after=seconds,
                seconds=seconds,
            )

    def failed(self, email: str, address: str | None) -> None:
        now = self.clock()
        with self._lock:
            for key, _limit in self._keys(email, address):
                times = self._recent(key, now)
                if key not in self._failures and len(self._failures) >= _MAX_KEYS:
                    del self._failures[next(iter(self._failures))]  # the oldest key goes first
                times.append(now)
                self._failures[key] = times

    def succeeded(self, email: str) -> None:
        with self._lock:
            self._failures.pop(f"account:{email}", None)


def throttle_of(ctx: Context) -> LoginThrottle:
    """The context's throttle (a test may put one with its own clock there first)."""
    found = ctx.memo.setdefault(LoginThrottle, LoginThrottle())
    assert isinstance(found, LoginThrottle)
    return found
