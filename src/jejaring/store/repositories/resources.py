"""Resources (with co-owners and the cooperations they are shared into) and bookings."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from jejaring.domain.resources import Booking, BookingStatus, Resource, ResourceKind, ResourceShare
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
        row = self.session.scalar(select(ResourceRow).where(ResourceRow.key == r.key))
        if row is None:
            row = ResourceRow(key=r.key)
            self.session.add(row)
        row.owner_id, row.name, row.kind = self.actor_id(r.owner), r.name, r.kind.value
        row.capacity, row.unit, row.territory = r.capacity, r.unit, r.territory
        row.cost_rate, row.availability = r.cost_rate, r.availability
        self.session.flush()
        for old in self.session.scalars(
            select(ResourceShareRow).where(ResourceShareRow.resource_id == row.id)
        ):
            self.session.delete(old)
        self.session.flush()
        self.session.add_all(
            ResourceShareRow(resource_id=row.id, actor_id=self.actor_id(s.actor), share=s.share)
            for s in r.co_owners
        )
        self.session.flush()

    def get(self, key: str) -> Resource | None:
        found = self.find(key=key)
        return found[0] if found else None

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(ResourceRow)) or 0

    def find(self, *, key: str | None = None, owner: str | None = None) -> list[Resource]:
        query = (
            select(ResourceRow, ActorRow.key)
            .join(ActorRow, ResourceRow.owner_id == ActorRow.id)
            .order_by(ResourceRow.key)
        )
        if key is not None:
            query = query.where(ResourceRow.key == key)
        if owner is not None:
            query = query.where(ActorRow.key == owner)
        result = []
        for row, owner_key in self.session.execute(query).all():
            shares = self.session.execute(
                select(ActorRow.key, ResourceShareRow.share)
                .join(ActorRow, ResourceShareRow.actor_id == ActorRow.id)
                .where(ResourceShareRow.resource_id == row.id)
                .order_by(ActorRow.key)
            )
            result.append(
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
                    tuple(ResourceShare(a, s) for a, s in shares),
                )
            )
        return result

    def share_into(self, key: str, cooperation: str) -> None:
        """Offer the resource to the members of a cooperation."""
        ids = (self.resource_id(key), self.cooperation_id(cooperation))
        if self.session.get(ResourceCooperationRow, ids) is None:
            self.session.add(ResourceCooperationRow(resource_id=ids[0], cooperation_id=ids[1]))
            self.session.flush()

    def cooperations(self, key: str) -> list[str]:
        return list(
            self.session.scalars(
                select(CooperationRow.key)
                .join(ResourceCooperationRow)
                .where(ResourceCooperationRow.resource_id == self.resource_id(key))
                .order_by(CooperationRow.key)
            )
        )


_Resource = aliased(ResourceRow)


class BookingRepository(Repository):
    """Bookings of resources' capacity."""

    def add(self, b: Booking, *, reason: str = "") -> int:
        coop = self.cooperation_id(b.cooperation) if b.cooperation else None
        row = BookingRow(
            resource_id=self.resource_id(b.resource),
            by_actor_id=self.actor_id(b.by_actor),
            cooperation_id=coop,
            start=b.start,
            end=b.end,
            quantity=b.quantity,
            status=b.status.value,
            reason=reason,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def find(self, resource: str) -> list[Booking]:
        rows = self.session.execute(
            select(BookingRow, ActorRow.key, CooperationRow.key)
            .join(ActorRow, BookingRow.by_actor_id == ActorRow.id)
            .outerjoin(CooperationRow, BookingRow.cooperation_id == CooperationRow.id)
            .where(BookingRow.resource_id == self.resource_id(resource))
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
            )
            for r, actor, coop in rows
        ]
