"""One portfolio problem: inputs checked once, demand on the exact grid, one actor's greedy."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from jejaring.analytics._coverage import Run, canonical, lazy_greedy, quantise
from jejaring.analytics._portfolio_results import Pick, Portfolio

__all__ = ["Covers", "Problem"]

Covers: TypeAlias = sp.csr_array | sp.csr_matrix


class Problem:
    """Boolean covers, demand in grid units (one is ``2**-exponent``), who may be picked."""

    def __init__(
        self,
        covers: Covers,
        demand: ArrayLike,
        k: int,
        candidates: ArrayLike | None,
        tie_break: ArrayLike | None,
    ) -> None:
        values = np.asarray(demand, dtype=np.float64)
        self.covers = canonical(covers, values)
        self.n = self.covers.shape[0]
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 0:
            raise ValueError("k must be a non-negative integer")
        self.k = int(k)
        self.units, self.exponent = quantise(values)
        self.total = float(self.units.sum())
        self.allowed = np.ones(self.n, dtype=bool)
        if candidates is not None:
            self.allowed = np.asarray(candidates)
            if self.allowed.dtype != np.bool_ or self.allowed.shape != (self.n,):
                raise ValueError("candidates needs one boolean flag per actor")
        self.tie: NDArray[np.float64] | None = None
        if tie_break is not None:
            self.tie = np.asarray(tie_break, dtype=np.float64)
            if self.tie.shape != (self.n,) or not np.all(np.isfinite(self.tie)):
                raise ValueError("tie_break needs one finite priority per actor")
        # Territories some candidate covers: no portfolio adds more than their demand.
        rows = self.covers if self.allowed.all() else self.covers[np.flatnonzero(self.allowed)]
        self.reachable = np.bincount(rows.indices, minlength=self.units.size) > 0

    def own(self, actor: int) -> NDArray[np.int32]:
        if isinstance(actor, bool) or not isinstance(actor, int | np.integer):
            raise TypeError("actor is a row index of covers")
        if not 0 <= actor < self.n:
            raise ValueError(f"actor {actor} is not a row of covers")
        indptr = self.covers.indptr
        own: NDArray[np.int32] = self.covers.indices[indptr[actor] : indptr[actor + 1]]
        return own

    def uncovered(self, actor: int) -> NDArray[np.float64]:
        """Demand units per territory, zero where ``actor`` covers it."""
        remaining = self.units.copy()
        remaining[self.own(actor)] = 0.0
        return remaining

    def gains(self, actor: int) -> NDArray[np.float64]:
        """Every actor's exact gain for ``actor`` with nothing picked (one sparse product)."""
        return np.asarray(self.covers @ self.uncovered(actor), dtype=np.float64)

    def greedy(self, actor: int, gains: NDArray[np.float64]) -> tuple[Run, float]:
        """The greedy run from every actor's first gain (overwritten), and its bound."""
        remaining = self.uncovered(actor)
        reachable = float(remaining[self.reachable].sum())
        gains[actor] = 0.0
        pool = np.flatnonzero((gains > 0) & self.allowed)
        run = lazy_greedy(self.covers, remaining, pool, gains[pool], self.k, self.tie)
        return run, min(run.bound, reachable)

    def ordered(self, actor: int, chosen: Sequence[int]) -> Run:
        """``chosen`` in greedy order, with the demand each adds (none adding nothing)."""
        remaining = self.uncovered(actor)
        pool = np.unique(np.asarray(chosen, dtype=np.int64))
        gains = np.asarray(self.covers[pool] @ remaining, dtype=np.float64)
        pool, gains = pool[gains > 0], gains[gains > 0]
        return lazy_greedy(self.covers, remaining, pool, gains, pool.size, self.tie)

    def check_start(self, actor: int, start: Sequence[int]) -> list[int]:
        chosen = [int(j) for j in start]
        if len(set(chosen)) != len(chosen) or len(chosen) > self.k:
            raise ValueError(f"a warm start has at most k = {self.k} distinct actors")
        if any(not 0 <= j < self.n or j == actor or not self.allowed[j] for j in chosen):
            raise ValueError("a warm start holds candidates only")
        return chosen

    def demand(self, units: float) -> float:
        """Grid units as demand: scaling by a power of two keeps sums exact."""
        return math.ldexp(units, -self.exponent)

    def portfolio(self, actor: int, run: Run, bound: float, optimal: bool) -> Portfolio:
        picks = [
            Pick(j, self.demand(gain), added.tolist())
            for j, gain, added in zip(run.picks, run.gains, run.added, strict=True)
        ]
        return Portfolio(
            actor=actor,
            k=self.k,
            picks=picks,
            own_demand=self.demand(float(self.units[self.own(actor)].sum())),
            added_demand=self.demand(sum(run.gains)),
            total_demand=self.demand(self.total),
            upper_bound=self.demand(bound),
            optimal=optimal,
        )
