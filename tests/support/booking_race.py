"""One booking request in its own process, released with the others by a barrier.

Used by ``tests/integration/test_booking_concurrency.py`` through multiprocessing (spawn):
each process builds its own engine, connects, waits at the barrier, then books.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jejaring.config import Settings
from jejaring.domain.errors import DomainError
from jejaring.services.bookings import CapacityRefused, book
from jejaring.services.bootstrap import bootstrap

__all__ = ["request"]


def request(
    url: str, barrier: Any, by: str, start: datetime, end: datetime, quantity: float
) -> tuple[str, int | None, str]:
    """Book ``wh`` for ``by``; ("confirmed", id, "") or ("refused", id, reason)."""
    ctx = bootstrap(Settings(database_url=url))
    try:
        with ctx.reader() as uow:  # connect before the start, so all race from the same line
            uow.actors.get(by)
        barrier.wait(120)
        try:
            made = book(ctx, None, "wh", by=by, start=start, end=end, quantity=quantity)
        except CapacityRefused as refused:
            return ("refused", refused.booking, str(refused))
        except DomainError as error:
            return ("error", None, str(error))
        return ("confirmed", made.id, "")
    finally:
        ctx.close()
