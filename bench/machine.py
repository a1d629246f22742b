"""The machine a benchmark ran on, in one line for its results table."""

from __future__ import annotations

import os
import platform
import sqlite3
from pathlib import Path

import polars as pl

__all__ = ["describe", "load_between"]


def _cpu() -> str:
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _memory() -> str:
    info = Path("/proc/meminfo")
    if info.exists():
        kib = int(info.read_text().split()[1])
        return f"{kib / 2**20:.0f} GiB RAM"
    return "RAM unknown"


def describe() -> str:
    """CPU, cores, memory, and the versions that matter for the numbers."""
    return (
        f"{_cpu()}, {os.cpu_count()} cores, {_memory()}; Python {platform.python_version()}, "
        f"Polars {pl.__version__}, SQLite {sqlite3.sqlite_version}, PostgreSQL 15"
    )


def load_between(before: tuple[float, float, float], after: tuple[float, float, float]) -> str:
    """The load averages (``os.getloadavg()``) taken before and after a run, in one phrase."""
    return (
        f"Load average (1, 5, 15 min) before {before[0]:.2f}, {before[1]:.2f}, {before[2]:.2f}; "
        f"after {after[0]:.2f}, {after[1]:.2f}, {after[2]:.2f}"
    )
