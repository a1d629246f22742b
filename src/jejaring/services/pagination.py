"""Cursor pagination: an opaque cursor names the last item a client has seen."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["MAX_LIMIT", "Page", "check_limit", "decode_cursor", "encode_cursor", "paginate"]

T = TypeVar("T")
MAX_LIMIT = 500


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list; ``next_cursor`` is None on the last page."""

    items: list[T]
    next_cursor: str | None


def encode_cursor(last_key: str) -> str:
    return base64.urlsafe_b64encode(last_key.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> str | None:
    """The key a cursor stands for; InvalidValue when it was not made by ``encode_cursor``."""
    if not cursor:
        return None
    try:
        padded = (cursor + "=" * (-len(cursor) % 4)).encode()
        key = base64.b64decode(padded, altchars=b"-_", validate=True).decode()
        if not key:
            raise ValueError(cursor)
        return key
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidValue(
            N_("cursor: '{value}' is not a cursor from this list"), value=cursor
        ) from None


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidValue(N_("limit: must be between 1 and {max}"), max=MAX_LIMIT)
    return limit


def paginate(
    items: Sequence[T],
    key: Callable[[T], str],
    *,
    cursor: str | None,
    limit: int,
    descending: bool = False,
) -> Page[T]:
    """The page after ``cursor`` of ``items``, sorted by ``key`` (unique per item).

    For lists a use case reads whole (an actor's referrals, a cooperation's resources): the
    client pages them the same way as the lists read a page at a time.
    """
    check_limit(limit)
    after = decode_cursor(cursor)
    rest = [i for i in items if after is None or (key(i) < after if descending else key(i) > after)]
    if len(rest) > limit:
        return Page(rest[:limit], encode_cursor(key(rest[limit - 1])))
    return Page(rest, None)
