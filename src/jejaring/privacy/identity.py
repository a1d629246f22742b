"""Which customer records are one real-world customer, across lists, by exact keys.

Records sharing a normalised NPWP, e-mail address or phone number are the same customer, and so
transitively (A shares a phone with B, B an NPWP with C: one customer). A corporate e-mail
domain alone does not join records: one firm can be several customers (branches, outlets), so
counts stay conservative. Names are not used: similar names are evidence for a person to
check (``jejaring match``), not for a count.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.csgraph import connected_components

from jejaring.privacy.keys import exact_keys

__all__ = ["IDENTITY_KINDS", "identities"]

IDENTITY_KINDS = ("tax_id", "email", "phone")


def identities(records: pl.DataFrame) -> NDArray[np.int64]:
    """One label per row of ``records`` (``customers.csv`` columns): equal for one customer.

    Labels are 0..m-1 for m distinct customers; a record with no key is a customer of its own.
    """
    n = records.height
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    rows = records.with_columns(key=pl.int_range(n).cast(pl.String))
    keys = exact_keys(rows).filter(pl.col("kind").is_in(IDENTITY_KINDS))
    linked = keys.with_columns(row=pl.col("key").cast(pl.Int64)).with_columns(
        root=pl.col("row").min().over("kind", "value")
    )
    source, target = linked["row"].to_numpy(), linked["root"].to_numpy()
    graph = sp.coo_array((np.ones(source.size, dtype=np.int8), (source, target)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    found: NDArray[np.int64] = labels.astype(np.int64)
    return found
