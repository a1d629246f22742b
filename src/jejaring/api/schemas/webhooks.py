"""An actor's webhooks, the signing secret shown once, and their delivery log."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from jejaring.domain.webhooks import (
    MAX_URL_LENGTH,
    Attempt,
    Delivery,
    DeliveryStatus,
    EventKind,
    Webhook,
)
from jejaring.services.webhooks import NewSecret

__all__ = [
    "AttemptPublic",
    "DeliveriesPublic",
    "DeliveryPublic",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookPublic",
    "WebhooksPublic",
]


class WebhookCreate(BaseModel):
    """Send ``actor``'s events of the kinds named (``["*"]``: every kind) to ``url``."""

    actor: str = Field(min_length=1, max_length=64)
    url: str = Field(max_length=MAX_URL_LENGTH, examples=["https://example.org/hooks/jejaring"])
    events: list[str] = Field(
        min_length=1, max_length=len(EventKind) + 1,
        description="event kinds, or ['*'] for all: " + ", ".join(k.value for k in EventKind),
    )  # fmt: skip


class WebhookPublic(BaseModel):
    """A webhook (never its secret)."""

    id: int
    actor: str
    url: str
    events: list[EventKind]
    active: bool
    created: datetime

    @classmethod
    def of(cls, w: Webhook) -> WebhookPublic:
        assert w.id is not None
        return cls(id=w.id, actor=w.actor, url=w.url, events=list(w.events), active=w.active,
                   created=w.created)  # fmt: skip


class WebhookCreated(WebhookPublic):
    """A webhook and its signing secret: in this answer only, keep it with the receiver."""

    secret: str

    @classmethod
    def made(cls, s: NewSecret) -> WebhookCreated:
        return cls(**WebhookPublic.of(s.webhook).model_dump(), secret=s.secret)


class WebhooksPublic(BaseModel):
    """A page of webhooks by id; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[WebhookPublic]
    next_cursor: str | None


class AttemptPublic(BaseModel):
    """One try: the receiver's status code, or the error, and how long it took."""

    number: int
    at: datetime
    status_code: int | None
    error: str
    duration_ms: int

    @classmethod
    def of(cls, a: Attempt) -> AttemptPublic:
        return cls(number=a.number, at=a.at, status_code=a.status_code, error=a.error,
                   duration_ms=a.duration_ms)  # fmt: skip


class DeliveryPublic(BaseModel):
    """One event for the webhook, its state and every attempt made."""

    id: int
    webhook: int
    event: int
    kind: EventKind
    status: DeliveryStatus
    attempts: int
    next_attempt: datetime | None
    created: datetime
    history: list[AttemptPublic]

    @classmethod
    def of(cls, d: Delivery) -> DeliveryPublic:
        return cls(
            id=d.id, webhook=d.webhook, event=d.event, kind=d.kind, status=d.status,
            attempts=d.attempts, next_attempt=d.next_attempt, created=d.created,
            history=[AttemptPublic.of(a) for a in d.history],
        )  # fmt: skip


class DeliveriesPublic(BaseModel):
    """A page of deliveries, newest first; pass ``next_cursor`` as ``cursor`` for the next."""

    items: list[DeliveryPublic]
    next_cursor: str | None
