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
    """Audit events, newest first."""

    def record(self, e: AuditEvent) -> None:
        ids = self.actor_ids(k for k in (e.subject_actor, e.by_actor) if k)
        user_id = (
            self.session.scalar(select(UserRow.id).where(UserRow.email == e.by_user.casefold()))
            if e.by_user
            else None
        )
        self.session.add(
            AuditEventRow(
                at=e.at,
                action=e.action,
                detail=e.detail,
                by_user_id=user_id,
                subject_actor_id=ids.get(e.subject_actor or ""),
                by_actor_id=ids.get(e.by_actor or ""),
            )
        )
        self.session.flush()

    def find_for(self, subject_actor: str) -> list[AuditEvent]:
        rows = self.session.execute(
            select(AuditEventRow, _Subject.key, _By.key, UserRow.email)
            .join(_Subject, AuditEventRow.subject_actor_id == _Subject.id)
            .outerjoin(_By, AuditEventRow.by_actor_id == _By.id)
            .outerjoin(UserRow, AuditEventRow.by_user_id == UserRow.id)
            .where(_Subject.key == subject_actor)
            .order_by(AuditEventRow.at.desc(), AuditEventRow.id.desc())
        )
        return [
            AuditEvent(as_utc(r.at), r.action, subject, user, by, r.detail, id=r.id)
            for r, subject, by, user in rows
        ]
