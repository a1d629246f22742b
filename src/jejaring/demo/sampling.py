"""Vectorised sampling helpers: draws within groups, per-row categorical draws, vocabularies.

Every helper takes the generator explicitly, so that a community is a pure function of its seed.
Items "sorted by group" means that each group's items form one contiguous range, which lets a
single ``searchsorted`` over cumulative weights draw for every query at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

__all__ = [
    "choose_in_groups",
    "draw_from_lists",
    "fill",
    "gather",
    "group_ranges",
    "per_row_choice",
    "split_words",
    "where",
]


def split_words(text: str) -> tuple[str, ...]:
    """Vocabularies are written as space-separated words; ``_`` stands for a space in a word."""
    return tuple(word.replace("_", " ") for word in text.split())


def gather(vocabulary: Sequence[str], index: np.ndarray) -> pl.Series:
    """The words of ``vocabulary`` at ``index``, as a text column."""
    return pl.Series(values=list(vocabulary), dtype=pl.String).gather(index)


def group_ranges(group_of_item: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """``(start, count)`` of each group's range, for items sorted by group."""
    count = np.bincount(group_of_item, minlength=n_groups).astype(np.int64)
    start = np.zeros(n_groups, dtype=np.int64)
    start[1:] = np.cumsum(count)[:-1]
    return start, count


def choose_in_groups(
    rng: np.random.Generator,
    weights: np.ndarray,
    start: np.ndarray,
    count: np.ndarray,
    groups: np.ndarray,
) -> np.ndarray:
    """One item per query, drawn in proportion to ``weights`` within the query's group.

    ``weights`` are those of the items sorted by group, ``start``/``count`` the groups' ranges and
    ``groups`` the query's group. A query whose group holds no weight gets -1.
    """
    cumulative = np.cumsum(weights, dtype=np.float64)
    first, end = start[groups], start[groups] + count[groups]
    low = np.where(first > 0, cumulative[np.maximum(first - 1, 0)], 0.0)
    high = np.where(end > 0, cumulative[np.maximum(end - 1, 0)], 0.0)
    point = low + rng.random(len(groups)) * (high - low)
    chosen = np.searchsorted(cumulative, point, side="right")
    # Rounding at a range's upper edge could step into the next group: clamp back into range.
    chosen = np.clip(chosen, first, np.maximum(end - 1, first))
    return np.where(high > low, chosen, -1)


def per_row_choice(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One column index per row of ``probabilities`` (rows need not sum to one)."""
    cumulative = np.cumsum(probabilities, axis=1)
    point = rng.random(len(probabilities)) * cumulative[:, -1]
    chosen: np.ndarray = (point[:, None] < cumulative).argmax(axis=1)
    return chosen


def draw_from_lists(
    rng: np.random.Generator, lists: Sequence[Sequence[str]], which: np.ndarray
) -> pl.Series:
    """For each row, a word drawn uniformly from ``lists[which[row]]`` (lists must not be empty)."""
    lengths = np.array([len(words) for words in lists], dtype=np.int64)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    index = offsets[which] + (rng.random(len(which)) * lengths[which]).astype(np.int64)
    return gather([w for words in lists for w in words], index)


def where(
    condition: np.ndarray | pl.Series, then: pl.Series | str, otherwise: pl.Series | str
) -> pl.Series:
    """Text column: ``then`` where ``condition`` holds, else ``otherwise`` (columns or words)."""
    return pl.select(
        pl.when(pl.lit(pl.Series(condition, dtype=pl.Boolean)))
        .then(pl.lit(then, dtype=pl.String))
        .otherwise(pl.lit(otherwise, dtype=pl.String))
    ).to_series()


def fill(text: pl.Series, slots: dict[str, pl.Series]) -> pl.Series:
    """Each row's text with ``{name}`` replaced by the row's value of ``slots[name]``."""
    frame = pl.DataFrame({"text": text, **slots})
    expr = pl.col("text")
    for name in slots:
        expr = expr.str.replace_all("{" + name + "}", pl.col(name), literal=True)
    return frame.select(expr).to_series()
