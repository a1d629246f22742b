"""Dates in the demo are counted back from one fixed day, so that a seed always gives one result.

Using today's date would make two runs on different days differ; the anchor is a recent day.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl

__all__ = ["ANCHOR", "dates", "dates_before", "times_before"]

ANCHOR = date(2026, 10, 1)


def dates(days_before: np.ndarray) -> pl.Series:
    """The dates that many days before the anchor, as ISO text (``2024-05-17``)."""
    moments = np.datetime64(ANCHOR) - days_before.astype(np.int64).astype("timedelta64[D]")
    return pl.Series(moments).cast(pl.String)


def dates_before(rng: np.random.Generator, n: int, max_days: int) -> pl.Series:
    """``n`` dates up to ``max_days`` before the anchor, as ISO text."""
    return dates(rng.integers(0, max_days, n))


def times_before(rng: np.random.Generator, n: int, max_days: int) -> pl.Series:
    """``n`` instants (UTC, in Jakarta working hours) up to ``max_days`` before the anchor."""
    days = rng.integers(1, max_days, n).astype("timedelta64[D]")
    minutes = rng.integers(60, 600, n).astype("timedelta64[m]")  # 08:00-17:00 in Jakarta
    moments = np.datetime64(ANCHOR).astype("datetime64[m]") - days + minutes
    return pl.Series(moments.astype("datetime64[us]")).dt.replace_time_zone("UTC")
