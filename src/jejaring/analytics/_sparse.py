"""Sparse-matrix kernels shared by the measures: products evaluated on a mask only.

Burt's measures, weighted clustering, ego density and brokerage all need ``(X @ Y)[u, v]``
for the ties ``(u, v)`` of a graph only. Forming ``X @ Y`` whole costs memory quadratic in
hub degrees, so rows are processed in blocks of bounded work.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

__all__ = ["binary", "masked_product", "row_of_entries", "row_sums", "with_data"]

# Scalar multiply-adds per block: bounds the temporary product to a few hundred MB.
_BLOCK_WORK = 20_000_000


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


def masked_product(x: sp.csr_array, y: sp.csr_array, mask: sp.csr_array) -> NDArray[np.float64]:
    """``(x @ y)`` at each stored entry of ``mask`` (sorted CSR), aligned with ``mask.data``."""
    n_rows = mask.shape[0]
    out = np.zeros(mask.nnz, dtype=np.float64)
    if mask.nnz == 0 or x.nnz == 0 or y.nnz == 0:
        return out
    # Work of row u: sum over its entries (u, w) of the length of y's row w.
    y_lengths = np.diff(y.indptr).astype(np.float64)
    work = np.cumsum(row_sums(x, y_lengths[x.indices]))
    mask_rows = row_of_entries(mask)
    start = 0
    while start < n_rows:
        budget = (work[start - 1] if start else 0.0) + _BLOCK_WORK
        stop = max(int(np.searchsorted(work, budget, side="right")), start + 1)
        _block(x, y, mask, mask_rows, (start, min(stop, n_rows)), out)
        start = stop
    return out


def _block(
    x: sp.csr_array,
    y: sp.csr_array,
    mask: sp.csr_array,
    mask_rows: NDArray[np.int64],
    rows: tuple[int, int],
    out: NDArray[np.float64],
) -> None:
    start, stop = rows
    n_cols = mask.shape[1]
    lo, hi = int(mask.indptr[start]), int(mask.indptr[stop])
    if lo == hi:
        return
    product = sp.csr_array(x[start:stop] @ y)
    product.sum_duplicates()  # canonical: sorted indices, so keys below are sorted
    keys = row_of_entries(product) * n_cols + product.indices.astype(np.int64)
    if keys.size == 0:
        return
    wanted = (mask_rows[lo:hi] - start) * n_cols + mask.indices[lo:hi].astype(np.int64)
    position = np.minimum(np.searchsorted(keys, wanted), keys.size - 1)
    out[lo:hi] = np.where(keys[position] == wanted, product.data[position], 0.0)
