"""A closed-loop HTTP load generator: clients that each send a request, wait for the answer,
and send the next, for a fixed time; latencies and outcomes per kind of request.

Paced (``rate``): the clients together send about ``rate`` requests a second, each at its own
even interval, still one at a time. A request's latency then counts from when it was due, not
from when it was sent, so a server falling behind shows as the delay its clients see
(no "coordinated omission").

Each client is one coroutine with its own kept-alive HTTP/1.1 connection (``Connection``: asyncio
streams, as little client as a measurement needs); with ``processes`` > 1 the clients are
shared out to that many processes. The generator shares the cores with the server it
measures, so it must cost little: against a bare endpoint, httpx2's asynchronous client used
0.73 ms of CPU per request and was what limited the rate (1,271 requests/s at 93 % of a
core), where these connections use 0.08 ms (3,937 requests/s at 33 %).

A request's kind names what it measures (``kpis``, ``booking``, ``ping``...); a kind is a
read or a write. An answer is *ok* (2xx), *refused* (409 to a booking: the resource is full,
a correct answer), or an error: ``5xx``, ``4xx``, ``timeout``, ``transport`` or ``locked``
(an answer mentioning ``database is locked``).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import numpy as np

__all__ = ["READS", "WRITES", "Agent", "Connection", "Outcome", "Result", "generate"]

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
    body: dict[str, Any]
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


class Connection:
    """One kept-alive HTTP/1.1 connection to ``host:port``, opened when first used and again
    after a failure. An answer must carry a ``Content-Length`` (uvicorn sends one for every
    answer but a streamed one); a connection the server closes is opened again for the next
    request."""

    def __init__(self, host: str, port: int) -> None:
        self._host, self._port = host, port
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: Any = None
    ) -> tuple[int, bytes]:
        """Status and body of the answer; ``body``: sent as JSON. Raises OSError (or
        asyncio.IncompleteReadError, ValueError) when the exchange fails."""
        if self._streams is None:
            self._streams = await asyncio.open_connection(self._host, self._port)
        reader, writer = self._streams
        payload = b"" if body is None else json.dumps(body).encode()
        head = [f"{method} {path} HTTP/1.1", f"host: {self._host}:{self._port}"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        if body is not None:
            head += ["content-type: application/json", f"content-length: {len(payload)}"]
        try:
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)
            status, fields = _head(await reader.readuntil(b"\r\n\r\n"))
            if "content-length" not in fields:  # chunked: no route of the mix streams
                raise ValueError(f"{method} {path}: an answer without Content-Length")
            answer = await reader.readexactly(int(fields["content-length"]))
        except BaseException:
            self.close()
            raise
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, answer

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None


def _head(raw: bytes) -> tuple[int, dict[str, str]]:
    lines = raw.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name:
            fields[name.strip().lower()] = value.strip()
    return status, fields


async def _client(
    http: Connection,
    agent: Agent,
    mix: Sequence[tuple[str, float]],
    deadline: float,
    rng: random.Random,
    result: Result,
    interval: float | None,
) -> None:
    kinds = [k for k, _ in mix]
    weights = [w for _, w in mix]
    headers = {"authorization": f"Bearer {agent.token}"} if agent.token else {}
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
            async with asyncio.timeout(_TIMEOUT_S):
                status, answer = await http.request(method, path, headers, body)
        except TimeoutError:
            counts["timeout"] = counts.get("timeout", 0) + 1
            continue
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            counts["transport"] = counts.get("transport", 0) + 1
            if len(result.samples) < 10:
                result.samples.append(f"{kind}: {error!r}")
            await asyncio.sleep(0.05)
            continue
        elapsed = (time.perf_counter() - started) * 1000
        text = answer.decode("utf-8", "replace")
        outcome = _outcome(kind, status, text)
        counts[outcome] = counts.get(outcome, 0) + 1
        if outcome in ("ok", "refused"):
            result.latencies.setdefault(kind, []).append(elapsed)
        elif len(result.samples) < 10:
            result.samples.append(f"{kind} {method} {path}: {status} {text}")


async def _run(
    base_url: str,
    agents: Sequence[Agent],
    mix: Sequence[tuple[str, float]],
    seconds: float,
    seed: int,
    interval: float | None,
) -> Result:
    where = urlsplit(base_url)
    assert where.hostname is not None and where.port is not None, base_url
    connections = [Connection(where.hostname, where.port) for _ in agents]
    result = Result(seconds, 0.0)
    cpu = time.process_time()
    started = time.perf_counter()
    deadline = started + seconds
    try:
        await asyncio.gather(
            *(
                _client(c, agent, mix, deadline, random.Random(seed * 1000 + i), result, interval)
                for i, (c, agent) in enumerate(zip(connections, agents, strict=True))
            )
        )
    finally:
        for c in connections:
            c.close()
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
