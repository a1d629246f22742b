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
from tests.support.postgres import TemporaryPostgres

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


def _best(repeat: int, fresh: Fresh, measure: Callable[[Context], float]) -> float:
    """The fastest of ``repeat`` runs, each on a fresh database."""
    times = []
    for _ in range(repeat):
        ctx = bootstrap(Settings(database_url=fresh()))
        try:
            times.append(measure(ctx))
        finally:
            ctx.close()
    return min(times)


def _ours(bundle: Path, rows: int) -> Callable[[Context], float]:
    def measure(ctx: Context) -> float:
        start = time.perf_counter()
        report = import_path(ctx, bundle)
        seconds = time.perf_counter() - start
        assert report.errors == [] and report.new["customers"] == rows, report.errors[:3]
        return seconds

    return measure


def _checking(bundle: Path) -> Callable[[Context], float]:
    def measure(ctx: Context) -> float:
        start = time.perf_counter()
        with ctx.uow() as uow:
            assert validate(read_bundle(bundle), StoreLookup(uow.session)).errors == []
        return time.perf_counter() - start

    return measure


def run_backend(
    backend: str, bundle: Path, rows: int, work: Path, repeat: int
) -> list[tuple[str, float]]:
    """(method, seconds) for each way of writing the bundle's customers."""
    methods: list[tuple[str, Callable[[Context], float]]] = [
        (OURS, _ours(bundle, rows)),
        (CHECKS, _checking(bundle)),
        ("SQLAlchemy Core executemany upsert (baseline)", lambda c: core_upsert(c, bundle)),
    ]
    if backend == "postgresql":
        methods.append((TEXTBOOK, lambda c: copy_then_insert(c, bundle)))
    with databases(backend, work) as fresh:
        return [(name, _best(repeat, fresh, measure)) for name, measure in methods]


OURS = "jejaring import: read, validate, write, commit"
CHECKS = "reading and validating alone (part of the above)"
TEXTBOOK = "COPY to a temporary table + INSERT ... SELECT ... ON CONFLICT"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=1, help="runs per method; the best counts")
    args = parser.parse_args(argv)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    work = Path(tempfile.mkdtemp(prefix="jejaring-bench-"))
    table: list[tuple[str, str, float]] = []
    try:
        bundle = work / "bundle"
        write_customers_bundle(bundle, args.rows)
        for backend in backends:
            for method, seconds in run_backend(backend, bundle, args.rows, work, args.repeat):
                table.append((backend, method, seconds))
                rate = args.rows / seconds
                print(f"{backend:<11} {method:<62} {seconds:8.2f} s {rate:12,.0f} rows/s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    command = " ".join(["python -m bench.import_customers", *(argv or sys.argv[1:])])
    write_results(table, args.rows, args.repeat, command)


def write_results(
    table: list[tuple[str, str, float]], rows: int, repeat: int, command: str
) -> None:
    best = f"the best of {repeat} runs" if repeat > 1 else "one run"
    lines = [
        "# Import throughput: customers",
        "",
        f"Command: `.venv/bin/{command}`  ",
        f"Machine: {describe()}  ",
        f"Bundle: {rows:,} customers of {-(-rows // 500):,} actors (every column filled, 10 % of"
        " e-mails and 20 % of tax ids blank), on random districts of the shipped hierarchy.  ",
        "PostgreSQL: `tests/support/postgres.py` (fsync, synchronous_commit and full_page_writes"
        f" off; other settings default). Each time is {best}, each run on a fresh database.",
        "",
        "The baselines are timed on writing and committing alone (rows read and owners resolved"
        " beforehand, nothing validated); Jejaring's time is the whole import.",
        "",
        "| backend | method | seconds | rows/s | Jejaring's import is |",
        "|---|---|---:|---:|---:|",
    ]
    ours = {b: s for b, m, s in table if m == OURS}
    for backend, method, seconds in table:
        rate = "" if method == CHECKS else f"{rows / seconds:,.0f}"
        ratio = "" if method in (OURS, CHECKS) else f"{seconds / ours[backend]:.1f}x faster"
        lines.append(f"| {backend} | {method} | {seconds:.2f} | {rate} | {ratio} |")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import_customers.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    os.environ.setdefault("JEJARING_LOCALE", "en")
    main()
