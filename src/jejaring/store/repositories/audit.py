"""The audit trail a data owner can list."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from jejaring.domain.accounts import AuditEvent
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import ActorRow, AuditEventRow, UserRow

__all__ = ["AuditRepository"]

_Subject, _By = aliased(ActorRow), aliased(ActorRow)


class AuditRepository(Repository):
    """Audit events, newest first; times are stored and returned in UTC."""

    def record(self, e: AuditEvent) -> None:
        """Append an event; NotFound for an actor or user it names that does not exist."""
        # An event about nobody known would never be listed: refuse it rather than lose it.
        subject_id = self.actor_id(e.subject_actor) if e.subject_actor else None
        by_actor_id = self.actor_id(e.by_actor) if e.by_actor else None
        user_id = self.user_id(e.by_user) if e.by_user else None
        self.session.add(
            AuditEventRow(
                at=as_utc(e.at),
                action=e.action,
                detail=e.detail,
                by_user_id=user_id,
                subject_actor_id=subject_id,
                by_actor_id=by_actor_id,
                cooperation=e.cooperation,
            )
        )
        self._flush()

    def find_for(self, subject_actor: str) -> list[AuditEvent]:
        """Events about the actor, newest first (the later recorded first among equals)."""
        rows = self.session.execute(
            select(AuditEventRow, _By.key, UserRow.email)
            .outerjoin(_By, AuditEventRow.by_actor_id == _By.id)
            .outerjoin(UserRow, AuditEventRow.by_user_id == UserRow.id)
            .where(AuditEventRow.subject_actor_id == self.actor_id(subject_actor))
            .order_by(AuditEventRow.at.desc(), AuditEventRow.id.desc())
        )
        return [
            AuditEvent(
                as_utc(r.at), r.action, subject_actor, user, by, r.detail, r.cooperation, id=r.id
            )
            for r, by, user in rows
        ]
