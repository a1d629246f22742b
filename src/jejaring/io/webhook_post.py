"""POSTing a webhook delivery (standard library only): one request, a short timeout, no redirects.

A redirect is not followed (a 3xx is an answer that is not 2xx): following it would send a
signed body to an address nobody registered. Proxies from the environment are not used either,
so that a delivery goes where the URL says.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Answer", "post"]

_MAX_ERROR = 500  # characters of an error kept in the delivery log


@dataclass(frozen=True)
class Answer:
    """What the receiver answered: a status code, or the error that stood for one."""

    status_code: int | None
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def post(url: str, body: bytes, headers: Mapping[str, str], *, timeout_s: float) -> Answer:
    """POST ``body`` to ``url``; never raises for what the network or the receiver does."""
    request = urllib.request.Request(url, data=body, method="POST", headers=dict(headers))
    started = time.monotonic()

    def took() -> int:
        return round((time.monotonic() - started) * 1000)

    try:
        with _OPENER.open(request, timeout=timeout_s) as response:
            response.read(64 * 1024)  # the answer's body means nothing; do not wait for all of it
            return Answer(response.status, "", took())
    except urllib.error.HTTPError as error:
        error.close()
        return Answer(error.code, f"HTTP {error.code} {error.reason}"[:_MAX_ERROR], took())
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        text = f"{type(reason).__name__}: {reason}" if str(reason) else type(reason).__name__
        return Answer(None, text[:_MAX_ERROR], took())
