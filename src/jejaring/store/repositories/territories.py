"""Territories and the tie-type taxonomy: reference data every community shares."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

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
        return dict(rows.tuples())

    def existing(self, codes: Iterable[str]) -> set[str]:
        """The codes among ``codes`` that exist."""
        wanted = list(set(codes))
        found: set[str] = set()
        for i in range(0, len(wanted), 900):
            query = select(TerritoryRow.code).where(TerritoryRow.code.in_(wanted[i : i + 900]))
            found.update(self.session.scalars(query))
        return found


class TieTypeRepository(Repository):
    """The tie-type taxonomy."""

    def find(self) -> list[TieType]:
        rows = self.session.scalars(select(TieTypeRow).order_by(TieTypeRow.key))
        return [
            TieType(
                r.key, r.name, TieCategory(r.category), TieNature(r.nature), r.directed, r.parent
            )
            for r in rows
        ]

    def upsert(self, types: Iterable[TieType]) -> None:
        """Add or update tie types, parents before children."""
        for t in types:
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
            self.session.flush()
