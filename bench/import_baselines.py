"""The ways of writing customers that ``bench.import_customers`` compares Jejaring's import to.

Each starts from a fresh database, imports the bundle's actors (not timed), prepares the
customer rows (not timed) and returns the seconds the writing and the commit took.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

from jejaring.services.bootstrap import Context
from jejaring.services.imports import import_path
from jejaring.store.bulk import table_of, upsert
from jejaring.store.tables import ActorRow, CustomerRow

__all__ = ["copy_then_insert", "core_upsert"]

_COLUMNS = ("name", "status", "email", "phone", "tax_id", "territory", "segment", "value")


def _owners(ctx: Context, bundle: Path) -> dict[str, int]:
    folder = Path(tempfile.mkdtemp(prefix="actors-"))
    try:
        shutil.copy(bundle / "actors.csv", folder / "actors.csv")
        assert import_path(ctx, folder).errors == []
    finally:
        shutil.rmtree(folder)
    with ctx.uow() as uow:
        rows = uow.session.query(ActorRow.key, ActorRow.id).all()
    return {key: id_ for key, id_ in rows}


def core_upsert(ctx: Context, bundle: Path) -> float:
    """SQLAlchemy Core ``executemany`` (``store.bulk.upsert``) of dicts read by ``csv``."""
    owners = _owners(ctx, bundle)
    with (bundle / "customers.csv").open(newline="") as handle:
        rows: list[dict[str, Any]] = []
        for row in csv.DictReader(handle):
            record: dict[str, Any] = {c: row[c] or None for c in _COLUMNS}
            record["value"] = float(row["value"]) if row["value"] else None
            record.update(owner_id=owners[row["owner"]], key=row["key"])
            rows.append(record)
    start = time.perf_counter()
    with ctx.uow() as uow:
        upsert(uow.session, table_of(CustomerRow), rows, keys=["owner_id", "key"])
        uow.commit()
    return time.perf_counter() - start


def copy_then_insert(ctx: Context, bundle: Path) -> float:
    """PostgreSQL: ``COPY`` into a temporary table, then ``INSERT ... SELECT ... ON CONFLICT``."""
    owners = pl.DataFrame(
        list(_owners(ctx, bundle).items()), schema=["owner", "owner_id"], orient="row"
    )
    frame = (
        pl.read_csv(bundle / "customers.csv", infer_schema=False)
        .join(owners, on="owner")
        .select("owner_id", "key", *_COLUMNS)
        .with_columns(pl.col("value").cast(pl.Float64))
    )
    columns = ", ".join(frame.columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS)
    start = time.perf_counter()
    with ctx.uow() as uow:
        cursor = uow.session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.execute(
            f"CREATE TEMP TABLE stage ON COMMIT DROP AS SELECT {columns} FROM customer WITH NO DATA"
        )
        with cursor.copy(f"COPY stage ({columns}) FROM STDIN (FORMAT csv, NULL '\\N')") as copy:
            for i in range(0, frame.height, 100_000):
                part = frame.slice(i, 100_000)
                copy.write(
                    part.write_csv(
                        include_header=False, null_value="\\N", quote_style="non_numeric"
                    )
                )
        cursor.execute(
            f"INSERT INTO customer ({columns}) SELECT {columns} FROM stage "
            f"ON CONFLICT (owner_id, key) DO UPDATE SET {updates}"
        )
        uow.commit()
    return time.perf_counter() - start
