"""Jejaring's metrics table against the same columns computed with NetworkX, side by side.

    .venv/bin/python -m bench.metrics_vs_networkx [--sizes 1000 5000 20000] [--reuse-networkx]

Graphs: seeded Barabasi-Albert graphs with average degree 10 (m = 5), tie weights 1-5 and
eight groups, so that the weighted Burt measures, weighted clustering and brokerage run too.
NetworkX's timings are stored in ``bench/results/metrics_vs_networkx.json``; with
``--reuse-networkx`` a size already measured is not run again (NetworkX takes about an hour
at 20,000 actors). Results go to ``bench/results/metrics_vs_networkx.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import random
import sys
import time
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from jejaring.analytics import build_network, metrics
from tests.reference.oracle import networkx_metrics

RESULTS = Path(__file__).parent / "results"
SEED = 7


def make_graph(n: int, seed: int = SEED) -> tuple[nx.Graph, dict[str, str]]:
    G = nx.barabasi_albert_graph(n, 5, seed=seed)
    rng = np.random.default_rng(seed)
    weights = rng.integers(1, 6, size=G.number_of_edges()).tolist()
    for (u, v), w in zip(G.edges(), weights, strict=True):
        G[u][v]["weight"] = float(w)
    G = nx.relabel_nodes(G, {v: f"a{v:06d}" for v in G})
    groups = {v: f"g{int(g)}" for v, g in zip(G, rng.integers(0, 8, size=n), strict=True)}
    return G, groups


def run_jejaring(G: nx.Graph, groups: dict[str, str]) -> tuple[float, dict[str, Any]]:
    edges = list(G.edges(data="weight"))
    start = time.perf_counter()
    network = build_network(
        [u for u, _, _ in edges], [v for _, v, _ in edges], weights=[w for *_, w in edges]
    )
    table = metrics(network, groups=groups)
    return time.perf_counter() - start, table.columns | {"_keys": table.keys}


class _Saved(dict[str, float]):
    """Measure timings, written to the store as each measure finishes (long runs may stop)."""

    def __init__(self, store: Path, recorded: dict[str, Any], n: int) -> None:
        super().__init__()
        self.store, self.recorded, self.n = store, recorded, n

    def __setitem__(self, key: str, value: float) -> None:
        super().__setitem__(key, value)
        entry = self.recorded.setdefault(str(self.n), {})
        entry["parts"] = dict(self)
        entry["total"] = sum(self.values())
        self.store.write_text(json.dumps(self.recorded, indent=2))


def largest_difference(ours: dict[str, Any], theirs: dict[str, dict[str, float]]) -> float:
    keys = ours["_keys"]
    worst = 0.0
    for name, reference in theirs.items():
        if name == "community":
            continue  # Leiden against Louvain: different algorithms, compared by modularity
        for key, value in zip(keys, ours[name].tolist(), strict=True):
            if key not in reference:
                continue  # Burt's measures sampled at the largest size
            expected = reference[key]
            if not (math.isnan(value) and math.isnan(expected)):
                worst = max(worst, abs(value - expected))
    return worst


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import igraph
    import scipy

    return (
        f"{cpu}; Python {platform.python_version()}; NumPy {np.__version__}, SciPy "
        f"{scipy.__version__}, igraph {igraph.__version__}, NetworkX {nx.__version__}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--reuse-networkx", action="store_true")
    parser.add_argument("--networkx-only", action="store_true")
    parser.add_argument(
        "--burt-sample-above",
        type=int,
        default=10_000,
        help="above this size NetworkX's Burt measures run on --burt-sample actors only and "
        "their time is extrapolated (their cost per actor does not depend on the others)",
    )
    parser.add_argument("--burt-sample", type=int, default=500)
    args = parser.parse_args(argv)
    store = RESULTS / "metrics_vs_networkx.json"
    recorded: dict[str, Any] = json.loads(store.read_text()) if store.exists() else {}
    rows = []
    for n in args.sizes:
        G, groups = make_graph(n)
        theirs_time = recorded.get(str(n)) if args.reuse_networkx else None
        if theirs_time is not None and "brokerage" not in theirs_time.get("parts", {}):
            theirs_time = None  # an interrupted NetworkX run: measure again
        difference = None
        if not args.networkx_only:
            ours_time, ours = run_jejaring(G, groups)
        if theirs_time is None:
            sample = None
            if n > args.burt_sample_above:
                sample = sorted(random.Random(SEED).sample(list(G), args.burt_sample))
            timings = _Saved(store, recorded, n)
            theirs = networkx_metrics(
                G, weight="weight", groups=groups, tol=1e-10, timings=timings, burt_nodes=sample
            )
            recorded[str(n)]["machine"] = machine()
            if sample is not None:
                for name in ("effective_size", "constraint", "hierarchy"):
                    timings[name] = timings[name] * n / len(sample)
                recorded[str(n)]["burt_sampled"] = len(sample)
            theirs_time = recorded[str(n)]
            store.write_text(json.dumps(recorded, indent=2))
            if not args.networkx_only:
                difference = largest_difference(ours, theirs)
        if args.networkx_only:
            print(f"{n}: NetworkX {theirs_time['total']:.1f} s", flush=True)
            continue
        ratio = theirs_time["total"] / ours_time
        rows.append((n, G.number_of_edges(), ours_time, theirs_time["total"], ratio, difference))
        print(f"{n}: Jejaring {ours_time:.2f} s, NetworkX {theirs_time['total']:.1f} s, "
              f"{ratio:.0f}x", flush=True)  # fmt: skip
    if rows:
        write_report(rows, recorded, argv)


def write_report(rows: list[tuple[Any, ...]], recorded: dict[str, Any], argv: Any) -> None:
    command = " ".join(["python -m bench.metrics_vs_networkx", *(argv or sys.argv[1:])])
    lines = [
        "# Metrics: Jejaring against NetworkX",
        "",
        f"Command: `.venv/bin/{command}`  ",
        f"Machine: {machine()}, 2 cores  ",
        "Graphs: Barabasi-Albert (m = 5, average degree 10), weights 1-5, 8 groups; every column",
        "of `jejaring metrics --weight weight --group group` (Jejaring's time includes building",
        "the network from the edge arrays). NetworkX computes Louvain where Jejaring runs Leiden.",
        "",
        "| actors | ties | Jejaring (s) | NetworkX (s) | NetworkX / Jejaring | max abs diff "
        "| NetworkX measured on |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for n, m, ours, theirs, ratio, diff in rows:
        shown = "reused" if diff is None else f"{diff:.1e}"
        where = recorded.get(str(n), {}).get("machine", "unknown")
        sampled = recorded.get(str(n), {}).get("burt_sampled")
        where += f"; Burt's measures on {sampled} actors, scaled" if sampled else ""
        lines.append(
            f"| {n:,} | {m:,} | {ours:.2f} | {theirs:.1f} | {ratio:.0f}x | {shown} | {where} |"
        )
    largest = str(rows[-1][0])
    parts = recorded.get(largest, {}).get("parts", {})
    if parts:
        lines += ["", f"NetworkX's time by measure at {int(largest):,} actors:", ""]
        lines += ["| measure | NetworkX (s) |", "|---|---:|"]
        lines += [f"| {k} | {v:.1f} |" for k, v in sorted(parts.items(), key=lambda kv: -kv[1])]
    (RESULTS / "metrics_vs_networkx.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
