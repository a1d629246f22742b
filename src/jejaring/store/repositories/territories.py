"""Territories and the tie-type taxonomy: reference data every community shares."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from jejaring.domain.errors import N_, NotFound
from jejaring.domain.territories import Level, Territory
from jejaring.domain.ties import TieCategory, TieNature, TieType
from jejaring.store.repositories.base import Repository
from jejaring.store.tables import TerritoryRow, TieTypeRow

__all__ = ["TerritoryRepository", "TieTypeRepository"]


def _territory(row: TerritoryRow) -> Territory:
    return Territory(row.code, row.name, Level(row.level), row.parent_code, row.demand)


class TerritoryRepository(Repository):
    """The territory hierarchy."""

    def get(self, code: str) -> Territory | None:
        row = self.session.get(TerritoryRow, code)
        return _territory(row) if row else None

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(TerritoryRow)) or 0

    def save(self, t: Territory) -> None:
        """Add the territory, or replace every field of the one with the same code."""
        self.require_territories([t.parent_code])
        row = self.session.get(TerritoryRow, t.code)
        if row is None:
            row = TerritoryRow(code=t.code)
            self.session.add(row)
        row.name, row.level, row.parent_code, row.demand = (
            t.name,
            t.level.value,
            t.parent_code,
            t.demand,
        )
        self._flush()

    def find(
        self,
        *,
        level: Level | None = None,
        parent: str | None = None,
        after: str | None = None,
        limit: int | None = None,
    ) -> list[Territory]:
        """Territories ordered by code, optionally of one level or under one parent."""
        query = select(TerritoryRow).order_by(TerritoryRow.code)
        if level is not None:
            query = query.where(TerritoryRow.level == level.value)
        if parent is not None:
            query = query.where(TerritoryRow.parent_code == parent)
        if after is not None:
            query = query.where(TerritoryRow.code > after)
        if limit is not None:
            query = query.limit(limit)
        return [_territory(row) for row in self.session.scalars(query)]

    def parents(self) -> dict[str, str | None]:
        """Every code with its parent's code, for coverage computations."""
        rows = self.session.execute(select(TerritoryRow.code, TerritoryRow.parent_code))
        return {code: parent for code, parent in rows}

    def existing(self, codes: Iterable[str]) -> set[str]:
        """The codes among ``codes`` that exist."""
        wanted = list(set(codes))
        found: set[str] = set()
        for i in range(0, len(wanted), 900):
            query = select(TerritoryRow.code).where(TerritoryRow.code.in_(wanted[i : i + 900]))
            found.update(self.session.scalars(query))
        return found


def _tie_type(r: TieTypeRow) -> TieType:
    return TieType(
        r.key, r.name, TieCategory(r.category), TieNature(r.nature), r.directed, r.parent
    )


class TieTypeRepository(Repository):
    """The tie-type taxonomy."""

    def find(self) -> list[TieType]:
        """Every tie type, ordered by key."""
        return [
            _tie_type(r) for r in self.session.scalars(select(TieTypeRow).order_by(TieTypeRow.key))
        ]

    def get(self, key: str) -> TieType | None:
        row = self.session.get(TieTypeRow, key)
        return _tie_type(row) if row else None

    def upsert(self, types: Iterable[TieType]) -> None:
        """Add or update tie types, parents before children; NotFound for an unknown parent."""
        for t in types:
            if t.parent is not None and self.session.get(TieTypeRow, t.parent) is None:
                raise NotFound(N_("tie type '{key}' not found"), key=t.parent)
            self.session.merge(
                TieTypeRow(
                    key=t.key,
                    name=t.name,
                    category=t.category.value,
                    nature=t.nature.value,
                    directed=t.directed,
                    parent=t.parent,
                )
            )
            self._flush()
