"""Use cases: an actor's own customer list, read and kept.

Customers are their owner's only, always (DESIGN section 5): the owner's users read them, its
owners, managers and members keep them, and to anyone else — coordinators and administrators
too — they look exactly like missing ones. Partners see them solely through account mapping
(:mod:`jejaring.services.mapping`), at the level the owner set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from jejaring.domain.accounts import User
from jejaring.domain.customers import Customer
from jejaring.domain.errors import N_, NotFound, RuleViolation
from jejaring.services.access import Operation, Principal, allowed, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.store.unit_of_work import UnitOfWork

__all__ = ["add_customer", "delete_customer", "get_customer", "list_customers", "update_customer"]


def _missing(owner: str, key: str) -> NotFound:
    return NotFound(N_("customer '{key}' of '{owner}' not found"), key=key, owner=owner)


def _owner(uow: UnitOfWork, p: Principal, owner: str, op: Operation, missing: NotFound) -> None:
    """Return when ``p`` may do ``op`` with ``owner``'s customers; else hide or refuse."""
    if uow.actors.get(owner) is None:
        raise missing
    visible = allowed(p, Operation.CUSTOMER_READ, owner)
    authorize(p, op, owner, visible=visible, missing=missing)


def list_customers(ctx: Context, user: User | None, owner: str) -> list[Customer]:
    """The owner's customers, by key."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=owner)
        _owner(uow, p, owner, Operation.CUSTOMER_READ, missing)
        return uow.customers.find_for(owner)


def get_customer(ctx: Context, user: User | None, owner: str, key: str) -> Customer:
    with ctx.reader() as uow:
        p = principal(uow, user)
        _owner(uow, p, owner, Operation.CUSTOMER_READ, _missing(owner, key))
        found = uow.customers.get(owner, key)
    if found is None:
        raise _missing(owner, key)
    return found


def add_customer(ctx: Context, user: User | None, customer: Customer) -> Customer:
    with ctx.uow() as uow:
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=customer.owner)
        _owner(uow, p, customer.owner, Operation.CUSTOMER_WRITE, missing)
        if uow.customers.get(customer.owner, customer.key) is not None:
            raise RuleViolation(
                N_("customer '{key}' of '{owner}' exists already"),
                key=customer.key,
                owner=customer.owner,
            )
        uow.customers.add(customer)
        uow.commit()
    return customer


def update_customer(
    ctx: Context, user: User | None, owner: str, key: str, changes: Mapping[str, Any]
) -> Customer:
    """Change some fields of a stored customer (its owner and key stay)."""
    with ctx.uow() as uow:
        p = principal(uow, user)
        missing = _missing(owner, key)
        _owner(uow, p, owner, Operation.CUSTOMER_WRITE, missing)
        found = uow.customers.get(owner, key)
        if found is None:
            raise missing
        changed = replace(found, **{k: v for k, v in changes.items() if k not in {"owner", "key"}})
        uow.customers.save(changed)
        uow.commit()
    return changed


def delete_customer(ctx: Context, user: User | None, owner: str, key: str) -> None:
    with ctx.uow() as uow:
        p = principal(uow, user)
        _owner(uow, p, owner, Operation.CUSTOMER_WRITE, _missing(owner, key))
        uow.customers.delete(owner, key)
        uow.commit()
