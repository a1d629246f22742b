"""Resources shared between members and bookings of their capacity over time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from jejaring.domain.actors import check_key, check_name, check_text
from jejaring.domain.errors import N_, InvalidValue
from jejaring.domain.numbers import check_non_negative, check_positive

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

    def __post_init__(self) -> None:
        check_positive(self.share, field="share")
        if self.share > 1:
            raise InvalidValue(N_("share: must be at most 1, got {value}"), value=self.share)


@dataclass(frozen=True, slots=True)
class Resource:
    """Capacity an owner (or co-owners) can lend; ``cost_rate`` is rupiah per unit and hour.

    Co-owners are kept sorted by actor (a share belongs to an actor, in no order), so that a
    resource read back equals the one saved.
    """

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
        object.__setattr__(self, "key", check_key(self.key))
        check_name(self.name)
        check_name(self.unit, field="unit", max_length=32)
        check_text(self.availability, field="availability")
        check_positive(self.capacity, field="capacity")
        check_non_negative(self.cost_rate, field="cost_rate")
        owners = tuple(sorted(self.co_owners, key=lambda s: s.actor))
        if len({s.actor for s in owners}) != len(owners):
            raise InvalidValue(N_("co_owners: an actor may hold only one share"))
        if owners and abs(sum(s.share for s in owners) - 1.0) > 1e-9:
            raise InvalidValue(N_("co_owners: shares must add up to 1"))
        object.__setattr__(self, "co_owners", owners)


@dataclass(frozen=True, slots=True)
class Booking:
    """A request for ``quantity`` of a resource over the half-open interval ``[start, end)``.

    ``id`` is given by the store and takes no part in equality.
    """

    resource: str
    by_actor: str
    start: datetime
    end: datetime
    quantity: float
    status: BookingStatus = BookingStatus.CONFIRMED
    cooperation: str | None = None
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if (self.start.tzinfo is None) != (self.end.tzinfo is None):
            # Python cannot order a naive and an aware datetime; say so in the domain's terms.
            raise InvalidValue(N_("end: start and end must both have a time zone, or neither"))
        if not self.end > self.start:
            raise InvalidValue(N_("end: must be after start"))
        check_positive(self.quantity, field="quantity")

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """True when this booking's interval meets ``[start, end)``."""
        return self.start < end and start < self.end
