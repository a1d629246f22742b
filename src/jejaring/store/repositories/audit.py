"""The audit trail a data owner can list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import aliased

from jejaring.domain.accounts import AuditEvent
from jejaring.domain.errors import N_, NotFound
from jejaring.store.repositories.base import PARAMETERS, Repository, as_utc
from jejaring.store.tables import ActorRow, AuditEventRow, UserRow

__all__ = ["AuditRepository"]

_Subject, _By = aliased(ActorRow), aliased(ActorRow)


class AuditRepository(Repository):
    """Audit events, newest first; times are stored and returned in UTC."""

    def record(self, e: AuditEvent) -> None:
        """Append an event; NotFound for an actor or user it names that does not exist."""
        self.record_all([e])

    def record_all(self, events: Sequence[AuditEvent]) -> None:
        """Append events, looking the actors and users they name up once for all of them."""
        self.append(self.rows_of(events))

    def rows_of(self, events: Sequence[AuditEvent]) -> list[dict[str, Any]]:
        """The rows that record ``events``, read but not written; NotFound for an actor or
        user one names that does not exist."""
        if not events:
            return []
        # An event about nobody known would never be listed: refuse it rather than lose it.
        actors = self.actor_ids(k for e in events for k in (e.subject_actor, e.by_actor) if k)
        users = self.user_ids(e.by_user for e in events if e.by_user)

        def actor(key: str | None) -> int | None:
            if key and key not in actors:
                raise NotFound(N_("actor '{key}' not found"), key=key)
            return actors[key] if key else None

        def user(email: str | None) -> int | None:
            if email and email not in users:
                raise NotFound(N_("user '{email}' not found"), email=email)
            return users[email] if email else None

        return [
            {
                "at": as_utc(e.at),
                "action": e.action,
                "detail": e.detail,
                "by_user_id": user(e.by_user),
                "subject_actor_id": actor(e.subject_actor),
                "by_actor_id": actor(e.by_actor),
                "cooperation": e.cooperation,
            }
            for e in events
        ]

    def append(self, rows: Sequence[dict[str, Any]]) -> None:
        """Write rows made by ``rows_of``."""
        if not rows:
            return  # an insert given no rows would write one row of defaults
        # Core, not ORM objects: written on every audited read, and nothing reads the rows
        # back in this transaction. Many rows to one statement, not one execution per row:
        # on SQLite each execution hands the GIL over while the write lock is held.
        per_statement = PARAMETERS // len(rows[0])
        for i in range(0, len(rows), per_statement):
            self.session.execute(insert(AuditEventRow).values(rows[i : i + per_statement]))

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
