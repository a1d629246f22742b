"""An actor's own customers: for its users only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.customers import (
    CustomerCreate,
    CustomerPublic,
    CustomersPublic,
    CustomerUpdate,
)
from jejaring.services import customers
from jejaring.services.pagination import MAX_LIMIT, paginate

__all__ = ["router"]

router = APIRouter(prefix="/customers", tags=["customers"])


@router.get("", response_model=CustomersPublic)
def list_customers(
    ctx: Ctx,
    user: CurrentUser,
    owner: Annotated[str, Query(max_length=64)],
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> CustomersPublic:
    found = customers.list_customers(ctx, user, owner)
    page = paginate(found, lambda c: c.key, cursor=cursor, limit=limit)
    return CustomersPublic(
        items=[CustomerPublic.of(c) for c in page.items], next_cursor=page.next_cursor
    )


@router.post("", response_model=CustomerPublic, status_code=201)
def add_customer(ctx: Ctx, user: CurrentUser, body: CustomerCreate) -> CustomerPublic:
    return CustomerPublic.of(customers.add_customer(ctx, user, body.to_domain()))


@router.get("/{owner}/{key}", response_model=CustomerPublic)
def get_customer(ctx: Ctx, user: CurrentUser, owner: str, key: str) -> CustomerPublic:
    return CustomerPublic.of(customers.get_customer(ctx, user, owner, key))


@router.patch("/{owner}/{key}", response_model=CustomerPublic)
def update_customer(
    ctx: Ctx, user: CurrentUser, owner: str, key: str, body: CustomerUpdate
) -> CustomerPublic:
    changes = body.changes()
    return CustomerPublic.of(customers.update_customer(ctx, user, owner, key, changes))


@router.delete("/{owner}/{key}", status_code=204)
def delete_customer(ctx: Ctx, user: CurrentUser, owner: str, key: str) -> Response:
    customers.delete_customer(ctx, user, owner, key)
    return Response(status_code=204)
