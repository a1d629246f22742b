"""Use case: the audit trail of an actor's data — who read what partners were shown of it,
and who changed its sharing policies, when, in which cooperation; newest first."""

from __future__ import annotations

from typing import Any

from jejaring.domain.accounts import AuditEvent, User
from jejaring.domain.errors import N_, NotFound
from jejaring.services.access import Operation, authorize, principal
from jejaring.services.bootstrap import Context

__all__ = ["audit_dict", "audit_trail"]


def audit_trail(ctx: Context, user: User | None, actor: str) -> list[AuditEvent]:
    """Events about ``actor``: for its owners and managers, and administrators."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=actor)
        if uow.actors.get(actor) is None:
            raise missing
        authorize(p, Operation.AUDIT, actor, visible=False, missing=missing)
        return uow.audit.find_for(actor)


def audit_dict(e: AuditEvent) -> dict[str, Any]:
    return {
        "at": e.at.isoformat(),
        "action": e.action,
        "actor": e.subject_actor,
        "by_user": e.by_user,
        "by_actor": e.by_actor,
        "cooperation": e.cooperation,
        "detail": e.detail,
    }
