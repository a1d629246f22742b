"""Reliability statistics of a scale and peer percentile ranks, on arrays handed in.

``cronbach_alpha`` and ``item_total`` take a respondents x items matrix of complete answers
(the instrument's rule: only respondents with every item of the component answered).

References
----------
Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
Psychometrika 16(3):297-334. Nunnally & Bernstein (1994), Psychometric Theory, 3rd ed.,
on the corrected item-total correlation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["cronbach_alpha", "item_total", "percentile_ranks"]

Matrix = npt.ArrayLike


def _matrix(answers: Matrix) -> npt.NDArray[np.float64]:
    m = np.asarray(answers, dtype=np.float64)
    if m.ndim != 2:
        raise ValueError("answers must be a respondents x items matrix")
    return m


def cronbach_alpha(answers: Matrix) -> float | None:
    """alpha = k/(k-1) * (1 - sum of item variances / variance of the sum), variances n-1.

    None when it is undefined: fewer than 2 respondents or items, or a constant total.

    Examples
    --------
    >>> round(cronbach_alpha([[1, 2], [2, 3], [3, 3]]), 4)  # 2 * (1 - (1 + 1/3) / (7/3))
    0.8571
    """
    m = _matrix(answers)
    n, k = m.shape
    if n < 2 or k < 2:
        return None
    total = float(np.var(m.sum(axis=1), ddof=1))
    if total == 0.0:
        return None
    items = float(np.var(m, axis=0, ddof=1).sum())
    return float(k / (k - 1) * (1.0 - items / total))


def item_total(answers: Matrix) -> list[float | None]:
    """Each item's Pearson correlation with the sum of the other items (corrected).

    None for an item when either side is constant (or with fewer than 3 respondents).
    """
    m = _matrix(answers)
    n, k = m.shape
    result: list[float | None] = []
    for j in range(k):
        rest = m.sum(axis=1) - m[:, j]
        x, y = m[:, j] - m[:, j].mean(), rest - rest.mean()
        scale = float(np.sqrt((x * x).sum() * (y * y).sum()))
        result.append(float((x * y).sum() / scale) if n >= 3 and scale > 0 else None)
    return result


def percentile_ranks(
    values: Mapping[str, float], *, keys: Sequence[str] | None = None
) -> dict[str, float]:
    """Percentile rank of each value among all: 100 * (below + equal / 2) / count.

    The mid-rank convention: the lowest of five distinct values is at 10, the highest at 90,
    and equal values share one rank. ``keys`` limits which ranks are returned.

    Examples
    --------
    >>> percentile_ranks({"a": 1.0, "b": 2.0, "c": 2.0, "d": 4.0})
    {'a': 12.5, 'b': 50.0, 'c': 50.0, 'd': 87.5}
    """
    array = np.sort(np.fromiter(values.values(), dtype=np.float64, count=len(values)))
    wanted = list(values) if keys is None else [k for k in keys if k in values]
    ranks: dict[str, float] = {}
    for key in wanted:
        v = values[key]
        below = int(np.searchsorted(array, v, side="left"))
        equal = int(np.searchsorted(array, v, side="right")) - below
        ranks[key] = 100.0 * (below + equal / 2) / len(array)
    return ranks
