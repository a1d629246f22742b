"""Customer lists: read only by the services that enforce who may see them."""

from __future__ import annotations

from sqlalchemy import func, select

from jejaring.domain.customers import Customer, CustomerStatus
from jejaring.domain.errors import N_, NotFound
from jejaring.store.repositories.base import Repository
from jejaring.store.tables import CustomerRow

__all__ = ["CustomerRepository"]


class CustomerRepository(Repository):
    """Customers of one owner at a time, by the owner's key and the customer's key.

    An unknown owner is NotFound everywhere, so that a typo is never read as "no customers".
    """

    def add(self, customer: Customer) -> None:
        """Add a customer; Conflict when the owner has one with that key already."""
        self.require_territories([customer.territory])
        row = CustomerRow(owner_id=self.actor_id(customer.owner), key=customer.key)
        _fill(row, customer)
        self.session.add(row)
        self._flush()

    def save(self, customer: Customer) -> None:
        """Add the customer, or replace every field of the owner's one with the same key."""
        self.require_territories([customer.territory])
        row = self._row(self.actor_id(customer.owner), customer.key)
        if row is None:
            row = CustomerRow(owner_id=self.actor_id(customer.owner), key=customer.key)
            self.session.add(row)
        _fill(row, customer)
        self._flush()

    def get(self, owner: str, key: str) -> Customer | None:
        """The owner's customer ``key``, None when the owner has none such."""
        row = self._row(self.actor_id(owner), key)
        return _customer(owner, row) if row else None

    def delete(self, owner: str, key: str) -> None:
        """Remove the owner's customer ``key``; NotFound when there is none."""
        row = self._row(self.actor_id(owner), key)
        if row is None:
            raise NotFound(N_("customer '{key}' of '{owner}' not found"), key=key, owner=owner)
        self.session.delete(row)
        self._flush()

    def count(self, owner: str | None = None) -> int:
        query = select(func.count()).select_from(CustomerRow)
        if owner is not None:
            query = query.where(CustomerRow.owner_id == self.actor_id(owner))
        return self.session.scalar(query) or 0

    def find_for(self, owner: str) -> list[Customer]:
        """The owner's customers, ordered by key."""
        rows = self.session.scalars(
            select(CustomerRow)
            .where(CustomerRow.owner_id == self.actor_id(owner))
            .order_by(CustomerRow.key)
        )
        return [_customer(owner, r) for r in rows]

    def _row(self, owner_id: int, key: str) -> CustomerRow | None:
        return self.session.scalar(
            select(CustomerRow).where(CustomerRow.owner_id == owner_id, CustomerRow.key == key)
        )


def _fill(row: CustomerRow, c: Customer) -> None:
    row.name, row.status, row.email, row.phone = c.name, c.status.value, c.email, c.phone
    row.tax_id, row.territory, row.segment, row.value = c.tax_id, c.territory, c.segment, c.value


def _customer(owner: str, r: CustomerRow) -> Customer:
    return Customer(
        owner,
        r.key,
        r.name,
        CustomerStatus(r.status),
        r.email,
        r.phone,
        r.tax_id,
        r.territory,
        r.segment,
        r.value,
    )
