"""Bookings of shared resources, and a cooperation's monthly settlement."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.problems import declared
from jejaring.api.schemas.resources import BookingCreate, BookingPublic, SettlementPublic
from jejaring.services import bookings
from jejaring.services.settlement import settle

__all__ = ["router"]

router = APIRouter(tags=["bookings"])

_REFUSED: dict[int | str, dict[str, Any]] = {
    409: declared(
        "Refused for capacity (``free`` is the quantity free at the tightest "
        "instant, ``booking`` the id of the refused request) or not allowed now"
    )
}


@router.post("/bookings", response_model=BookingPublic, status_code=201, responses=_REFUSED)
def book(ctx: Ctx, user: CurrentUser, body: BookingCreate) -> BookingPublic:
    booked = bookings.book(
        ctx,
        user,
        body.resource,
        by=body.by,
        start=body.start,
        end=body.end,
        quantity=body.quantity,
        cooperation=body.cooperation,
    )
    return BookingPublic.of(booked)


@router.get("/bookings/{booking_id}", response_model=BookingPublic)
def get_booking(ctx: Ctx, user: CurrentUser, booking_id: int) -> BookingPublic:
    return BookingPublic.of(bookings.get_booking(ctx, user, booking_id))


@router.post("/bookings/{booking_id}/cancel", response_model=BookingPublic)
def cancel(ctx: Ctx, user: CurrentUser, booking_id: int) -> BookingPublic:
    return BookingPublic.of(bookings.cancel(ctx, user, booking_id))


@router.get("/cooperations/{key}/settlement", response_model=SettlementPublic)
def settlement(
    ctx: Ctx,
    user: CurrentUser,
    key: str,
    period: Annotated[str, Query(max_length=7, examples=["2026-11"])],
) -> SettlementPublic:
    """The month's ledger of bookings made through the cooperation, balances and transfers."""
    return SettlementPublic.model_validate(settle(ctx, user, key, period).as_dict())
