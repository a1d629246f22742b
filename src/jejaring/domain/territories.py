"""Territories: a hierarchy of areas (country > province > regency > district > village)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from jejaring.domain.errors import N_, InvalidValue

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
        if not self.code.strip():
            raise InvalidValue(N_("code: must not be empty"))
        if self.parent_code == self.code:
            raise InvalidValue(N_("parent_code: a territory cannot be its own parent"))
        if self.demand is not None and not self.demand >= 0:
            raise InvalidValue(N_("demand: must be a number >= 0, got {value}"), value=self.demand)


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
