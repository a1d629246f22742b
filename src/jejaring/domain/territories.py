"""Territories: a hierarchy of areas (country > province > regency > district > village)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from jejaring.domain.actors import check_key, check_name
from jejaring.domain.errors import N_, InvalidValue
from jejaring.domain.numbers import check_non_negative

__all__ = ["Level", "Territory", "ancestors", "covered_by"]


class Level(StrEnum):
    """A territory's level in the hierarchy, from the widest to the narrowest."""

    COUNTRY = "country"
    PROVINCE = "province"
    REGENCY = "regency"
    DISTRICT = "district"
    VILLAGE = "village"


@dataclass(frozen=True, slots=True)
class Territory:
    """An area with a stable code; ``demand`` is an optional market weight (>= 0)."""

    code: str
    name: str
    level: Level
    parent_code: str | None = None
    demand: float | None = None

    def __post_init__(self) -> None:
        # Codes are at most 64 characters: the width of the store's column.
        object.__setattr__(self, "code", check_key(self.code, field="code", max_length=64))
        check_name(self.name, max_length=200)
        if self.parent_code == self.code:
            raise InvalidValue(N_("parent_code: a territory cannot be its own parent"))
        if self.demand is not None:
            check_non_negative(self.demand, field="demand")


def ancestors(code: str, parents: Mapping[str, str | None]) -> list[str]:
    """Return ``code`` and its ancestors, nearest first, following ``parents``."""
    chain = [code]
    seen = {code}
    parent = parents.get(code)
    while parent is not None and parent not in seen:
        chain.append(parent)
        seen.add(parent)
        parent = parents.get(parent)
    return chain


def covered_by(code: str, coverage: Iterable[str], parents: Mapping[str, str | None]) -> bool:
    """True when ``code`` is, or descends from, one of the ``coverage`` codes."""
    wanted = set(coverage)
    return any(ancestor in wanted for ancestor in ancestors(code, parents))
