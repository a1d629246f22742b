"""Capability assessments: answers keep the instrument version they were given under."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import func, select

from jejaring.domain.capability import Assessment
from jejaring.store.repositories.base import Repository
from jejaring.store.tables import ActorRow, AssessmentRow

__all__ = ["AssessmentRepository"]


class AssessmentRepository(Repository):
    """Assessments by actor."""

    def add(self, a: Assessment) -> None:
        """Store an assessment; Conflict when the respondent answered that version that day."""
        self.session.add(
            AssessmentRow(
                actor_id=self.actor_id(a.actor),
                instrument_version=a.instrument_version,
                respondent=a.respondent,
                taken_at=a.taken_at,
                answers=dict(a.answers),
            )
        )
        self._flush()

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(AssessmentRow)) or 0

    def stored_keys(self, actors: Collection[str], version: str) -> set[tuple[str, str, date]]:
        """(actor, respondent, taken_at) of the stored answers of ``actors`` under ``version``."""
        if not actors:
            return set()
        query = (
            select(ActorRow.key, AssessmentRow.respondent, AssessmentRow.taken_at)
            .join(ActorRow, AssessmentRow.actor_id == ActorRow.id)
            .where(ActorRow.key.in_(list(actors)), AssessmentRow.instrument_version == version)
        )
        return {(k, r, t) for k, r, t in self.session.execute(query)}

    def find(self, *, actor: str | None = None) -> list[Assessment]:
        """Assessments ordered by actor key, date taken and respondent."""
        query = (
            select(AssessmentRow, ActorRow.key)
            .join(ActorRow, AssessmentRow.actor_id == ActorRow.id)
            .order_by(ActorRow.key, AssessmentRow.taken_at, AssessmentRow.respondent)
        )
        if actor is not None:
            query = query.where(ActorRow.key == actor)
        return [
            Assessment(key, r.instrument_version, r.respondent, r.taken_at, dict(r.answers))
            for r, key in self.session.execute(query)
        ]
