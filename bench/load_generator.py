"""A closed-loop HTTP load generator: clients that each send a request, wait for the answer,
and send the next, for a fixed time; latencies and outcomes per kind of request.

Paced (``rate``): the clients together send about ``rate`` requests a second, each at its own
even interval, still one at a time. A request's latency then counts from when it was due, not
from when it was sent, so a server falling behind shows as the delay its clients see
(no "coordinated omission").

Each client is one coroutine with its own kept-alive connection (httpx2, asynchronous); with
``processes`` > 1 the clients are shared out to that many processes, so the generator's own
CPU is not what limits the rate. A request's kind names what it measures (``kpis``,
``booking``, ``ping``...); a kind is a read or a write. An answer is *ok* (2xx), *refused*
(409 to a booking: the resource is full, a correct answer), or an error: ``5xx``, ``4xx``,
``timeout``, ``transport`` or ``locked`` (an answer mentioning ``database is locked``).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2
import numpy as np

__all__ = ["READS", "WRITES", "Agent", "Outcome", "Result", "generate"]

READS = ("kpis", "reach", "partners", "posts", "ping", "naive")
WRITES = ("post", "booking")
_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Agent:
    """One client's identity: its bearer token, the actor it owns, a cooperation of that actor
    whose channel it reads and posts in (None: no such cooperation), and a resource it owns
    (with its capacity) to book."""

    token: str = ""
    actor: str = ""
    cooperation: str | None = None
    resource: str | None = None
    capacity: float = 1.0


Outcome = dict[str, int]  # "ok", "refused", "5xx", "4xx", "timeout", "transport", "locked"


@dataclass
class Result:
    """What the clients saw: latencies (ms) of answered requests and outcomes, per kind."""

    seconds: float
    cpu_seconds: float  # the generator's own CPU time, summed over its processes
    latencies: dict[str, list[float]] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)  # a few error answers, to read

    def merge(self, other: Result) -> None:
        self.seconds = max(self.seconds, other.seconds)
        self.cpu_seconds += other.cpu_seconds
        for kind, values in other.latencies.items():
            self.latencies.setdefault(kind, []).extend(values)
        for kind, counts in other.outcomes.items():
            mine = self.outcomes.setdefault(kind, {})
            for outcome, n in counts.items():
                mine[outcome] = mine.get(outcome, 0) + n
        self.samples.extend(other.samples[: max(0, 10 - len(self.samples))])

    def count(self, kinds: Sequence[str], outcomes: Sequence[str] = ("ok", "refused")) -> int:
        return sum(self.outcomes.get(k, {}).get(o, 0) for k in kinds for o in outcomes)

    def errors(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for counts in self.outcomes.values():
            for outcome, n in counts.items():
                if outcome not in ("ok", "refused"):
                    found[outcome] = found.get(outcome, 0) + n
        return found

    def percentiles(self, kinds: Sequence[str]) -> tuple[float, float, float] | None:
        values = [v for k in kinds for v in self.latencies.get(k, ())]
        if not values:
            return None
        p50, p95, p99 = np.percentile(values, [50, 95, 99])
        return float(p50), float(p95), float(p99)


def _request(kind: str, agent: Agent, rng: random.Random) -> tuple[str, str, Any]:
    """Method, path and JSON body of one request of ``kind`` for ``agent``."""
    actor = agent.actor
    if kind == "kpis":
        return "GET", f"/api/v1/actors/{actor}/kpis", None
    if kind == "reach":
        return "GET", f"/api/v1/actors/{actor}/reach", None
    if kind == "partners":
        return "GET", f"/api/v1/actors/{actor}/partners", None
    if kind == "posts":
        return "GET", f"/api/v1/posts?cooperation={agent.cooperation}&limit=20", None
    if kind == "post":
        body = {
            "cooperation": agent.cooperation,
            "actor": actor,
            "category": "market_info",
            "title": f"Harga pasar {rng.randrange(10**6)}",
            "body": "Catatan harga dari beban uji.",
        }
        return "POST", "/api/v1/posts", body
    if kind == "booking":
        # Some months ahead, a few hours long, up to 60 % of the capacity: bookings overlap
        # often enough that some are refused for capacity.
        start = datetime(2030, 1, 1, tzinfo=UTC) + timedelta(hours=rng.randrange(24 * 90))
        end = start + timedelta(hours=rng.randint(1, 8))
        body = {
            "resource": agent.resource,
            "by": actor,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "quantity": round(agent.capacity * rng.uniform(0.05, 0.6), 3),
        }
        return "POST", "/api/v1/bookings", body
    if kind == "naive":
        return "GET", f"/naive/actors/{actor}", None
    return "GET", "/ping", None


def _outcome(kind: str, status: int, text: str) -> str:
    if "database is locked" in text:
        return "locked"
    if 200 <= status < 300:
        return "ok"
    if status == 409 and kind == "booking":
        return "refused"
    return "5xx" if status >= 500 else "4xx"


async def _client(
    http: httpx2.AsyncClient,
    agent: Agent,
    mix: Sequence[tuple[str, float]],
    deadline: float,
    rng: random.Random,
    result: Result,
    interval: float | None,
) -> None:
    kinds = [k for k, _ in mix]
    weights = [w for _, w in mix]
    headers = {"Authorization": f"Bearer {agent.token}"} if agent.token else {}
    due = time.perf_counter() + rng.uniform(0, interval or 0.0)
    while (due if interval else time.perf_counter()) < deadline:
        kind = rng.choices(kinds, weights)[0]
        method, path, body = _request(kind, agent, rng)
        counts = result.outcomes.setdefault(kind, {})
        if interval:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            started, due = due, due + interval
        else:
            started = time.perf_counter()
        try:
            answer = await http.request(method, path, json=body, headers=headers)
        except httpx2.TimeoutException:
            counts["timeout"] = counts.get("timeout", 0) + 1
            continue
        except httpx2.TransportError as error:
            counts["transport"] = counts.get("transport", 0) + 1
            if len(result.samples) < 10:
                result.samples.append(f"{kind}: {error!r}")
            await asyncio.sleep(0.05)
            continue
        elapsed = (time.perf_counter() - started) * 1000
        outcome = _outcome(kind, answer.status_code, answer.text)
        counts[outcome] = counts.get(outcome, 0) + 1
        if outcome in ("ok", "refused"):
            result.latencies.setdefault(kind, []).append(elapsed)
        elif len(result.samples) < 10:
            result.samples.append(f"{kind} {method} {path}: {answer.status_code} {answer.text}")


async def _run(
    base_url: str,
    agents: Sequence[Agent],
    mix: Sequence[tuple[str, float]],
    seconds: float,
    seed: int,
    interval: float | None,
) -> Result:
    limits = httpx2.Limits(max_connections=len(agents), max_keepalive_connections=len(agents))
    result = Result(seconds, 0.0)
    cpu = time.process_time()
    async with httpx2.AsyncClient(base_url=base_url, limits=limits, timeout=_TIMEOUT_S) as http:
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(
            *(
                _client(
                    http, agent, mix, deadline, random.Random(seed * 1000 + i), result, interval
                )
                for i, agent in enumerate(agents)
            )
        )
        result.seconds = time.perf_counter() - started  # the last answers come after the end
    result.cpu_seconds = time.process_time() - cpu
    return result


def _run_in_process(
    base_url: str,
    agents: Sequence[Agent],
    mix: Sequence[tuple[str, float]],
    seconds: float,
    seed: int,
    interval: float | None,
) -> Result:
    return asyncio.run(_run(base_url, agents, mix, seconds, seed, interval))


def generate(
    base_url: str,
    agents: Sequence[Agent],
    mix: Sequence[tuple[str, float]],
    *,
    seconds: float,
    processes: int = 1,
    seed: int = 1,
    rate: float | None = None,
) -> Result:
    """One client per agent sending requests drawn from ``mix`` (kind, weight) for ``seconds``;
    ``rate``: about that many requests a second in all, paced (see the module's docstring)."""
    interval = None if rate is None else len(agents) / rate
    if processes <= 1:
        return _run_in_process(base_url, agents, mix, seconds, seed, interval)
    shares = [list(agents[i::processes]) for i in range(processes)]
    with ProcessPoolExecutor(processes) as pool:
        futures = [
            pool.submit(_run_in_process, base_url, share, mix, seconds, seed + i, interval)
            for i, share in enumerate(shares)
            if share
        ]
        results = [f.result() for f in futures]
    merged = results[0]
    for other in results[1:]:
        merged.merge(other)
    return merged
