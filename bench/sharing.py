"""Network-sharing reads on a demo community: reach, warm introductions and account mapping,
each one service call as the API will make it (SQLite, the operator's rights).

    .venv/bin/python -m bench.sharing [--actors 2000] [--seed 1] [--queries 30]

Actors are drawn (seeded) from the members of active network-sharing cooperations that have a
partner sharing at least counts with them in exactly one cooperation; each is mapped against
that partner and asked for routes to another drawn actor. Times are wall-clock per call,
after one warm-up call, including the database reads; results go to
``bench/results/sharing_ACTORS.md``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.machine import describe
from jejaring.config import Settings
from jejaring.demo.run import run_demo
from jejaring.domain.cooperation import MappingLevel
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.intros import find_introductions
from jejaring.services.mapping import map_accounts
from jejaring.services.partnership import partnerships
from jejaring.services.reach import actor_reach
from jejaring.services.setup import initialise

RESULTS = Path(__file__).with_name("results")


def _times(calls: list[Callable[[], object]]) -> list[float]:
    calls[0]()  # warm-up: caches, first imports
    found = []
    for call in calls:
        started = time.perf_counter()
        call()
        found.append(time.perf_counter() - started)
    return found


def _row(name: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    cells = (statistics.median(ms), p95, ms[-1])
    return f"| {name} | {len(ms)} | " + " | ".join(f"{c:,.0f} ms" for c in cells) + " |"


def _pairs(ctx: Context, n: int, seed: int) -> list[tuple[str, str]]:
    with ctx.reader() as uow:
        keys = [a.key for a in uow.actors.find()]
        found = []
        for key in keys:
            ways = [p for p in partnerships(uow, key) if p.network_sharing]
            for way in ways:
                # A pair the map answers: one cooperation between them, the partner sharing.
                once = sum(w.partner == way.partner for w in ways) == 1
                if once and way.policy.mapping_level is not MappingLevel.NONE:
                    found.append((key, way.partner))
                    break
    return random.Random(seed).sample(found, min(n, len(found)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ctx = bootstrap(Settings(database_url=f"sqlite:///{folder}/bench.db"))
        initialise(ctx)
        started = time.perf_counter()
        run_demo(ctx, actors=args.actors, seed=args.seed)
        built = time.perf_counter() - started
        pairs = _pairs(ctx, args.queries, args.seed)
        with ctx.reader() as uow:
            counts = (uow.actors.count(), uow.ties.count(), uow.customers.count())
        rng = random.Random(args.seed)
        keys = [a for a, _ in pairs]
        targets = [rng.choice(keys) for _ in pairs]
        rows = [
            _row("reach (alone, partners, k = 2)", _times(
                [lambda a=a: actor_reach(ctx, None, a, k=2) for a, _ in pairs])),
            _row("intro to an actor (max 3 hops, 10 routes)", _times(
                [lambda a=a, t=t: find_introductions(ctx, None, a, t)
                 for (a, _), t in zip(pairs, targets, strict=True) if a != t])),
            _row("map A B (privacy.matching on both lists)", _times(
                [lambda a=a, b=b: map_accounts(ctx, None, a, b) for a, b in pairs])),
        ]  # fmt: skip
        ctx.close()
    lines = [
        "# Network-sharing reads",
        "",
        f"Command: `.venv/bin/python -m bench.sharing --actors {args.actors} --seed {args.seed} "
        f"--queries {args.queries}`  ",
        f"Machine: {describe()}  ",
        f"Community: {counts[0]:,} actors, {counts[1]:,} ties, {counts[2]:,} customer records "
        f"(demo generated and written in {built:,.0f} s), SQLite.",
        "",
        "| call | calls | median | p95 | slowest |",
        "|---|---:|---:|---:|---:|",
        *rows,
        "",
    ]
    (RESULTS / f"sharing_{args.actors}.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
