"""Private set intersection, 100k x 100k keys: ``jejaring psi`` beside the bare library.

    .venv/bin/python -m bench.psi [--items 100000] [--common 0.5] [--repeat 1]

Both sides hold ``--items`` exact keys (one phone number per record; ``--common`` of them
shared). Measured, with the same items and the same data structure (the library's RAW set):

1. the bare library (``private_set_intersection.python``, protobuf messages, one process):
   server setup, client request, server response, client intersection, each step timed;
2. ``jejaring psi serve`` and ``jejaring psi query`` as two processes on loopback, from the
   CSV files to the written result (start-up, reading and normalising the lists included): the
   server is started, and the query launched as soon as it listens;
3. the same protocol in one process without HTTP or files (``ServerSession``/``ClientSession``).

The ratio is the bare library's time over ours (1.0 = as fast). Writes
``bench/results/psi.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
from private_set_intersection.python import DataStructure, __version__, client, server

from bench.machine import describe
from jejaring.privacy.psi import ClientSession, ServerSession

RESULTS = Path(__file__).parent / "results"


def phones(start: int, count: int) -> list[str]:
    return [f"+62812{n:08d}" for n in range(start, start + count)]


def write_list(path: Path, numbers: list[str], prefix: str) -> None:
    pl.DataFrame(
        {"key": [f"{prefix}{i}" for i in range(len(numbers))], "phone": numbers}
    ).write_csv(path)


def bare_library(server_items: list[str], client_items: list[str]) -> dict[str, float]:
    steps: dict[str, float] = {}
    start = time.perf_counter()
    srv, cli = server.CreateWithNewKey(True), client.CreateWithNewKey(True)
    setup = srv.CreateSetupMessage(0.0, len(client_items), server_items, DataStructure.RAW)
    steps["server setup"] = time.perf_counter() - start
    mark = time.perf_counter()
    request = cli.CreateRequest(client_items)
    steps["client request"] = time.perf_counter() - mark
    mark = time.perf_counter()
    response = srv.ProcessRequest(request)
    steps["server response"] = time.perf_counter() - mark
    mark = time.perf_counter()
    found = cli.GetIntersection(setup, response)
    steps["client intersection"] = time.perf_counter() - mark
    steps["total"] = time.perf_counter() - start
    steps["found"] = float(len(found))
    return steps


def in_process(server_items: list[str], client_items: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    srv = ServerSession(server_items, reveal="items")
    cli = ClientSession.start(client_items, reveal="items")
    found = cli.finish(srv.answer(cli.request))
    assert isinstance(found, list)
    return time.perf_counter() - start, len(found)


def command_line(folder: Path) -> tuple[float, int]:
    jejaring = [sys.executable, "-m", "jejaring", "psi"]
    start = time.perf_counter()
    serving = subprocess.Popen(
        [*jejaring, "serve", str(folder / "server.csv"), "--port", "0", "--reveal", "items"],
        stderr=subprocess.PIPE,
        text=True,
        env={"JEJARING_LOCALE": "en", "PATH": "/usr/bin:/bin"},
    )
    assert serving.stderr is not None
    line = serving.stderr.readline()
    url = re.search(r"http://127\.0\.0\.1:\d+", line)
    assert url, line
    out = folder / "common.csv"
    subprocess.run(
        [*jejaring, "query", str(folder / "client.csv"), "--url", url.group(0), "--out", str(out)],
        check=True,
        capture_output=True,
        env={"JEJARING_LOCALE": "en", "PATH": "/usr/bin:/bin"},
    )
    serving.wait(timeout=600)
    serving.stderr.close()
    elapsed = time.perf_counter() - start
    return elapsed, pl.read_csv(out).height


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--common", type=float, default=0.5)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    n, shared = args.items, round(args.items * args.common)
    server_numbers, client_numbers = phones(0, n), phones(n - shared, n)
    server_items = [f"phone:{p}" for p in server_numbers]
    client_items = [f"phone:{p}" for p in client_numbers]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_list(folder / "server.csv", server_numbers, "S")
        write_list(folder / "client.csv", client_numbers, "C")
        runs = []
        for _ in range(args.repeat):
            library = bare_library(server_items, client_items)
            cli_time, cli_found = command_line(folder)
            mem_time, mem_found = in_process(server_items, client_items)
            assert int(library["found"]) == cli_found == mem_found == shared
            runs.append((library, cli_time, mem_time))
            print(
                f"library {library['total']:.1f} s, cli {cli_time:.1f} s, "
                f"in-process {mem_time:.1f} s"
            )
    best_library = min(runs, key=lambda r: r[0]["total"])[0]
    best_cli = min(r[1] for r in runs)
    best_mem = min(r[2] for r in runs)
    command = (
        f".venv/bin/python -m bench.psi --items {n} --common {args.common} --repeat {args.repeat}"
    )
    lines = [
        "# Private set intersection",
        "",
        f"Command: `{command}`  ",
        f"Machine: {describe()}; openmined-psi {__version__}, {platform.system()}  ",
        f"Instance: {n:,} keys on each side, {shared:,} in common; RAW set, reveal items; "
        f"best of {args.repeat}; load average {load:.2f} (one minute) when the run started.",
        "",
        "| run | time | library / this (throughput ratio) | goal |",
        "|---|---:|---:|---:|",
        f"| bare library, one process | {best_library['total']:.1f} s | 1.00 | |",
        f"| `jejaring psi serve` + `query`, two processes over HTTP, CSV in and out "
        f"| {best_cli:.1f} s | {best_library['total'] / best_cli:.2f} | ≥ 0.8, ≤ 30 s |",
        f"| `ServerSession` + `ClientSession`, one process, no HTTP "
        f"| {best_mem:.1f} s | {best_library['total'] / best_mem:.2f} | |",
        "",
        "The bare library's steps (same run):",
        "",
        "| step | time |",
        "|---|---:|",
        *(
            f"| {step} | {seconds:.1f} s |"
            for step, seconds in best_library.items()
            if step not in ("total", "found")
        ),
        "",
        "Each step is one elliptic-curve operation per item (P-256), in the library's C++. The",
        "command line adds starting two Python processes, reading and normalising both CSV files,",
        "HTTP and writing the result; it blinds the server's items in the background while the",
        "client blinds its own, which wins time back only when a core is free.",
        "",
    ]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "psi.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
