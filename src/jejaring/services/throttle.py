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
from collections.abc import Callable, Iterable

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
    """At most ``limit`` failures per key in any ``window_s`` seconds; ``clock`` is injectable."""

    def __init__(
        self, limit: int = 5, window_s: float = 15 * 60, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.window_s, self.clock = limit, window_s, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times

    def check(self, keys: Iterable[str]) -> None:
        """Raise TooManyAttempts when any key has used up its failures."""
        now = self.clock()
        with self._lock:
            waits = [
                times[0] + self.window_s - now
                for times in (self._recent(k, now) for k in keys)
                if len(times) >= self.limit
            ]
        if waits:
            raise TooManyAttempts(
                N_("too many failed sign-ins: try again in {seconds} seconds"),
                retry_after=max(1, math.ceil(max(waits))),
                seconds=max(1, math.ceil(max(waits))),
            )

    def failed(self, keys: Iterable[str]) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                if key not in self._failures and len(self._failures) >= _MAX_KEYS:
                    del self._failures[next(iter(self._failures))]  # the oldest key goes first
                times.append(now)
                self._failures[key] = times

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


def throttle_of(ctx: Context) -> LoginThrottle:
    """The context's throttle (a test may put one with its own clock there first)."""
    found = ctx.memo.setdefault(LoginThrottle, LoginThrottle())
    assert isinstance(found, LoginThrottle)
    return found
