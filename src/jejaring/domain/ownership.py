"""Ownership shares proportional to valued contributions, and splitting rupiah by them.

Shares are exact fractions of whole rupiah, so they add up to exactly 1; only a split of an
amount rounds, by largest remainder, so that its parts add up to exactly the amount.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["shares_of", "split"]


def shares_of(values: Mapping[str, int]) -> dict[str, Fraction]:
    """Each holder's value over the total, for the holders with a value > 0, sorted by holder."""
    total = sum(values.values())
    if any(v < 0 for v in values.values()) or total <= 0:
        raise InvalidValue(N_("contributions: the valued total must be more than 0 rupiah"))
    return {k: Fraction(v, total) for k, v in sorted(values.items()) if v > 0}


def split(amount: int, shares: Mapping[str, Fraction]) -> dict[str, int]:
    """``amount`` whole rupiah split by ``shares`` (adding up to 1) into whole rupiah.

    Everyone gets the floor of their exact part; the rupiah left over go one each to the
    largest remainders (ties to the holder first by key), so the parts add up to ``amount``.
    """
    if sum(shares.values(), Fraction(0)) != 1:
        raise InvalidValue(N_("shares: must add up to 1"))
    if amount < 0:
        raise InvalidValue(N_("amount: must be whole rupiah >= 0, got {value}"), value=amount)
    exact = {k: amount * s for k, s in shares.items()}
    parts = {k: math.floor(v) for k, v in exact.items()}
    left = amount - sum(parts.values())
    by_remainder = sorted(exact, key=lambda k: (-(exact[k] - parts[k]), k))
    for k in by_remainder[:left]:
        parts[k] += 1
    return dict(sorted(parts.items()))
