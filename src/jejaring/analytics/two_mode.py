"""Two-mode (affiliation) data: actors tied to organisations and events, projected onto actors.

Two actors are tied in the projection when they belong to at least one common organisation
or event; the tie's weight is the number they share (the co-membership count of Borgatti and
Everett 1997, UCINET's "affiliations" with the cross-product method on binary data).

Reference
---------
Borgatti, S. P., Everett, M. G. (1997). Network analysis of 2-mode data. *Social Networks*
19(3), 243-269.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import scipy.sparse as sp

__all__ = ["co_membership"]


def co_membership(members: pl.Series, groups: pl.Series) -> pl.DataFrame:
    """The one-mode projection of ``members[i]`` belonging to ``groups[i]``.

    Returns ``source, target, weight`` with ``source < target`` (undirected ties), sorted; a
    repeated membership counts once.
    """
    if members.len() != groups.len():
        raise ValueError("members and groups differ in length")
    schema = {"source": pl.String, "target": pl.String, "weight": pl.Float64}
    if members.len() == 0:
        return pl.DataFrame(schema=schema)
    people = members.cast(pl.String).unique().sort()
    places = groups.cast(pl.String).unique().sort()
    row = members.cast(pl.String).cast(pl.Enum(people)).to_physical().to_numpy().astype(np.int64)
    col = groups.cast(pl.String).cast(pl.Enum(places)).to_physical().to_numpy().astype(np.int64)
    incidence = sp.csr_array((np.ones(row.size), (row, col)), shape=(people.len(), places.len()))
    incidence.sum_duplicates()
    incidence.data[:] = 1.0  # a membership is binary, however often it was recorded
    shared = sp.triu(incidence @ incidence.T, k=1).tocoo()
    order = np.lexsort((shared.col, shared.row))
    keys = people.to_numpy()
    return pl.DataFrame(
        {
            "source": keys[shared.row[order]],
            "target": keys[shared.col[order]],
            "weight": shared.data[order].astype(np.float64),
        },
        schema=schema,
    )
