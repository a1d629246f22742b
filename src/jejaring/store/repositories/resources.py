"""Resources (with co-owners and the cooperations they are shared into) and bookings."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, func, select

from jejaring.domain.errors import N_, NotFound
from jejaring.domain.resources import Booking, BookingStatus, Resource, ResourceKind, ResourceShare
from jejaring.store import changes
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import (
    ActorRow,
    BookingRow,
    CooperationRow,
    ResourceCooperationRow,
    ResourceRow,
    ResourceShareRow,
)

__all__ = ["BookingRepository", "ResourceRepository"]


class ResourceRepository(Repository):
    """Resources by key."""

    def save(self, r: Resource) -> None:
        """Add the resource, or replace every field and co-owner of the one with that key."""
        # Resolve every reference before touching the session: a look-up autoflushes, and a
        # half-filled new row must not be flushed.
        owner_id = self.actor_id(r.owner)
        share_ids = [(self.actor_id(s.actor), s.share) for s in r.co_owners]
        self.require_territories([r.territory])
        row = self.session.scalar(select(ResourceRow).where(ResourceRow.key == r.key))
        if row is None:
            row = ResourceRow(key=r.key)
            self.session.add(row)
        row.owner_id, row.name, row.kind = owner_id, r.name, r.kind.value
        row.capacity, row.unit, row.territory = r.capacity, r.unit, r.territory
        row.cost_rate, row.availability = r.cost_rate, r.availability
        self._flush()
        self.session.execute(delete(ResourceShareRow).where(ResourceShareRow.resource_id == row.id))
        self.session.add_all(
            ResourceShareRow(resource_id=row.id, actor_id=actor_id, share=share)
            for actor_id, share in share_ids
        )
        self._flush()

    def get(self, key: str) -> Resource | None:
        found = self.find(key=key)
        return found[0] if found else None

    def delete(self, key: str) -> None:
        """Remove the resource with its co-owners, bookings and offers; NotFound if none."""
        row = self.session.get(ResourceRow, self.resource_id(key))
        self.session.delete(row)
        self._flush()
        self.session.expire_all()  # the database cascaded to rows the session may hold

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(ResourceRow)) or 0

    def find(self, *, key: str | None = None, owner: str | None = None) -> list[Resource]:
        """Resources ordered by key; one by key, or those of one owner."""
        query = (
            select(ResourceRow, ActorRow.key)
            .join(ActorRow, ResourceRow.owner_id == ActorRow.id)
            .order_by(ResourceRow.key)
        )
        if key is not None:
            query = query.where(ResourceRow.key == key)
        if owner is not None:
            query = query.where(ActorRow.key == owner)
        rows = self.session.execute(query).all()
        shares: dict[int, list[ResourceShare]] = defaultdict(list)
        ids = [row.id for row, _ in rows]
        for i in range(0, len(ids), 900):  # one query per chunk, not one per resource
            for resource_id, actor, share in self.session.execute(
                select(ResourceShareRow.resource_id, ActorRow.key, ResourceShareRow.share)
                .join(ActorRow, ResourceShareRow.actor_id == ActorRow.id)
                .where(ResourceShareRow.resource_id.in_(ids[i : i + 900]))
            ):
                shares[resource_id].append(ResourceShare(actor, share))
        return [
            Resource(
                row.key,
                owner_key,
                row.name,
                ResourceKind(row.kind),
                row.capacity,
                row.unit,
                row.territory,
                row.cost_rate,
                row.availability,
                tuple(shares[row.id]),
            )
            for row, owner_key in rows
        ]

    def share_into(self, key: str, cooperation: str) -> None:
        """Offer the resource to the members of a cooperation (again: no change)."""
        ids = (self.resource_id(key), self.cooperation_id(cooperation))
        if self.session.get(ResourceCooperationRow, ids) is None:
            self.session.add(ResourceCooperationRow(resource_id=ids[0], cooperation_id=ids[1]))
            self._flush()

    def lock(self, key: str) -> None:
        """Hold the resource's row until the transaction ends, so its bookings change one
        transaction at a time (PostgreSQL: ``FOR UPDATE``; SQLite's IMMEDIATE writes already
        queue, and it has no row locks); NotFound if there is none."""
        self.session.execute(
            select(ResourceRow.id).where(ResourceRow.id == self.resource_id(key)).with_for_update()
        )

    def shared_in(self, cooperation: str) -> list[str]:
        """Keys of the resources offered to a cooperation, in order."""
        return list(
            self.session.scalars(
                select(ResourceRow.key)
                .join(ResourceCooperationRow)
                .where(ResourceCooperationRow.cooperation_id == self.cooperation_id(cooperation))
                .order_by(ResourceRow.key)
            )
        )

    def cooperations(self, key: str) -> list[str]:
        """Keys of the cooperations the resource is offered to, in order."""
        return list(
            self.session.scalars(
                select(CooperationRow.key)
                .join(ResourceCooperationRow)
                .where(ResourceCooperationRow.resource_id == self.resource_id(key))
                .order_by(CooperationRow.key)
            )
        )


class BookingRepository(Repository):
    """Bookings of resources' capacity, by id; times are stored and returned in UTC."""

    def add(self, b: Booking, *, reason: str = "") -> int:
        """Store a booking and return its id."""
        # The resource's id with its owner, whose scope the booking counts for, in one read.
        found = self.session.execute(
            select(ResourceRow.id, ActorRow.key)
            .join(ActorRow, ResourceRow.owner_id == ActorRow.id)
            .where(ResourceRow.key == b.resource)
        ).one_or_none()
        if found is None:
            raise NotFound(N_("resource '{key}' not found"), key=b.resource)
        resource_id, owner = found
        row = BookingRow(
            resource_id=resource_id,
            by_actor_id=self.actor_id(b.by_actor),
            cooperation_id=self.cooperation_id(b.cooperation) if b.cooperation else None,
            start=as_utc(b.start),
            end=as_utc(b.end),
            quantity=b.quantity,
            status=b.status.value,
            reason=reason,
        )
        self._flush()  # so that only this booking is written inside the scope below
        scopes = {changes.actor_scope(b.by_actor), changes.actor_scope(owner)}
        with changes.scoped(self.session.connection(), "booking", scopes):
            self.session.add(row)
            self._flush()
        return row.id

    def get(self, booking_id: int) -> Booking | None:
        found = self._load(BookingRow.id == booking_id)
        return found[0] if found else None

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(BookingRow)) or 0

    def set_status(self, booking_id: int, status: BookingStatus) -> None:
        """Confirm, refuse or cancel a booking; NotFound when there is none."""
        row = self.session.get(BookingRow, booking_id)
        if row is None:
            raise NotFound(N_("booking {id} not found"), id=booking_id)
        row.status = status.value
        self._flush()

    def reason(self, booking_id: int) -> str:
        """Why a booking was refused ('' when it was not, or there is none)."""
        return (
            self.session.scalar(select(BookingRow.reason).where(BookingRow.id == booking_id)) or ""
        )

    def in_cooperation(self, cooperation: str) -> list[Booking]:
        """Bookings made through a cooperation, ordered by start."""
        return self._load(BookingRow.cooperation_id == self.cooperation_id(cooperation))

    def find(self, resource: str) -> list[Booking]:
        """The resource's bookings ordered by start, then in the order they were made."""
        return self._load(BookingRow.resource_id == self.resource_id(resource))

    def holding(self, resource: str, start: datetime, end: datetime) -> list[Booking]:
        """The resource's confirmed bookings that meet ``[start, end)``, ordered as ``find``."""
        return self._load(
            and_(
                BookingRow.resource_id == self.resource_id(resource),
                BookingRow.status == BookingStatus.CONFIRMED.value,
                BookingRow.start < as_utc(end),
                BookingRow.end > as_utc(start),
            )
        )

    def confirmed(self) -> list[Booking]:
        """Every confirmed booking, ordered by start, then in the order they were made."""
        return self._load(BookingRow.status == BookingStatus.CONFIRMED.value)

    def _load(self, where: ColumnElement[bool]) -> list[Booking]:
        rows = self.session.execute(
            select(BookingRow, ResourceRow.key, ActorRow.key, CooperationRow.key)
            .join(ResourceRow, BookingRow.resource_id == ResourceRow.id)
            .join(ActorRow, BookingRow.by_actor_id == ActorRow.id)
            .outerjoin(CooperationRow, BookingRow.cooperation_id == CooperationRow.id)
            .where(where)
            .order_by(BookingRow.start, BookingRow.id)
        )
        return [
            Booking(
                resource,
                actor,
                as_utc(r.start),
                as_utc(r.end),
                r.quantity,
                BookingStatus(r.status),
                coop,
                id=r.id,
            )
            for r, resource, actor, coop in rows
        ]
