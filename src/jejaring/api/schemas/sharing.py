"""What network sharing shows an actor: reach, account maps and its audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from jejaring.domain.accounts import AuditEvent

__all__ = [
    "AccountMapPublic",
    "AuditEventPublic",
    "AuditTrailPublic",
    "PooledPublic",
    "ReachFiguresPublic",
    "ReachPublic",
]


class ReachFiguresPublic(BaseModel):
    """Territories of demand covered, their demand and customers (null: not the asker's;
    "< 5" for a small count of partners' customers)."""

    territories: int
    demand: float
    customers: int | str | None


class PooledPublic(BaseModel):
    """Reach pooled with ``partners``: all of it, and what they add."""

    combined: ReachFiguresPublic
    added: ReachFiguresPublic
    partners: list[str]


class ReachPublic(BaseModel):
    """An actor's reach alone, with its active partners, and within ``k`` steps."""

    actor: str
    k: int
    alone: ReachFiguresPublic
    with_partners: PooledPublic
    within_k: PooledPublic


class AccountMapPublic(BaseModel):
    """What ``a`` sees of its overlap with ``b`` at the level ``b`` shares.

    ``categories``: per category, ``total``, ``by_territory`` and ``by_segment`` (counts, or
    "< 5"); ``overlaps`` (levels overlaps and full): the records in common; ``shared`` (full):
    ``b``'s records in its shared segments.
    """

    a: str
    b: str
    cooperation: str
    level: str
    categories: dict[str, dict[str, Any]]
    overlaps: list[dict[str, Any]] | None
    shared: list[dict[str, Any]] | None


class AuditEventPublic(BaseModel):
    """Who read or changed what of the actor's data, when, in which cooperation."""

    at: datetime
    action: str = Field(examples=["mapping.read", "policy.changed", "psi.queried"])
    actor: str | None
    by_user: str | None
    by_actor: str | None
    cooperation: str | None
    detail: str

    @classmethod
    def of(cls, e: AuditEvent) -> AuditEventPublic:
        return cls(
            at=e.at,
            action=e.action,
            actor=e.subject_actor,
            by_user=e.by_user,
            by_actor=e.by_actor,
            cooperation=e.cooperation,
            detail=e.detail,
        )


class AuditTrailPublic(BaseModel):
    """A page of the actor's audit events, newest first."""

    items: list[AuditEventPublic]
    next_cursor: str | None
