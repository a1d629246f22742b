"""Customers and prospects: private to the actor that holds them, always."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jejaring.domain.actors import check_key, check_name, check_text
from jejaring.domain.numbers import check_non_negative

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
        object.__setattr__(self, "key", check_key(self.key))
        check_name(self.name)
        for name in ("email", "phone", "tax_id", "segment"):
            check_text(getattr(self, name), field=name)
        if self.value is not None:
            check_non_negative(self.value, field="value")
