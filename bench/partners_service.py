"""``find_partners`` as the API and the CLI call it, over a stored demo community.

    .venv/bin/python -m bench.partners_service --db sqlite:////tmp/d100k.db [--queries 100]

The database is a demo community (``jejaring init`` then ``jejaring demo --actors 100000
--seed 1``). Measured: the first query (which reads the community snapshot), then queries for
random community actors after warm-up (the snapshot kept on the context, each query reading
the focal actor's own ties), with p50/p95, and the same queries with the snapshot read every
time (the baseline). Writes ``bench/results/partners_service.md``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

from bench.machine import describe
from jejaring.config import Settings
from jejaring.services.bootstrap import bootstrap
from jejaring.services.partners import PartnerQuery, find_partners
from jejaring.store.layer_read import read_layer_actors

RESULTS = Path(__file__).parent / "results"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--baseline-queries", type=int, default=5)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args(argv)
    ctx = bootstrap(Settings(database_url=args.db))
    with ctx.reader() as uow:
        keys = read_layer_actors(uow.session, community_only=True)["key"].to_list()
    chosen = random.Random(1).sample(keys, args.queries + args.baseline_queries + 1)
    started = time.perf_counter()
    find_partners(ctx, None, PartnerQuery(chosen[0], k=args.k))
    cold = time.perf_counter() - started
    warm = []
    for key in chosen[1 : args.queries + 1]:
        started = time.perf_counter()
        find_partners(ctx, None, PartnerQuery(key, k=args.k))
        warm.append(time.perf_counter() - started)
    baseline = []
    for key in chosen[args.queries + 1 :]:
        ctx.memo.clear()
        started = time.perf_counter()
        find_partners(ctx, None, PartnerQuery(key, k=args.k))
        baseline.append(time.perf_counter() - started)
    p50, p95, worst = (float(np.percentile(warm, q)) * 1000 for q in (50, 95, 100))
    base = float(np.median(baseline)) * 1000
    lines = [
        "# Partner identification through the service",
        "",
        f"Command: `.venv/bin/python -m bench.partners_service {' '.join(argv or sys.argv[1:])}`  ",
        f"Machine: {describe()}  ",
        f"Community: {len(keys):,} community actors; k = {args.k}; default weights and "
        "trust layer.",
        "",
        "| measure | result |",
        "|---|---:|",
        f"| first query (reads the community snapshot) | {cold * 1000:,.0f} ms |",
        f"| warm queries, p50 ({len(warm)} random actors) | {p50:,.0f} ms |",
        f"| warm queries, p95 | {p95:,.0f} ms |",
        f"| warm queries, slowest | {worst:,.0f} ms |",
        f"| baseline: snapshot read every time, median of {len(baseline)} | {base:,.0f} ms |",
        f"| baseline / warm p50 | {base / p50:,.1f}x |",
        "",
    ]
    (RESULTS / "partners_service.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
