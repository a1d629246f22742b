"""Every actor's partner portfolio on the local engine and on Spark's local mode, side by side.

    .venv/bin/python -m bench.spark_portfolios [--sizes 100000 1000000] [--k 10]
        [--workers CORES] [--master 'local[*]'] [--focal N] [--out FILE]

For each size, the district instance of ``bench/portfolio.py`` (actors over Indonesia's
districts with demand, seeded by the size): ``analytics.portfolio.batch_portfolios`` with
``--workers`` processes, then ``spark.portfolios.spark_portfolios`` on a ``--master`` session
started once before (its start-up timed apart). Both tables must be equal, column for
column; the bench stops if they are not. Reports seconds, milliseconds per actor, the ratio
Spark / local and the load average before and after, and writes
``bench/results/spark_portfolios.md``. ``--focal N``: the portfolios of the first N focal
actors only, over every candidate (a batch of a million actors takes hours here), with the
time the whole batch would take at that rate.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from pathlib import Path

import numpy as np

from bench.machine import describe, load_between
from bench.portfolio import district_instance
from jejaring.analytics.portfolio import PortfolioTable, batch_portfolios
from jejaring.spark import spark_session
from jejaring.spark.portfolios import spark_portfolios

RESULTS = Path(__file__).parent / "results"


@dataclasses.dataclass(frozen=True)
class Row:
    actors: int
    covers: int
    focal: int
    local: float
    spark: float


def same(a: PortfolioTable, b: PortfolioTable) -> bool:
    """True when the two tables hold the same portfolios, column for column."""
    return all(
        np.array_equal(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a)
    )


def measure(spark: object, actors: int, k: int, workers: int, focal: int | None) -> Row:
    covers, demand = district_instance(actors, seed=actors)
    chosen = range(min(focal, actors)) if focal is not None else range(actors)
    start = time.perf_counter()
    local = batch_portfolios(covers, demand, k, workers=workers, focal=chosen)
    local_s = time.perf_counter() - start
    print(f"{actors:>9,} actors: local engine {local_s:,.1f} s", flush=True)
    start = time.perf_counter()
    found = spark_portfolios(spark, covers, demand, k, focal=chosen)
    spark_s = time.perf_counter() - start
    print(f"{actors:>9,} actors: Spark {spark_s:,.1f} s", flush=True)
    if not same(local, found):
        raise SystemExit(f"{actors:,} actors: Spark's portfolios differ from the local engine's")
    return Row(actors, int(covers.nnz), len(chosen), local_s, spark_s)


def report(
    rows: list[Row],
    startup: float,
    args: argparse.Namespace,
    before: tuple[float, float, float],
    after: tuple[float, float, float],
) -> str:
    whose = "The first focal actors' portfolios" if args.focal else "Every actor's portfolio"
    lines = [
        f"# {whose}: the local engine and Spark's local mode",
        "",
        f"`python -m bench.spark_portfolios --sizes {' '.join(map(str, args.sizes))} "
        f"--k {args.k} --workers {args.workers} --master '{args.master}'"
        + (f" --focal {args.focal}`" if args.focal is not None else "`"),
        "",
        f"Machine: {describe()}. {load_between(before, after)}.",
        "",
        f"Spark `{args.master}` session start-up (JVM included), not in the figures below: "
        f"**{startup:.1f} s**. Instance: `bench/portfolio.py`'s districts (seeded by the "
        f"size); k = {args.k}; the local engine in {args.workers} process(es).",
        "",
        "| actors | covers (actor, district) | focal actors | local engine (s) | per actor (ms) "
        "| Spark local mode (s) | per actor (ms) | Spark / local | same portfolios "
        "| every actor at the local rate (h) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        each = max(r.focal, 1)  # seconds per focal actor: divide by this
        lines.append(
            f"| {r.actors:,} | {r.covers:,} | {r.focal:,} | {r.local:,.1f} "
            f"| {1000 * r.local / each:.2f} | {r.spark:,.1f} | {1000 * r.spark / each:.2f} "
            f"| {r.spark / r.local:.2f}x | yes | {r.local / each * r.actors / 3600:,.2f} |"
        )
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--out", type=Path, default=RESULTS / "spark_portfolios.md")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--focal", type=int, default=None, help="only the first N focal actors")
    args = parser.parse_args(argv)
    before = os.getloadavg()
    start = time.perf_counter()
    config = {"spark.driver.memory": "4g", "spark.ui.enabled": "false"}
    with spark_session(args.master, config=config) as spark:
        startup = time.perf_counter() - start
        print(f"Spark {args.master} start-up: {startup:.1f} s", flush=True)
        rows = [measure(spark, n, args.k, args.workers, args.focal) for n in args.sizes]
    text = report(rows, startup, args, before, os.getloadavg())
    print(text)
    if not args.no_write:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
