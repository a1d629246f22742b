"""Use cases: booking a shared resource's capacity over ``[start, end)``, and cancelling.

The invariant: at no instant do confirmed bookings of a resource hold more than its capacity,
also when many requests arrive at once. Checking the free capacity and inserting the booking
is one transaction, and those transactions run one at a time per resource: on PostgreSQL the
resource's row is locked (``SELECT ... FOR UPDATE``) before the overlapping bookings are read,
so a second request waits for the first to commit and then reads its booking (READ COMMITTED
reads anew at each statement); on SQLite every writing transaction begins IMMEDIATE and so
holds the database's write lock from its first statement (``store/engine.py``).

Each outcome is published to webhooks in the same transaction (:mod:`jejaring.services.events`):
a confirmed or cancelled booking to the members of the cooperation it was made through, the
booker and the resource's owner (who see it in the settlement and may cancel it), a refused
request to the booker alone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from jejaring.domain.accounts import User
from jejaring.domain.capacity import tightest_free
from jejaring.domain.errors import N_, NotFound, RuleViolation
from jejaring.domain.resources import Booking, BookingStatus, Resource
from jejaring.domain.webhooks import EventKind
from jejaring.services.access import Operation, Principal, allowed, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.events import publish
from jejaring.services.read_first import read_then_write
from jejaring.services.resources import (
    active_members,
    missing_resource,
    owners,
    utc,
    visible_resource,
)
from jejaring.store.unit_of_work import UnitOfWork

__all__ = ["EPSILON", "CapacityRefused", "book", "booking_dict", "cancel", "get_booking"]

EPSILON = 1e-9  # quantities are floats: a request that fits up to rounding fits


class CapacityRefused(RuleViolation):
    """A booking asked for more than the resource has free; it was recorded as refused."""

    def __init__(self, booking: int, **params: object) -> None:
        super().__init__(
            N_(
                "resource '{resource}' cannot take {quantity} {unit} over {start} - {end}: "
                "only {free} {unit} free at the tightest instant (capacity {capacity})"
            ),
            **params,
        )
        self.booking = booking


def booking_dict(b: Booking) -> dict[str, Any]:
    return {
        "id": b.id, "resource": b.resource, "by": b.by_actor, "start": b.start.isoformat(),
        "end": b.end.isoformat(), "quantity": b.quantity, "status": b.status.value,
        "cooperation": b.cooperation,
    }  # fmt: skip


def _audience(uow: UnitOfWork, r: Resource, by: str, cooperation: str | None) -> list[str]:
    """Who hears of a booking of ``r`` by ``by`` being confirmed or cancelled (see the module's
    docstring); of one refused, only ``by``."""
    return [by, r.owner, *(active_members(uow, cooperation) if cooperation else [])]


def _announce(uow: UnitOfWork, kind: EventKind, b: Booking, audience: list[str]) -> None:
    """Publish ``b``'s outcome to those who may read it (``audience``: see ``_audience``)."""
    actors = [b.by_actor] if kind is EventKind.BOOKING_REFUSED else audience
    publish(uow, kind, actors=actors, cooperation=b.cooperation, data=booking_dict(b))


def _through(uow: UnitOfWork, r: Resource, by: str, cooperation: str | None) -> str | None:
    """The cooperation ``by`` books through (None: an owner booking its own resource)."""
    if cooperation is None and by in owners(r):
        return None
    open_to = [c for c in uow.resources.cooperations(r.key) if by in active_members(uow, c)]
    if cooperation is not None:
        if cooperation in open_to:
            return cooperation
        raise RuleViolation(
            N_("'{actor}' may not book resource '{key}' through cooperation '{cooperation}'"),
            actor=by,
            key=r.key,
            cooperation=cooperation,
        )
    if not open_to:
        raise RuleViolation(
            N_("'{actor}' is not an accepted member of an active cooperation resource '{key}' "
               "is shared into"),
            actor=by,
            key=r.key,
        )  # fmt: skip
    return open_to[0]


def book(
    ctx: Context,
    user: User | None,
    key: str,
    *,
    by: str,
    start: datetime,
    end: datetime,
    quantity: float,
    cooperation: str | None = None,
) -> Booking:
    """Book ``quantity`` of resource ``key`` for actor ``by``; the confirmed booking.

    Raises CapacityRefused (after recording the refused request with its reason) when the
    quantity does not fit at some instant of ``[start, end)``.
    """
    start, end = utc(start), utc(end)

    def check(uow: UnitOfWork) -> tuple[Resource, Booking, list[str]]:
        """The resource, the booking wanted and who hears of it, once ``user`` may book."""
        p = principal(uow, user)
        r = visible_resource(uow, p, key)
        authorize(p, Operation.BOOK, by, visible=True, missing=missing_resource(key))
        through = _through(uow, r, by, cooperation)
        wanted = Booking(key, by, start, end, quantity, BookingStatus.CONFIRMED, through)
        return r, wanted, _audience(uow, r, by, through)

    def write(
        uow: UnitOfWork, checked: tuple[Resource, Booking, list[str]]
    ) -> Booking | CapacityRefused:
        r, wanted, audience = checked
        free = tightest_free(r.capacity, uow.bookings.holding(key, start, end), start, end)
        if quantity <= free + EPSILON:
            booked = replace(wanted, id=uow.bookings.add(wanted))
            _announce(uow, EventKind.BOOKING_CONFIRMED, booked, audience)
            return booked
        refused = replace(wanted, status=BookingStatus.REFUSED)
        error = CapacityRefused(
            0, resource=key, quantity=quantity, unit=r.unit, start=start.isoformat(),
            end=end.isoformat(), free=max(free, 0.0), capacity=r.capacity,
        )  # fmt: skip
        error.booking = uow.bookings.add(refused, reason=str(error))
        _announce(uow, EventKind.BOOKING_REFUSED, replace(refused, id=error.booking), audience)
        return error  # raised once the refused request is committed

    def lock(uow: UnitOfWork) -> None:
        # From here to the commit no other booking of this resource, nor change to it, can be
        # made: what ``check`` found of it holds, and the bookings are read after.
        uow.resources.lock(key)

    outcome = read_then_write(ctx, check, write, lock=lock)
    if isinstance(outcome, CapacityRefused):
        raise outcome
    return outcome


def _visible(uow: UnitOfWork, p: Principal, booking_id: int) -> tuple[Booking, Resource]:
    """The booking and its resource; NotFound as for a missing booking unless ``p`` sees both.

    A booking is seen by whoever sees its resource: they see its use in the availability and
    in the cooperation's settlement already.
    """
    missing = NotFound(N_("booking {id} not found"), id=booking_id)
    found = uow.bookings.get(booking_id)
    if found is None:
        raise missing
    try:
        return found, visible_resource(uow, p, found.resource)
    except NotFound:
        raise missing from None


def get_booking(ctx: Context, user: User | None, booking_id: int) -> Booking:
    """A booking, for those who may read its resource."""
    with ctx.reader() as uow:
        return _visible(uow, principal(uow, user), booking_id)[0]


def cancel(ctx: Context, user: User | None, booking_id: int) -> Booking:
    """Cancel a confirmed booking (the booker's users, or the owner's owners and managers)."""
    missing = NotFound(N_("booking {id} not found"), id=booking_id)
    with ctx.uow() as uow:
        p = principal(uow, user)
        found, r = _visible(uow, p, booking_id)
        if not allowed(p, Operation.RESOURCE_ADD, r.owner):
            authorize(p, Operation.BOOKING_CANCEL, found.by_actor, visible=True, missing=missing)
        if found.status is not BookingStatus.CONFIRMED:
            raise RuleViolation(
                N_("booking {id} is {status}: only a confirmed booking can be cancelled"),
                id=booking_id,
                status=found.status.value,
            )
        uow.bookings.set_status(booking_id, BookingStatus.CANCELLED)
        cancelled = replace(found, status=BookingStatus.CANCELLED)
        audience = _audience(uow, r, found.by_actor, found.cooperation)
        _announce(uow, EventKind.BOOKING_CANCELLED, cancelled, audience)
        uow.commit()
    return cancelled
