"""Precision and recall of match_records on generated lists whose truth is known.

The lists come from jejaring.demo.match_pairs: the demo's customers typed by two owners (names
respelled, phone and NPWP formats varied, e-mail case changed, fields blank). The test counts
what the matcher got right against the truth; it fails when either figure falls below the goal.
"""

from __future__ import annotations

import polars as pl
import pytest

from jejaring.demo.match_pairs import MatchPairs, noisy_pairs
from jejaring.io.territories import indonesia
from jejaring.privacy.matching import match_records
from jejaring.privacy.normalise import regencies

GOAL_PRECISION, GOAL_RECALL = 0.98, 0.95


@pytest.fixture(scope="module")
def territories() -> list:  # type: ignore[type-arg]
    return list(indonesia())


def quality(pairs: MatchPairs) -> tuple[float, float]:
    found = match_records(pairs.left, pairs.right).select("left_key", "right_key")
    correct = found.join(pairs.truth, on=["left_key", "right_key"], how="semi").height
    return correct / found.height, correct / pairs.truth.height


@pytest.mark.parametrize("seed", [1, 2])
def test_precision_and_recall_on_noisy_lists(territories: list, seed: int) -> None:  # type: ignore[type-arg]
    pairs = noisy_pairs(territories, records=8000, shared=0.4, seed=seed)
    precision, recall = quality(pairs)
    assert precision >= GOAL_PRECISION, f"precision {precision:.4f}"
    assert recall >= GOAL_RECALL, f"recall {recall:.4f}"


def test_the_generated_lists_are_noisy_and_their_truth_sound(territories: list) -> None:  # type: ignore[type-arg]
    pairs = noisy_pairs(territories, records=3000, shared=0.3, seed=5)
    left, right, truth = pairs.left, pairs.right, pairs.truth
    assert left.height == right.height == 3000 and truth.height == 900
    assert left["key"].is_unique().all() and right["key"].is_unique().all()
    assert truth["left_key"].is_unique().all() and truth["right_key"].is_unique().all()
    both = truth.join(left, left_on="left_key", right_on="key").join(
        right, left_on="right_key", right_on="key", suffix="_r"
    )
    # The same customer is mostly written differently in the two lists...
    assert (both["name"] != both["name_r"]).mean() > 0.4  # type: ignore[operator]
    assert (both["phone"] != both["phone_r"]).mean() > 0.5  # type: ignore[operator]
    # ...some of its fields are blank in one list, and names alone must often do.
    assert both["tax_id"].is_null().mean() > 0.2  # type: ignore[operator]
    regency = both.select(
        left=regencies(pl.col("territory")), right=regencies(pl.col("territory_r"))
    )
    assert 0 < regency.null_count().sum_horizontal()[0] < truth.height
    # A plain equality join on the raw phone finds few of the true pairs.
    raw = both.filter(pl.col("phone") == pl.col("phone_r")).height
    assert raw < 0.5 * truth.height
