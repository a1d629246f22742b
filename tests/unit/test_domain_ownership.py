"""Shares proportional to valued contributions and the largest-remainder split."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jejaring.domain.errors import InvalidValue
from jejaring.domain.ownership import shares_of, split


def test_shares_are_exact_fractions_of_the_total() -> None:
    # 5,000,000 + 3,000,000 + 2,000,000 = 10,000,000: one half, three tenths, one fifth.
    shares = shares_of({"b": 3_000_000, "a": 5_000_000, "c": 2_000_000, "z": 0})
    assert shares == {"a": Fraction(1, 2), "b": Fraction(3, 10), "c": Fraction(1, 5)}
    with pytest.raises(InvalidValue, match="valued total must be more than 0"):
        shares_of({"a": 0})


def test_split_gives_the_leftover_rupiah_to_the_largest_remainders() -> None:
    thirds = {k: Fraction(1, 3) for k in "abc"}
    # 100 / 3 = 33.33 each: one rupiah is left over; on a tie it goes to the first by key.
    assert split(100, thirds) == {"a": 34, "b": 33, "c": 33}
    shares = {"a": Fraction(1, 2), "b": Fraction(3, 10), "c": Fraction(1, 5)}
    # 1,001 x (1/2, 3/10, 1/5) = 500.5, 300.3, 200.2: floors 500+300+200, the rupiah to a.
    assert split(1001, shares) == {"a": 501, "b": 300, "c": 200}
    with pytest.raises(InvalidValue, match="shares: must add up to 1"):
        split(10, {"a": Fraction(1, 2)})
    with pytest.raises(InvalidValue, match="amount: must be whole rupiah >= 0"):
        split(-1, thirds)


@given(
    st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 10**9), min_size=1),
    st.integers(0, 10**12),
)
def test_parts_always_add_up_and_stay_within_a_rupiah(values: dict[str, int], amount: int) -> None:
    if sum(values.values()) == 0:
        values = {**values, "a": 1}
    shares = shares_of(values)
    assert sum(shares.values()) == 1
    parts = split(amount, shares)
    assert sum(parts.values()) == amount
    for k, s in shares.items():
        assert abs(parts[k] - amount * s) < 1
