"""PostgreSQL at national size: load a synthetic community with COPY, then time the API's reads.

    .venv/bin/python -m bench.pg_scale [--actors 1000000 --ties 10000000 --customers 10000000]
        [--samples 200] [--out bench/results/pg_scale.md]

A throw-away PostgreSQL 15 (``tests/support/postgres.py``) with the settings in ``SETTINGS``;
the schema from the migrations (``services.setup.initialise``); a community generated with
NumPy (``bench/pg_scale_data.py``) and loaded with ``COPY`` with its keys, indexes and foreign
keys built afterwards (``bench/pg_scale_load.py``), then ``ANALYZE``. Then the reads an
actor's dashboard, its partners page, a channel and an account map make, each through the
function its route calls, for ``--samples`` random actors, cooperations or pairs after a
warm-up on others (so that no answer is kept from an earlier call): p50/p95/p99, the
statements issued, whether any plan scans a big table (``bench/pg_scale_reads.py``), and the
slowest statement. Partners are measured twice: the first query (which reads the whole
community into memory) and warm queries. Writes the results to ``--out``.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import psycopg

from bench.machine import describe
from bench.pg_scale_data import Sizes, generate
from bench.pg_scale_load import Built, Loaded, build, copy_all
from bench.pg_scale_reads import BIG_TABLE, Capture, explain, measure
from jejaring.api.routers.posts import list_posts
from jejaring.config import Settings
from jejaring.domain.accounts import User
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.kpis import actor_kpis
from jejaring.services.mapping import map_accounts
from jejaring.services.partners import PartnerQuery, find_partners
from jejaring.services.reach import actor_reach
from jejaring.services.setup import initialise
from tests.support.postgres import TemporaryPostgres, _binary

RESULTS = Path(__file__).parent / "results"
GOAL_MS = 100.0
# A server sized for the machine (24 GiB): PostgreSQL's defaults otherwise.
SETTINGS = {
    "shared_buffers": "4GB",
    "effective_cache_size": "16GB",
    "maintenance_work_mem": "1GB",
    "work_mem": "32MB",
    "max_wal_size": "8GB",
}


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Row:
    """One line of the read table."""

    read: str
    times_ms: np.ndarray
    capture: Capture
    seq_scans: list[str]
    explained: int
    errors: int
    note: str = ""

    def q(self, p: float) -> float:
        return float(np.quantile(self.times_ms, p)) if self.times_ms.size else float("nan")


def _configure(pg: TemporaryPostgres) -> None:
    with psycopg.connect(pg.dsn(), autocommit=True) as conn:
        for name, value in SETTINGS.items():
            conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        conn.execute("CREATE DATABASE jejaring")
    log_file = str(pg.root / "server.log")
    command = [_binary("pg_ctl"), "-D", str(pg.data), "-w", "-l", log_file, "restart"]
    if pg._as_postgres:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True)


def _table_sizes(conn: psycopg.Connection[Any]) -> dict[str, int]:
    rows = conn.execute(
        "SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r' "
        "AND relnamespace = 'public'::regnamespace"
    ).fetchall()
    return {name: int(n) for name, n in rows}


def _users(ctx: Context, emails: list[str]) -> dict[str, User]:
    with ctx.reader() as uow:
        found = {e: uow.users.get(e) for e in emails}
    return {e: u for e, u in found.items() if u is not None}


def _samples(conn: psycopg.Connection[Any], n: int, seed: int) -> dict[str, list[tuple[str, ...]]]:
    """(actor, e-mail), (cooperation, e-mail), (a, b, cooperation, e-mail) to ask about."""
    conn.execute("SELECT setseed(%s)", (1 / (seed + 1),))
    actors = conn.execute(
        "SELECT a.key, u.email FROM actor_member m JOIN actor a ON a.id = m.actor_id "
        "JOIN user_account u ON u.id = m.user_id ORDER BY random() LIMIT %s",
        (n,),
    ).fetchall()
    channels = conn.execute(
        "SELECT DISTINCT ON (c.id) c.key, u.email FROM cooperation c "
        "JOIN membership m ON m.cooperation_id = c.id AND m.status = 'accepted' "
        "AND m.left IS NULL JOIN actor_member am ON am.actor_id = m.actor_id "
        "JOIN user_account u ON u.id = am.user_id WHERE c.status = 'active' "
        "AND EXISTS (SELECT 1 FROM post p WHERE p.cooperation_id = c.id) ORDER BY c.id, random()",
    ).fetchall()
    pairs = conn.execute(
        "SELECT a.key, b.key, c.key, u.email FROM cooperation c "
        "JOIN membership ma ON ma.cooperation_id = c.id AND ma.status = 'accepted' "
        "JOIN membership mb ON mb.cooperation_id = c.id AND mb.status = 'accepted' "
        "AND mb.actor_id <> ma.actor_id "
        "JOIN sharing_policy p ON p.cooperation_id = c.id AND p.actor_id = mb.actor_id "
        "JOIN actor a ON a.id = ma.actor_id JOIN actor b ON b.id = mb.actor_id "
        "JOIN actor_member am ON am.actor_id = a.id JOIN user_account u ON u.id = am.user_id "
        "WHERE c.status = 'active' AND c.mechanisms::text LIKE '%%network_sharing%%' "
        "AND p.mapping_level = 'counts' AND ma.left IS NULL AND mb.left IS NULL "
        "ORDER BY random() LIMIT %s",
        (n,),
    ).fetchall()
    shuffled = list(channels)
    random.Random(seed).shuffle(shuffled)
    return {"actors": actors, "channels": shuffled[:n], "pairs": pairs}


def _computed(answer: Callable[[], object], **_scopes: object) -> object:
    """The route's answer computed, as the API computes one it has not kept."""
    return answer()


def _reads(ctx: Context) -> dict[str, Callable[[Any], object]]:
    """What each route calls, given (key..., user)."""
    return {
        "dashboard: KPIs (`GET /actors/{key}/kpis`)": lambda s: actor_kpis(ctx, s[-1], s[0]),
        "dashboard: reach (`GET /actors/{key}/reach`)": lambda s: actor_reach(ctx, s[-1], s[0]),
        "channel page (`GET /posts?cooperation=`, first page)": lambda s: list_posts(
            ctx,
            s[-1],
            _computed,
            s[0],
            expired=False,
            category=None,
            territory=None,
            sector=None,
            cursor=None,
            limit=100,
        ),
        "account-mapping counts (`GET /actors/{key}/account-maps/{partner}`)": lambda s: (
            map_accounts(ctx, s[-1], s[0], s[1], cooperation=s[2])
        ),
        "partners, warm (`GET /actors/{key}/partners`)": lambda s: find_partners(
            ctx, s[-1], PartnerQuery.of(s[0], tie_types=None, weights="")
        ),
    }


def _split(found: list[tuple[str, ...]], warm: int) -> tuple[list[Any], list[Any]]:
    return found[:warm], found[warm:]


def run_reads(
    ctx: Context,
    dsn: str,
    conn: psycopg.Connection[Any],
    samples: int,
    partner_samples: int,
    seed: int,
) -> tuple[list[Row], float]:
    warm = 5
    picked = _samples(conn, samples + warm, seed)
    emails = sorted({s[-1] for rows in picked.values() for s in rows})
    users = _users(ctx, emails)
    withuser = {k: [(*s[:-1], users[s[-1]]) for s in rows] for k, rows in picked.items()}
    sizes = _table_sizes(conn)
    reads = _reads(ctx)
    source = ["actors", "actors", "channels", "pairs", "actors"]
    rows, cold_ms = [], float("nan")
    for (name, call), kind in zip(reads.items(), source, strict=True):
        chosen = withuser[kind]
        first, rest = _split(chosen, warm)
        if name.startswith("partners"):
            log("partners: first query (reads the community snapshot)...")
            start = time.perf_counter()
            call(first[0])
            cold_ms = (time.perf_counter() - start) * 1000
            log(f"  first query {cold_ms / 1000:.1f} s")
            rest = rest[:partner_samples]
        log(f"{name}: {len(rest)} samples")
        capture, times, errors = measure(name, ctx.engine, call, first, rest, log)
        scans, explained, _plans = explain(dsn, capture, sizes)
        rows.append(Row(name, times, capture, scans, explained, errors))
        log(f"  p50 {rows[-1].q(0.5):.1f} ms, p95 {rows[-1].q(0.95):.1f} ms, scans {scans}")
    return rows, cold_ms


def _slowest(capture: Capture) -> str:
    if not capture.statements:
        return "-"
    s = max(capture.statements.values(), key=lambda s: s.seconds / s.calls)
    text = " ".join(s.sql.split())
    text = text if len(text) <= 110 else text[:107] + "..."
    return f"{s.seconds / s.calls * 1000:.1f} ms avg: `{text.replace('|', '/')}`"


def _report(
    args: argparse.Namespace,
    sizes: dict[str, int],
    phases: list[tuple[str, float]],
    loaded: list[Loaded],
    built: list[Built],
    disk: tuple[int, list[tuple[str, int]]],
    rows: list[Row],
    cold_ms: float,
) -> str:
    command = (
        f"`.venv/bin/python -m bench.pg_scale --actors {args.actors} --ties {args.ties} "
        f"--customers {args.customers} --samples {args.samples}"
        + ("" if args.partner_samples is None else f" --partner-samples {args.partner_samples}")
        + "`"
    )
    out = [
        "# PostgreSQL at national size",
        "",
        f"Command: {command}  ",
        f"Machine: {describe()}  ",
        "Server: a throw-away PostgreSQL 15 (fsync off, as the tests run it), with "
        + ", ".join(f"{k} = {v}" for k, v in SETTINGS.items())
        + ".",
        "",
        "## Phases",
        "",
        "| phase | seconds |",
        "|---|---:|",
        *(f"| {name} | {s:,.1f} |" for name, s in phases),
        "",
        "## COPY per table (constraints and indexes dropped, FREEZE)",
        "",
        "| table | rows | seconds | rows/s |",
        "|---|---:|---:|---:|",
        *(
            f"| {x.table} | {x.rows:,} | {x.seconds:,.1f} | {x.rows / max(x.seconds, 1e-9):,.0f} |"
            for x in loaded
        ),
        f"| **all** | {sum(x.rows for x in loaded):,} | {sum(x.seconds for x in loaded):,.1f} | "
        f"{sum(x.rows for x in loaded) / max(sum(x.seconds for x in loaded), 1e-9):,.0f} |",
        "",
        "## Keys, indexes and foreign keys built after the load",
        "",
        "| kind | count | seconds | slowest |",
        "|---|---:|---:|---|",
    ]
    for kind in ("primary key", "unique", "index", "foreign key"):
        some = [b for b in built if b.kind == kind]
        if some:
            top = max(some, key=lambda b: b.seconds)
            out.append(
                f"| {kind} | {len(some)} | {sum(b.seconds for b in some):,.1f} | "
                f"{top.name} ({top.table}) {top.seconds:,.1f} s |"
            )
    total, tables = disk
    out += [
        "",
        f"Database size on disk: {total / 2**30:,.2f} GiB. Largest tables (with indexes): "
        + ", ".join(f"{name} {b / 2**30:,.2f} GiB" for name, b in tables[:6])
        + ".",
        "",
        "Rows per table after the load: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(sizes.items(), key=lambda kv: -kv[1]) if v)
        + ".",
        "",
        f"## Reads (warm, ms; goal p95 <= {GOAL_MS:.0f} ms)",
        "",
        f"Index use fails when a plan of any statement the read issued scans a table of more than "
        f"{BIG_TABLE:,} rows sequentially (EXPLAIN ANALYZE of each distinct SELECT).",
        "",
        "| read | p50 | p95 | p99 | statements | index use | slowest statement |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        calls = max(r.times_ms.size + r.errors, 1)
        use = "ok" if not r.seq_scans else "FAIL: seq scan " + ", ".join(r.seq_scans)
        goal = "" if r.q(0.95) <= GOAL_MS else " (over goal)"
        out.append(
            f"| {r.read} | {r.q(0.5):,.1f} | {r.q(0.95):,.1f}{goal} | {r.q(0.99):,.1f} | "
            f"{len(r.capture.statements)} distinct, {r.capture.issued / calls:.1f} per call | "
            f"{use} | {_slowest(r.capture)} |"
        )
    errors = [f"{r.read}: {r.errors}" for r in rows if r.errors]
    out += [
        "",
        f"Partners, first query (reads the whole community into memory): {cold_ms:,.0f} ms. "
        "The warm row above is the answer once that snapshot is kept.",
        "",
        "Samples per read: "
        + ", ".join(f"{r.read.split(' (')[0]} {r.times_ms.size}" for r in rows)
        + " (after 5 warm-up calls on other actors); reads refused: "
        + (", ".join(errors) if errors else "none")
        + ".",
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actors", type=int, default=1_000_000)
    parser.add_argument("--ties", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=10_000_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument(
        "--partner-samples", type=int, default=None, help="warm partner queries (--samples)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS / "pg_scale.md")
    args = parser.parse_args(argv)
    phases: list[tuple[str, float]] = []

    def timed(name: str, work: Callable[[], Any]) -> Any:
        log(f"{name}...")
        start = time.perf_counter()
        result = work()
        phases.append((name, time.perf_counter() - start))
        log(f"  {phases[-1][1]:.1f} s")
        return result

    with TemporaryPostgres() as pg:
        _configure(pg)
        url, dsn = pg.url("jejaring"), pg.dsn("jejaring")
        ctx = bootstrap(Settings(database_url=url))
        timed("schema from the migrations, taxonomy, territories", lambda: initialise(ctx))
        sizes = Sizes(args.actors, args.ties, args.customers)
        community = timed("generate (NumPy, Polars)", lambda: generate(sizes, seed=args.seed))
        with psycopg.connect(dsn) as conn:
            found, loaded = timed("COPY every table", lambda: copy_all(conn, community, log))
            built = timed("keys, indexes, foreign keys", lambda: build(conn, found, log))
            conn.autocommit = True
            timed("ANALYZE", lambda: conn.execute("ANALYZE"))
            total = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            tables = conn.execute(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relkind = 'r' "
                "AND relnamespace = 'public'::regnamespace ORDER BY 2 DESC"
            ).fetchall()
            partner_samples = args.samples if args.partner_samples is None else args.partner_samples
            rows, cold_ms = run_reads(ctx, dsn, conn, args.samples, partner_samples, args.seed)
            counts = _table_sizes(conn)
        ctx.close()
    assert total is not None
    text = _report(args, counts, phases, loaded, built, (total[0], tables), rows, cold_ms)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
