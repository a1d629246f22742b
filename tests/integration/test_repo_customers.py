"""Customer lists, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from jejaring.domain.customers import CustomerStatus
from jejaring.domain.errors import NotFound
from jejaring.services.bootstrap import Context
from jejaring.store.errors import Conflict
from tests.factories import actor, customer, persist

FULL = customer(
    "a",
    "pt-maju",
    name="PT Maju Jaya",
    status=CustomerStatus.PROSPECT,
    email="beli@majujaya.co.id",
    phone="+62 22 1234567",
    tax_id="01.234.567.8-901.000",
    territory="32.04",
    segment="horeca",
    value=12_500_000.0,
)


@pytest.fixture
def owners(ctx: Context) -> Context:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"))
        uow.commit()
    return ctx


def test_a_customer_reads_back_equal(owners: Context) -> None:
    with owners.uow() as uow:
        uow.customers.add(FULL)
        uow.commit()
    with owners.uow() as uow:
        assert uow.customers.find_for("a") == [FULL]
        assert uow.customers.get("a", "pt-maju") == FULL
        assert uow.customers.count("a") == 1 and uow.customers.count("b") == 0


def test_customers_of_an_owner_are_ordered_by_key(owners: Context) -> None:
    with owners.uow() as uow:
        persist(uow, customer("a", "z"), customer("a", "c"), customer("b", "a"), customer("a", "m"))
        uow.commit()
    with owners.uow() as uow:
        assert [c.key for c in uow.customers.find_for("a")] == ["c", "m", "z"]
        assert uow.customers.count() == 4


def test_the_same_key_under_one_owner_is_a_conflict_under_two_it_is_not(owners: Context) -> None:
    with owners.uow() as uow:
        persist(uow, customer("a", "c1"), customer("b", "c1"))
        uow.commit()
    with owners.uow() as uow, pytest.raises(Conflict):
        uow.customers.add(customer("a", "c1", name="Other"))
        uow.flush()


def test_saving_a_customer_adds_or_replaces_it(owners: Context) -> None:
    plain = customer("a", "pt-maju", name="PT Maju")
    with owners.uow() as uow:
        uow.customers.save(FULL)
        uow.commit()
    with owners.uow() as uow:
        uow.customers.save(plain)
        uow.customers.save(plain)
        uow.commit()
    with owners.uow() as uow:
        assert uow.customers.find_for("a") == [plain]


def test_an_unknown_owner_or_territory_is_not_found(owners: Context) -> None:
    with owners.uow() as uow:
        assert uow.customers.get("a", "nothing") is None
        for call in (
            lambda: uow.customers.add(customer("nobody")),
            lambda: uow.customers.save(customer("nobody")),
            lambda: uow.customers.find_for("nobody"),
            lambda: uow.customers.count("nobody"),
            lambda: uow.customers.get("nobody", "c1"),
        ):
            with pytest.raises(NotFound, match="actor 'nobody' not found"):
                call()
        with pytest.raises(NotFound, match="territory 'nowhere' not found"):
            uow.customers.add(customer(territory="nowhere"))


def test_deleting_a_customer(owners: Context) -> None:
    with owners.uow() as uow:
        persist(uow, customer("a", "c1"), customer("a", "c2"))
        uow.commit()
    with owners.uow() as uow:
        uow.customers.delete("a", "c1")
        uow.commit()
    with owners.uow() as uow:
        assert [c.key for c in uow.customers.find_for("a")] == ["c2"]
        with pytest.raises(NotFound, match="customer 'c1'"):
            uow.customers.delete("a", "c1")
