"""Publishing events to webhooks: a transactional outbox, written in the event's own transaction.

A use case calls :func:`publish` inside its unit of work, before it commits, naming the actors
who may see what happened (DESIGN section 5: a cooperation's members for its bookings,
projects and posts; a referral's two parties). One delivery is queued per active webhook of
those actors that subscribed to the kind, so an event is queued if and only if its write
commits; the dispatcher (:mod:`jejaring.services.webhook_delivery`) sends it afterwards. The
``data`` must hold only what every named actor's users may read through the services.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from jejaring.domain.webhooks import EventKind
from jejaring.store.unit_of_work import UnitOfWork

__all__ = ["publish"]


def publish(
    uow: UnitOfWork,
    kind: EventKind,
    *,
    actors: Iterable[str],
    data: dict[str, Any],
    cooperation: str | None = None,
    now: datetime | None = None,
) -> list[int]:
    """Queue ``kind`` with ``data`` for the webhooks of ``actors``; the deliveries' ids.

    Nothing is written when no such webhook subscribed, so an event nobody listens to costs
    one query.
    """
    audience = list(dict.fromkeys(actors))
    if not audience:
        return []
    hooks = [w.id for w in uow.webhooks.find(audience) if w.active and kind in w.events]
    if not hooks:
        return []
    at = now or datetime.now(UTC)
    return uow.webhooks.queue(kind, at, cooperation, data, [h for h in hooks if h is not None])
