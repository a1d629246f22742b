"""Import throughput: a generated bundle of customers through ``import_path`` (what ``jejaring
import`` runs), beside a baseline writing the same rows the usual way.

    .venv/bin/python -m bench.import_customers --rows 1000000 [--backend sqlite|postgresql|both]

Jejaring's time is the whole import: reading the CSV files, validating every row, resolving
keys, writing and committing. The baseline is timed on the writing alone (the CSV parsed with
the ``csv`` module beforehand, owner keys resolved, no validation): SQLAlchemy Core
``executemany`` of ``INSERT ... ON CONFLICT DO UPDATE`` in 5,000-row batches (the store's
``upsert``). On PostgreSQL a third line times the textbook bulk upsert the design first
suggested, ``COPY`` into a temporary table then one ``INSERT ... SELECT ... ON CONFLICT DO
UPDATE``, on the same rows. Each run starts from a freshly initialised database.
Results go to ``bench/results/import_customers.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from tests.support.postgres import TemporaryPostgres

from bench.customers_bundle import write_customers_bundle
from bench.import_baselines import copy_then_insert, core_upsert
from bench.machine import describe
from jejaring.config import Settings
from jejaring.io.bundle_read import read_bundle
from jejaring.io.bundle_validate import validate
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.imports import import_path
from jejaring.services.setup import initialise
from jejaring.store.bulk_lookup import StoreLookup

RESULTS = Path(__file__).parent / "results"
Fresh = Callable[[], str]


@contextmanager
def databases(backend: str, work: Path) -> Iterator[Fresh]:
    """Fresh initialised databases of ``backend``, copied from one template."""
    if backend == "sqlite":
        template = work / "template.db"
        ctx = bootstrap(Settings(database_url=f"sqlite:///{template}"))
        initialise(ctx)
        ctx.close()
        count = iter(range(1_000))

        def fresh_sqlite() -> str:
            path = work / f"run{next(count)}.db"
            shutil.copyfile(template, path)
            return f"sqlite:///{path}"

        yield fresh_sqlite
        return
    with TemporaryPostgres() as server:
        with psycopg.connect(server.dsn(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE template_db")
        ctx = bootstrap(Settings(database_url=server.url("template_db")))
        initialise(ctx)
        ctx.close()
        count = iter(range(1_000))

        def fresh_postgres() -> str:
            name = f"run{next(count)}"
            with psycopg.connect(server.dsn(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name} TEMPLATE template_db")
            return server.url(name)

        yield fresh_postgres


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run_backend(backend: str, bundle: Path, rows: int, work: Path) -> list[tuple[str, float]]:
    """(method, seconds) for each way of writing the bundle's customers."""
    results: list[tuple[str, float]] = []
    with databases(backend, work) as fresh:
        ctx = bootstrap(Settings(database_url=fresh()))
        seconds = 0.0

        def ours(ctx: Context = ctx) -> None:
            report = import_path(ctx, bundle)
            assert report.errors == [] and report.new["customers"] == rows, report.errors[:3]

        seconds = _timed(ours)
        results.append(("jejaring import (read, validate, write, commit)", seconds))
        with ctx.uow() as uow:
            checking = _timed(lambda: validate(read_bundle(bundle), StoreLookup(uow.session)))
        results.append(("  of which reading and validating", checking))
        ctx.close()
        baseline = bootstrap(Settings(database_url=fresh()))
        results.append(
            ("baseline: SQLAlchemy Core executemany upsert", core_upsert(baseline, bundle))
        )
        baseline.close()
        if backend == "postgresql":
            textbook = bootstrap(Settings(database_url=fresh()))
            results.append(
                (
                    "COPY to a temporary table + INSERT ... ON CONFLICT",
                    copy_then_insert(textbook, bundle),
                )
            )
            textbook.close()
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args(argv)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    work = Path(tempfile.mkdtemp(prefix="jejaring-bench-"))
    try:
        bundle = work / "bundle"
        write_customers_bundle(bundle, args.rows)
        table: list[tuple[str, str, float]] = []
        for backend in backends:
            for method, seconds in run_backend(backend, bundle, args.rows, work):
                table.append((backend, method, seconds))
                rate = args.rows / seconds
                print(f"{backend:<11} {method:<52} {seconds:8.2f} s {rate:12,.0f} rows/s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    command = " ".join(["python -m bench.import_customers", *(argv or sys.argv[1:])])
    write_results(table, args.rows, command)


def write_results(table: list[tuple[str, str, float]], rows: int, command: str) -> None:
    lines = [
        "# Import throughput: customers",
        "",
        f"Command: `.venv/bin/{command}`  ",
        f"Machine: {describe()}  ",
        f"Bundle: {rows:,} customers of {-(-rows // 500):,} actors (every column filled, 10 % of"
        " e-mails and 20 % of tax ids blank), on random districts of the shipped hierarchy.  ",
        "PostgreSQL: `tests/support/postgres.py` (fsync, synchronous_commit and full_page_writes"
        " off; other settings default).",
        "",
        "| backend | method | seconds | rows/s | jejaring import vs this |",
        "|---|---|---:|---:|---:|",
    ]
    ours = {b: s for b, m, s in table if m.startswith("jejaring")}
    for backend, method, seconds in table:
        ratio = "" if method.startswith(("jejaring", " ")) else f"{seconds / ours[backend]:.1f}x"
        name = method.strip().replace("  ", "")
        lines.append(f"| {backend} | {name} | {seconds:.2f} | {rows / seconds:,.0f} | {ratio} |")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import_customers.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    os.environ.setdefault("JEJARING_LOCALE", "en")
    main()
