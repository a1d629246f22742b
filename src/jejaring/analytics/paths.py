"""Shortest-path centralities: betweenness, closeness and harmonic, exact or from pivots.

Ties are read as unweighted hops on purpose: igraph and NetworkX both treat an edge weight
as a *distance*, while a tie's weight here is its *strength*.

References
----------
Freeman, L. C. (1977). A set of measures of centrality based on betweenness. *Sociometry* 40.
Wasserman, S., Faust, K. (1994). *Social Network Analysis*, p. 201 (closeness, improved).
Marchiori, M., Latora, V. (2000). Harmony in the small-world. *Physica A* 285 (harmonic).
Brandes, U., Pich, C. (2007). Centrality estimation in large networks. *IJBC* 17(7).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse.csgraph as csgraph
from numpy.typing import NDArray

from jejaring.analytics._result import ActorFloats, ActorInts
from jejaring.analytics.graph import Network

__all__ = ["betweenness", "closeness", "estimates", "harmonic", "k_reach", "sample_pivots"]

_CHUNK = 16  # pivots per distance batch: 16 rows of n floats at a time


def sample_pivots(G: Network, k: int, *, seed: int) -> list[str]:
    """``k`` distinct actors drawn uniformly with NumPy's generator seeded by ``seed``."""
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(G.n, size=min(k, G.n), replace=False))
    return [G.keys[i] for i in chosen.tolist()]


def _indices(G: Network, pivots: Sequence[str]) -> list[int]:
    position = {key: i for i, key in enumerate(G.keys)}
    return sorted({position[key] for key in pivots})


def betweenness(G: Network, *, pivots: Sequence[str] | None = None) -> ActorFloats:
    """Normalised, unweighted betweenness, as ``nx.betweenness_centrality(G)``.

    With ``pivots`` it is Brandes and Pich's estimate from those sources only, rescaled as
    NetworkX 3.6 rescales ``k``-sampled betweenness (pivots themselves by ``k - 1``).
    """
    n = G.n
    if pivots is None:
        raw = G.igraph.betweenness()
        pairs = (n - 1) * (n - 2) / (1 if G.directed else 2)
        return ActorFloats(G.keys, raw / pairs if n > 2 else raw)
    sources = _indices(G, pivots)
    k = len(sources)
    if k < 2:
        raise ValueError("betweenness sampling needs at least two pivots")
    # igraph halves undirected dependencies; the estimator counts ordered (s, t) pairs.
    raw = G.igraph.betweenness(sources=sources) * (1 if G.directed else 2)
    scale = np.full(n, 1 / (k * (n - 2)) if n > 2 else 0.0)
    scale[sources] = 1 / ((k - 1) * (n - 2)) if n > 2 else 0.0
    return ActorFloats(G.keys, raw * scale)


def _reach(G: Network) -> NDArray[np.int64]:
    """How many actors reach each actor (itself included): its component, or in-reach."""
    if not G.directed:
        _count, labels = csgraph.connected_components(G.symmetric, directed=False)
        return np.asarray(np.bincount(labels)[labels], dtype=np.int64)
    # Actors of one strongly connected component share their in-reach: one search per component.
    _count, labels = csgraph.connected_components(G.arcs, directed=True, connection="strong")
    _unique, first = np.unique(labels, return_index=True)
    sizes = G.igraph.reach_sizes(first.tolist(), mode="in")
    return np.asarray(sizes[np.searchsorted(_unique, labels)], dtype=np.int64)


def closeness(G: Network, *, pivots: Sequence[str] | None = None) -> ActorFloats:
    """Wasserman-Faust improved closeness, ``((r-1)/(n-1)) * (r-1)/sum d``, unweighted.

    ``r`` counts the actors that reach the actor (incoming distances in a directed network),
    as ``nx.closeness_centrality(G, wf_improved=True)``. With ``pivots`` the share of pivots
    that reach an actor and their mean distance stand in for ``(r-1)/(n-1)`` and the mean.
    """
    n = G.n
    if pivots is not None:
        return ActorFloats(G.keys, estimates(G, pivots)[0])
    mode = "in" if G.directed else "all"
    inverse_mean = np.nan_to_num(G.igraph.closeness(mode=mode), nan=0.0)
    share = (_reach(G) - 1) / (n - 1) if n > 1 else np.zeros(n)
    return ActorFloats(G.keys, inverse_mean * share)


def harmonic(G: Network, *, pivots: Sequence[str] | None = None) -> ActorFloats:
    """Sum of reciprocal distances from the other actors, as ``nx.harmonic_centrality(G)``.

    With ``pivots``, ``(n - 1)`` times the mean over the pivots.
    """
    if pivots is not None:
        return ActorFloats(G.keys, estimates(G, pivots)[1])
    mode = "in" if G.directed else "all"
    return ActorFloats(G.keys, G.igraph.harmonic(mode=mode))


def estimates(G: Network, pivots: Sequence[str]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Closeness and harmonic centrality estimated from searches out of ``pivots`` (at once)."""
    count, total, inverse, others = _from_pivots(G, pivots)
    with np.errstate(invalid="ignore", divide="ignore"):
        close = np.where(count > 0, count**2 / (others * total), 0.0)
        harm = np.where(others > 0, inverse * (G.n - 1) / others, 0.0)
    return close, harm


def _from_pivots(
    G: Network, pivots: Sequence[str]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Per actor: pivots reaching it, their summed distance and reciprocal distance, and the
    number of pivots other than itself."""
    sources = _indices(G, pivots)
    count, total, inverse = np.zeros(G.n), np.zeros(G.n), np.zeros(G.n)
    per_pivot: list[tuple[int, float, int, float]] = []
    for start in range(0, len(sources), _CHUNK):
        d = G.igraph.distances(sources[start : start + _CHUNK], mode="out")
        reached = np.isfinite(d) & (d > 0)
        count += reached.sum(axis=0)
        hops = np.where(reached, d, 0.0)
        total += hops.sum(axis=0)
        with np.errstate(divide="ignore"):
            inverse += np.where(reached, 1.0 / d, 0.0).sum(axis=0)
        for row, source in enumerate(sources[start : start + _CHUNK]):
            found = int(reached[row].sum())
            per_pivot.append((source, float(hops[row].sum()), found, float(hops[row].max())))
    if not G.directed:
        # Undirected searches are the summary's too: per pivot, summed and longest distance.
        G.memo[("pivot_paths", tuple(sources))] = per_pivot
    others = np.full(G.n, float(len(sources)))
    others[sources] -= 1
    return count, total, inverse, others


def k_reach(G: Network, *, k: int) -> ActorInts:
    """How many other actors each actor reaches in at most ``k`` ties (k-step reach).

    Ties are followed from source to target in a directed network, both ways otherwise;
    unweighted. ``k = 1`` is the out-degree (the degree when undirected).

    Examples
    --------
    >>> from jejaring.analytics.graph import build_network
    >>> G = build_network(["a", "b", "c"], ["b", "c", "d"])
    >>> k_reach(G, k=2).array.tolist()
    [2, 3, 3, 2]
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise ValueError("k must be a non-negative integer")
    if G.n == 0:
        return ActorInts(G.keys, np.zeros(0, dtype=np.int64))
    sizes = G.igraph.reach_sizes(None, mode="out", order=k)
    return ActorInts(G.keys, (sizes - 1).astype(np.int64))
