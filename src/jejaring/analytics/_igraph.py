"""A narrow, typed wrapper around the few igraph calls the analytics use.

igraph ships no type stubs, so every call crosses an ``Any`` boundary here, and only here:
results leave as NumPy arrays or plain lists with declared types.
"""

from __future__ import annotations

import random
import threading
from typing import Any

import igraph
import numpy as np
from numpy.typing import NDArray

__all__ = ["IGraph"]

# igraph draws from one process-wide generator; swapping it must not interleave between threads.
_RNG_LOCK = threading.Lock()


class IGraph:
    """A simple igraph graph on vertices ``0..n-1`` with optional edge weights."""

    def __init__(
        self,
        n: int,
        source: NDArray[np.int64],
        target: NDArray[np.int64],
        *,
        directed: bool,
    ) -> None:
        # A list of pairs is igraph's fastest input path (faster than its buffer protocol path).
        edges = list(zip(source.tolist(), target.tolist(), strict=True))
        self._graph: Any = igraph.Graph(n=n, edges=edges, directed=directed)
        self.directed = directed

    def betweenness(self, *, sources: list[int] | None = None) -> NDArray[np.float64]:
        """Unnormalised, unweighted betweenness (igraph halves undirected pair counts)."""
        values = self._graph.betweenness(directed=self.directed, sources=sources)
        return np.asarray(values, dtype=np.float64)

    def closeness(self, *, mode: str) -> NDArray[np.float64]:
        """(reached - 1) / sum of distances over the vertices reached; NaN when none is."""
        return np.asarray(self._graph.closeness(mode=mode, normalized=True), dtype=np.float64)

    def harmonic(self, *, mode: str) -> NDArray[np.float64]:
        """Sum of reciprocal distances (unnormalised)."""
        values = self._graph.harmonic_centrality(mode=mode, normalized=False)
        return np.asarray(values, dtype=np.float64)

    def reach_sizes(
        self, vertices: list[int] | None, *, mode: str, order: int | None = None
    ) -> NDArray[np.int64]:
        """How many vertices (itself included) each vertex reaches along ``mode`` edges.

        Within ``order`` steps when given, else at any distance; ``None`` means every vertex.
        """
        order = max(self._graph.vcount(), 1) if order is None else order
        sizes = self._graph.neighborhood_size(vertices=vertices, order=order, mode=mode)
        return np.asarray(sizes, dtype=np.int64)

    def distances(self, sources: list[int], *, mode: str) -> NDArray[np.float64]:
        """Unweighted distances from ``sources`` (rows) to every vertex; inf when unreachable."""
        return np.asarray(self._graph.distances(source=sources, mode=mode), dtype=np.float64)

    def pagerank(
        self, weights: NDArray[np.float64] | None, *, damping: float
    ) -> NDArray[np.float64]:
        """PageRank by PRPACK; dangling vertices spread their rank uniformly."""
        w = None if weights is None else weights.tolist()
        values = self._graph.pagerank(directed=self.directed, damping=damping, weights=w)
        return np.asarray(values, dtype=np.float64)

    def local_clustering(self) -> NDArray[np.float64]:
        """Unweighted local clustering of an undirected graph, 0 below two neighbours."""
        values = self._graph.transitivity_local_undirected(mode="zero")
        return np.asarray(values, dtype=np.float64)

    def coreness(self) -> NDArray[np.int64]:
        return np.asarray(self._graph.coreness(mode="all"), dtype=np.int64)

    def leiden_modularity(
        self, weights: NDArray[np.float64] | None, *, seed: int, rounds: int, tolerance: float
    ) -> list[int]:
        """Leiden communities maximising modularity, seeded.

        Rounds of Leiden iterations restart from the previous partition until one gains less
        than ``tolerance`` modularity or ``rounds`` have run (``n_iterations=-1`` has no such
        bound and took minutes on 100,000 actors for a gain of 0.01).
        """
        w = None if weights is None else weights.tolist()
        membership: list[int] | None = None
        quality = -1.0
        with _RNG_LOCK:
            igraph.set_random_number_generator(random.Random(seed))
            try:
                for _ in range(rounds):
                    found = self._graph.community_leiden(
                        objective_function="modularity",
                        weights=w,
                        n_iterations=2,
                        initial_membership=membership,
                    )
                    gained = float(found.modularity) - quality
                    if gained > 0:
                        membership, quality = [int(x) for x in found.membership], quality + gained
                    if gained < tolerance:
                        break
            finally:
                igraph.set_random_number_generator(random)
        return membership if membership is not None else list(range(self._graph.vcount()))

    def triangles(self) -> NDArray[np.int64]:
        """Every triangle once, as rows of three vertex ids."""
        found = self._graph.list_triangles()
        return np.asarray(found, dtype=np.int64).reshape(-1, 3)

    def modularity(self, membership: list[int], weights: NDArray[np.float64] | None) -> float:
        w = None if weights is None else weights.tolist()
        return float(self._graph.modularity(membership, weights=w))

    def diameter(self) -> int:
        return int(self._graph.diameter(directed=False, unconn=True))

    def average_path_length(self) -> float:
        return float(self._graph.average_path_length(directed=False, unconn=True))

    def subgraph(self, vertices: list[int]) -> IGraph:
        sub = IGraph.__new__(IGraph)
        sub._graph = self._graph.induced_subgraph(vertices)
        sub.directed = self.directed
        return sub
