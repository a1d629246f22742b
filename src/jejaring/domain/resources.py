"""Resources shared between members and bookings of their capacity over time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from jejaring.domain.actors import check_key
from jejaring.domain.errors import N_, InvalidValue

__all__ = ["Booking", "BookingStatus", "Resource", "ResourceKind", "ResourceShare"]


class ResourceKind(StrEnum):
    """The kinds of resources members co-utilize."""

    WAREHOUSE = "warehouse"
    VEHICLE = "vehicle"
    SHOWROOM = "showroom"
    EQUIPMENT = "equipment"
    SALES_STAFF = "sales_staff"
    DISTRIBUTION_CHANNEL = "distribution_channel"
    BUDGET = "budget"


class BookingStatus(StrEnum):
    """A confirmed booking holds capacity; refused and cancelled ones do not."""

    CONFIRMED = "confirmed"
    REFUSED = "refused"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class ResourceShare:
    """A co-owner's share of a resource, in (0, 1]."""

    actor: str
    share: float


@dataclass(frozen=True, slots=True)
class Resource:
    """Capacity an owner (or co-owners) can lend; ``cost_rate`` is rupiah per unit and hour."""

    key: str
    owner: str
    name: str
    kind: ResourceKind
    capacity: float
    unit: str = "unit"
    territory: str | None = None
    cost_rate: float = 0.0
    availability: str = ""
    co_owners: tuple[ResourceShare, ...] = ()

    def __post_init__(self) -> None:
        check_key(self.key)
        if not self.capacity > 0:
            raise InvalidValue(
                N_("capacity: must be a number > 0, got {value}"), value=self.capacity
            )
        if not self.cost_rate >= 0:
            raise InvalidValue(
                N_("cost_rate: must be a number >= 0, got {value}"), value=self.cost_rate
            )
        if self.co_owners and abs(sum(s.share for s in self.co_owners) - 1.0) > 1e-9:
            raise InvalidValue(N_("co_owners: shares must add up to 1"))


@dataclass(frozen=True, slots=True)
class Booking:
    """A request for ``quantity`` of a resource over the half-open interval ``[start, end)``."""

    resource: str
    by_actor: str
    start: datetime
    end: datetime
    quantity: float
    status: BookingStatus = BookingStatus.CONFIRMED
    cooperation: str | None = None

    def __post_init__(self) -> None:
        if not self.end > self.start:
            raise InvalidValue(N_("end: must be after start"))
        if not self.quantity > 0:
            raise InvalidValue(
                N_("quantity: must be a number > 0, got {value}"), value=self.quantity
            )

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """True when this booking's interval meets ``[start, end)``."""
        return self.start < end and start < self.end
