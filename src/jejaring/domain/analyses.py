"""Stored network analyses: which layer was measured, how, and what came out of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from jejaring.domain.actors import check_key
from jejaring.domain.errors import N_, InvalidValue

__all__ = ["Analysis", "Grouping", "Layer", "Scope"]


class Scope(StrEnum):
    """Which ties a layer may hold, and so who may read its results.

    ``community`` keeps ties marked for the community between profiles the community sees,
    so its results reveal nothing a signed-in user could not see; ``all`` includes private
    ties and is for platform administrators only.
    """

    COMMUNITY = "community"
    ALL = "all"


class Grouping(StrEnum):
    """The actor attribute that brokerage roles read as the group."""

    KIND = "kind"
    SECTOR = "sector"  # the primary (first) sector
    PROVINCE = "province"  # of the home territory


@dataclass(frozen=True, slots=True)
class Layer:
    """A view of the stored network: tie types (with their sub-types), a date, a treatment.

    No tie types means every type. ``co_membership`` replaces the two-mode ``member_of`` ties
    (actor to organisation or event) by ties between the members, weighted by the number of
    organisations and events they share.
    """

    tie_types: tuple[str, ...] = ()
    at: date | None = None
    directed: bool = False
    weighted: bool = True
    co_membership: bool = False
    scope: Scope = Scope.COMMUNITY
    group: Grouping | None = None

    def __post_init__(self) -> None:
        types = tuple(
            sorted({check_key(t, field="tie_type", max_length=64) for t in self.tie_types})
        )
        object.__setattr__(self, "tie_types", types)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values, as stored and as shown."""
        return {
            "tie_types": list(self.tie_types),
            "at": self.at.isoformat() if self.at else None,
            "directed": self.directed,
            "weighted": self.weighted,
            "co_membership": self.co_membership,
            "scope": self.scope.value,
            "group": self.group.value if self.group else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Layer:
        return cls(
            tie_types=tuple(data.get("tie_types") or ()),
            at=date.fromisoformat(data["at"]) if data.get("at") else None,
            directed=bool(data.get("directed")),
            weighted=bool(data.get("weighted", True)),
            co_membership=bool(data.get("co_membership")),
            scope=Scope(data.get("scope", Scope.COMMUNITY)),
            group=Grouping(data["group"]) if data.get("group") else None,
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    """One run of every measure over a layer; the per-actor values are stored beside it.

    ``summary`` holds the whole-network figures; ``pivots`` is the number of sampled sources
    when shortest-path measures were estimated; ``notices`` are (template, params) pairs.
    """

    key: str
    layer: Layer
    created_at: datetime
    actors: int
    ties: int
    seed: int = 0
    pivots: int | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    notices: tuple[tuple[str, dict[str, Any]], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", check_key(self.key))
        if self.actors < 0 or self.ties < 0:
            raise InvalidValue(N_("actors: must not be negative"))

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values (notices aside: they are shown translated)."""
        return {
            "key": self.key,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "layer": self.layer.as_dict(),
            "actors": self.actors,
            "ties": self.ties,
            "seed": self.seed,
            "pivots": self.pivots,
            "summary": dict(self.summary),
        }
