"""Free capacity of a resource over time, from its confirmed bookings (no I/O).

Bookings hold capacity over half-open intervals ``[start, end)``, so the quantity in use only
changes where a booking starts or ends: cutting an interval at those instants gives segments
over which the free quantity is constant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from jejaring.domain.resources import Booking, BookingStatus

__all__ = ["Segment", "peak", "segments", "tightest_free"]


@dataclass(frozen=True, slots=True)
class Segment:
    """``[start, end)`` over which ``used`` of ``capacity`` is booked and ``free`` is left."""

    start: datetime
    end: datetime
    used: float
    free: float


def segments(
    capacity: float, bookings: Iterable[Booking], start: datetime, end: datetime
) -> list[Segment]:
    """The segments of ``[start, end)`` with the quantity confirmed bookings use in each."""
    held = [b for b in bookings if b.status is BookingStatus.CONFIRMED and b.overlaps(start, end)]
    cuts = {start, end}
    for b in held:
        cuts.update(t for t in (b.start, b.end) if start < t < end)
    ordered = sorted(cuts)
    found = []
    for left, right in pairwise(ordered):
        used = sum(b.quantity for b in held if b.overlaps(left, right))
        found.append(Segment(left, right, used, capacity - used))
    return found


def tightest_free(
    capacity: float, bookings: Iterable[Booking], start: datetime, end: datetime
) -> float:
    """The least free quantity at any instant of ``[start, end)``."""
    return min(s.free for s in segments(capacity, bookings, start, end))


def peak(bookings: Iterable[Booking]) -> Segment | None:
    """The first segment where confirmed bookings hold the most (None: none is confirmed)."""
    held = [b for b in bookings if b.status is BookingStatus.CONFIRMED]
    if not held:
        return None
    found = segments(0.0, held, min(b.start for b in held), max(b.end for b in held))
    return max(found, key=lambda s: s.used)  # max keeps the first of equals
