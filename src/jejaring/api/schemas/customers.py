"""An actor's own customers."""

from __future__ import annotations

from pydantic import BaseModel, Field

from jejaring.domain.customers import Customer, CustomerStatus

__all__ = ["CustomerCreate", "CustomerPublic", "CustomerUpdate", "CustomersPublic"]


class CustomerUpdate(BaseModel):
    """The fields to change; those left out keep their value."""

    name: str | None = Field(default=None, max_length=200)
    status: CustomerStatus | None = None
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=64)
    tax_id: str | None = Field(default=None, max_length=64, description="NPWP")
    territory: str | None = Field(default=None, max_length=64)
    segment: str | None = Field(default=None, max_length=200)
    value: float | None = None

    def changes(self) -> dict[str, object]:
        """The fields sent; null clears any but the name and the status."""
        sent = self.model_dump(exclude_unset=True)
        return {k: v for k, v in sent.items() if v is not None or k not in {"name", "status"}}


class CustomerCreate(BaseModel):
    """One record of ``owner``'s customer list."""

    owner: str = Field(max_length=64)
    key: str = Field(min_length=1, max_length=64)
    name: str = Field(max_length=200)
    status: CustomerStatus = CustomerStatus.CUSTOMER
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=64)
    tax_id: str | None = Field(default=None, max_length=64, description="NPWP")
    territory: str | None = Field(default=None, max_length=64)
    segment: str | None = Field(default=None, max_length=200)
    value: float | None = None

    def to_domain(self) -> Customer:
        return Customer(**self.model_dump())


class CustomerPublic(CustomerCreate):
    """A customer record, as its owner's users see it."""

    @classmethod
    def of(cls, c: Customer) -> CustomerPublic:
        return cls(
            owner=c.owner,
            key=c.key,
            name=c.name,
            status=c.status,
            email=c.email,
            phone=c.phone,
            tax_id=c.tax_id,
            territory=c.territory,
            segment=c.segment,
            value=c.value,
        )


class CustomersPublic(BaseModel):
    """A page of the owner's customers; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[CustomerPublic]
    next_cursor: str | None
