"""Cohesion: local clustering, ego-network density, k-cores, components and communities.

References
----------
Watts, D. J., Strogatz, S. H. (1998). Collective dynamics of small-world networks. *Nature* 393.
Onnela, J.-P. et al. (2005). Intensity and coherence of motifs in weighted complex networks.
*Physical Review E* 71, 065103 (weighted clustering, geometric mean).
Seidman, S. B. (1983). Network structure and minimum degree. *Social Networks* 5 (k-cores).
Traag, V. A., Waltman, L., van Eck, N. J. (2019). From Louvain to Leiden. *Sci. Rep.* 9, 5233.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse.csgraph as csgraph
from numpy.typing import NDArray

from jejaring.analytics._result import ActorFloats, ActorInts
from jejaring.analytics._sparse import binary, masked_product, row_sums, with_data
from jejaring.analytics.graph import Network

__all__ = ["clustering", "communities", "components", "core_number", "ego_density"]


def clustering(G: Network, *, weighted: bool | None = None) -> ActorFloats:
    """Local clustering of the undirected layer, as ``nx.clustering`` (0 below two contacts).

    Weighted, it is Onnela's geometric mean: ``sum (w_ij w_jk w_ki)^(1/3) / (d (d-1))`` with
    weights divided by the largest weight in the network.
    """
    if not (G.weighted if weighted is None else weighted):
        return ActorFloats(G.keys, G.igraph_undirected.local_clustering())
    W = G.symmetric
    degree = np.diff(W.indptr).astype(np.float64)
    if W.nnz == 0:
        return ActorFloats(G.keys, np.zeros(G.n))
    C = with_data(W, np.cbrt(W.data / W.data.max()))
    closed = row_sums(C, C.data * masked_product(C, C, C, G.triangles))
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(degree >= 2, closed / (degree * (degree - 1)), 0.0)
    return ActorFloats(G.keys, value)


def ego_density(G: Network) -> ActorFloats:
    """Density of the ties among an actor's contacts, the actor left out (UCINET's "Density").

    Undirected: ties among the N contacts over N(N-1)/2; directed: arcs among them over
    N(N-1). Unweighted; undefined below two contacts.
    """
    B = binary(G.symmetric)
    alters = np.diff(B.indptr).astype(np.float64)
    # sum over contacts j, k of B_ij D_jk B_ik: the arcs among i's contacts (each edge twice
    # when undirected, matching the N(N-1) denominator).
    among = row_sums(B, masked_product(B, binary(G.arcs), B, G.triangles))
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(alters >= 2, among / (alters * (alters - 1)), np.nan)
    return ActorFloats(G.keys, value)


def core_number(G: Network) -> ActorInts:
    """The largest k such that the actor is in the k-core of the undirected layer."""
    return ActorInts(G.keys, G.igraph_undirected.coreness())


def _by_smallest_member(labels: NDArray[np.int64]) -> NDArray[np.int64]:
    """Renumber groups 0, 1, ... in order of their smallest vertex (= smallest actor key)."""
    _unique, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(first.size, dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    return rank[inverse].astype(np.int64)


def components(G: Network) -> ActorInts:
    """Weakly connected component, numbered in order of each component's smallest actor key."""
    _count, labels = csgraph.connected_components(G.symmetric, directed=False)
    return ActorInts(G.keys, _by_smallest_member(labels.astype(np.int64)))


def communities(
    G: Network,
    *,
    seed: int = 0,
    weighted: bool | None = None,
    rounds: int = 5,
    tolerance: float = 1e-4,
) -> ActorInts:
    """Leiden communities maximising modularity on the undirected layer.

    Leiden iterations are repeated from the last partition until a round gains less than
    ``tolerance`` modularity (at most ``rounds`` rounds), drawing from igraph's generator
    seeded with ``seed``: the same input and seed give the same partition. Numbered like
    :func:`components`.
    """
    use = G.weighted if weighted is None else weighted
    weights = G.undirected_ties[2] if use else None
    membership = G.igraph_undirected.leiden_modularity(
        weights, seed=seed, rounds=rounds, tolerance=tolerance
    )
    return ActorInts(G.keys, _by_smallest_member(np.asarray(membership, dtype=np.int64)))
