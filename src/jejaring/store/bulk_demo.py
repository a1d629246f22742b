"""Set-based writes for the demo's extras (sharing policies, posts, referrals, assessments).

Rows arrive with the store's integer ids already resolved (:func:`ids_by_key`). Policies and
assessments have natural keys and are upserted; posts and referrals have none, so a row is
added only when no stored row has the same identity (cooperation, author, title and time for a
post; requester, introducer, target and time for a referral). Running the demo twice therefore
writes nothing twice.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from jejaring.store.bulk import table_of, upsert
from jejaring.store.repositories.base import PARAMETERS
from jejaring.store.tables import (
    ActorRow,
    AssessmentRow,
    CooperationRow,
    CustomerRow,
    PostRow,
    ReferralRow,
    SharingPolicyRow,
)

__all__ = [
    "add_new_posts",
    "add_new_referrals",
    "customer_ids",
    "ids_by_key",
    "upsert_assessments",
    "upsert_policies",
]

_ROWS: dict[str, Any] = {"actor": ActorRow, "cooperation": CooperationRow}
Row = Mapping[str, Any]


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), PARAMETERS):
        yield values[i : i + PARAMETERS]


def ids_by_key(session: Session, entity: str, keys: Collection[str]) -> dict[str, int]:
    """Ids of the actors or cooperations (``entity``) among ``keys`` that exist."""
    row = _ROWS[entity]
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(keys))):
        query = select(row.key, row.id).where(row.key.in_(chunk))
        found.update((key, id_) for key, id_ in session.execute(query))
    return found


def customer_ids(session: Session, owner_ids: Collection[int]) -> dict[tuple[int, str], int]:
    """Ids of the customers of the given owners, by (owner id, customer key)."""
    found: dict[tuple[int, str], int] = {}
    for chunk in _chunks(sorted(set(owner_ids))):
        query = select(CustomerRow.owner_id, CustomerRow.key, CustomerRow.id).where(
            CustomerRow.owner_id.in_(chunk)
        )
        found.update(((owner, key), id_) for owner, key, id_ in session.execute(query))
    return found


def upsert_policies(session: Session, rows: Sequence[Row]) -> int:
    """Add or replace sharing policies (one per cooperation and actor)."""
    return upsert(session, table_of(SharingPolicyRow), rows, keys=["cooperation_id", "actor_id"])


def upsert_assessments(session: Session, rows: Sequence[Row]) -> int:
    """Add assessments, replacing the answers of one respondent's earlier copy of the same day."""
    keys = ["actor_id", "instrument_version", "respondent", "taken_at"]
    return upsert(session, table_of(AssessmentRow), rows, keys=keys)


def _utc(value: datetime) -> datetime:
    """Naive UTC: SQLite returns naive datetimes, PostgreSQL aware ones."""
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def _add_new(
    session: Session, row: Any, rows: Sequence[Row], scope: str, identity: Sequence[str]
) -> int:
    """Insert the ``rows`` whose ``identity`` columns match no stored row of the same ``scope``."""
    columns = [getattr(row, name) for name in identity]
    stored: set[tuple[Any, ...]] = set()
    for chunk in _chunks(sorted({r[scope] for r in rows})):
        query = select(*columns).where(getattr(row, scope).in_(chunk))
        stored.update(
            tuple(_utc(v) if isinstance(v, datetime) else v for v in found)
            for found in session.execute(query)
        )
    new = [
        r
        for r in rows
        if tuple(_utc(r[c]) if isinstance(r[c], datetime) else r[c] for c in identity) not in stored
    ]
    table = table_of(row)
    for i in range(0, len(new), 5_000):
        session.execute(insert(table), new[i : i + 5_000])
    return len(new)


def add_new_posts(session: Session, rows: Sequence[Row]) -> int:
    """Add the posts not stored yet; returns how many were added."""
    identity = ["cooperation_id", "author_id", "title", "created"]
    return _add_new(session, PostRow, rows, "cooperation_id", identity)


def add_new_referrals(session: Session, rows: Sequence[Row]) -> int:
    """Add the referrals not stored yet; returns how many were added."""
    identity = ["requester_id", "introducer_id", "target_actor_id", "target_customer_id", "created"]
    return _add_new(session, ReferralRow, rows, "requester_id", identity)
