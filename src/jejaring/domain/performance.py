"""Firm performance from cooperation: the pure arithmetic of the KPIs (see docs/capability.md).

Periods are half-open ``[start, end)``; a booking counts for the hours it overlaps the period.
"""

from __future__ import annotations

from datetime import datetime

__all__ = ["INTRODUCED", "overlap_hours", "share"]

# Referral statuses in which the introduction was made (won and lost ones were made first).
INTRODUCED = ("introduced", "won", "lost")


def overlap_hours(start: datetime, end: datetime, period: tuple[datetime, datetime]) -> float:
    """Hours of ``[start, end)`` inside ``period``."""
    low, high = max(start, period[0]), min(end, period[1])
    return max((high - low).total_seconds() / 3600.0, 0.0)


def share(part: float, whole: float) -> float | None:
    """``part / whole``; None when ``whole`` is 0 (nothing to share)."""
    return part / whole if whole else None
