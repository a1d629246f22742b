"""Burt's structural-hole measures: effective size, efficiency, constraint and hierarchy.

All four are computed on the undirected layer (a reciprocated pair's weights add, as Burt's
z_ij + z_ji), weighted when the network is, with sparse products restricted to the ties.

References
----------
Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard UP.
Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
*Connections* 20(1), 35-38.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from jejaring.analytics._result import ActorFloats
from jejaring.analytics._sparse import binary, masked_product, row_of_entries, row_sums, with_data
from jejaring.analytics.graph import Network

__all__ = ["burt_measures", "constraint", "effective_size", "efficiency", "hierarchy"]


def _proportions(G: Network, weighted: bool | None) -> tuple[sp.csr_array, sp.csr_array]:
    """W, and P with p_ij = w_ij / sum_k w_ik (Burt's proportional tie strength)."""
    W = G.symmetric if (G.weighted if weighted is None else weighted) else binary(G.symmetric)
    strength = np.asarray(W.sum(axis=1)).ravel()
    return W, with_data(W, W.data / strength[row_of_entries(W)])


def _degree(W: sp.csr_array) -> NDArray[np.float64]:
    return np.asarray(np.diff(W.indptr), dtype=np.float64)


def effective_size(G: Network, *, weighted: bool | None = None) -> ActorFloats:
    """Burt's effective size: contacts minus their redundancy, undefined for isolates.

    ``sum_j (1 - sum_q p_iq m_jq)`` over contacts j, q of i, with ``m_jq = w_jq / max_k w_jk``;
    with no weights it is Borgatti's ``n - 2t/n`` (t ties among the n contacts). Equals
    ``nx.effective_size(G, nodes=list(G), weight=...)``.

    Examples
    --------
    >>> from jejaring.analytics import build_network
    >>> star = build_network(["a", "a", "a"], ["b", "c", "d"])
    >>> effective_size(star)["a"]
    3.0
    """
    W, P = _proportions(G, weighted)
    # scipy's max refuses a matrix with no rows: the network of no actors has no sizes.
    if W.shape[0] == 0:
        return ActorFloats(G.keys, np.zeros(0))
    row_max = np.asarray(sp.csr_array(W).max(axis=1).toarray()).ravel()
    rows = row_of_entries(W)
    M = with_data(W, W.data / row_max[rows])
    A = binary(W)
    redundancy = row_sums(P, P.data * masked_product(A, M, A, G.triangles))
    degree = _degree(W)
    size = np.where(degree > 0, degree - redundancy, np.nan)
    return ActorFloats(G.keys, size)


def efficiency(G: Network, *, weighted: bool | None = None) -> ActorFloats:
    """Effective size divided by the number of contacts (Burt 1992); undefined for isolates."""
    size = effective_size(G, weighted=weighted).array
    degree = _degree(G.symmetric)
    with np.errstate(invalid="ignore", divide="ignore"):
        return ActorFloats(G.keys, np.where(degree > 0, size / degree, np.nan))


def _local_constraints(
    G: Network, weighted: bool | None
) -> tuple[sp.csr_array, NDArray[np.float64]]:
    _W, P = _proportions(G, weighted)
    indirect = masked_product(P, P, P, G.triangles)
    return P, (P.data + indirect) ** 2


def constraint(G: Network, *, weighted: bool | None = None) -> ActorFloats:
    """Burt's constraint ``sum_j (p_ij + sum_q p_iq p_qj)^2``; undefined for isolates.

    Equals ``nx.constraint(G, nodes=list(G), weight=...)``.
    """
    P, local = _local_constraints(G, weighted)
    total = row_sums(P, local)
    return ActorFloats(G.keys, np.where(_degree(P) > 0, total, np.nan))


def hierarchy(G: Network, *, weighted: bool | None = None) -> ActorFloats:
    """Burt's hierarchy: how concentrated constraint is on one contact, in [0, 1].

    ``sum_j r_j ln r_j / (N ln N)`` with ``r_j = c_ij / (C_i / N)``, N contacts and C_i the
    constraint (Burt 1992, p. 71); undefined with fewer than two contacts.
    """
    P, local = _local_constraints(G, weighted)
    return ActorFloats(G.keys, _hierarchy(P, local))


def burt_measures(G: Network, *, weighted: bool | None = None) -> dict[str, ActorFloats]:
    """Effective size, efficiency, constraint and hierarchy at once, sharing the products."""
    size = effective_size(G, weighted=weighted)
    degree = _degree(G.symmetric)
    P, local = _local_constraints(G, weighted)
    total = np.where(degree > 0, row_sums(P, local), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(degree > 0, size.array / degree, np.nan)
    return {
        "effective_size": size,
        "efficiency": ActorFloats(G.keys, ratio),
        "constraint": ActorFloats(G.keys, total),
        "hierarchy": ActorFloats(G.keys, _hierarchy(P, local)),
    }


def _hierarchy(P: sp.csr_array, local: NDArray[np.float64]) -> NDArray[np.float64]:
    degree = _degree(P)
    rows = row_of_entries(P)
    total = row_sums(P, local)
    ratio = local * degree[rows] / total[rows]
    entropy = row_sums(P, ratio * np.log(ratio))
    with np.errstate(invalid="ignore", divide="ignore"):
        value = entropy / (degree * np.log(degree))
    return np.where(degree >= 2, value, np.nan)
