"""Stored analyses and their per-actor values, read a sorted page at a time."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import polars as pl
from sqlalchemy import and_, delete, func, or_, select

from jejaring.domain.analyses import Analysis, Layer, Scope
from jejaring.store.bulk import table_of
from jejaring.store.bulk_load import load
from jejaring.store.bulk_query import with_actor_ids
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import ActorRow, AnalysisRow, AnalysisValueRow

__all__ = ["VALUE_COLUMNS", "AnalysisRepository"]

VALUE_COLUMNS = tuple(
    c.name for c in table_of(AnalysisValueRow).columns if c.name not in {"analysis_id", "actor_id"}
)
_VALUES = table_of(AnalysisValueRow)


class AnalysisRepository(Repository):
    """Analyses by key; their values by actor, sorted by any measure."""

    def add(self, analysis: Analysis, values: pl.DataFrame) -> None:
        """Store ``analysis`` and ``values`` (column ``actor`` and any of VALUE_COLUMNS)."""
        row = AnalysisRow(
            key=analysis.key,
            created_at=as_utc(analysis.created_at),
            layer=analysis.layer.as_dict(),
            scope=analysis.layer.scope.value,
            actors=analysis.actors,
            ties=analysis.ties,
            seed=analysis.seed,
            pivots=analysis.pivots,
            summary=dict(analysis.summary),
            notices=[[template, params] for template, params in analysis.notices],
        )
        self.session.add(row)
        self._flush()
        kept = [c for c in values.columns if c in VALUE_COLUMNS]
        frame = with_actor_ids(self.session, values.select("actor", *kept), "actor", "actor_id")
        frame = frame.with_columns(pl.lit(row.id, dtype=pl.Int64).alias("analysis_id"))
        load(
            self.session,
            _VALUES,
            frame.select("analysis_id", "actor_id", *kept),
            keys=(),
            update=(),
        )

    def get(self, key: str) -> Analysis | None:
        row = self.session.scalar(select(AnalysisRow).where(AnalysisRow.key == key))
        return None if row is None else _analysis(row)

    def find(self, *, scopes: Collection[Scope]) -> list[Analysis]:
        """Analyses of the given scopes, the newest first."""
        query = (
            select(AnalysisRow)
            .where(AnalysisRow.scope.in_([s.value for s in scopes]))
            .order_by(AnalysisRow.created_at.desc(), AnalysisRow.key)
        )
        return [_analysis(row) for row in self.session.scalars(query)]

    def keys_like(self, prefix: str) -> list[str]:
        query = select(AnalysisRow.key).where(AnalysisRow.key.startswith(prefix, autoescape=True))
        return list(self.session.scalars(query))

    def delete(self, key: str) -> bool:
        """Delete analysis ``key`` and its values; False when there was none."""
        found = self.session.scalar(select(AnalysisRow.id).where(AnalysisRow.key == key))
        if found is None:
            return False
        self.session.execute(delete(AnalysisValueRow).where(AnalysisValueRow.analysis_id == found))
        self.session.execute(delete(AnalysisRow).where(AnalysisRow.id == found))
        return True

    def values(
        self,
        key: str,
        *,
        sort: str = "actor",
        descending: bool = False,
        after: tuple[Any, str] | None = None,
        limit: int = 100,
        community_only: bool = False,
    ) -> list[dict[str, Any]]:
        """One page of values as dicts (``actor`` first), ordered by ``sort`` then actor key.

        Undefined values sort last in either direction. ``after`` is the (value, actor) of
        the last row already seen.
        """
        v, a = AnalysisValueRow, ActorRow
        columns = [getattr(v, name) for name in VALUE_COLUMNS]
        query = (
            select(a.key, *columns)
            .join(a, a.id == v.actor_id)
            .join(AnalysisRow, AnalysisRow.id == v.analysis_id)
            .where(AnalysisRow.key == key)
        )
        if community_only:
            query = query.where(a.visibility == Scope.COMMUNITY.value)
        if sort == "actor":
            if after is not None:
                query = query.where(a.key > after[1])
            query = query.order_by(a.key.desc() if descending else a.key)
        else:
            measure = getattr(v, sort)
            if after is not None:
                value, last = after
                if value is None:
                    query = query.where(measure.is_(None), a.key > last)
                else:
                    beyond = measure < value if descending else measure > value
                    query = query.where(
                        or_(beyond, and_(measure == value, a.key > last), measure.is_(None))
                    )
            order = measure.desc() if descending else measure.asc()
            query = query.order_by(order.nulls_last(), a.key)
        names = ("actor", *VALUE_COLUMNS)
        return [
            dict(zip(names, row, strict=True)) for row in self.session.execute(query.limit(limit))
        ]

    def count_values(self, key: str) -> int:
        query = (
            select(func.count())
            .select_from(AnalysisValueRow)
            .join(AnalysisRow, AnalysisRow.id == AnalysisValueRow.analysis_id)
            .where(AnalysisRow.key == key)
        )
        return self.session.scalar(query) or 0


def _analysis(row: AnalysisRow) -> Analysis:
    return Analysis(
        key=row.key,
        layer=Layer.from_dict(dict(row.layer) | {"scope": row.scope}),
        created_at=as_utc(row.created_at),
        actors=row.actors,
        ties=row.ties,
        seed=row.seed,
        pivots=row.pivots,
        summary=dict(row.summary),
        notices=tuple((t, dict(p)) for t, p in row.notices),
    )
