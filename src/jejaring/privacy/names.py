"""Fuzzy name matching within a regency, for records that no exact key joined.

Names are compared only between records of the same regency (the blocking that keeps the work
near-linear and two "Toko Maju Jaya" in different towns apart), scored by RapidFuzz's
token-sort ratio (word order does not count: "Santoso, Budi" is "Budi Santoso"), and a pair is
kept only when each is the other's best candidate above the threshold.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

__all__ = ["NAME_THRESHOLD", "name_pairs"]

NAME_THRESHOLD = 90  # token-sort ratio, 0-100; chosen on the generated lists (docs/matching.md)
_CHUNK = 4096  # left rows scored at once: bounds a block's score matrix to _CHUNK x block


def _block_pairs(
    left: pl.DataFrame, right: pl.DataFrame, threshold: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mutual best pairs (left row, right row, score) of one regency."""
    lnames, rnames = left["name"].to_list(), right["name"].to_list()
    scores = np.zeros((len(lnames), len(rnames)), dtype=np.uint8)
    for start in range(0, len(lnames), _CHUNK):
        scores[start : start + _CHUNK] = process.cdist(
            lnames[start : start + _CHUNK],
            rnames,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=threshold,
            dtype=np.uint8,
        )
    # Two records that both carry an NPWP and were not joined by it are two customers.
    both_taxed = np.outer(left["taxed"].to_numpy(), right["taxed"].to_numpy())
    scores[both_taxed] = 0
    best_right = scores.argmax(axis=1)
    best_left = scores.argmax(axis=0)
    rows = np.arange(len(lnames))
    keep = (scores[rows, best_right] > 0) & (best_left[best_right] == rows)
    return rows[keep], best_right[keep], scores[rows[keep], best_right[keep]]


def name_pairs(
    left: pl.DataFrame, right: pl.DataFrame, *, threshold: int = NAME_THRESHOLD
) -> pl.DataFrame:
    """``left_key, right_key, score`` (0-1) of name matches.

    Both frames hold ``key``, ``name`` (normalised), ``regency`` and ``taxed`` (has an NPWP);
    rows with a null name or regency are never matched.
    """
    usable = pl.col("name").is_not_null() & pl.col("regency").is_not_null()
    lefts = left.filter(usable).partition_by("regency", as_dict=True)
    rights = right.filter(usable).partition_by("regency", as_dict=True)
    found: list[pl.DataFrame] = []
    for regency, lblock in lefts.items():
        rblock = rights.get(regency)
        if rblock is None:
            continue
        li, ri, score = _block_pairs(lblock, rblock, threshold)
        found.append(
            pl.DataFrame(
                {
                    "left_key": lblock["key"].gather(li),
                    "right_key": rblock["key"].gather(ri),
                    "score": score.astype(np.float64) / 100.0,
                }
            )
        )
    schema = {"left_key": pl.String, "right_key": pl.String, "score": pl.Float64}
    return pl.concat(found) if found else pl.DataFrame(schema=schema)
