"""Parsing helpers shared by the entities: closed vocabularies and ``;``-separated lists."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["parse_choice", "split_list"]

E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], value: str, *, field: str) -> E:
    """Return the member of ``enum`` spelled ``value`` (case and spaces ignored)."""
    try:
        return enum(value.strip().lower())
    except ValueError:
        allowed = "|".join(member.value for member in enum)
        raise InvalidValue(
            N_("{field}: '{value}' is not one of {allowed}"),
            field=field,
            value=value,
            allowed=allowed,
        ) from None


def split_list(value: str | None) -> tuple[str, ...]:
    """Split a ``;``-separated list, dropping blanks and keeping order and first occurrences."""
    if not value:
        return ()
    seen: dict[str, None] = {}
    for part in value.split(";"):
        item = part.strip()
        if item:
            seen.setdefault(item, None)
    return tuple(seen)
