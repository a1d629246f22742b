"""Portfolio results: plain values for one actor, columns for every actor."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from jejaring.analytics._coverage import Run

__all__ = ["Pick", "Portfolio", "PortfolioTable", "TableBuilder"]


@dataclass(frozen=True)
class Pick:
    """One chosen partner, the demand it added when picked, and the territories it added."""

    actor: int
    gain: float
    territories: list[int]


@dataclass(frozen=True)
class Portfolio:
    """Picks in order for ``actor`` with budget ``k``, and what they add up to.

    ``upper_bound`` is a certified bound on the best ``added_demand`` any ``k`` candidates
    reach; ``optimal`` says the picks reach it.
    """

    actor: int
    k: int
    picks: list[Pick]
    own_demand: float
    added_demand: float
    total_demand: float
    upper_bound: float
    optimal: bool

    @property
    def actors(self) -> list[int]:
        return [pick.actor for pick in self.picks]


@dataclass(frozen=True, eq=False)
class PortfolioTable:
    """Focal actors' greedy portfolios as columns; ``table[a]`` is actor a's :class:`Portfolio`.

    Row r is actor ``first + r`` (every actor from 0 unless a batch was asked for a range);
    its picks are rows ``pick_start[r]:pick_start[r + 1]`` of ``pick_actor`` and
    ``pick_gain``; pick p added territories ``territory[territory_start[p]:...[p + 1]]``.
    """

    k: int
    total_demand: float
    own_demand: NDArray[np.float64]
    added_demand: NDArray[np.float64]
    upper_bound: NDArray[np.float64]
    pick_start: NDArray[np.int64]
    pick_actor: NDArray[np.int64]
    pick_gain: NDArray[np.float64]
    territory_start: NDArray[np.int64]
    territory: NDArray[np.integer[Any]]  # uint16 below 65,536 territories: half the memory
    first: int = 0

    def __len__(self) -> int:
        return int(self.own_demand.size)

    def __getitem__(self, actor: int) -> Portfolio:
        row = actor - self.first
        if not 0 <= row < len(self):
            raise IndexError(f"actor {actor} is not a row of the table")
        first, last = self.pick_start[row : row + 2].tolist()
        edges = self.territory_start[first : last + 1].tolist()
        picks = [
            Pick(int(self.pick_actor[p]), float(self.pick_gain[p]), self.territory[lo:hi].tolist())
            for p, lo, hi in zip(range(first, last), edges[:-1], edges[1:], strict=True)
        ]
        added, bound = float(self.added_demand[row]), float(self.upper_bound[row])
        own = float(self.own_demand[row])
        return Portfolio(actor, self.k, picks, own, added, self.total_demand, bound, added == bound)


class TableBuilder:
    """Collects one actor's run after another (in grid units) into a table."""

    def __init__(self, k: int, total: float, exponent: int, territories: int) -> None:
        self.k, self.total, self.exponent = k, total, exponent
        self.dtype = np.uint16 if territories <= 2**16 else np.int32
        self.own: list[float] = []
        self.bound: list[float] = []
        self.value: list[float] = []
        self.pick_count: list[int] = []
        self.picks: list[int] = []
        self.gains: list[float] = []
        self.added: list[NDArray[np.integer[Any]]] = []

    def add(self, run: Run, own: float, bound: float) -> None:
        self.own.append(own)
        self.bound.append(bound)
        self.value.append(sum(run.gains))
        self.pick_count.append(len(run.picks))
        self.picks.extend(run.picks)
        self.gains.extend(run.gains)
        self.added.extend(added.astype(self.dtype) for added in run.added)

    def extend(self, other: TableBuilder) -> None:
        """Append the runs ``other`` collected, after this one's (same problem)."""
        self.own.extend(other.own)
        self.bound.extend(other.bound)
        self.value.extend(other.value)
        self.pick_count.extend(other.pick_count)
        self.picks.extend(other.picks)
        self.gains.extend(other.gains)
        self.added.extend(other.added)

    def build(self, first: int = 0) -> PortfolioTable:
        """The table, its row 0 being actor ``first``."""
        e = -self.exponent
        gains = np.array(self.gains, dtype=np.float64)
        pick_start = np.concatenate([[0], np.cumsum(self.pick_count, dtype=np.int64)])
        sizes = [a.size for a in self.added]
        return PortfolioTable(
            k=self.k,
            total_demand=math.ldexp(self.total, e),
            own_demand=np.ldexp(np.array(self.own, dtype=np.float64), e),
            added_demand=np.ldexp(np.array(self.value, dtype=np.float64), e),
            upper_bound=np.ldexp(np.array(self.bound, dtype=np.float64), e),
            pick_start=pick_start.astype(np.int64),
            pick_actor=np.array(self.picks, dtype=np.int64),
            pick_gain=np.ldexp(gains, e),
            territory_start=np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)]),
            territory=np.concatenate([np.zeros(0, self.dtype), *self.added]),
            first=first,
        )
