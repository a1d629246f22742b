"""Checks for the numbers entities carry: finite, and above (or at least) zero."""

from __future__ import annotations

import math

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["check_non_negative", "check_positive"]


def check_positive(value: float, *, field: str) -> float:
    """Return ``value`` when it is a finite number > 0, else raise InvalidValue."""
    # ``not value > 0`` also refuses NaN; infinity is refused because no capacity, weight or
    # amount is infinite, and JSON (the API, the exports) cannot carry it.
    if not value > 0 or not math.isfinite(value):
        raise InvalidValue(
            N_("{field}: must be a number > 0, got {value}"), field=field, value=value
        )
    return value


def check_non_negative(value: float, *, field: str) -> float:
    """Return ``value`` when it is a finite number >= 0, else raise InvalidValue."""
    if not value >= 0 or not math.isfinite(value):
        raise InvalidValue(
            N_("{field}: must be a number >= 0, got {value}"), field=field, value=value
        )
    return value
