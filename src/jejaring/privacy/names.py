"""Fuzzy name matching within a regency, for records that no exact key joined.

Names are compared only between records of the same regency (the blocking that keeps the work
near-linear and two "Toko Maju Jaya" in different towns apart), scored by RapidFuzz's
token-sort ratio (word order does not count: "Santoso, Budi" is "Budi Santoso"), and a pair is
kept only when each is the other's best candidate above the threshold. Look-alike names of two
different customers are common (two "Bu Fatimah" in one town), so a pair is refused when the
records contradict each other: both carry an NPWP (that did not join them), or both carry a
phone, an e-mail address, a corporate domain or a district and these differ, or both names
state a legal form and the forms differ (a PT is not a CV). A name thus links records where
at least one side lacks what would have told them apart.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

__all__ = ["NAME_THRESHOLD", "name_pairs"]

NAME_THRESHOLD = 90  # token-sort ratio, 0-100; chosen on the generated lists (docs/matching.md)
# Identifiers one customer has one of: when both records carry one and they differ, a
# look-alike name is another customer (the NPWP is checked through ``taxed``).
_CONTRADICTING = ("phone", "email", "domain", "form", "district")
_CHUNK = 1024  # left rows scored at once: a block's scores take _CHUNK x its right rows


def _codes(left: pl.Series, right: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """The two columns' values as shared integer codes, 0 for null."""
    values = pl.concat([left, right]).drop_nulls().unique().to_list()
    table = {v: i for i, v in enumerate(values, start=1)}
    return (
        left.replace_strict(table, default=0, return_dtype=pl.Int64).to_numpy(),
        right.replace_strict(table, default=0, return_dtype=pl.Int64).to_numpy(),
    )


def _differ(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs where both codes are known and not equal."""
    both = np.outer(left > 0, right > 0)
    found: np.ndarray = both & (left[:, None] != right[None, :])
    return found


class _Identifiers:
    """What can contradict a name match, as arrays: has an NPWP, domain and legal-form codes."""

    def __init__(self, left: pl.DataFrame, right: pl.DataFrame) -> None:
        self.taxed = (left["taxed"].to_numpy(), right["taxed"].to_numpy())
        self.codes = [_codes(left[c], right[c]) for c in _CONTRADICTING]

    def contradicting(self, rows: slice) -> np.ndarray:
        """Pairs (left ``rows`` x every right row) whose identifiers say two customers."""
        # Two records that both carry an NPWP and were not joined by it are two customers.
        found = np.outer(self.taxed[0][rows], self.taxed[1])
        for left, right in self.codes:
            found |= _differ(left[rows], right)
        return found


def _block_pairs(
    left: pl.DataFrame, right: pl.DataFrame, threshold: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mutual best pairs (left row, right row, score) of one regency.

    Scored a chunk of left rows at a time, keeping each left row's best and each right row's
    best so far, so that memory stays at ``_CHUNK`` x the block's right rows.
    """
    lnames, rnames = left["name"].to_list(), right["name"].to_list()
    ids = _Identifiers(left, right)
    row_best = np.zeros(len(lnames), dtype=np.uint8)
    row_arg = np.zeros(len(lnames), dtype=np.int64)
    col_best = np.zeros(len(rnames), dtype=np.uint8)
    col_arg = np.zeros(len(rnames), dtype=np.int64)
    for start in range(0, len(lnames), _CHUNK):
        rows = slice(start, start + _CHUNK)
        scores = process.cdist(
            lnames[rows], rnames, scorer=fuzz.token_sort_ratio, score_cutoff=threshold,
            dtype=np.uint8,
        )  # fmt: skip
        scores[ids.contradicting(rows)] = 0
        row_arg[rows] = scores.argmax(axis=1)
        row_best[rows] = scores.max(axis=1)
        chunk_arg = scores.argmax(axis=0)
        chunk_best = scores[chunk_arg, np.arange(len(rnames))]
        better = chunk_best > col_best  # strictly: the first best left row is kept
        col_best[better], col_arg[better] = chunk_best[better], chunk_arg[better] + start
    index = np.arange(len(lnames))
    keep = (row_best > 0) & (col_arg[row_arg] == index)
    return index[keep], row_arg[keep], row_best[keep]


def name_pairs(
    left: pl.DataFrame, right: pl.DataFrame, *, threshold: int = NAME_THRESHOLD
) -> pl.DataFrame:
    """``left_key, right_key, score`` (0-1) of name matches.

    Both frames hold ``key``, ``name`` (normalised), ``regency``, ``form`` (legal form),
    ``domain`` (corporate e-mail domain) and ``taxed`` (has an NPWP); rows with a null name or
    regency are never matched.
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
