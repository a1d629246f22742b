"""Ties between actors."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from jejaring.domain.actors import Visibility
from jejaring.domain.ties import Tie
from jejaring.store.repositories.base import Repository
from jejaring.store.tables import ActorRow, TieRow

__all__ = ["TieRepository"]

_Source, _Target = aliased(ActorRow), aliased(ActorRow)


class TieRepository(Repository):
    """Ties, addressed by their two actors' keys and their type."""

    def add(self, tie: Tie) -> None:
        ids = self.actor_ids([tie.source, tie.target])
        self.session.add(
            TieRow(
                source_id=ids[tie.source],
                target_id=ids[tie.target],
                type=tie.type,
                weight=tie.weight,
                directed=tie.directed,
                since=tie.since,
                until=tie.until,
                visibility=tie.visibility.value,
            )
        )
        self.session.flush()

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(TieRow)) or 0

    def find(self, *, actor: str | None = None, types: Collection[str] | None = None) -> list[Tie]:
        """Ties ordered by source, target and type; those of one actor, of some types."""
        query = (
            select(TieRow, _Source.key, _Target.key)
            .join(_Source, TieRow.source_id == _Source.id)
            .join(_Target, TieRow.target_id == _Target.id)
            .order_by(_Source.key, _Target.key, TieRow.type)
        )
        if actor is not None:
            query = query.where(or_(_Source.key == actor, _Target.key == actor))
        if types is not None:
            query = query.where(TieRow.type.in_(list(types)))
        return [
            Tie(
                source,
                target,
                row.type,
                row.weight,
                row.directed,
                row.since,
                row.until,
                Visibility(row.visibility),
            )
            for row, source, target in self.session.execute(query)
        ]
