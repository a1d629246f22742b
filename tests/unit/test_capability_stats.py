"""Cronbach's alpha, corrected item-total correlations and percentile ranks, by hand."""

from __future__ import annotations

import math

import pytest

from jejaring.analytics.capability_stats import cronbach_alpha, item_total, percentile_ranks

# Item variances 5/3, 9/4, 11/12 (sum 29/6); totals 5, 7, 11, 13 have variance 40/3.
ANSWERS = [[1, 2, 2], [2, 2, 3], [3, 4, 4], [4, 5, 4]]


def test_alpha_by_hand() -> None:
    # 3/2 * (1 - (29/6) / (40/3)) = 3/2 * 51/80
    assert cronbach_alpha(ANSWERS) == pytest.approx(153 / 160, abs=1e-12)


def test_corrected_item_total_by_hand() -> None:
    # Item 1 against items 2 + 3 (4, 5, 8, 9): cov sum 9, squares 5 and 17.
    first, *_rest = item_total(ANSWERS)
    assert first == pytest.approx(9 / math.sqrt(85), abs=1e-12)
    # Item 3 against items 1 + 2 (3, 4, 7, 9):
    # x = -1.25, -.25, .75, .75 and y = -2.75, -1.75, 1.25, 3.25
    third = item_total(ANSWERS)[2]
    xy = 1.25 * 2.75 + 0.25 * 1.75 + 0.75 * 1.25 + 0.75 * 3.25
    assert third == pytest.approx(xy / math.sqrt(2.75 * 22.75), abs=1e-12)


def test_undefined_cases() -> None:
    assert cronbach_alpha([[1, 2]]) is None  # one respondent
    assert cronbach_alpha([[1], [2]]) is None  # one item
    assert cronbach_alpha([[3, 3], [3, 3]]) is None  # no variance at all
    assert item_total([[1, 4], [2, 4], [3, 4]]) == [None, None]  # item 2 is constant
    with pytest.raises(ValueError):
        cronbach_alpha([1, 2, 3])


def test_alpha_is_negative_when_items_disagree() -> None:
    assert cronbach_alpha([[1, 3], [2, 2], [3, 1.5]]) < 0  # type: ignore[operator]


def test_percentile_ranks_use_mid_ranks() -> None:
    ranks = percentile_ranks({"a": 1.0, "b": 2.0, "c": 2.0, "d": 4.0, "e": 5.0})
    assert ranks == {"a": 10.0, "b": 40.0, "c": 40.0, "d": 70.0, "e": 90.0}
    assert percentile_ranks({"a": 1.0, "b": 2.0}, keys=["b", "x"]) == {"b": 75.0}
