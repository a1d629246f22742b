"""Timing the API's main reads through the services the routes call, and checking their plans.

Every SQL statement a read issues is captured (SQLAlchemy's ``before_cursor_execute`` and
``after_cursor_execute`` on the context's engine) with its parameters and duration. Each
distinct ``SELECT`` is then run again under ``EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)`` with
the parameters it was first issued with; a plan that scans a table of more than 100,000 rows
sequentially fails the read's index use.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import psycopg
from sqlalchemy import Engine, event

__all__ = ["BIG_TABLE", "Capture", "Measured", "explain", "measure"]

BIG_TABLE = 100_000


@dataclass
class _Statement:
    sql: str
    parameters: Any
    calls: int = 0
    seconds: float = 0.0
    slowest: float = 0.0


@dataclass
class Capture:
    """The statements issued while ``recording`` is on, by text."""

    statements: dict[str, _Statement] = field(default_factory=dict)
    issued: int = 0
    on: bool = False
    hooks: list[tuple[str, Any]] = field(default_factory=list)

    def attach(self, engine: Engine) -> None:
        def _before(conn: Any, _c: Any, sql: str, parameters: Any, *_rest: Any) -> None:
            conn.info["bench_started"] = time.perf_counter()

        def _after(conn: Any, _c: Any, sql: str, parameters: Any, *_rest: Any) -> None:
            if not self.on:
                return
            took = time.perf_counter() - conn.info.pop("bench_started", time.perf_counter())
            found = self.statements.setdefault(sql, _Statement(sql, parameters))
            found.calls += 1
            found.seconds += took
            found.slowest = max(found.slowest, took)
            self.issued += 1

        self.hooks = [("before_cursor_execute", _before), ("after_cursor_execute", _after)]
        for name, hook in self.hooks:
            event.listen(engine, name, hook)

    def detach(self, engine: Engine) -> None:
        for name, hook in self.hooks:
            event.remove(engine, name, hook)

    @contextmanager
    def recording(self) -> Iterator[None]:
        self.on = True
        try:
            yield
        finally:
            self.on = False


@dataclass(frozen=True)
class Measured:
    """One read: latencies in ms, the statements it issued, what their plans scanned."""

    name: str
    times_ms: np.ndarray
    statements: list[_Statement]
    per_call: float
    seq_scans: list[str]  # "table (rows)" scanned sequentially among the big tables
    explained: int
    errors: int = 0

    def quantile(self, q: float) -> float:
        return float(np.quantile(self.times_ms, q)) if self.times_ms.size else float("nan")


def measure(
    name: str,
    engine: Engine,
    call: Callable[[Any], object],
    warm: list[Any],
    samples: list[Any],
    log: Callable[[str], None],
) -> tuple[Capture, np.ndarray, int]:
    """Warm up on ``warm``, then time ``call`` on each of ``samples``; statements captured."""
    for arg in warm:
        call(arg)
    capture = Capture()
    capture.attach(engine)
    times, errors = [], 0
    with capture.recording():
        for arg in samples:
            start = time.perf_counter()
            try:
                call(arg)
            except Exception as error:  # a refused read is reported, not timed
                errors += 1
                if errors <= 3:
                    log(f"  {name}: {type(error).__name__}: {error}")
                continue
            times.append((time.perf_counter() - start) * 1000)
            if len(times) % 25 == 0:
                log(f"  {len(times)} done, last {times[-1]:.0f} ms")
    capture.detach(engine)
    return capture, np.array(times), errors


def _walk(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _walk(child)


def explain(
    dsn: str, capture: Capture, sizes: dict[str, int]
) -> tuple[list[str], int, dict[str, list[dict[str, Any]]]]:
    """Big tables any captured SELECT scans sequentially, how many were explained, the plans."""
    scans: set[str] = set()
    plans: dict[str, list[dict[str, Any]]] = {}
    explained = 0
    with psycopg.connect(dsn) as conn:
        for s in capture.statements.values():
            head = s.sql.lstrip().split(None, 1)[0].upper()
            if head not in ("SELECT", "WITH"):
                continue
            with conn.transaction(force_rollback=True), conn.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + s.sql, s.parameters)
                row = cur.fetchone()
            assert row is not None
            document = row[0] if not isinstance(row[0], str) else json.loads(row[0])
            plan = document[0]["Plan"]
            plans[s.sql] = document
            explained += 1
            for node in _walk(plan):
                table = node.get("Relation Name")
                if node["Node Type"] == "Seq Scan" and sizes.get(table or "", 0) > BIG_TABLE:
                    scans.add(f"{table} ({sizes[table or '']:,})")
    return sorted(scans), explained, plans
