"""Use cases: an actor's webhooks (add, list, rotate the secret, remove) and their delivery log.

Only the actor's owners and managers (and the operator) manage its webhooks and read their
deliveries; to anyone else a webhook does not exist. The signing secret is shown once, when
the webhook is added or its secret rotated: the store keeps only a salt it is derived from
with the server's secret key (:func:`jejaring.domain.webhooks.derive_secret`). Every change is
in the actor's audit trail.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from jejaring.domain.accounts import AuditEvent, User
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.domain.webhooks import (
    Delivery,
    EventKind,
    Webhook,
    derive_secret,
    parse_events,
)
from jejaring.services.access import Operation, Principal, allowed, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.pagination import Page, check_limit, decode_cursor, encode_cursor
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "WEBHOOK_ADDED",
    "WEBHOOK_REMOVED",
    "WEBHOOK_ROTATED",
    "NewSecret",
    "add_webhook",
    "deliveries_page",
    "delivery_dict",
    "list_deliveries",
    "list_webhooks",
    "remove_webhook",
    "rotate_secret",
    "show_webhook",
    "webhook_dict",
]

WEBHOOK_ADDED = "webhook.added"
WEBHOOK_ROTATED = "webhook.rotated"
WEBHOOK_REMOVED = "webhook.removed"


@dataclass(frozen=True)
class NewSecret:
    """A webhook and its signing secret, shown this once."""

    webhook: Webhook
    secret: str

    def as_dict(self) -> dict[str, Any]:
        return {**webhook_dict(self.webhook), "secret": self.secret}


def webhook_dict(w: Webhook) -> dict[str, Any]:
    return {
        "id": w.id, "actor": w.actor, "url": w.url, "events": [e.value for e in w.events],
        "active": w.active, "created": w.created.isoformat(),
    }  # fmt: skip


def delivery_dict(d: Delivery) -> dict[str, Any]:
    return {
        "id": d.id, "webhook": d.webhook, "event": d.event, "kind": d.kind.value,
        "status": d.status.value, "attempts": d.attempts, "created": d.created.isoformat(),
        "next_attempt": None if d.next_attempt is None else d.next_attempt.isoformat(),
        "history": [
            {"number": a.number, "at": a.at.isoformat(), "status_code": a.status_code,
             "error": a.error, "duration_ms": a.duration_ms}
            for a in d.history
        ],
    }  # fmt: skip


def _missing(webhook_id: int) -> NotFound:
    return NotFound(N_("webhook {id} not found"), id=webhook_id)


def _visible(uow: UnitOfWork, p: Principal, webhook_id: int) -> Webhook:
    found = uow.webhooks.get(webhook_id)
    if found is None or not allowed(p, Operation.WEBHOOK_MANAGE, found.actor):
        raise _missing(webhook_id)
    return found


def _audit(uow: UnitOfWork, p: Principal, action: str, w: Webhook, at: datetime) -> None:
    detail = f"webhook {w.id} {w.url} [{','.join(e.value for e in w.events)}]"
    uow.audit.record(AuditEvent(at, action, w.actor, p.email, detail=detail))


def _salt() -> str:
    return secrets.token_hex(32)


def add_webhook(
    ctx: Context,
    user: User | None,
    actor: str,
    url: str,
    events: str | list[str] | tuple[EventKind, ...],
    *,
    now: datetime | None = None,
) -> NewSecret:
    """Register ``url`` to receive ``actor``'s events of the kinds named; its secret, once."""
    at = now or datetime.now(UTC)
    kinds = parse_events(events if isinstance(events, str) else [str(e) for e in events])
    made = Webhook(actor, url, kinds, _salt(), at)
    with ctx.uow() as uow:
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=actor)
        if uow.actors.get(actor) is None:
            raise missing
        authorize(p, Operation.WEBHOOK_MANAGE, actor, visible=True, missing=missing)
        made = replace(made, id=uow.webhooks.add(made))
        _audit(uow, p, WEBHOOK_ADDED, made, at)
        uow.commit()
    return NewSecret(made, derive_secret(ctx.settings.secret_key, made.secret_salt))


def list_webhooks(ctx: Context, user: User | None, actor: str | None = None) -> list[Webhook]:
    """The webhooks of ``actor``, or of every actor the user manages, by id."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        if actor is not None:
            missing = NotFound(N_("actor '{key}' not found"), key=actor)
            if uow.actors.get(actor) is None:
                raise missing
            authorize(p, Operation.WEBHOOK_MANAGE, actor, visible=False, missing=missing)
            return uow.webhooks.find([actor])
        found = uow.webhooks.find(None if p.operator else list(p.roles))
        return [w for w in found if allowed(p, Operation.WEBHOOK_MANAGE, w.actor)]


def rotate_secret(
    ctx: Context, user: User | None, webhook_id: int, *, now: datetime | None = None
) -> NewSecret:
    """Give the webhook a new secret (the old one stops signing at once); the new one, once."""
    at = now or datetime.now(UTC)
    with ctx.uow() as uow:
        p = principal(uow, user)
        found = _visible(uow, p, webhook_id)
        rotated = replace(found, secret_salt=_salt())
        uow.webhooks.set_salt(webhook_id, rotated.secret_salt)
        _audit(uow, p, WEBHOOK_ROTATED, rotated, at)
        uow.commit()
    return NewSecret(rotated, derive_secret(ctx.settings.secret_key, rotated.secret_salt))


def remove_webhook(
    ctx: Context, user: User | None, webhook_id: int, *, now: datetime | None = None
) -> Webhook:
    """Delete the webhook, with its pending deliveries and its delivery log."""
    at = now or datetime.now(UTC)
    with ctx.uow() as uow:
        p = principal(uow, user)
        found = _visible(uow, p, webhook_id)
        uow.webhooks.remove(webhook_id)
        _audit(uow, p, WEBHOOK_REMOVED, found, at)
        uow.commit()
    return found


def show_webhook(ctx: Context, user: User | None, webhook_id: int) -> Webhook:
    """One webhook the user manages (its secret is never shown again)."""
    with ctx.reader() as uow:
        return _visible(uow, principal(uow, user), webhook_id)


def _deliveries(
    uow: UnitOfWork, p: Principal, webhook_id: int | None, limit: int, before: int | None
) -> list[Delivery]:
    if webhook_id is not None:
        ids = [_visible(uow, p, webhook_id).id]
    else:
        found = uow.webhooks.find(None if p.operator else list(p.roles))
        ids = [w.id for w in found if allowed(p, Operation.WEBHOOK_MANAGE, w.actor)]
    return uow.webhooks.deliveries([i for i in ids if i is not None], limit, before)


def list_deliveries(
    ctx: Context,
    user: User | None,
    webhook_id: int | None = None,
    *,
    limit: int = 100,
    before: int | None = None,
) -> list[Delivery]:
    """The newest deliveries (of one webhook, else of every webhook the user manages), each
    with every attempt made: when, the status code or error, how long it took.

    ``before`` (a delivery's id) gives the page after the one that ended with it.
    """
    check_limit(limit)
    with ctx.reader() as uow:
        return _deliveries(uow, principal(uow, user), webhook_id, limit, before)


def deliveries_page(
    ctx: Context, user: User | None, webhook_id: int, *, cursor: str | None, limit: int
) -> Page[Delivery]:
    """A page of a webhook's deliveries, newest first, after the one ``cursor`` names."""
    check_limit(limit)
    after = decode_cursor(cursor)
    if after is not None and not (after.isascii() and after.isdigit() and len(after) <= 18):
        raise InvalidValue(N_("cursor: '{value}' is not a cursor from this list"), value=cursor)
    before = int(after) if after is not None else None
    with ctx.reader() as uow:
        # One more than asked for tells whether another page follows.
        found = _deliveries(uow, principal(uow, user), webhook_id, limit + 1, before)
    if len(found) > limit:
        last = found[limit - 1].id
        return Page(found[:limit], encode_cursor(str(last)))
    return Page(found, None)
