"""One PSI step's elliptic-curve work on a part of the items, and the processes that run it.

A worker process imports only this module and the PSI library (not Polars nor the rest of
:mod:`jejaring.privacy.psi`), and the pool lives as long as the process, so a session's later
steps, and later sessions, do not pay for starting processes again.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, TypeVar

from private_set_intersection.python import DataStructure, Request, Response, ServerSetup
from private_set_intersection.python import _openmined_psi as _psi

__all__ = [
    "PARALLEL_FROM",
    "answer_part",
    "in_parts",
    "intersect_part",
    "parts_of",
    "request_part",
    "setup_part",
    "workers_for",
]

# Below this many items a step takes under a few seconds: not worth starting processes.
PARALLEL_FROM = 20_000
_T = TypeVar("_T")
_lock = threading.Lock()
_pool: list[tuple[int, ProcessPoolExecutor]] = []  # (size, pool): at most one


def workers_for(size: int) -> int:
    """How many processes a step over ``size`` items uses: one per core, from PARALLEL_FROM."""
    return 1 if size < PARALLEL_FROM else max(1, min(os.cpu_count() or 1, 8))


def parts_of(values: Sequence[_T], count: int) -> list[list[_T]]:
    """``values`` cut into ``count`` runs of (nearly) equal length, in order."""
    step = -(-len(values) // count) if values else 1
    return [list(values[i : i + step]) for i in range(0, len(values), step)] or [[]]


def _executor(size: int, *, fresh: bool = False) -> ProcessPoolExecutor:
    with _lock:
        if _pool and (fresh or _pool[0][0] < size):
            _pool.pop()[1].shutdown(cancel_futures=True)
        if not _pool:
            # spawn: the HTTP server runs threads, which fork would copy mid-flight.
            _pool.append((size, ProcessPoolExecutor(size, mp_context=get_context("spawn"))))
        return _pool[0][1]


def in_parts(work: Callable[..., Any], parts: list[Any], *common: Any) -> list[Any]:
    """``work(*common, part)`` for each part, in worker processes when there are several."""
    if len(parts) == 1:
        return [work(*common, parts[0])]
    arguments = [*([c] * len(parts) for c in common), parts]
    try:
        return list(_executor(len(parts)).map(work, *arguments))
    except BrokenProcessPool:  # a worker died (killed, out of memory): once more, afresh
        return list(_executor(len(parts), fresh=True).map(work, *arguments))


def setup_part(key: bytes, reveal_items: bool, items: list[str]) -> list[bytes]:
    server = _psi.cpp_server.CreateFromKey(key, reveal_items)
    setup = server.CreateSetupMessage(0.0, 1, items, DataStructure.RAW.value).save()
    return list(ServerSetup.FromString(setup).raw.encrypted_elements)


def request_part(key: bytes, reveal_items: bool, items: list[str]) -> list[bytes]:
    client = _psi.cpp_client.CreateFromKey(key, reveal_items)
    return list(Request.FromString(client.CreateRequest(items).save()).encrypted_elements)


def answer_part(
    key: bytes, reveal_items: bool, asks_items: bool, elements: list[bytes]
) -> list[bytes]:
    server = _psi.cpp_server.CreateFromKey(key, reveal_items)
    part = Request(reveal_intersection=asks_items, encrypted_elements=elements)
    response = server.ProcessRequest(_psi.cpp_proto_request.Load(part.SerializeToString()))
    return list(Response.FromString(response.save()).encrypted_elements)


def intersect_part(
    key: bytes, reveal_items: bool, setup: bytes, elements: list[bytes]
) -> list[int] | int:
    client = _psi.cpp_client.CreateFromKey(key, reveal_items)
    loaded = _psi.cpp_proto_server_setup.Load(setup)
    part = _psi.cpp_proto_response.Load(Response(encrypted_elements=elements).SerializeToString())
    if reveal_items:
        return list(client.GetIntersection(loaded, part))
    return int(client.GetIntersectionSize(loaded, part))
