"""The REST API under load on loopback, on SQLite and on PostgreSQL, beside a bare FastAPI
endpoint served the same way (the ceiling).

    .venv/bin/python -m bench.api_load [--seconds 60] [--clients 50] [--actors 10000]
        [--databases sqlite,postgresql] [--processes 1] [--workers CORES] [--threads T]
        [--paced 0.3]

Per database: a fresh demo community (``jejaring init`` then ``jejaring demo --actors N
--seed 1``), one sign-in account per client owning a community actor that owns a resource
and belongs to an active cooperation sharing information (created through the services, with
its bearer token), and ``jejaring serve --workers`` on 127.0.0.1 as a user runs it (by
default one uvicorn process per core; the bare and naive endpoints get as many). After a
warm-up, ``--clients`` closed-loop clients (bench/load_generator.py) send for ``--seconds`` a
mix of reads (the actor's KPIs, reach and partners, and its channel's posts) and writes
(posts in the channel, bookings of its resource; a booking refused for capacity with 409 is a
correct answer, counted apart). The posts requests are sent only when the server's OpenAPI
has ``/api/v1/posts``. Then the same reads alone (what the writes, and the kept answers they
make stale, cost the reads), and the same clients, paced, ask the same server for
``--paced`` times the ceiling's reads per second (with the writes in their share): a closed
loop with 50 clients and no pause keeps the server saturated, so its latencies are mostly
the queue (on average clients / throughput); paced, they are what a request takes at the
goal's throughput, counted from when each was due.

Measured: requests, throughput of reads and writes, p50/p95/p99 per kind, errors by kind
(5xx, other 4xx, timeouts, ``database is locked``), the CPU the server and the generator
used, and read throughput over the ceiling: the same generator against ``GET /ping`` of a
bare FastAPI app (bench/bare_api.py), and against a naive FastAPI + SQLAlchemy read of one
actor row. The generator shares the machine with the server, in both cases alike. Writes
``bench/results/api_load.md``.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx2
from sqlalchemy import select

from bench.load_generator import READS, WRITES, Agent, Result, generate
from bench.machine import describe
from jejaring.config import Settings
from jejaring.domain.accounts import ActorRole
from jejaring.domain.cooperation import CooperationStatus, Mechanism, MembershipStatus
from jejaring.domain.errors import RuleViolation
from jejaring.services.accounts import create_user
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.sessions import issue_token
from jejaring.store.tables import ActorRow, CooperationRow, MembershipRow, ResourceRow
from tests.support.postgres import TemporaryPostgres

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).parent.parent
_PASSWORD = "load-bench-password"
_EMAIL = "load-{i:03d}@bench.jejaring.example"


@dataclass(frozen=True)
class Run:
    """One measured run: what was loaded, with which mix, and what the clients saw."""

    target: str
    result: Result
    server_cpu_s: float
    database_cpu_s: float | None  # PostgreSQL's server and backends; SQLite runs in the server
    reads: tuple[str, ...]
    writes: tuple[str, ...]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cpu_seconds(pid: int) -> float:
    """CPU used by the process and its worker processes (a worker's own, not yet reaped)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    tasks = Path(f"/proc/{pid}/task").iterdir()
    children = [int(c) for t in tasks for c in (t / "children").read_text().split()]
    return own + sum(_cpu_seconds(c) for c in children)


@contextmanager
def serving(command: Sequence[str], log: Path) -> Iterator[tuple[str, int]]:
    """``command`` (a server taking ``--port``) running; its base URL and process id."""
    port = _free_port()
    with log.open("w") as out:
        server = subprocess.Popen([*command, "--port", str(port)], stdout=out, stderr=out, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            if server.poll() is not None:
                raise RuntimeError(f"server exited: see {log}")
            try:
                httpx2.get(base + "/api/docs", timeout=1.0)
                break
            except httpx2.TransportError:
                time.sleep(0.1)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def _jejaring(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "jejaring", *args], check=True, capture_output=True)


def prepare(url: str, actors: int, seed: int) -> None:
    """A demo community in the database at ``url``, as a user makes one."""
    _jejaring("init", "--db", url)
    _jejaring("demo", "--actors", str(actors), "--seed", str(seed), "--db", url)


def _candidates(ctx: Context) -> list[tuple[str, str, str, float]]:
    """(actor, cooperation, resource, capacity) for actors owning a resource and belonging
    to an active cooperation that shares information, one row per actor."""
    with ctx.reader() as uow:
        s = uow.session
        resources = s.execute(
            select(ActorRow.key, ResourceRow.key, ResourceRow.capacity)
            .join(ActorRow, ActorRow.id == ResourceRow.owner_id)
            .order_by(ResourceRow.id)
        ).all()
        memberships = s.execute(
            select(ActorRow.key, CooperationRow.key, CooperationRow.mechanisms)
            .join(MembershipRow, MembershipRow.actor_id == ActorRow.id)
            .join(CooperationRow, CooperationRow.id == MembershipRow.cooperation_id)
            .where(CooperationRow.status == CooperationStatus.ACTIVE.value)
            .where(MembershipRow.status == MembershipStatus.ACCEPTED.value)
            .order_by(CooperationRow.id)
        ).all()
    channel: dict[str, str] = {}
    for actor, cooperation, mechanisms in memberships:
        if Mechanism.INFORMATION_SHARING.value in mechanisms:
            channel.setdefault(actor, cooperation)
    owned: dict[str, tuple[str, float]] = {}
    for actor, resource, capacity in resources:
        owned.setdefault(actor, (resource, capacity))
    return [(a, channel[a], *owned[a]) for a in sorted(owned) if a in channel]


def make_agents(url: str, clients: int, seed: int) -> list[Agent]:
    """One owner account per client, each for a different actor, and its bearer token."""
    ctx = bootstrap(Settings(database_url=url))
    found = _candidates(ctx)
    if len(found) < clients:
        raise SystemExit(f"only {len(found)} actors own a resource and post in a channel")
    agents = []
    for i, (actor, cooperation, resource, capacity) in enumerate(
        random.Random(seed).sample(found, clients)
    ):
        email = _EMAIL.format(i=i)
        with suppress(RuleViolation):  # made by an earlier run on this database
            create_user(ctx, email, _PASSWORD, actor=actor, role=ActorRole.OWNER)
        with ctx.reader() as uow:
            user = uow.users.get(email)
        assert user is not None
        agents.append(Agent(issue_token(ctx, user), actor, cooperation, resource, capacity))
    ctx.close()
    return agents


def api_mix(has_posts: bool) -> list[tuple[str, float]]:
    """90 % reads, 10 % writes; without the posts routes, their share goes to the others."""
    if has_posts:
        return [
            ("kpis", 0.2), ("reach", 0.2), ("partners", 0.2), ("posts", 0.3),
            ("post", 0.05), ("booking", 0.05),
        ]  # fmt: skip
    return [("kpis", 0.3), ("reach", 0.3), ("partners", 0.3), ("booking", 0.1)]


def _reads(mix: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return [(k, w) for k, w in mix if k in READS]


def _measure(
    target: str,
    base: str,
    pid: int,
    agents: Sequence[Agent],
    mix: list[tuple[str, float]],
    args: argparse.Namespace,
    database_pid: int | None = None,
    rate: float | None = None,
) -> Run:
    generate(base, agents, _reads(mix), seconds=args.warmup, processes=args.processes)
    before = _cpu_seconds(pid)
    database_before = None if database_pid is None else _cpu_seconds(database_pid)
    result = generate(base, agents, mix, seconds=args.seconds, processes=args.processes, rate=rate)
    server_cpu = _cpu_seconds(pid) - before
    database_cpu = (
        None if database_pid is None else _cpu_seconds(database_pid) - (database_before or 0.0)
    )
    kinds = [k for k, _ in mix]
    run = Run(
        target,
        result,
        server_cpu,
        database_cpu,
        tuple(k for k in kinds if k in READS),
        tuple(k for k in kinds if k in WRITES),
    )
    print(f"{target}: {_row(run, None)}", flush=True)
    for sample in result.samples:
        print("   ", sample[:300], flush=True)
    return run


def _api(
    url: str, label: str, work: Path, args: argparse.Namespace, database_pid: int | None = None
) -> list[Run]:
    """Demo community, accounts, then the API and the naive endpoint over it under load."""
    started = time.perf_counter()
    prepare(url, args.actors, args.seed)
    agents = make_agents(url, args.clients, args.seed)
    print(f"{label}: prepared in {time.perf_counter() - started:.0f} s", flush=True)
    # The ceiling right before the API: the machine's other load is then much the same.
    workers = ["--workers", str(args.workers)]
    bare = [sys.executable, "-m", "bench.bare_api", *workers]
    with serving(bare, work / f"bare-{label}.log") as (base, pid):
        anyone = [Agent()] * args.clients
        ceiling = _measure(f"bare `/ping`, {label}", base, pid, anyone, [("ping", 1.0)], args)
    runs = [ceiling]
    serve = [sys.executable, "-m", "jejaring", "serve", "--db", url, *workers]
    if args.threads is not None:
        serve += ["--threads", str(args.threads)]
    with serving(serve, work / f"serve-{label}.log") as (base, pid):
        paths = httpx2.get(base + "/api/v1/openapi.json").json()["paths"]
        has_posts = "/api/v1/posts" in paths
        mix = api_mix(has_posts)
        runs.append(_measure(f"API, {label}", base, pid, agents, mix, args, database_pid))
        # The same reads with no writes beside them: what the writes, and the kept answers
        # they make stale, cost the reads.
        target = f"API, reads only, {label}"
        runs.append(_measure(target, base, pid, agents, _reads(mix), args, database_pid))
        if args.paced:
            # The goal's read throughput, asked for: what do reads take when that is all?
            read_share = sum(w for k, w in mix if k in READS) / sum(w for _, w in mix)
            ceiling_reads = ceiling.result.count(ceiling.reads) / ceiling.result.seconds
            rate = args.paced * ceiling_reads / read_share
            target = f"API paced at {rate:,.0f} req/s, {label}"
            runs.append(_measure(target, base, pid, agents, mix, args, database_pid, rate))
    naive = [sys.executable, "-m", "bench.bare_api", "--db", url, *workers]
    with serving(naive, work / f"naive-{label}.log") as (base, pid):
        naive_mix = [("naive", 1.0)]
        runs.append(
            _measure(f"naive read, {label}", base, pid, agents, naive_mix, args, database_pid)
        )
    return runs


def _ms(values: tuple[float, float, float] | None) -> str:
    return " / ".join(f"{v:,.0f}" for v in values) if values else "-"


def _row(run: Run, ceiling: float | None) -> str:
    r = run.result
    reads = r.count(run.reads) / r.seconds
    writes = r.count(run.writes) / r.seconds
    errors = r.errors()
    refused = r.count(run.writes, ("refused",))
    ratio = f"{reads / ceiling:.2f}" if ceiling else "-"
    database = (
        "-" if run.database_cpu_s is None else f"{100 * run.database_cpu_s / r.seconds:.0f} %"
    )
    return (
        f"| {run.target} | {r.count([*run.reads, *run.writes]):,} | {reads:,.0f} | "
        f"{writes:,.1f} | {_ms(r.percentiles(run.reads))} | {_ms(r.percentiles(run.writes))} | "
        f"{refused:,} | {sum(errors.values()):,} | {errors.get('locked', 0):,} | "
        f"{100 * run.server_cpu_s / r.seconds:.0f} % | {database} | "
        f"{100 * r.cpu_seconds / r.seconds:.0f} % | {ratio} |"
    )


def _kinds(run: Run) -> list[str]:
    lines = []
    for kind in (*run.reads, *run.writes):
        counts = run.result.outcomes.get(kind, {})
        shown = ", ".join(f"{o} {n:,}" for o, n in sorted(counts.items()))
        lines.append(f"| {run.target} | {kind} | {_ms(run.result.percentiles([kind]))} | {shown} |")
    return lines


def report(runs: list[Run], args: argparse.Namespace, argv: list[str]) -> str:
    rows, ceiling = [], 0.0
    for run in runs:
        if run.reads == ("ping",):  # each database's runs follow their own ceiling
            ceiling = run.result.count(run.reads) / run.result.seconds
        rows.append(_row(run, ceiling))
    lines = [
        "# The REST API under load",
        "",
        f"Command: `.venv/bin/python -m bench.api_load {' '.join(argv)}`  ",
        f"Machine: {describe()}  ",
        f"Load: {args.clients} closed-loop clients on loopback for {args.seconds:.0f} s after a "
        f"{args.warmup:.0f} s warm-up (of reads), from {args.processes} generator process(es) "
        "(asyncio HTTP/1.1 connections, bench/load_generator.py); demo community of "
        f"{args.actors:,} actors (seed {args.seed}), "
        f"{args.clients} owner accounts; the server is `jejaring serve --workers "
        f"{args.workers}"
        + (
            f" --threads {args.threads}` (uvicorn processes of {args.threads} threads each)"
            if args.threads is not None
            else "` (uvicorn processes)"
        )
        + ", and the bare and "
        "naive endpoints are served with as many. API mix: "
        + ", ".join(f"{k} {w:.0%}" for k, w in api_mix(_has_posts(runs)))
        + ".",
        "",
        "Latencies in ms as p50 / p95 / p99. *refused*: bookings answered 409 for capacity (a "
        "correct answer). *errors*: 5xx, other 4xx, timeouts, transport errors and `database "
        "is locked` (also shown alone). CPU: share of one core over the run (*database*: "
        "PostgreSQL's server and its backends; SQLite runs inside the server). *read / "
        "ceiling*: read throughput over that of the bare endpoint measured just before, on "
        "the same machine with the same generator. *paced*: the clients ask together for "
        f"{args.paced:g} times the ceiling's reads per second with the writes in their share, "
        "each request's latency counted from when it was due (a server falling behind "
        "shows as delay).",
        "",
        "| target | requests | reads/s | writes/s | reads p50/p95/p99 | writes p50/p95/p99 | "
        "refused | errors | locked | server CPU | database CPU | generator CPU | "
        "read / ceiling |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        "Per kind of request:",
        "",
        "| target | kind | p50 / p95 / p99 ms | answers |",
        "|---|---|---:|---|",
        *(line for run in runs if run.reads != ("ping",) for line in _kinds(run)),
        "",
    ]
    if not _has_posts(runs):
        lines += [
            "The server had no `/api/v1/posts` route: the posts reads and writes were left out.",
            "",
        ]
    return "\n".join(lines)


def _has_posts(runs: list[Run]) -> bool:
    return any("posts" in run.reads for run in runs)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--processes", type=int, default=1, help="generator processes")
    parser.add_argument(
        "--paced",
        type=float,
        default=0.3,
        help="then the API paced to this share of the ceiling's reads/s (0: no paced run)",
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="server processes (all three)"
    )
    parser.add_argument(
        "--threads", type=int, default=None, help="threads of each server process (its default)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "api_load.md")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="api-load-"))
    print(f"work folder (databases, server logs): {work}", flush=True)
    runs: list[Run] = []
    for label in args.databases.split(","):
        if label == "sqlite":
            runs += _api(f"sqlite:///{work / 'demo.db'}", label, work, args)
        elif label == "postgresql":
            with TemporaryPostgres() as pg:
                runs += _api(pg.url(), label, work, args, pg.server_pid())
        else:
            raise SystemExit(f"unknown database {label!r}: sqlite or postgresql")
    text = report(runs, args, argv)
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
