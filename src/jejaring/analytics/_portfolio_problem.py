"""One portfolio problem: inputs checked once, demand on the exact grid, one actor's greedy.

A :class:`Universe` holds what does not change between focal actors (the checked covers, the
demand in grid units and, once prepared, each territory's coverers), so a service answering
many queries over one community prepares it once; a :class:`Problem` adds one query's budget,
candidates and tie-break.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeAlias

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from jejaring.analytics._coverage import Run, canonical, entries, lazy_greedy, quantise
from jejaring.analytics._portfolio_results import Pick, Portfolio

__all__ = ["Classes", "Covers", "Problem", "Universe"]

Covers: TypeAlias = sp.csr_array | sp.csr_matrix


@dataclass(frozen=True, eq=False)
class Classes:
    """Actors with the same covers row, each class once (numbered by its first member).

    Two actors that cover the same territories add the same demand to any portfolio, and
    once one is picked the other adds nothing, so the greedy chooses among classes, each
    standing for the member it would pick first. At a million actors 220,000 classes remain,
    and of the 36,524 rows of a hundred territories or more, 28 (the province coverers), which
    the lazy greedy no longer re-evaluates one by one.
    """

    of: NDArray[np.int64]  # each actor's class
    covers: sp.csr_array  # one row per class
    order: NDArray[np.int64]  # the actors by class, then by index
    starts: NDArray[np.int64]  # where each class begins in ``order``
    of_order: NDArray[np.int64]  # the class at each position of ``order``


def _classes(covers: sp.csr_array) -> Classes:
    found: dict[bytes, int] = {}
    of = np.empty(covers.shape[0], dtype=np.int64)
    indices, indptr = covers.indices, covers.indptr
    for i in range(covers.shape[0]):
        of[i] = found.setdefault(indices[indptr[i] : indptr[i + 1]].tobytes(), len(found))
    first = np.unique(of, return_index=True)[1]
    order = np.argsort(of, kind="stable")
    starts = np.searchsorted(of[order], np.arange(first.size))
    return Classes(of, sp.csr_array(covers[first]), order, starts, of[order])


class Universe:
    """Boolean covers and demand in grid units (one is ``2**-exponent``), checked once."""

    def __init__(self, covers: Covers, demand: ArrayLike) -> None:
        values = np.asarray(demand, dtype=np.float64)
        self.covers = canonical(covers, values)
        self.n = self.covers.shape[0]
        self.units, self.exponent = quantise(values)
        self.total = float(self.units.sum())

    def prepare(self) -> Universe:
        """Build what many queries share (each territory's coverers, each actor's demand, the
        classes of actors)."""
        _ = self._by_territory, self._sizes, self.classes
        return self

    @cached_property
    def classes(self) -> Classes:
        """The actors grouped by their covers row."""
        return _classes(self.covers)

    @cached_property
    def _by_territory(self) -> sp.csc_array:
        return sp.csc_array(self.covers)

    @cached_property
    def _sizes(self) -> NDArray[np.float64]:
        """Each actor's covered demand in units (exact: sums of whole units)."""
        sizes: NDArray[np.float64] = np.asarray(self.covers @ self.units, dtype=np.float64)
        return sizes

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
        """Every actor's exact gain in units for ``actor`` with nothing picked.

        Prepared: an actor's demand less the demand it shares with ``actor``, touching only
        the coverers of ``actor``'s own territories. Else one product with the whole matrix,
        cheaper than preparing for a single query.
        """
        if "_by_territory" not in self.__dict__:
            product: NDArray[np.float64] = np.asarray(
                self.covers @ self.uncovered(actor), dtype=np.float64
            )
            return product
        own = self.own(actor).astype(np.int64)
        T = self._by_territory
        at = entries(T.indptr, own)
        lengths = T.indptr[own + 1] - T.indptr[own]
        shared = np.bincount(
            T.indices[at], weights=np.repeat(self.units[own], lengths), minlength=self.n
        )
        gains: NDArray[np.float64] = self._sizes - shared
        return gains

    def demand(self, units: float) -> float:
        """Grid units as demand: scaling by a power of two keeps sums exact."""
        return math.ldexp(units, -self.exponent)


class Problem:
    """One query over a :class:`Universe`: the budget, who may be picked, the tie-break."""

    def __init__(
        self,
        universe: Universe,
        k: int,
        candidates: ArrayLike | None,
        tie_break: ArrayLike | None,
    ) -> None:
        self.universe = u = universe
        self.covers, self.n, self.units = u.covers, u.n, u.units
        self.exponent, self.total = u.exponent, u.total
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 0:
            raise ValueError("k must be a non-negative integer")
        self.k = int(k)
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

    @cached_property
    def reachable(self) -> NDArray[np.bool_]:
        """Territories some candidate covers: no portfolio adds more than their demand."""
        with_candidate = (self._first >= 0).astype(np.float64)
        found: NDArray[np.bool_] = np.asarray(self.universe.classes.covers.T @ with_candidate) > 0
        return found

    def own(self, actor: int) -> NDArray[np.int32]:
        return self.universe.own(actor)

    def uncovered(self, actor: int) -> NDArray[np.float64]:
        return self.universe.uncovered(actor)

    def gains(self, actor: int) -> NDArray[np.float64]:
        return self.universe.gains(actor)

    def greedy(self, actor: int, gains: NDArray[np.float64]) -> tuple[Run, float]:
        """The greedy run from every actor's first gain (overwritten), and its bound.

        Over the classes of actors (:class:`Classes`), each standing for its candidate of
        least tie-break, then index: the picks are those of the greedy over the actors, and
        the bound counts no class twice (an optimum never holds two of one class).
        """
        remaining = self.uncovered(actor)
        reachable = float(remaining[self.reachable].sum())
        gains[actor] = 0.0  # its class adds nothing: the others cover what it covers
        first = self._first
        pool = np.flatnonzero(first >= 0)
        class_gains = gains[first[pool]]
        pool, class_gains = pool[class_gains > 0], class_gains[class_gains > 0]
        tie = None if self.tie is None else self.tie[np.maximum(first, 0)]
        classes = self.universe.classes
        run = lazy_greedy(classes.covers, remaining, pool, class_gains, self.k, tie, first)
        run.picks = first[run.picks].tolist()
        return run, min(run.bound, reachable)

    @cached_property
    def _first(self) -> NDArray[np.int64]:
        """Per class, the candidate the greedy takes first: least tie-break, then smallest
        index (-1: no candidate)."""
        classes = self.universe.classes
        if classes.order.size == 0:
            return np.zeros(0, dtype=np.int64)
        key = np.zeros(self.n) if self.tie is None else self.tie[classes.order]
        key[~self.allowed[classes.order]] = np.inf
        least = np.minimum.reduceat(key, classes.starts)
        # Every class holds its least: the first holder of each class, in class order.
        holds = np.flatnonzero(key == least[classes.of_order])
        first = classes.order[holds[np.flatnonzero(np.diff(classes.of_order[holds], prepend=-1))]]
        found: NDArray[np.int64] = np.where(np.isfinite(least), first, -1)
        return found

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
        return self.universe.demand(units)

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
