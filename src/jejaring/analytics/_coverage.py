"""The lazy greedy for weighted maximum coverage, on exact integer-valued demand.

Demands are rounded once to a grid of ``2**-e`` with ``e`` chosen so that the total is at most
``2**52`` grid units: then every sum of demands, in any order, is an exact float, so gains tie
exactly, the lazy greedy equals the plain greedy pick for pick, and bounds are comparable
without a tolerance. Each demand moves by at most half a grid unit, about ``total * 2**-53``.

References
----------
Minoux, M. (1978). Accelerated greedy algorithms for maximizing submodular set functions.
*Optimization Techniques*, LNCIS 7, 234-243.
Leskovec, J., Krause, A., Guestrin, C., Faloutsos, C., VanBriesen, J., Glance, N. (2007).
Cost-effective outbreak detection in networks. *KDD*, 420-429 (the online bound).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

__all__ = ["Run", "canonical", "entries", "lazy_greedy", "quantise"]

_GRID_BITS = 52
# Candidates made active at first (the best by first gain), four times more at each refill.
_FIRST_CHUNK = 2048
# Stale candidates re-evaluated at first (plus 4 per gain wanted), when none is exact yet.
_FIRST_BATCH = 32
# Entries from which a row subset's product goes through scipy (its fancy indexing costs a
# fixed ~0.1 ms; numpy's gathers cost per entry: measured crossover about 30,000 entries).
_SPARSE_FROM = 30_000


def quantise(demand: NDArray[np.float64]) -> tuple[NDArray[np.float64], int]:
    """Demand in whole grid units (as floats), and e: one unit is ``2**-e`` of demand."""
    total = math.fsum(demand.tolist())
    if not math.isfinite(total):
        raise ValueError("the total demand overflows a float")
    exponent = _GRID_BITS - math.ceil(math.log2(total)) if total > 0 else 0
    # A tiny positive demand keeps one unit: it stays in the universe.
    return np.maximum(np.rint(np.ldexp(demand, exponent)), 1.0), exponent


def canonical(covers: sp.csr_array | sp.csr_matrix, demand: NDArray[np.float64]) -> sp.csr_array:
    """``covers`` as a boolean CSR array with sorted, unique indices; checks the shapes."""
    if covers.ndim != 2 or covers.shape[1] != demand.shape[0]:
        raise ValueError("covers needs one column per territory of the demand vector")
    if not (demand.ndim == 1 and np.all(np.isfinite(demand)) and np.all(demand > 0)):
        raise ValueError("demand must be finite and positive (the universe is demand > 0)")
    matrix = covers if isinstance(covers, sp.csr_array) else sp.csr_array(covers)
    if matrix.dtype == np.bool_ and matrix.has_canonical_format and matrix.data.all():
        return matrix
    matrix = sp.csr_array(matrix, dtype=np.float64)
    matrix.sum_duplicates()
    matrix.eliminate_zeros()
    return sp.csr_array(matrix, dtype=np.bool_)


def entries(indptr: NDArray[np.int32], rows: NDArray[np.int64]) -> NDArray[np.int64]:
    """Positions in ``indices`` of the entries of ``rows`` of a compressed sparse matrix."""
    starts, stops = indptr[rows], indptr[rows + 1]
    lengths = stops - starts
    offsets = np.cumsum(lengths) - lengths
    at: NDArray[np.int64] = np.arange(int(lengths.sum())) + np.repeat(starts - offsets, lengths)
    return at


@dataclass
class Run:
    """Picks in order, gains and added territories per pick, and the bound, in grid units."""

    picks: list[int] = field(default_factory=list)
    gains: list[float] = field(default_factory=list)
    added: list[NDArray[np.int32]] = field(default_factory=list)
    bound: float = math.inf


class _Lazy:
    """Candidates' gain bounds as arrays: the most promising are active, the rest wait.

    ``bound[i]`` is exact when ``stamp[i] == step`` and an upper bound otherwise (gains only
    shrink as picks are added); 0 marks a candidate that is picked or adds nothing. Waiting
    candidates keep their first gains, of which ``pad`` holds the k largest.
    """

    def __init__(
        self,
        covers: sp.csr_array,
        remaining: NDArray[np.float64],
        pool: NDArray[np.int64],
        gains: NDArray[np.float64],
        k: int,
        tie: NDArray[np.float64] | None,
        labels: NDArray[np.int64] | None,
    ) -> None:
        self.matrix, self.remaining = covers, remaining
        self.k, self.tie, self.labels = k, tie, labels
        self.ids = np.zeros(0, dtype=np.int64)
        self.bound = np.zeros(0, dtype=np.float64)
        self.stamp = np.zeros(0, dtype=np.int64)
        self.wait_ids, self.wait_gains = pool, gains
        self.pad: list[float] = []
        self.chunk = max(_FIRST_CHUNK, 4 * k)
        self.step = 0

    def admit(self) -> None:
        """Activate the next chunk of waiting candidates (first gains: exact at step 0)."""
        ids, values = self.wait_ids, self.wait_gains
        if values.size > self.chunk + self.k:
            cut = values.size - self.chunk - self.k
            order = np.argpartition(values, cut)
            top = order[cut:][np.argsort(-values[order[cut:]], kind="stable")]
            take, rest = top[: self.chunk], np.concatenate([order[:cut], top[self.chunk :]])
            self.pad = values[top[self.chunk :]].tolist()
        else:
            take, rest = np.arange(values.size), np.zeros(0, dtype=np.int64)
            self.pad = []
        self.ids = np.concatenate([self.ids, ids[take]])
        self.bound = np.concatenate([self.bound, values[take]])
        self.stamp = np.concatenate([self.stamp, np.zeros(take.size, dtype=np.int64)])
        self.wait_ids, self.wait_gains = ids[rest], values[rest]
        self.chunk *= 4

    def gains(self, rows: NDArray[np.int64]) -> NDArray[np.float64]:
        """Exact gains of several candidates with a handful of array operations."""
        lengths = self.matrix.indptr[rows + 1] - self.matrix.indptr[rows]
        if int(lengths.sum()) > _SPARSE_FROM:  # scipy's product, once its set-up pays
            product: NDArray[np.float64] = self.matrix[rows] @ self.remaining
            return product
        offsets = np.cumsum(lengths) - lengths
        at = entries(self.matrix.indptr, rows)
        values: NDArray[np.float64] = np.add.reduceat(
            self.remaining[self.matrix.indices[at]], offsets
        )
        return values

    def settle(self, m: int) -> NDArray[np.bool_]:
        """Make the m largest gains exact; returns which active bounds are exact and > 0.

        Stale candidates are re-evaluated by decreasing bound, a batch at a time (doubling),
        until none has a bound reaching the m-th largest exact gain: as the lazy greedy's heap
        would, give or take one batch, with far fewer array operations.
        """
        batch = 4 * m + _FIRST_BATCH
        while True:
            exact: NDArray[np.bool_] = (self.stamp == self.step) & (self.bound > 0)
            values = self.bound[exact]
            theta = (
                np.partition(values, values.size - m)[values.size - m] if values.size >= m else 1.0
            )
            rows = np.flatnonzero((self.stamp != self.step) & (self.bound >= theta))
            highest = self.bound[rows].max(initial=0.0)
            if self.pad and self.pad[0] >= max(theta, highest):
                self.admit()  # a waiting candidate comes next
                continue
            if rows.size == 0:
                return exact
            if rows.size > batch:
                rows = rows[np.argpartition(self.bound[rows], rows.size - batch)[-batch:]]
            self.bound[rows] = self.gains(self.ids[rows])
            self.stamp[rows] = self.step
            batch *= 2

    def pop_best(self) -> tuple[float, int] | None:
        """The candidate of largest exact gain now (ties by tie-break then index), removed."""
        exact = self.settle(1)
        if not exact.any():
            return None
        best = self.bound[exact].max()
        at = np.flatnonzero(exact & (self.bound == best))
        if at.size > 1:
            ids = self.ids[at]
            label = ids if self.labels is None else self.labels[ids]
            at = at[np.lexsort((label, label if self.tie is None else self.tie[ids]))]
        position = int(at[0])
        self.bound[position] = 0.0
        return float(best), int(self.ids[position])

    def bound_now(self) -> float:
        """The sum of the k largest gain bounds, of active and waiting candidates."""
        values = np.concatenate([self.bound, self.pad])
        if values.size > self.k:
            values = np.partition(values, values.size - self.k)[values.size - self.k :]
        return float(values.sum())  # exact: whole units

    def exact_top(self) -> float:
        """The sum of the k largest exact gains (Leskovec's bound, less f(S))."""
        exact = self.settle(self.k)  # may activate more candidates: index afterwards
        values = self.bound[exact]
        if values.size > self.k:
            values = np.partition(values, values.size - self.k)[values.size - self.k :]
        return float(values.sum())


def lazy_greedy(
    covers: sp.csr_array,
    remaining: NDArray[np.float64],
    pool: NDArray[np.int64],
    gains: NDArray[np.float64],
    k: int,
    tie: NDArray[np.float64] | None = None,
    labels: NDArray[np.int64] | None = None,
) -> Run:
    """Greedy picks from ``pool`` (exact first ``gains``, all > 0), updating ``remaining``.

    Equal gains go to the smaller ``tie``, then the smaller label (by default the row itself;
    ``labels`` gives the actor a row stands for when rows are classes of actors).

    The bound is Leskovec et al.'s: after each pick, OPT <= f(S) + the k largest marginal
    gains; stale values stand in for gains not re-evaluated (they are upper bounds by
    submodularity), and after the last pick the k largest are made exact.
    """
    lazy = _Lazy(covers, remaining, pool, gains, k, tie, labels)
    run = Run()
    if k == 0:
        run.bound = 0.0
        return run
    lazy.admit()
    value = 0.0
    run.bound = lazy.bound_now()
    while len(run.picks) < k:
        best = lazy.pop_best()
        if best is None:
            break
        gain, j = best
        territories = covers.indices[covers.indptr[j] : covers.indptr[j + 1]]
        added = territories[remaining[territories] > 0]
        remaining[added] = 0.0
        value += gain
        run.picks.append(j)
        run.gains.append(gain)
        run.added.append(added.astype(np.int32))
        lazy.step += 1
        run.bound = min(run.bound, value + lazy.bound_now())
    if run.bound > value:  # Leskovec's bound at the final set, with exact gains
        run.bound = min(run.bound, value + lazy.exact_top())
    return run
