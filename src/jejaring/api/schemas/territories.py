"""Territories and tie types."""

from __future__ import annotations

from pydantic import BaseModel

from jejaring.domain.territories import Level, Territory
from jejaring.domain.ties import TieCategory, TieNature, TieType

__all__ = ["TerritoriesPublic", "TerritoryPublic", "TieTypePublic"]


class TerritoryPublic(BaseModel):
    """One area of the hierarchy."""

    code: str
    name: str
    level: Level
    parent_code: str | None
    demand: float | None

    @classmethod
    def of(cls, t: Territory) -> TerritoryPublic:
        return cls(
            code=t.code, name=t.name, level=t.level, parent_code=t.parent_code, demand=t.demand
        )


class TerritoriesPublic(BaseModel):
    """A page of territories; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[TerritoryPublic]
    next_cursor: str | None


class TieTypePublic(BaseModel):
    """A node of the tie-type taxonomy."""

    key: str
    name: str
    category: TieCategory
    nature: TieNature
    directed: bool
    parent: str | None

    @classmethod
    def of(cls, t: TieType) -> TieTypePublic:
        return cls(
            key=t.key,
            name=t.name,
            category=t.category,
            nature=t.nature,
            directed=t.directed,
            parent=t.parent,
        )
