"""Shared resources, their availability, bookings and a cooperation's settlement."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from jejaring.domain.capacity import Segment
from jejaring.domain.resources import Booking, BookingStatus, Resource, ResourceKind, ResourceShare

__all__ = [
    "AvailabilityPublic",
    "BookingCreate",
    "BookingPublic",
    "CoOwnerShare",
    "ResourceCreate",
    "ResourcePublic",
    "ResourcesPublic",
    "SegmentPublic",
    "SettlementPublic",
    "ShareCreate",
    "SharesPublic",
]


class CoOwnerShare(BaseModel):
    """A co-owner's share, in (0, 1]; the shares add up to 1."""

    actor: str = Field(max_length=64)
    share: float


class ResourceCreate(BaseModel):
    """A resource ``owner`` lends; ``cost_rate`` is rupiah per unit and hour."""

    key: str = Field(min_length=1, max_length=64)
    owner: str = Field(max_length=64)
    name: str = Field(max_length=200)
    kind: ResourceKind
    capacity: float
    unit: str = Field(default="unit", max_length=32)
    territory: str | None = Field(default=None, max_length=64)
    cost_rate: float = 0.0
    availability: str = Field(default="", max_length=2000)
    co_owners: list[CoOwnerShare] = Field(default=[], max_length=100)

    def to_domain(self) -> Resource:
        return Resource(
            key=self.key,
            owner=self.owner,
            name=self.name,
            kind=self.kind,
            capacity=self.capacity,
            unit=self.unit,
            territory=self.territory,
            cost_rate=self.cost_rate,
            availability=self.availability,
            co_owners=tuple(ResourceShare(s.actor, s.share) for s in self.co_owners),
        )


class ResourcePublic(ResourceCreate):
    """A resource as its owners and its cooperations' members see it."""

    @classmethod
    def of(cls, r: Resource) -> ResourcePublic:
        return cls(
            key=r.key,
            owner=r.owner,
            name=r.name,
            kind=r.kind,
            capacity=r.capacity,
            unit=r.unit,
            territory=r.territory,
            cost_rate=r.cost_rate,
            availability=r.availability,
            co_owners=[CoOwnerShare(actor=s.actor, share=s.share) for s in r.co_owners],
        )


class ResourcesPublic(BaseModel):
    """A page of resources; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[ResourcePublic]
    next_cursor: str | None


class ShareCreate(BaseModel):
    """The cooperation to offer the resource to."""

    cooperation: str = Field(max_length=64)


class SharesPublic(BaseModel):
    """The cooperations the resource is shared into."""

    resource: str
    cooperations: list[str]


class SegmentPublic(BaseModel):
    """A stretch of time over which the confirmed use does not change."""

    start: datetime
    end: datetime
    used: float
    free: float

    @classmethod
    def of(cls, s: Segment) -> SegmentPublic:
        return cls(start=s.start, end=s.end, used=s.used, free=s.free)


class AvailabilityPublic(BaseModel):
    """Free capacity over ``[start, end)``, segment by segment."""

    resource: str
    capacity: float
    unit: str
    segments: list[SegmentPublic]


class BookingCreate(BaseModel):
    """Book ``quantity`` of ``resource`` for actor ``by`` over ``[start, end)`` (UTC if no zone).

    ``cooperation`` names the cooperation booked through when there are several.
    """

    resource: str = Field(max_length=64)
    by: str = Field(max_length=64)
    start: datetime
    end: datetime
    quantity: float
    cooperation: str | None = Field(default=None, max_length=64)


class BookingPublic(BaseModel):
    """A booking and where it stands."""

    id: int | None
    resource: str
    by: str
    start: datetime
    end: datetime
    quantity: float
    status: BookingStatus
    cooperation: str | None

    @classmethod
    def of(cls, b: Booking) -> BookingPublic:
        return cls(
            id=b.id,
            resource=b.resource,
            by=b.by_actor,
            start=b.start,
            end=b.end,
            quantity=b.quantity,
            status=b.status,
            cooperation=b.cooperation,
        )


class SettlementPublic(BaseModel):
    """A month's usage ledger, every member's net balance and the transfers that settle it."""

    cooperation: str
    period: str
    total: float
    ledger: list[dict[str, Any]]
    balances: dict[str, float]
    transfers: list[dict[str, Any]]
