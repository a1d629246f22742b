"""A large import takes the fast road (foreign keys and secondary indexes set aside, then
restored in the same transaction) and leaves the schema exactly as it found it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from jejaring.services.bootstrap import Context
from jejaring.services.imports import import_path
from jejaring.store.bulk_indexes import BIG
from tests.support.bundles import write_customers

ROWS = BIG + 5_000


def _schema(ctx: Context) -> dict[str, Any]:
    inspector = inspect(ctx.engine)
    found = {}
    for table in ("customer", "actor", "actor_coverage"):
        found[table] = (
            sorted((i["name"], tuple(i["column_names"])) for i in inspector.get_indexes(table)),
            sorted(
                (f["name"], tuple(f["constrained_columns"]), f["referred_table"])
                for f in inspector.get_foreign_keys(table)
            ),
        )
    return found


def test_a_large_import_restores_foreign_keys_and_indexes(ctx: Context, tmp_path: Path) -> None:
    before = _schema(ctx)
    report = import_path(ctx, write_customers(tmp_path / "b", ROWS))
    assert report.errors == [] and report.new["customers"] == ROWS
    assert _schema(ctx) == before
    with ctx.uow() as uow:
        assert uow.customers.count() == ROWS
        last = uow.customers.find_for("owner-0049")[-1]
        assert (last.key, last.territory) == (f"{ROWS - 1:08d}", "11.01.01")
    # The restored foreign key is enforced again.
    with ctx.engine.connect() as connection, pytest.raises(IntegrityError):
        connection.execute(
            text("INSERT INTO customer (owner_id, key, name, status) VALUES (-7, 'x', 'x', 'x')")
        )


def test_a_large_reimport_updates_only_what_changed(ctx: Context, tmp_path: Path) -> None:
    folder = write_customers(tmp_path / "b", ROWS)
    assert import_path(ctx, folder).errors == []
    customers = (folder / "customers.csv").read_text().replace(",Pelanggan 00000007,", ",Ani,")
    (folder / "customers.csv").write_text(customers)
    report = import_path(ctx, folder)
    assert report.new["customers"] == 0 and report.updated["customers"] == ROWS
    with ctx.uow() as uow:
        names = {c.key: c.name for c in uow.customers.find_for("owner-0007")}
        assert names["00000007"] == "Ani" and names["00000057"] == "Pelanggan 00000057"
        assert uow.customers.count() == ROWS
