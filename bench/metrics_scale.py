"""One run of the metrics engine at national scale: 1M actors and 10M ties by default.

    .venv/bin/python -m bench.metrics_scale [--actors 1000000] [--ties-per-actor 10]

A seeded Barabasi-Albert graph (igraph's generator, not timed) with actor keys as strings,
weights 1-5 and eight groups goes through the same path as ``jejaring metrics --weight w
--group g``: keys to ids, merging, every column (betweenness, closeness and harmonic from
pivots), and the summary. Reports each phase's time and the peak resident memory, and
writes ``bench/results/metrics_scale.md``.
"""

from __future__ import annotations

import argparse
import platform
import resource
import time
from pathlib import Path

import igraph
import numpy as np

from bench.metrics_vs_networkx import machine
from jejaring.analytics import build_network, metrics, summary
from jejaring.analytics.metrics import DEFAULT_PIVOTS

RESULTS = Path(__file__).parent / "results"


def peak_gib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actors", type=int, default=1_000_000)
    parser.add_argument("--ties-per-actor", type=int, default=10)
    parser.add_argument("--pivots", type=int, default=DEFAULT_PIVOTS)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    n = args.actors
    generated = igraph.Graph.Barabasi(n, args.ties_per_actor)
    edges = np.asarray(generated.get_edgelist(), dtype=np.int64)
    del generated
    rng = np.random.default_rng(7)
    labels = np.char.add("a", np.char.zfill(np.arange(n).astype(str), 7))
    sources, targets = labels[edges[:, 0]], labels[edges[:, 1]]
    weights = rng.integers(1, 6, size=edges.shape[0]).astype(np.float64)
    groups = dict(zip(labels.tolist(), (f"g{g}" for g in rng.integers(0, 8, n)), strict=True))
    del edges
    phases: list[tuple[str, float]] = []
    start = time.perf_counter()
    network = build_network(sources, targets, weights=weights)
    phases.append(("build network (keys to ids, merge)", time.perf_counter() - start))
    mark = time.perf_counter()
    table = metrics(network, groups=groups, pivots_above=50_000, pivot_count=args.pivots)
    phases.append(("every column, with brokerage", time.perf_counter() - mark))
    mark = time.perf_counter()
    figures = summary(
        network,
        partition=table.measure("community"),  # type: ignore[arg-type]
        local_clustering=table.measure("clustering"),  # type: ignore[arg-type]
        pivots=table.pivots,
    )
    phases.append(("summary", time.perf_counter() - mark))
    total = time.perf_counter() - start
    lines = [
        "# Metrics at scale",
        "",
        f"Command: `.venv/bin/python -m bench.metrics_scale {' '.join(argv or [])}`".rstrip(),
        f"Machine: {machine()}, 2 cores, {platform.system()}  ",
        f"Graph: Barabasi-Albert, {network.n:,} actors, {network.m:,} ties (weights 1-5, "
        f"8 groups); betweenness, closeness and harmonic from {len(table.pivots or [])} pivots",
        "",
        "| phase | seconds |",
        "|---|---:|",
        *(f"| {name} | {seconds:.1f} |" for name, seconds in phases),
        f"| **total** | **{total:.1f}** |",
        "",
        f"Peak resident memory: {peak_gib():.2f} GiB (input arrays and key strings included).",
        "",
        f"Summary: {figures}",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        (RESULTS / "metrics_scale.md").write_text(text)


if __name__ == "__main__":
    main()
