"""Candidate partners scored by component: coverage, customers, resources, proximity, capability.

Each component is a number in [0, 1] per actor (a row of the :class:`Coverage`), computed
separately so that a person can check it (DESIGN §6):

- ``coverage_gain``: the demand of ``U`` the candidate covers and the focal actor does not,
  divided by the largest such demand among the candidates;
- ``customer_complementarity``: the candidate's customers in the focal actor's segments (all
  segments when it has none) located where the focal actor is absent, divided by the largest
  such count; computed from counts, never from records;
- ``resource_complementarity``: the share of the resource kinds the focal actor lacks that
  the candidate owns;
- ``proximity``: ``1 / hops`` over the trust layer (1 for a direct tie, 0 when unreachable);
- ``capability``: the candidate's overall capability on [0, 1], NaN when unknown.

:func:`combine` weighs them; a component that is NaN for every candidate is left out and the
other weights are scaled up, so scores stay comparable across candidates.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.csgraph import breadth_first_order

from jejaring.analytics._coverage import entries
from jejaring.analytics.graph import Network
from jejaring.analytics.portfolio import Universe
from jejaring.analytics.reach import Coverage

__all__ = [
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "CustomerCounts",
    "absent_codes",
    "combine",
    "common_neighbours",
    "coverage_gains",
    "customer_complementarity",
    "first_step",
    "hops_from",
    "neighbours_of",
    "reaching_top",
    "resource_complementarity",
    "scaled",
]

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "coverage": 0.4,
    "customers": 0.2,
    "resources": 0.1,
    "proximity": 0.2,
    "capability": 0.1,
}
COMPONENTS = tuple(DEFAULT_WEIGHTS)


def coverage_gains(universe: Universe, actor: int) -> NDArray[np.float64]:
    """Demand of ``U`` each actor covers that row ``actor`` does not (0 for ``actor`` itself).

    On the portfolio's grid, so that a candidate's gain equals its first greedy gain.
    """
    gains = universe.gains(actor)
    gains[actor] = 0.0
    found: NDArray[np.float64] = np.ldexp(gains, -universe.exponent)
    return found


def absent_codes(C: Coverage, declared: Sequence[str]) -> NDArray[np.bool_]:
    """Per territory code (every level): True unless it is or descends from a ``declared`` one."""
    position = {code: i for i, code in enumerate(C.codes)}
    rows = [position[code] for code in declared]
    covered = np.zeros(len(C.codes), dtype=bool)
    if rows:
        covered[C.ancestry[np.array(rows)].indices] = True
    return ~covered


@dataclass(frozen=True, eq=False)
class CustomerCounts:
    """Customers of known territory by actor and (territory, segment) cell.

    Built once for many focal actors (:meth:`of`). ``cells`` is actors x cells by column, and
    ``by_segment`` each actor's customers per segment (a row each), so that a focal actor's
    figure is the totals in its segments less the few cells where it is present, rather than
    a product with every cell. ``segments`` names the cells' segments (None: no segment).
    """

    cells: sp.csc_array
    by_segment: NDArray[np.float64]
    segments: list[str | None]

    @classmethod
    def of(cls, counts: pl.DataFrame, actors: int, territories: int) -> CustomerCounts:
        """From ``counts`` with ``owner`` (a row), ``territory`` (an index into the coverage's
        codes, -1 unknown), ``segment`` and ``count`` of records with status customer."""
        known = counts.filter(pl.col("territory") >= 0)
        named = sorted(known["segment"].drop_nulls().unique().to_list())
        segments: list[str | None] = [*named, *[None] * known["segment"].has_nulls()]
        # An Enum's physical code is the name's position; no segment is the last code.
        code = known["segment"].cast(pl.Enum(named)).to_physical().fill_null(len(named))
        segment = code.to_numpy().astype(np.int64)
        owner = known["owner"].to_numpy()
        count = known["count"].to_numpy().astype(np.float64)
        column = known["territory"].to_numpy() * len(segments) + segment
        cells = sp.csc_array((count, (owner, column)), shape=(actors, territories * len(segments)))
        by_segment = np.zeros((len(segments), actors))
        for s in range(len(segments)):
            at = segment == s
            by_segment[s] = np.bincount(owner[at], weights=count[at], minlength=actors)
        return cls(cells, by_segment, segments)


def customer_complementarity(
    C: Coverage,
    actor: str,
    counts: CustomerCounts,
    *,
    declared: Sequence[str],
    segments: Collection[str],
) -> NDArray[np.float64]:
    """Each actor's customers in ``segments`` (all when empty) where ``actor`` is absent.

    ``declared`` are ``actor``'s coverage codes. A customer of unknown territory never counts.
    Counts are whole numbers, so the difference of sums is exact.
    """
    wanted = np.flatnonzero([not segments or name in segments for name in counts.segments])
    found: NDArray[np.float64] = counts.by_segment[wanted].sum(axis=0)
    present = np.flatnonzero(~absent_codes(C, declared))
    if present.size and wanted.size:
        columns = (present[:, np.newaxis] * len(counts.segments) + wanted).ravel()
        T = counts.cells
        at = entries(T.indptr, columns)
        found -= np.bincount(T.indices[at], weights=T.data[at], minlength=found.size)
    found[C.row(actor)] = 0.0
    return found


def resource_complementarity(kinds: sp.csr_array, actor: int) -> NDArray[np.float64]:
    """Share of the kinds ``actor`` lacks that each actor owns (``kinds``: actors x kinds)."""
    lacking = np.ones(kinds.shape[1], dtype=np.float64)
    lacking[kinds[[actor]].indices] = 0.0
    if not lacking.any():
        return np.zeros(kinds.shape[0])
    share: NDArray[np.float64] = np.asarray(kinds @ lacking, dtype=np.float64) / lacking.sum()
    share[actor] = 0.0
    return share


def neighbours_of(
    G: Network, actor: int, also: NDArray[np.int64] | None = None
) -> NDArray[np.int64]:
    """``actor``'s neighbours in ``G`` (direction ignored) and ``also``, sorted, once each.

    ``also``: rows ``actor`` has ties to that ``G`` lacks (a focal actor's own ties over a
    shared community network), so that nothing needs building for one query.
    """
    found = np.zeros(0, dtype=np.int64)
    if G.m:
        W = G.symmetric
        found = W.indices[W.indptr[actor] : W.indptr[actor + 1]].astype(np.int64)
    if also is not None and also.size:
        found = np.union1d(found, also.astype(np.int64))
    mine: NDArray[np.int64] = found[found != actor]
    return mine


def hops_from(G: Network, actor: int, also: NDArray[np.int64] | None = None) -> NDArray[np.float64]:
    """Ties to cross from ``actor`` to each actor, direction ignored (inf: unreachable);
    ``also`` as for :func:`neighbours_of`.

    One breadth-first search in compiled code (scipy's, over :attr:`Network.search`) gives the
    order actors are reached in and who reached each; the levels are runs of that order, since
    actors are reached in the order of the actors that reached them. Ties in ``also`` that
    ``G`` lacks start the search from a stand-in for ``actor`` joined to all its neighbours.
    """
    hops = np.full(G.n, np.inf)
    mine = neighbours_of(G, actor, also)
    if G.m == 0:
        hops[mine] = 1.0
        hops[actor] = 0.0
        return hops
    S = G.search
    W, start = S.matrix, int(S.position[actor])
    if mine.size > W.indptr[start + 1] - W.indptr[start]:
        W, start = _with_stand_in(W, np.sort(S.position[mine])), G.n
    order, reached_by = breadth_first_order(W, start, directed=True)
    position = np.empty(W.shape[0], dtype=np.int64)
    position[order] = np.arange(order.size)
    by = position[reached_by[order[1:]]]  # non-decreasing along the order
    bounds = [0, 1]
    while bounds[-1] < order.size:
        bounds.append(1 + int(np.searchsorted(by, bounds[-1])))
    levels = np.repeat(np.arange(len(bounds) - 1, dtype=np.float64), np.diff(bounds))
    real = 0 if start < G.n else 1  # the stand-in is no actor
    hops[S.actor[order[real:]]] = levels[real:]
    hops[actor] = 0.0
    return hops


def _with_stand_in(W: sp.csr_matrix, neighbours: NDArray[np.int64]) -> sp.csr_matrix:
    """``W`` with one more vertex, last, tied (one way) to ``neighbours``."""
    n = W.shape[0]
    indptr = np.append(W.indptr, W.indptr[-1] + neighbours.size).astype(W.indptr.dtype)
    indices = np.concatenate([W.indices, neighbours.astype(W.indices.dtype)])
    data = np.concatenate([W.data, np.ones(neighbours.size)])
    return sp.csr_matrix((data, indices, indptr), shape=(n + 1, n + 1))


def first_step(G: Network, hops: NDArray[np.float64], j: int) -> int:
    """The neighbour of the focal actor on one shortest path to ``j`` (``hops`` from
    :func:`hops_from`; ``j`` at a finite distance of at least 1).

    Back from ``j`` to the neighbour of smallest index one hop nearer, until one hop away: the
    same path on every run, without keeping a tree for every actor.
    """
    W = G.symmetric
    step = j
    while hops[step] > 1:
        near = W.indices[W.indptr[step] : W.indptr[step + 1]]
        step = int(near[hops[near] == hops[step] - 1][0])
    return step


def common_neighbours(
    G: Network, actor: int, rows: NDArray[np.int64], also: NDArray[np.int64] | None = None
) -> NDArray[np.int64]:
    """How many neighbours each of ``rows`` shares with ``actor`` (direction ignored);
    ``also`` as for :func:`neighbours_of`."""
    mine = neighbours_of(G, actor, also)
    if G.m == 0 or mine.size == 0:
        return np.zeros(len(rows), dtype=np.int64)
    W = G.symmetric
    counts = [
        np.intersect1d(W.indices[W.indptr[j] : W.indptr[j + 1]], mine, assume_unique=True).size
        for j in np.asarray(rows, dtype=np.int64).tolist()
    ]
    return np.array(counts, dtype=np.int64)


def scaled(values: NDArray[np.float64], among: NDArray[np.bool_]) -> NDArray[np.float64]:
    """``values`` divided by their largest value ``among`` the candidates (0 when that is 0)."""
    best = int(np.argmax(values)) if values.size else 0
    if values.size and among[best]:  # mostly a candidate holds the largest of all
        top = float(values[best])
    else:
        top = float(values[among].max(initial=0.0))
    return values / top if top > 0 else np.zeros_like(values)


def reaching_top(
    score: NDArray[np.float64], allowed: NDArray[np.bool_], limit: int
) -> NDArray[np.int64]:
    """The allowed rows whose score is at least the ``limit``-th best allowed score, and maybe
    a few more: every row that can be listed.

    The ``limit``-th best of a sample of some thousands is a floor below that score when at
    least ``limit`` sampled rows are allowed, and leaves a few thousand rows of a million.
    """
    stride = max(1, score.size // 4096)
    sample = score[::stride][allowed[::stride]]
    if sample.size < limit:
        return np.flatnonzero(allowed)
    floor = np.partition(sample, sample.size - limit)[sample.size - limit]
    rows: NDArray[np.int64] = np.flatnonzero(allowed & (score >= floor))
    return rows


def combine(
    components: Mapping[str, NDArray[np.float64]], weights: Mapping[str, float]
) -> NDArray[np.float64]:
    """The weighted mean of the components, each in [0, 1]; NaN counts as 0.

    A component NaN for every actor is left out (its weight goes to the others in proportion).
    Raises ValueError for an unknown component or a negative weight, or when none remains.
    """
    unknown = set(weights) - set(COMPONENTS)
    if unknown:
        raise ValueError(f"unknown component {sorted(unknown)[0]!r}")
    if any(w < 0 or not np.isfinite(w) for w in weights.values()):
        raise ValueError("weights must be finite and >= 0")
    # Components are mostly NaN-free: a sum tells so without a mask per component.
    unknown_at = {
        name: np.isnan(components[name])
        for name, w in weights.items()
        if w > 0 and np.isnan(np.sum(components[name]))
    }
    used = {
        name: float(w)
        for name, w in weights.items()
        if w > 0 and not (name in unknown_at and unknown_at[name].all())
    }
    total = sum(used.values())
    if total == 0:
        raise ValueError("at least one component with data needs a weight above 0")
    n = len(next(iter(components.values())))
    score, term = np.zeros(n), np.empty(n)
    for name, w in used.items():
        np.multiply(components[name], w, out=term)
        if name in unknown_at:
            term[unknown_at[name]] = 0.0
        score += term
    score /= total
    return score
