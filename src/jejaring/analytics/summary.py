"""Whole-network summary: size, density, components, transitivity, paths, centralisation.

References
----------
Freeman, L. C. (1978). Centrality in social networks: conceptual clarification.
*Social Networks* 1, 215-239 (degree centralisation).
Newman, M. E. J. (2006). Modularity and community structure in networks. *PNAS* 103(23).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from jejaring.analytics._result import ActorFloats, ActorInts
from jejaring.analytics.cohesion import clustering, communities, components
from jejaring.analytics.graph import Network

__all__ = ["Summary", "summary"]


@dataclass(frozen=True)
class Summary:
    """Whole-network figures; ``None`` where a figure is undefined for this network."""

    nodes: int
    ties: int
    density: float
    components: int
    largest_component_share: float | None
    transitivity: float
    average_clustering: float | None
    average_path_length: float | None
    diameter: int | None
    degree_centralization: float | None
    modularity: float | None
    path_pivots: int | None  # pivots the path figures were estimated from; None when exact


def summary(
    G: Network,
    *,
    partition: ActorInts | None = None,
    local_clustering: ActorFloats | None = None,
    pivots: Sequence[str] | None = None,
    seed: int = 0,
) -> Summary:
    """Summarise ``G``; pass the community ``partition`` and ``local_clustering`` if known.

    Paths and diameter are those of the largest component, undirected and unweighted; with
    ``pivots`` they are estimated from searches out of the pivots in that component (the
    diameter then is a lower bound).
    """
    n, m = G.n, G.m
    density = m / (n * (n - 1)) * (1 if G.directed else 2) if n > 1 else 0.0
    label = components(G).array
    sizes = np.bincount(label) if n else np.zeros(0, dtype=np.int64)
    local = local_clustering if local_clustering is not None else clustering(G)
    binary_local = clustering(G, weighted=False).array if G.weighted else local.array
    degree = np.diff(G.symmetric.indptr).astype(np.float64)
    triads = float((degree * (degree - 1) / 2).sum())
    closed = float((binary_local * degree * (degree - 1) / 2).sum())
    average_path, diameter = _paths(G, label, sizes, pivots)
    if partition is None and m:
        partition = communities(G, seed=seed)
    modularity = None
    if partition is not None and m:
        weights = G.undirected_ties[2] if G.weighted else None
        modularity = G.igraph_undirected.modularity(partition.array.tolist(), weights)
    centralization = None
    if n >= 3:
        centralization = float((degree.max() - degree).sum() / ((n - 1) * (n - 2)))
    return Summary(
        nodes=n,
        ties=m,
        density=float(density),
        components=int(sizes.size),
        largest_component_share=float(sizes.max() / n) if n else None,
        transitivity=closed / triads if triads else 0.0,
        average_clustering=float(local.array.mean()) if n else None,
        average_path_length=average_path,
        diameter=diameter,
        degree_centralization=centralization,
        modularity=modularity,
        path_pivots=None if pivots is None else len(pivots),
    )


def _paths(
    G: Network, label: np.ndarray, sizes: np.ndarray, pivots: Sequence[str] | None
) -> tuple[float | None, int | None]:
    if sizes.size == 0 or sizes.max() < 2:
        return None, None
    largest = int(np.argmax(sizes))  # ties go to the component with the smallest actor key
    members = np.flatnonzero(label == largest)
    if pivots is None:
        sub = G.igraph_undirected.subgraph(members.tolist())
        return sub.average_path_length(), sub.diameter()
    position = {key: i for i, key in enumerate(G.keys)}
    inside = [position[p] for p in pivots if label[position[p]] == largest]
    if not inside:
        inside = [int(members[0])]
    known = G.memo.get(("pivot_paths", tuple(sorted({position[p] for p in pivots}))))
    if isinstance(known, list):  # closeness already searched from these pivots
        chosen = [entry for entry in known if label[entry[0]] == largest]
        if chosen:
            total = sum(entry[1] for entry in chosen)
            pairs = sum(entry[2] for entry in chosen)
            return total / pairs, int(max(entry[3] for entry in chosen))
    total, pairs, longest = 0.0, 0, 0.0
    for start in range(0, len(inside), 16):
        d = G.igraph_undirected.distances(inside[start : start + 16], mode="all")[:, members]
        reached = np.isfinite(d) & (d > 0)
        total += float(d[reached].sum())
        pairs += int(reached.sum())
        longest = max(longest, float(d[reached].max(initial=0.0)))
    return total / pairs, int(longest)
