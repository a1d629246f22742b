"""Webhooks: an actor's address notified of events, the events' vocabulary, signing and backoff.

A webhook's secret is never stored: the store keeps a random salt, and the secret is
HMAC-SHA256(server secret key, salt), so a copy of the database alone cannot sign or forge a
delivery (see docs/webhooks.md). Each delivery is signed with HMAC-SHA256 over
``"{timestamp}.{body}"``, as the receiver verifies it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from jejaring.domain.errors import N_, InvalidValue

__all__ = [
    "MAX_ATTEMPTS",
    "MAX_URL_LENGTH",
    "Attempt",
    "Delivery",
    "DeliveryStatus",
    "EventKind",
    "Webhook",
    "check_url",
    "derive_secret",
    "parse_events",
    "retry_delay",
    "sign",
]

MAX_URL_LENGTH = 2000
MAX_ATTEMPTS = 10  # waits of 1, 2, 4, ..., 32, 60, 60, 60 minutes: about four hours in all
_FIRST_DELAY = timedelta(minutes=1)
_LONGEST_DELAY = timedelta(hours=1)
_SECRET_PREFIX = "whsec_"


class EventKind(StrEnum):
    """What happened: the kinds a webhook subscribes to."""

    BOOKING_CONFIRMED = "booking.confirmed"
    BOOKING_REFUSED = "booking.refused"
    BOOKING_CANCELLED = "booking.cancelled"
    PROJECT_CREATED = "project.created"
    PROJECT_CONTRIBUTION_ADDED = "project.contribution_added"
    PROJECT_COMPLETED = "project.completed"
    REFERRAL_REQUESTED = "referral.requested"
    REFERRAL_ACCEPTED = "referral.accepted"
    REFERRAL_DECLINED = "referral.declined"
    REFERRAL_INTRODUCED = "referral.introduced"
    REFERRAL_WON = "referral.won"
    REFERRAL_LOST = "referral.lost"
    POST_CREATED = "post.created"


class DeliveryStatus(StrEnum):
    """A delivery waits (pending) until a receiver answers 2xx, or it runs out of attempts."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


def parse_events(text: str | list[str] | tuple[str, ...]) -> tuple[EventKind, ...]:
    """Event kinds from ``"k,k"`` or a list; ``*`` is every kind. Unknown kinds are named."""
    items = text.split(",") if isinstance(text, str) else list(text)
    wanted = [item.strip() for item in items if item.strip()]
    if wanted == ["*"]:
        return tuple(EventKind)
    if not wanted:
        raise InvalidValue(N_("events: name at least one event kind (or '*' for all)"))
    known = {k.value for k in EventKind}
    for item in wanted:
        if item not in known:
            raise InvalidValue(
                N_("events: unknown event kind '{value}' (known: {known})"),
                value=item,
                known=", ".join(k.value for k in EventKind),
            )
    return tuple(EventKind(v) for v in dict.fromkeys(wanted))


def check_url(url: str) -> str:
    """Return ``url`` stripped when it is an http or https URL with a host, else raise."""
    stripped = url.strip()
    try:
        parts = urlsplit(stripped)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
        parts = urlsplit("")
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or not port_ok
        or any(c.isspace() for c in stripped)
    ):
        raise InvalidValue(N_("url: '{value}' is not an http:// or https:// URL"), value=url)
    if len(stripped) > MAX_URL_LENGTH:
        raise InvalidValue(
            N_("{field}: must be at most {length} characters"), field="url", length=MAX_URL_LENGTH
        )
    return stripped


def derive_secret(server_key: str, salt: str) -> str:
    """The webhook's signing secret: HMAC-SHA256 of its ``salt`` under the server's key."""
    digest = hmac.new(server_key.encode(), b"jejaring-webhook\x00" + salt.encode(), hashlib.sha256)
    return _SECRET_PREFIX + base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The ``X-Jejaring-Signature`` value: ``sha256=`` and the hex HMAC of ``timestamp.body``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt: 1 min x 2^(n-1), at most 1 h."""
    doublings = min(max(attempts - 1, 0), 20)  # far past the cap; keeps the product finite
    return min(_FIRST_DELAY * (1 << doublings), _LONGEST_DELAY)


@dataclass(frozen=True, slots=True)
class Webhook:
    """An address notified of an actor's events of the subscribed kinds."""

    actor: str
    url: str
    events: tuple[EventKind, ...]
    secret_salt: str
    created: datetime
    active: bool = True
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", check_url(self.url))
        object.__setattr__(self, "events", parse_events(list(self.events)))


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try at a delivery: the receiver's status code, or the error, and how long it took."""

    number: int
    at: datetime
    status_code: int | None
    error: str
    duration_ms: int


@dataclass(frozen=True, slots=True)
class Delivery:
    """One event for one webhook, its state, and every attempt made."""

    id: int
    webhook: int
    event: int
    kind: EventKind
    status: DeliveryStatus
    attempts: int
    next_attempt: datetime | None
    created: datetime
    history: tuple[Attempt, ...] = ()
