"""Degree counts, eigenvector centrality and PageRank.

References
----------
Bonacich, P. (1987). Power and centrality: a family of measures. *American Journal of
Sociology* 92(5), 1170-1182.
Page, L., Brin, S., Motwani, R., Winograd, T. (1999). The PageRank citation ranking:
bringing order to the web. Stanford InfoLab.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
import scipy.sparse.csgraph as csgraph
import scipy.sparse.linalg as sla
from numpy.typing import NDArray

from jejaring.analytics._result import ActorFloats, ActorInts
from jejaring.analytics._sparse import binary
from jejaring.analytics.graph import Network

__all__ = ["degree", "eigenvector", "in_degree", "out_degree", "pagerank", "weighted_degree"]

_DENSE_UP_TO = 300  # components this small are solved densely (exact, no ARPACK start vector)
_TIE = 1e-9  # relative gap under which two components share the leading eigenvalue


def degree(G: Network) -> ActorInts:
    """Distinct neighbours, in- and out-neighbours merged in a directed network."""
    return ActorInts(G.keys, np.diff(G.symmetric.indptr).astype(np.int64))


def in_degree(G: Network) -> ActorInts:
    """Distinct in-neighbours (the degree in an undirected network)."""
    if not G.directed:
        return degree(G)
    return ActorInts(G.keys, np.bincount(G.target, minlength=G.n).astype(np.int64))


def out_degree(G: Network) -> ActorInts:
    """Distinct out-neighbours (the degree in an undirected network)."""
    if not G.directed:
        return degree(G)
    return ActorInts(G.keys, np.bincount(G.source, minlength=G.n).astype(np.int64))


def weighted_degree(G: Network) -> ActorFloats:
    """Sum of the weights of an actor's ties, in and out (each tie counts 1 when unweighted).

    Equals NetworkX's ``G.degree(weight=...)``.
    """
    total = np.bincount(G.source, weights=G.weight, minlength=G.n)
    total += np.bincount(G.target, weights=G.weight, minlength=G.n)
    return ActorFloats(G.keys, total.astype(np.float64))


def eigenvector(G: Network, *, weighted: bool | None = None) -> ActorFloats:
    """Eigenvector centrality of the undirected layer, unit Euclidean norm.

    The limit of NetworkX's power iteration from the all-ones vector: the projection of that
    vector on the leading eigenspace. Every connected component has its own Perron vector;
    those whose eigenvalue is the largest share the centrality, the others get 0.
    """
    W = G.symmetric if (G.weighted if weighted is None else weighted) else binary(G.symmetric)
    x = np.zeros(G.n, dtype=np.float64)
    if G.n == 0:
        return ActorFloats(G.keys, x)
    count, labels = csgraph.connected_components(W, directed=False)
    # A component's leading eigenvalue is at most its largest strength: bound, then solve.
    strength = np.asarray(W.sum(axis=1)).ravel()
    bound = np.zeros(count)
    np.maximum.at(bound, labels, strength)
    members = np.split(np.argsort(labels, kind="stable"), np.cumsum(np.bincount(labels))[:-1])
    best = -1.0
    chosen: list[tuple[NDArray[np.int64], NDArray[np.float64]]] = []
    for c in np.argsort(-bound, kind="stable").tolist():
        if bound[c] < best * (1 - _TIE):
            break
        idx = members[c]
        value, vector = _perron(sp.csr_array(W[idx][:, idx]))
        if value > best * (1 + _TIE) + 1e-15:
            best, chosen = value, [(idx, vector)]
        elif value >= best * (1 - _TIE):
            chosen.append((idx, vector))
    for idx, vector in chosen:
        x[idx] = vector * vector.sum()  # (1 . v) v: the all-ones start projected on v
    return ActorFloats(G.keys, x / np.linalg.norm(x))


def _perron(W: sp.csr_array) -> tuple[float, NDArray[np.float64]]:
    """Leading eigenvalue and positive unit eigenvector of a connected component."""
    if W.shape[0] <= _DENSE_UP_TO:
        values, vectors = np.linalg.eigh(W.toarray())
        vector = np.abs(vectors[:, -1])
        return float(values[-1]), vector / np.linalg.norm(vector)
    start = np.ones(W.shape[0])
    values, vectors = sla.eigsh(W, k=1, which="LA", v0=start, tol=1e-12)
    vector = np.abs(vectors[:, 0])
    return float(values[0]), vector / np.linalg.norm(vector)


def pagerank(G: Network, *, alpha: float = 0.85, weighted: bool | None = None) -> ActorFloats:
    """PageRank with damping ``alpha``; dangling actors spread their rank uniformly.

    Directed when the network is, weighted when it is (or when ``weighted``); as
    ``nx.pagerank(G, alpha=0.85, weight=...)``.
    """
    if G.n == 0:
        return ActorFloats(G.keys, np.zeros(0))
    use = G.weighted if weighted is None else weighted
    weights = (G.weight if G.directed else G.undirected_ties[2]) if use else None
    return ActorFloats(G.keys, G.igraph.pagerank(weights, damping=alpha))
