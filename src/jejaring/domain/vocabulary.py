"""Parsing helpers shared by the entities: closed vocabularies and ``;``-separated lists."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TypeVar

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["parse_choice", "split_list"]

E = TypeVar("E", bound=StrEnum)
_SEPARATORS = re.compile(r"[\s\-]+")


def parse_choice(enum: type[E], value: str, *, field: str) -> E:
    """Return the member of ``enum`` spelled ``value``.

    Case is ignored, and so are spaces around the value; spaces or hyphens inside it stand
    for the underscore, so that ``"Sales staff"`` and ``"in-kind"`` are understood.
    """
    spelled = _SEPARATORS.sub("_", value.strip().lower())
    try:
        return enum(spelled)
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
