"""Webhooks and their outbox: events, deliveries (claimed by one dispatcher at a time), attempts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update

from jejaring.domain.errors import N_, NotFound
from jejaring.domain.webhooks import Attempt, Delivery, DeliveryStatus, EventKind, Webhook
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import (
    ActorRow,
    WebhookAttemptRow,
    WebhookDeliveryRow,
    WebhookEventRow,
    WebhookRow,
)

__all__ = ["Outgoing", "WebhookRepository"]

_PENDING = DeliveryStatus.PENDING.value


@dataclass(frozen=True)
class Outgoing:
    """A claimed delivery with what sending it needs."""

    delivery: int
    attempts: int
    webhook: int
    actor: str
    url: str
    secret_salt: str
    event: int
    kind: str
    occurred_at: datetime
    cooperation: str | None
    data: dict[str, Any]


def _webhook(row: WebhookRow, actor: str) -> Webhook:
    return Webhook(
        actor, row.url, tuple(EventKind(e) for e in row.events), row.secret_salt,
        as_utc(row.created), row.active, id=row.id,
    )  # fmt: skip


class WebhookRepository(Repository):
    """Webhooks by id, and the outbox of their deliveries."""

    def add(self, w: Webhook) -> int:
        row = WebhookRow(
            actor_id=self.actor_id(w.actor), url=w.url, events=[e.value for e in w.events],
            secret_salt=w.secret_salt, created=as_utc(w.created), active=w.active,
        )  # fmt: skip
        self.session.add(row)
        self._flush()
        return row.id

    def get(self, webhook_id: int) -> Webhook | None:
        found = self.session.execute(
            select(WebhookRow, ActorRow.key)
            .join(ActorRow, WebhookRow.actor_id == ActorRow.id)
            .where(WebhookRow.id == webhook_id)
        ).first()
        return None if found is None else _webhook(*found)

    def find(self, actors: Iterable[str] | None = None) -> list[Webhook]:
        """Webhooks by id: all of them, or those of ``actors``."""
        query = (
            select(WebhookRow, ActorRow.key)
            .join(ActorRow, WebhookRow.actor_id == ActorRow.id)
            .order_by(WebhookRow.id)
        )
        if actors is not None:
            query = query.where(ActorRow.key.in_(list(actors)))
        return [_webhook(row, key) for row, key in self.session.execute(query)]

    def _row(self, webhook_id: int) -> WebhookRow:
        row = self.session.get(WebhookRow, webhook_id)
        if row is None:
            raise NotFound(N_("webhook {id} not found"), id=webhook_id)
        return row

    def remove(self, webhook_id: int) -> None:
        """Delete the webhook with its deliveries and their attempts; NotFound if none."""
        self.session.delete(self._row(webhook_id))
        self._flush()
        self.session.expire_all()  # the database cascaded to rows the session may hold

    def set_salt(self, webhook_id: int, salt: str) -> None:
        self._row(webhook_id).secret_salt = salt
        self._flush()

    def queue(
        self,
        kind: EventKind,
        occurred_at: datetime,
        cooperation: str | None,
        data: dict[str, Any],
        webhooks: Iterable[int],
    ) -> list[int]:
        """Store the event and one pending delivery, due at once, per webhook; their ids."""
        at = as_utc(occurred_at)
        event = WebhookEventRow(kind=kind.value, occurred_at=at, cooperation=cooperation, data=data)
        self.session.add(event)
        self._flush()
        rows = [
            WebhookDeliveryRow(
                webhook_id=w, event_id=event.id, status=_PENDING, attempts=0,
                next_attempt_at=at, created=at,
            )
            for w in webhooks
        ]  # fmt: skip
        self.session.add_all(rows)
        self._flush()
        return [r.id for r in rows]

    def claim_due(self, now: datetime, until: datetime, token: str, limit: int) -> list[Outgoing]:
        """Claim up to ``limit`` pending deliveries due by ``now`` and not claimed by another
        dispatcher (or whose claim lapsed), until ``until``; the oldest due first.

        PostgreSQL skips rows another transaction holds (``FOR UPDATE SKIP LOCKED``); SQLite's
        IMMEDIATE writes run one at a time, so the next claimer sees this claim.
        """
        now = as_utc(now)
        ids = list(
            self.session.scalars(
                select(WebhookDeliveryRow.id)
                .where(
                    WebhookDeliveryRow.status == _PENDING,
                    WebhookDeliveryRow.next_attempt_at <= now,
                    or_(
                        WebhookDeliveryRow.claimed_until.is_(None),
                        WebhookDeliveryRow.claimed_until <= now,
                    ),
                )
                .order_by(WebhookDeliveryRow.next_attempt_at, WebhookDeliveryRow.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if not ids:
            return []
        self.session.execute(
            update(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.id.in_(ids))
            .values(claim=token, claimed_until=as_utc(until))
        )
        rows = self.session.execute(
            select(WebhookDeliveryRow, WebhookRow, ActorRow.key, WebhookEventRow)
            .join(WebhookRow, WebhookDeliveryRow.webhook_id == WebhookRow.id)
            .join(ActorRow, WebhookRow.actor_id == ActorRow.id)
            .join(WebhookEventRow, WebhookDeliveryRow.event_id == WebhookEventRow.id)
            .where(WebhookDeliveryRow.id.in_(ids))
            .order_by(WebhookDeliveryRow.next_attempt_at, WebhookDeliveryRow.id)
        )
        return [
            Outgoing(
                d.id, d.attempts, w.id, actor, w.url, w.secret_salt, e.id, e.kind,
                as_utc(e.occurred_at), e.cooperation, dict(e.data),
            )
            for d, w, actor, e in rows
        ]  # fmt: skip

    def finish(
        self,
        delivery: int,
        token: str,
        attempt: Attempt,
        status: DeliveryStatus,
        next_attempt: datetime | None,
    ) -> bool:
        """Log ``attempt`` and, when the claim ``token`` still holds the delivery, move it on
        to ``status``; whether it did (a lapsed claim another dispatcher took does not)."""
        self.session.add(
            WebhookAttemptRow(
                delivery_id=delivery, number=attempt.number, at=as_utc(attempt.at),
                status_code=attempt.status_code, error=attempt.error,
                duration_ms=attempt.duration_ms,
            )
        )  # fmt: skip
        moved = self.session.execute(
            update(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.id == delivery, WebhookDeliveryRow.claim == token)
            .values(
                status=status.value, attempts=attempt.number, claim=None, claimed_until=None,
                next_attempt_at=None if next_attempt is None else as_utc(next_attempt),
            )
        )  # fmt: skip
        self._flush()
        return bool(getattr(moved, "rowcount", 0))

    def deliveries(
        self, webhooks: Iterable[int], limit: int = 100, before: int | None = None
    ) -> list[Delivery]:
        """The newest ``limit`` deliveries of ``webhooks`` (older than delivery ``before``, when
        given), newest first, with their attempts."""
        query = (
            select(WebhookDeliveryRow, WebhookEventRow.kind)
            .join(WebhookEventRow, WebhookDeliveryRow.event_id == WebhookEventRow.id)
            .where(WebhookDeliveryRow.webhook_id.in_(list(webhooks)))
            .order_by(WebhookDeliveryRow.id.desc())
            .limit(limit)
        )
        if before is not None:
            query = query.where(WebhookDeliveryRow.id < before)
        rows = self.session.execute(query).all()
        history: dict[int, list[Attempt]] = defaultdict(list)
        ids = [d.id for d, _ in rows]
        for a in self.session.scalars(
            select(WebhookAttemptRow)
            .where(WebhookAttemptRow.delivery_id.in_(ids))
            .order_by(WebhookAttemptRow.delivery_id, WebhookAttemptRow.number, WebhookAttemptRow.id)
        ):
            history[a.delivery_id].append(
                Attempt(a.number, as_utc(a.at), a.status_code, a.error, a.duration_ms)
            )
        return [
            Delivery(
                d.id, d.webhook_id, d.event_id, EventKind(kind), DeliveryStatus(d.status),
                d.attempts, None if d.next_attempt_at is None else as_utc(d.next_attempt_at),
                as_utc(d.created), tuple(history[d.id]),
            )
            for d, kind in rows
        ]  # fmt: skip
