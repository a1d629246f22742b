"""Gould and Fernandez brokerage roles, counted with sparse products (no loop over triads).

For every open two-path a -> b -> c (a != c, no tie a -> c), b is counted once in the role
given by the groups of a, b and c. An undirected layer has every tie in both directions, so
each open pair is counted twice (a-b-c and c-b-a), as UCINET does for symmetric data.

Reference
---------
Gould, R. V., Fernandez, R. M. (1989). Structures of mediation: a formal approach to brokerage
in transaction networks. *Sociological Methodology* 19, 89-126.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import polars as pl
import scipy.sparse as sp
from numpy.typing import NDArray

from jejaring.analytics._result import ActorFloats
from jejaring.analytics._sparse import masked_product, row_sums
from jejaring.analytics.graph import Network

__all__ = ["ROLES", "brokerage"]

ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")


def _codes(G: Network, groups: Mapping[str, object]) -> NDArray[np.int64]:
    """Group code per actor; -1 for an actor with no group."""
    values = (groups.get(key) for key in G.keys)
    names = pl.Series([None if g is None or g == "" else str(g) for g in values], dtype=pl.String)
    return names.rank("dense").fill_null(0).to_numpy().astype(np.int64) - 1


def _arcs(G: Network, keep: NDArray[np.bool_]) -> sp.csr_array:
    """Binary arcs selected by ``keep`` (both directions of an undirected tie)."""
    s, t = (G.source, G.target) if G.directed else G.undirected_ties[:2]
    if not G.directed:
        s, t, keep = np.concatenate([s, t]), np.concatenate([t, s]), np.concatenate([keep, keep])
    matrix = sp.csr_array((np.ones(int(keep.sum())), (s[keep], t[keep])), shape=(G.n, G.n))
    matrix.sort_indices()
    return matrix


def _sums(
    G: Network, matrix: sp.csr_array, x: sp.csr_array, y: sp.csr_array
) -> NDArray[np.float64]:
    """Per row b of ``matrix``: sum over its entries (b, c) of (x @ y)[b, c]."""
    return row_sums(matrix, masked_product(x, y, matrix, G.triangles))


def brokerage(G: Network, groups: Mapping[str, object]) -> dict[str, ActorFloats]:
    """Counts of each brokerage role per actor; undefined (None) for an actor with no group.

    ``groups`` maps actor keys to any group label (``None`` or "" for no group).

    Two-paths through an actor without a group are not counted. Roles: coordinator (A, A, A),
    gatekeeper (B, A, A), representative (A, A, B), consultant or itinerant (A, B, A),
    liaison (A, B, C), naming the groups of (a, b, c).
    """
    code = _codes(G, groups)
    s, t = (G.source, G.target) if G.directed else G.undirected_ties[:2]
    grouped = (code[s] >= 0) & (code[t] >= 0)
    same = _arcs(G, grouped & (code[s] == code[t]))
    other = _arcs(G, grouped & (code[s] != code[t]))
    arcs = _arcs(G, grouped)
    in_same, in_other = same.sum(axis=0), other.sum(axis=0)
    out_same, out_other = same.sum(axis=1), other.sum(axis=1)
    # Reciprocated pairs give the a == c two-paths, which are not brokerage.
    back_same = np.asarray(same.multiply(same.T).sum(axis=1)).ravel()
    back_other = np.asarray(other.multiply(other.T).sum(axis=1)).ravel()
    # In-from-g times out-to-g summed over the other groups g: paths a -> b -> c, g_a = g_c.
    onehot = sp.csr_array(
        (np.ones(int((code >= 0).sum())), (np.flatnonzero(code >= 0), code[code >= 0])),
        shape=(G.n, max(int(code.max()) + 1, 1)),
    )
    by_group = sp.csr_array(other.T @ onehot).multiply(sp.csr_array(other @ onehot))
    in_out_other = np.asarray(by_group.sum(axis=1)).ravel()
    same_t, other_t = sp.csr_array(same.T), sp.csr_array(other.T)
    closed_other = _sums(G, other, other_t, arcs)
    closed_consultant = _sums(G, other, other_t, same)
    counts = {
        "coordinator": in_same * out_same - back_same - _sums(G, same, same_t, arcs),
        "gatekeeper": in_other * out_same - _sums(G, same, other_t, arcs),
        "representative": in_same * out_other - _sums(G, other, same_t, arcs),
        "consultant": in_out_other - back_other - closed_consultant,
        "liaison": in_other * out_other - in_out_other - (closed_other - closed_consultant),
    }
    return {
        role: ActorFloats(G.keys, np.where(code >= 0, np.rint(value), np.nan))
        for role, value in counts.items()
    }
