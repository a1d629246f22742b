"""Sparse-matrix kernels shared by the measures: products evaluated on the ties only.

Burt's measures, weighted clustering, ego density and brokerage all need ``(X @ Y)[u, v]``
for the ties ``(u, v)`` of a graph only; those are sums over the triangles through the tie.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

__all__ = ["binary", "masked_product", "row_of_entries", "row_sums", "with_data"]


def row_of_entries(matrix: sp.csr_array) -> NDArray[np.int64]:
    """The row index of every stored entry, in storage order."""
    counts = np.diff(matrix.indptr)
    return np.repeat(np.arange(matrix.shape[0], dtype=np.int64), counts)


def row_sums(matrix: sp.csr_array, values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Per-row sums of ``values`` given per stored entry of ``matrix``."""
    rows = row_of_entries(matrix)
    return np.bincount(rows, weights=values, minlength=matrix.shape[0]).astype(np.float64)


def with_data(matrix: sp.csr_array, data: NDArray[np.float64]) -> sp.csr_array:
    """``matrix``'s structure with other values."""
    return sp.csr_array((data, matrix.indices, matrix.indptr), shape=matrix.shape)


def binary(matrix: sp.csr_array) -> sp.csr_array:
    return with_data(matrix, np.ones(matrix.nnz))


def _lookup(
    matrix: sp.csr_array, rows: NDArray[np.int64], cols: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Storage positions of entries (rows, cols) of a sorted CSR matrix, and which exist."""
    n_cols = matrix.shape[1]
    keys = row_of_entries(matrix) * n_cols + matrix.indices.astype(np.int64)
    wanted = rows * n_cols + cols
    if keys.size == 0:
        return np.zeros(wanted.size, dtype=np.int64), np.zeros(wanted.size, dtype=bool)
    position = np.minimum(np.searchsorted(keys, wanted), keys.size - 1).astype(np.int64)
    return position, keys[position] == wanted


def masked_product(
    x: sp.csr_array, y: sp.csr_array, mask: sp.csr_array, triangles: NDArray[np.int64]
) -> NDArray[np.float64]:
    """``(x @ y)`` at each stored entry of ``mask`` (sorted CSR), aligned with ``mask.data``.

    ``x``, ``y`` and ``mask`` must have no entries off the ties of one undirected simple
    graph whose ``triangles`` are given: then (u, w), (w, v) and (u, v) are all ties, so the
    only terms of ``sum_w x_uw y_wv`` on the mask are the triangles through (u, v). Listing
    triangles costs far less than a sparse product, whose work grows with squared hub degree.
    """
    out = np.zeros(mask.nnz, dtype=np.float64)
    if triangles.size == 0 or mask.nnz == 0:
        return out
    a, b, c = triangles[:, 0], triangles[:, 1], triangles[:, 2]
    # The six orientations (u, v, w) of each triangle: w closes the pair (u, v).
    u = np.concatenate([a, b, a, c, b, c])
    v = np.concatenate([b, a, c, a, c, b])
    w = np.concatenate([c, c, b, b, a, a])
    at_x, in_x = _lookup(x, u, w)
    at_y, in_y = _lookup(y, w, v)
    at_mask, in_mask = _lookup(mask, u, v)
    keep = in_x & in_y & in_mask
    term = x.data[at_x[keep]] * y.data[at_y[keep]]
    np.add.at(out, at_mask[keep], term)
    return out
