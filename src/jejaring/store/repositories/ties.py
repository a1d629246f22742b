"""Ties between actors."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from jejaring.domain.actors import Visibility
from jejaring.domain.errors import N_, NotFound
from jejaring.domain.ties import Tie
from jejaring.store.errors import Conflict
from jejaring.store.repositories.base import Repository
from jejaring.store.tables import ActorRow, TieRow, TieTypeRow

__all__ = ["TieRepository"]

_Source, _Target = aliased(ActorRow), aliased(ActorRow)


class TieRepository(Repository):
    """Ties, addressed by their two actors' keys and their type.

    An undirected tie a–b is the same tie as b–a: it is found, replaced and deleted from either
    end, and adding the other one is a Conflict.
    """

    def add(self, tie: Tie) -> None:
        """Add a tie; Conflict when it exists, NotFound for an unknown actor or type."""
        source_id, target_id = self._ends(tie)
        if self._row(source_id, target_id, tie.type, tie.directed) is not None:
            raise Conflict(
                N_("a tie {source}-{target} of type {type} exists already"),
                source=tie.source,
                target=tie.target,
                type=tie.type,
            )
        row = TieRow(source_id=source_id, target_id=target_id, type=tie.type)
        _fill(row, tie)
        self.session.add(row)
        self._flush()

    def save(self, tie: Tie) -> None:
        """Add the tie, or replace the one between the same actors of the same type."""
        source_id, target_id = self._ends(tie)
        row = self._row(source_id, target_id, tie.type, tie.directed)
        if row is None:
            row = TieRow(type=tie.type)
            self.session.add(row)
        row.source_id, row.target_id = source_id, target_id
        _fill(row, tie)
        self._flush()

    def get(self, source: str, target: str, type: str) -> Tie | None:
        """The tie of ``type`` from ``source`` to ``target`` (either way when undirected)."""
        ids = self.actor_ids([source, target])
        if source not in ids or target not in ids:
            return None
        row = self._row(ids[source], ids[target], type, directed=False)
        if row is None or (row.directed and row.source_id != ids[source]):
            return None
        keys = {ids[source]: source, ids[target]: target}
        return _tie(row, keys[row.source_id], keys[row.target_id])

    def delete(self, source: str, target: str, type: str) -> None:
        """Remove the tie that ``get`` finds; NotFound when there is none."""
        ids = self.actor_ids([source, target])
        row = None
        if source in ids and target in ids:
            row = self._row(ids[source], ids[target], type, directed=False)
            if row is not None and row.directed and row.source_id != ids[source]:
                row = None
        if row is None:
            raise NotFound(
                N_("tie {source}-{target} of type {type} not found"),
                source=source,
                target=target,
                type=type,
            )
        self.session.delete(row)
        self._flush()

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
        return [_tie(row, source, target) for row, source, target in self.session.execute(query)]

    def _ends(self, tie: Tie) -> tuple[int, int]:
        if self.session.get(TieTypeRow, tie.type) is None:
            raise NotFound(N_("tie type '{key}' not found"), key=tie.type)
        return self.actor_id(tie.source), self.actor_id(tie.target)

    def _row(self, source_id: int, target_id: int, type: str, directed: bool) -> TieRow | None:
        """The stored tie this one would be: the same way round, or the other way when either
        of the two is undirected."""
        same = self.session.scalar(
            select(TieRow).where(
                TieRow.source_id == source_id, TieRow.target_id == target_id, TieRow.type == type
            )
        )
        if same is not None:
            return same
        reverse = self.session.scalar(
            select(TieRow).where(
                TieRow.source_id == target_id, TieRow.target_id == source_id, TieRow.type == type
            )
        )
        if reverse is not None and (not directed or not reverse.directed):
            return reverse
        return None


def _fill(row: TieRow, tie: Tie) -> None:
    row.weight, row.directed, row.since, row.until = tie.weight, tie.directed, tie.since, tie.until
    row.visibility = tie.visibility.value


def _tie(row: TieRow, source: str, target: str) -> Tie:
    return Tie(
        source,
        target,
        row.type,
        row.weight,
        row.directed,
        row.since,
        row.until,
        Visibility(row.visibility),
    )
