"""Customer lists: read only by the services that enforce who may see them."""

from __future__ import annotations

from sqlalchemy import func, select

from jejaring.domain.customers import Customer, CustomerStatus
from jejaring.store.repositories.base import Repository
from jejaring.store.tables import ActorRow, CustomerRow

__all__ = ["CustomerRepository"]


class CustomerRepository(Repository):
    """Customers of one owner at a time."""

    def add(self, customer: Customer) -> None:
        row = CustomerRow(owner_id=self.actor_id(customer.owner), key=customer.key)
        _fill(row, customer)
        self.session.add(row)
        self.session.flush()

    def count(self, owner: str | None = None) -> int:
        query = select(func.count()).select_from(CustomerRow)
        if owner is not None:
            query = query.where(CustomerRow.owner_id == self.actor_id(owner))
        return self.session.scalar(query) or 0

    def find_for(self, owner: str) -> list[Customer]:
        """The owner's customers, ordered by key."""
        rows = self.session.scalars(
            select(CustomerRow)
            .join(ActorRow, CustomerRow.owner_id == ActorRow.id)
            .where(ActorRow.key == owner)
            .order_by(CustomerRow.key)
        )
        return [_customer(owner, r) for r in rows]


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
