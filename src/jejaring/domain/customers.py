"""Customers and prospects: private to the actor that holds them, always."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jejaring.domain.actors import check_key
from jejaring.domain.errors import N_, InvalidValue

__all__ = ["Customer", "CustomerStatus"]


class CustomerStatus(StrEnum):
    """A customer buys already; a prospect may."""

    CUSTOMER = "customer"
    PROSPECT = "prospect"


@dataclass(frozen=True, slots=True)
class Customer:
    """One record of an owner's customer list, as the owner typed it."""

    owner: str
    key: str
    name: str
    status: CustomerStatus = CustomerStatus.CUSTOMER
    email: str | None = None
    phone: str | None = None
    tax_id: str | None = None
    territory: str | None = None
    segment: str | None = None
    value: float | None = None

    def __post_init__(self) -> None:
        check_key(self.key)
        if not self.name.strip():
            raise InvalidValue(N_("name: must not be empty"))
        if self.value is not None and not self.value >= 0:
            raise InvalidValue(N_("value: must be a number >= 0, got {value}"), value=self.value)
