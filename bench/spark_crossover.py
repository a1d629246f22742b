"""Where Spark's local mode stands against the local engine on this machine (DESIGN section 9).

    .venv/bin/python -m bench.spark_crossover [--sizes 10000 100000] [--ties-per-actor 3]

Measures the start-up of a ``local[*]`` SparkSession, then for each size a seeded random
layer (actor keys as strings, weights 1-5, a mix of directed and undirected ties, an
undirected analysis): the local engine's degree measures, components and PageRank on the
built network, and the Spark engine's same three jobs on the same ties (from Arrow frames,
results collected). Reports seconds and the ratio Spark / local, the load average before and
after (other engineers share the cores), and writes ``bench/results/spark_crossover.md``.
Building the local network (keys to ids, merging) is timed apart; the Spark times include
their own merging, as they must.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np
import polars as pl

from bench.machine import describe, load_between
from jejaring.analytics import build_network, centrality, cohesion
from jejaring.spark import spark_session
from jejaring.spark.components import components
from jejaring.spark.degrees import degrees
from jejaring.spark.graph import spark_network
from jejaring.spark.measures import _frame
from jejaring.spark.pagerank import pagerank

RESULTS = Path(__file__).parent / "results"


def layer(n: int, per_actor: int, seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = np.random.default_rng(seed)
    m = n * per_actor
    keys = np.array([f"a{i:07d}" for i in range(n)])
    ties = pl.DataFrame(
        {
            "source": keys[rng.integers(0, n, m)],
            "target": keys[rng.integers(0, n, m)],
            "weight": rng.integers(1, 6, m).astype(np.float64),
            "directed": rng.random(m) < 0.5,
        }
    )
    return pl.DataFrame({"key": keys}), ties


def timed(run: object) -> tuple[float, object]:
    start = time.perf_counter()
    value = run()  # type: ignore[operator]
    return time.perf_counter() - start, value


def local_times(actors: pl.DataFrame, ties: pl.DataFrame) -> dict[str, float]:
    weights = ties["weight"].to_numpy()
    build, G = timed(
        lambda: build_network(ties["source"], ties["target"], weights=weights, actors=actors["key"])
    )
    out = {"build": build}

    def degree_measures() -> None:
        for f in (centrality.degree, centrality.in_degree, centrality.out_degree):
            f(G)  # type: ignore[arg-type]
        centrality.weighted_degree(G)  # type: ignore[arg-type]

    out["degree"] = timed(degree_measures)[0]
    out["components"] = timed(lambda: cohesion.components(G))[0]  # type: ignore[arg-type]
    out["pagerank"] = timed(lambda: centrality.pagerank(G))[0]  # type: ignore[arg-type]
    return out


def spark_times(spark: object, actors: pl.DataFrame, ties: pl.DataFrame) -> dict[str, float]:
    A, T = _frame(spark, actors), _frame(spark, ties)
    A, T = A.localCheckpoint(), T.localCheckpoint()  # inputs in Spark, as if read from Parquet
    G = spark_network(A, T, directed=False, weighted=True)
    out = {"degree": timed(lambda: degrees(G).toArrow())[0]}
    out["components"] = timed(lambda: components(G).toArrow())[0]
    seconds, (ranks, iterations) = timed(lambda: pagerank(G))  # type: ignore[misc]
    seconds += timed(lambda: ranks.toArrow())[0]
    out["pagerank"], out["pagerank_iterations"] = seconds, float(iterations)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--ties-per-actor", type=int, default=3)
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    rows = []
    start = time.perf_counter()
    with spark_session(args.master, config={"spark.driver.memory": "2g"}) as spark:
        startup = time.perf_counter() - start
        print(f"Spark {args.master} start-up: {startup:.1f} s", flush=True)
        for n in args.sizes:
            actors, ties = layer(n, args.ties_per_actor, seed=n)
            local = local_times(actors, ties)
            found = spark_times(spark, actors, ties)
            for job in ("degree", "components", "pagerank"):
                rows.append((n, ties.height, job, local[job], found[job]))
                print(
                    f"{n:>9,} actors {job:>10}: local {local[job]:.4f} s, spark "
                    f"{found[job]:.1f} s, x{found[job] / local[job]:,.0f}",
                    flush=True,
                )
            iterations = found["pagerank_iterations"]
            print(f"  (local build {local['build']:.2f} s; PageRank iterations {iterations:.0f})")
    load_after = os.getloadavg()
    if not args.no_write:
        write(rows, startup, args, load_before, load_after)


def write(
    rows: list[tuple[int, int, str, float, float]],
    startup: float,
    args: argparse.Namespace,
    before: tuple[float, float, float],
    after: tuple[float, float, float],
) -> None:
    lines = [
        "# Spark local mode against the local engine",
        "",
        f"`python -m bench.spark_crossover --sizes {' '.join(map(str, args.sizes))} "
        f"--ties-per-actor {args.ties_per_actor} --master '{args.master}'`",
        "",
        f"Machine: {describe()}. {load_between(before, after)} (the cores are shared with "
        "other work).",
        "",
        f"Spark `{args.master}` session start-up (JVM included): **{startup:.1f} s**.",
        "",
        "| actors | ties (before merging) | job | local engine (s) | Spark local mode (s) "
        "| Spark / local |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    for n, m, job, local, spark in rows:
        lines.append(
            f"| {n:,} | {m:,} | {job} | {local:.4f} | {spark:.1f} | {spark / local:,.0f}x |"
        )
    lines += [
        "",
        "Local: degree, in/out and weighted degree, components and PageRank (igraph PRPACK) on "
        "the built network; building it (keys to ids, merging) is not in these figures. "
        "Spark: the same jobs of `jejaring.spark` from the ties as DataFrames (merging "
        "included), results collected to the driver; PageRank to the L1 tolerance that "
        "keeps every rank within 1e-6.",
        "",
    ]
    (RESULTS / "spark_crossover.md").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
