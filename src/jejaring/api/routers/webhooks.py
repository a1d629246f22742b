"""An actor's webhooks: for its owners and managers (to anyone else a webhook does not exist)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.webhooks import (
    DeliveriesPublic,
    DeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhooksPublic,
)
from jejaring.services import webhooks
from jejaring.services.pagination import MAX_LIMIT, paginate

__all__ = ["router"]

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

WebhookId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the webhook's number")]
Cursor = Annotated[str | None, Query(max_length=400)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]


@router.get("", response_model=WebhooksPublic)
def list_webhooks(
    ctx: Ctx,
    user: CurrentUser,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    cursor: Cursor = None,
    limit: Limit = 100,
) -> WebhooksPublic:
    """The webhooks of ``actor``, or of every actor the user manages."""
    found = webhooks.list_webhooks(ctx, user, actor)
    page = paginate(found, lambda w: f"{w.id:012d}", cursor=cursor, limit=limit)
    return WebhooksPublic(
        items=[WebhookPublic.of(w) for w in page.items], next_cursor=page.next_cursor
    )


@router.post("", response_model=WebhookCreated, status_code=status.HTTP_201_CREATED)
def add_webhook(ctx: Ctx, user: CurrentUser, body: WebhookCreate) -> WebhookCreated:
    """A new webhook; its signing secret is in this answer only."""
    made = webhooks.add_webhook(ctx, user, body.actor, body.url, body.events)
    return WebhookCreated.made(made)


@router.get("/{webhook_id}", response_model=WebhookPublic)
def get_webhook(ctx: Ctx, user: CurrentUser, webhook_id: WebhookId) -> WebhookPublic:
    return WebhookPublic.of(webhooks.show_webhook(ctx, user, webhook_id))


@router.delete("/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_webhook(ctx: Ctx, user: CurrentUser, webhook_id: WebhookId) -> None:
    """Delete the webhook with its pending deliveries and its log."""
    webhooks.remove_webhook(ctx, user, webhook_id)


@router.post("/{webhook_id}/rotate", response_model=WebhookCreated)
def rotate(ctx: Ctx, user: CurrentUser, webhook_id: WebhookId) -> WebhookCreated:
    """A new signing secret (the old one stops signing at once), in this answer only."""
    return WebhookCreated.made(webhooks.rotate_secret(ctx, user, webhook_id))


@router.get("/{webhook_id}/deliveries", response_model=DeliveriesPublic)
def list_deliveries(
    ctx: Ctx, user: CurrentUser, webhook_id: WebhookId, cursor: Cursor = None, limit: Limit = 100
) -> DeliveriesPublic:
    """The delivery log, newest first: every attempt, the receiver's answer and the time."""
    page = webhooks.deliveries_page(ctx, user, webhook_id, cursor=cursor, limit=limit)
    return DeliveriesPublic(
        items=[DeliveryPublic.of(d) for d in page.items], next_cursor=page.next_cursor
    )
