"""Routes between two actors: the fewest hops, the strongest, and a ranking for introductions.

A tie's weight is its *strength*, while shortest-path routines read a weight as a *distance*.
So :func:`strongest_path` minimises the sum of ``1 / weight`` over the route: a tie of
strength 4 is a quarter as far as one of strength 1, and two ties of strength 4 (distance
0.5) beat one of strength 1 (distance 1). Directed networks are followed along their ties.

Every tie-break is deterministic: among equally good routes the one whose sequence of actor
keys is lexicographically smallest wins (keys are sorted, so smallest vertex ids). The fewest
hops and the strongest route are read off distances to the target, computed once: from the
source on, each step goes to the smallest neighbour still on a best route.

Reference
---------
Dijkstra, E. W. (1959). A note on two problems in connexion with graphs. *Numerische
Mathematik* 1, 269-271.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import scipy.sparse as sp
import scipy.sparse.csgraph as csgraph
from numpy.typing import NDArray

from jejaring.analytics._sparse import binary, with_data
from jejaring.analytics.graph import Network

__all__ = ["RankedRoutes", "Route", "ranked_paths", "shortest_path", "strongest_path"]

# Distances equal in exact arithmetic may differ in the last bits as floats (1/2 + 1/12
# against 1/3 + 1/4); within this relative tolerance routes tie.
_RTOL = 1e-9


@dataclass(frozen=True)
class Route:
    """A route from ``actors[0]`` to ``actors[-1]`` and the ties along it.

    ``weakest`` is the smallest tie weight on it, ``total`` the sum of the weights and
    ``distance`` the sum of ``1 / weight``, which :func:`strongest_path` minimises.
    """

    actors: tuple[str, ...]
    hops: int
    weakest: float
    total: float
    distance: float


@dataclass(frozen=True)
class RankedRoutes:
    """Routes best first; ``complete`` is False when the work budget ran out first.

    An incomplete ranking is the best of the routes examined, not necessarily of all.
    """

    routes: tuple[Route, ...]
    complete: bool


def shortest_path(G: Network, source: str, target: str) -> Route | None:
    """The route with the fewest hops from ``source`` to ``target``; None when there is none.

    Among routes of equal length the lexicographically smallest sequence of keys wins.
    """
    s, t = _endpoints(G, source, target)
    A = G.arcs
    hops = _hops_to(G, t)
    if not np.isfinite(hops[s]):
        return None
    path, u = [s], s
    while u != t:
        neighbours = A.indices[A.indptr[u] : A.indptr[u + 1]]
        # Indices are sorted: the first neighbour one hop nearer is the smallest.
        u = int(neighbours[np.argmax(hops[neighbours] == hops[u] - 1)])
        path.append(u)
    return _route(G, path)


def strongest_path(G: Network, source: str, target: str) -> Route | None:
    """The route minimising the sum of ``1 / weight`` (Dijkstra); None when there is none.

    Weights are strengths, so they are inverted, never passed to Dijkstra as distances.
    Routes whose distances agree to a relative 1e-9 tie, and the lexicographically smallest
    sequence of keys among them wins. Weights must be positive.
    """
    s, t = _endpoints(G, source, target)
    A = G.arcs
    if A.nnz and not (np.all(A.data > 0) and np.all(np.isfinite(A.data))):
        raise ValueError("tie weights must be positive and finite to read them as strengths")
    cost = _memo(G, "inverse_weights", lambda: with_data(A, 1.0 / A.data))
    reverse = _memo(G, "inverse_weights_reversed", lambda: _reverse(G, cost))
    distance, toward = csgraph.dijkstra(reverse, directed=True, indices=t, return_predecessors=True)
    if not np.isfinite(distance[s]):
        return None
    path, u = [s], s
    while u != t:
        lo, hi = A.indptr[u], A.indptr[u + 1]
        neighbours = A.indices[lo:hi]
        via = cost.data[lo:hi] + distance[neighbours]
        tight = (via <= distance[u] * (1 + _RTOL)) & (distance[neighbours] < distance[u])
        # Dijkstra's own next step is tight by construction; it is needed only when a tie is
        # below the distance's rounding (a weight ratio beyond 1e16).
        u = int(neighbours[np.argmax(tight)]) if tight.any() else int(toward[u])
        path.append(u)
    return _route(G, path)


def ranked_paths(
    G: Network,
    source: str,
    target: str,
    *,
    max_hops: int = 3,
    limit: int = 10,
    budget: int = 100_000,
) -> RankedRoutes:
    """The best ``limit`` simple routes of at most ``max_hops`` hops, for warm introductions.

    Ranked by hops, then larger weakest tie, then larger total weight, then keys. Routes are
    searched one hop count at a time (shorter ones always rank first), depth first, and a
    prefix is dropped as soon as its best possible completion cannot beat the ``limit``-th
    route kept. The bounds come from walks of exactly the remaining hops to the target: the
    largest weakest tie and the largest total any such walk has, computed for every actor at
    once (one vectorised pass over the ties per hop, ``O(max_hops * (n + m))``).

    Work is bounded by ``budget`` extensions of a prefix by one actor, plus one vectorised
    scan of the ties of each (actor, remaining hops) pair met, so a hub is scanned once, not
    once per route through it. When the budget runs out ``complete`` is False and the routes
    are the best of those examined.
    """
    s, t = _endpoints(G, source, target)
    if max_hops < 1 or limit < 1 or budget < 1:
        raise ValueError("max_hops, limit and budget must be at least 1")
    search = _Search(G.arcs, t, max_hops=max_hops, budget=budget)
    found: list[list[int]] = []
    for length in range(1, max_hops + 1):
        if search.reaches(s, length):
            found.extend(search.best(s, length, limit - len(found)))
        if len(found) >= limit or search.spent:
            break
    return RankedRoutes(tuple(_route(G, path) for path in found), complete=not search.spent)


_Entry = tuple[float, float, tuple[int, ...]]  # weakest, total, negated route: larger is better


class _Search:
    """Depth-first search for the best simple routes of one length, within a budget.

    ``weakest[r][v]`` and ``heaviest[r][v]`` are the largest weakest tie and the largest total
    over the walks of exactly ``r`` hops from ``v`` to the target (-inf when there is none).
    Walks may repeat actors, so they bound the simple routes from above.
    """

    def __init__(self, A: sp.csr_array, target: int, *, max_hops: int, budget: int) -> None:
        self.A, self.target, self.left, self.spent = A, target, budget, False
        self.weakest, self.heaviest = _walk_bounds(A, target, max_hops)
        # Whole weights sum exactly in any order; other sums may round differently in the
        # bound than along a route, so their bound gets some slack.
        self.slack = 0.0 if np.array_equal(A.data, np.rint(A.data)) else 1e-9
        self.heap: list[_Entry] = []  # a min-heap: its top is the worst route kept
        self.wanted = 0
        self._next: dict[tuple[int, int], list[tuple[int, float, float, float]]] = {}

    def reaches(self, source: int, length: int) -> bool:
        return bool(self.weakest[length][source] > -np.inf)

    def best(self, source: int, length: int, wanted: int) -> list[list[int]]:
        self.heap, self.wanted = [], wanted
        self._extend([source], np.inf, 0.0, length)
        ranked = sorted(self.heap, reverse=True)
        return [[-v for v in entry[2]] for entry in ranked]

    def _extend(self, path: list[int], weakest: float, total: float, remaining: int) -> None:
        for v, w, low_bound, total_bound in self._candidates(path[-1], remaining):
            if self.spent:
                return
            if v in path:
                continue
            if self.left == 0:
                self.spent = True
                return
            self.left -= 1
            if remaining == 1:
                self._keep((min(weakest, w), total + w, tuple(-x for x in [*path, v])))
                continue
            if len(self.heap) == self.wanted:
                worst_low, worst_total, worst = self.heap[0]
                low = min(weakest, low_bound)
                if low < worst_low:
                    break  # candidates come by decreasing low_bound: none after is better
                ceiling = total + total_bound
                ceiling += self.slack * abs(ceiling)
                # A prefix sorts before its completions, so it stands for the best of them.
                best = (-low, -ceiling, (*path, v))
                if best > (-worst_low, -worst_total, tuple(-x for x in worst)):
                    continue
            path.append(v)
            self._extend(path, min(weakest, w), total + w, remaining - 1)
            path.pop()

    def _keep(self, entry: _Entry) -> None:
        if len(self.heap) < self.wanted:
            heapq.heappush(self.heap, entry)
        elif entry > self.heap[0]:
            heapq.heapreplace(self.heap, entry)

    def _candidates(self, u: int, remaining: int) -> list[tuple[int, float, float, float]]:
        """Ties from ``u`` that start a walk of ``remaining`` hops to the target: the next
        actor, the tie's weight and the bounds, best bound first (so pruning bites early)."""
        key = (u, remaining)
        if key not in self._next:
            lo, hi = self.A.indptr[u], self.A.indptr[u + 1]
            v, w = self.A.indices[lo:hi].astype(np.int64), self.A.data[lo:hi]
            low = np.minimum(w, self.weakest[remaining - 1][v])
            heavy = w + self.heaviest[remaining - 1][v]
            keep = (low > -np.inf) & ((v != self.target) | (remaining == 1))
            v, w, low, heavy = v[keep], w[keep], low[keep], heavy[keep]
            order = np.lexsort((v, -heavy, -low))
            rows = (v[order], w[order], low[order], heavy[order])
            self._next[key] = list(zip(*(r.tolist() for r in rows), strict=True))
        return self._next[key]


def _walk_bounds(
    A: sp.csr_array, target: int, max_hops: int
) -> tuple[list[NDArray[np.float64]], list[NDArray[np.float64]]]:
    """Per hop count r: every actor's largest weakest tie and largest total over the walks
    of exactly r hops to ``target`` (max-min and max-plus products, row maxima by reduceat);
    ``2 * (max_hops + 1)`` arrays of n floats."""
    n = A.shape[0]
    weakest, heaviest = np.full(n, -np.inf), np.full(n, -np.inf)
    weakest[target], heaviest[target] = np.inf, 0.0
    lows, totals = [weakest], [heaviest]
    filled = np.diff(A.indptr) > 0
    starts = A.indptr[:-1][filled]
    for _ in range(max_hops):
        low = np.minimum(A.data, lows[-1][A.indices])
        total = A.data + totals[-1][A.indices]
        weakest, heaviest = np.full(n, -np.inf), np.full(n, -np.inf)
        if A.nnz:
            weakest[filled] = np.maximum.reduceat(low, starts)
            heaviest[filled] = np.maximum.reduceat(total, starts)
        lows.append(weakest)
        totals.append(heaviest)
    return lows, totals


def _endpoints(G: Network, source: str, target: str) -> tuple[int, int]:
    s, t = _vertex(G, source), _vertex(G, target)
    if s == t:
        raise ValueError("source and target are the same actor")
    return s, t


def _vertex(G: Network, key: str) -> int:
    i = bisect_left(G.keys, key)
    if i == G.n or G.keys[i] != key:
        raise KeyError(f"unknown actor {key!r}")
    return i


def _hops_to(G: Network, t: int) -> NDArray[np.float64]:
    """Hops from every actor to ``t`` (inf when none): a search from ``t`` backwards."""
    reverse = _memo(G, "ties_reversed", lambda: _reverse(G, binary(G.arcs)))
    hops = csgraph.dijkstra(reverse, directed=True, indices=t, unweighted=True)
    return np.asarray(hops, dtype=np.float64)


def _memo(G: Network, name: str, make: Callable[[], sp.csr_array]) -> sp.csr_array:
    """A matrix derived from ``G`` once, shared by the many route queries on one network."""
    key = ("routes", name)
    if key not in G.memo:
        G.memo[key] = make()
    matrix: sp.csr_array = G.memo[key]
    return matrix


def _reverse(G: Network, A: sp.csr_array) -> sp.csr_array:
    return sp.csr_array(A.T) if G.directed else A


def _route(G: Network, path: list[int]) -> Route:
    A = G.arcs
    weights: list[float] = []
    for u, v in pairwise(path):
        lo = int(A.indptr[u])
        at = lo + int(np.searchsorted(A.indices[lo : A.indptr[u + 1]], v))
        weights.append(float(A.data[at]))
    return Route(
        actors=tuple(G.keys[i] for i in path),
        hops=len(weights),
        weakest=min(weights),
        total=sum(weights),
        distance=sum(1.0 / w for w in weights),
    )
