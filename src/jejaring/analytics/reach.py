"""Reach: the territories, demand and customers an actor covers alone, with partners, in k steps.

Territories form a hierarchy (codes with parent codes). The universe ``U`` is the territories
with demand > 0. An actor *covers* ``u`` in ``U`` when ``u`` is, or descends from, one of the
actor's coverage codes; a set of actors covers the union of what each covers, so a territory
two partners both cover counts once. A reach is ``Reach(territories, demand, customers)``: the
number of ``U`` territories covered, their summed demand, and the distinct customers held.

Demand is summed over the territories of ``U`` as declared: demand declared at several levels
of one branch (a regency and its districts) is counted at each level, so declare it on one
level. Customers count once per real-world customer: records sharing an ``identity`` (the
result of account matching) are one customer, whichever actors hold them.

Everything is a sparse product or a row slice: ``covers = binary(A_cov @ H[:, U])`` where
``A_cov`` is actor x territory (declared codes) and ``H[a, t] = 1`` when ``t`` is ``a`` or
descends from it, built with one vectorised step per level of the hierarchy.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import polars as pl
import scipy.sparse as sp
import scipy.sparse.csgraph as csgraph
from numpy.typing import NDArray

from jejaring.analytics._result import ActorFloats, ActorInts
from jejaring.analytics.graph import Network

__all__ = [
    "Coverage",
    "Customers",
    "PooledReach",
    "PooledReachTable",
    "Reach",
    "ReachTable",
    "TerritoryTree",
    "build_coverage",
    "coverage_on",
    "reach",
    "reach_all",
    "reach_with_partners",
    "reach_with_partners_all",
    "reach_within",
    "territory_tree",
]


@dataclass(frozen=True)
class Reach:
    """``U`` territories covered, their summed demand, and distinct customers held."""

    territories: int
    demand: float
    customers: int


@dataclass(frozen=True)
class PooledReach:
    """An actor's reach alone, pooled with ``partners``, and the part only partners add.

    Field by field ``combined = own + added`` (demand up to rounding); ``partners`` are the
    other actors pooled, sorted by key.
    """

    own: Reach
    combined: Reach
    added: Reach
    partners: tuple[str, ...]


@dataclass(frozen=True)
class ReachTable:
    """:class:`Reach` for every actor, as columns keyed by actor key."""

    territories: ActorInts
    demand: ActorFloats
    customers: ActorInts


@dataclass(frozen=True)
class PooledReachTable:
    """:class:`PooledReach` for every actor; ``partners`` counts each actor's partners."""

    own: ReachTable
    combined: ReachTable
    added: ReachTable
    partners: ActorInts


@dataclass(frozen=True, eq=False)
class Customers:
    """Customer records: the row of the actor holding each, where it is, who it is.

    ``holder[i]`` is a row of the :class:`Coverage` (its ``keys``); ``territory[i]`` an index
    into its territory ``codes`` or -1 when unknown; records with equal ``identity`` are one
    real-world customer (without identities every record is a customer of its own).
    """

    holder: NDArray[np.int64]
    territory: NDArray[np.int64] | None = None
    identity: NDArray[np.int64] | None = None

    def __post_init__(self) -> None:
        holder = np.asarray(self.holder, dtype=np.int64)
        object.__setattr__(self, "holder", holder)
        for name in ("territory", "identity"):
            value = getattr(self, name)
            if value is not None:
                value = np.asarray(value, dtype=np.int64)
                if value.shape != holder.shape:
                    raise ValueError(f"{name} needs one value per customer record")
                object.__setattr__(self, name, value)

    def check(self, actors: int, territories: int) -> None:
        """ValueError when a holder or territory index falls outside the coverage."""
        t = self.territory
        if np.any((self.holder < 0) | (self.holder >= actors)) or (
            t is not None and np.any((t < -1) | (t >= territories))
        ):
            raise ValueError("a customer's holder or territory index is out of range")

    def select(self, keep: NDArray[np.bool_]) -> Customers:
        """The records where ``keep`` is True."""
        t, i = self.territory, self.identity
        return Customers(
            self.holder[keep], None if t is None else t[keep], None if i is None else i[keep]
        )


@dataclass(frozen=True, eq=False)
class Coverage:
    """Who covers which territory of ``U``, and who holds which customer, as sparse arrays.

    ``covers`` is actors x ``U`` and ``holds`` actors x distinct customers (boolean CSR,
    canonical); row ``i`` is ``keys[i]``, column ``j`` of ``covers`` is territory
    ``codes[universe[j]]`` with ``demand[j]`` > 0. ``ancestry[a, t]`` is True when territory
    ``t`` is ``a`` or descends from it. Build it with :func:`build_coverage`.
    """

    keys: list[str]
    codes: list[str]
    universe: NDArray[np.int64]
    demand: NDArray[np.float64]
    covers: sp.csr_array
    holds: sp.csr_array
    ancestry: sp.csr_array
    customers: Customers | None = None

    @property
    def n(self) -> int:
        return len(self.keys)

    @cached_property
    def rows(self) -> dict[str, int]:
        return {key: i for i, key in enumerate(self.keys)}

    def row(self, key: str) -> int:
        """The row of actor ``key``; KeyError naming it when there is none."""
        try:
            return self.rows[key]
        except KeyError:
            raise KeyError(f"unknown actor {key!r}") from None

    def restrict(self, scope: Iterable[str]) -> Coverage:
        """The same coverage with ``U`` and the customers narrowed to the ``scope`` territories.

        A territory (or a customer's territory) is in scope when it is, or descends from, a
        scope code, e.g. a cooperation's scope; customers of unknown territory drop out.
        """
        codes = _positions(self.codes, list(scope), "scope")
        inside = np.zeros(len(self.codes), dtype=bool)
        inside[self.ancestry[codes].indices] = True
        keep = inside[self.universe]
        customers = self.customers
        if customers is not None:
            if customers.territory is None:
                raise ValueError("restricting customers needs their territories")
            located = customers.territory >= 0
            located[located] = inside[customers.territory[located]]
            customers = customers.select(located)
        return replace(
            self,
            universe=self.universe[keep],
            demand=self.demand[keep],
            covers=sp.csr_array(self.covers[:, np.flatnonzero(keep)]),
            holds=_holds(customers, self.n),
            customers=customers,
        )


@dataclass(frozen=True, eq=False)
class TerritoryTree:
    """A territory hierarchy prepared once for many coverages (see :func:`territory_tree`).

    ``index`` maps a code to its position in ``codes``; ``weight`` is each territory's demand
    (NaN: none); ``ancestry`` is ``H``, ``universe`` the positions of ``U`` and ``below`` is
    ``H[:, U]``.
    """

    codes: list[str]
    index: dict[str, int]
    weight: NDArray[np.float64]
    ancestry: sp.csr_array
    universe: NDArray[np.int64]
    below: sp.csr_array


def territory_tree(
    codes: Sequence[str],
    parents: Sequence[str | None],
    demand: Sequence[float | None] | NDArray[np.float64],
) -> TerritoryTree:
    """The hierarchy of :func:`build_coverage`, for :func:`coverage_on`; the same checks."""
    if len(set(codes)) != len(codes):
        raise ValueError("a territory code repeats")
    if len(parents) != len(codes):
        raise ValueError("one parent per territory is needed")
    weight = pl.Series("demand", demand, dtype=pl.Float64).fill_null(np.nan).to_numpy()
    if weight.shape != (len(codes),) or np.any(weight < 0) or np.any(np.isinf(weight)):
        raise ValueError("demand must be finite and >= 0, one value per territory")
    known = list(codes)
    parent = _positions(known, [p or None for p in parents], "parent", missing_ok=True)
    ancestry = _ancestry(parent, known)
    universe = np.flatnonzero(weight > 0)
    index = {code: i for i, code in enumerate(known)}
    below = sp.csr_array(ancestry[:, universe])
    return TerritoryTree(known, index, weight, ancestry, universe, below)


def build_coverage(
    codes: Sequence[str],
    parents: Sequence[str | None],
    demand: Sequence[float | None] | NDArray[np.float64],
    coverage: Sequence[Iterable[str]],
    *,
    actors: Network | Sequence[str],
    customers: Customers | None = None,
) -> Coverage:
    """Build a :class:`Coverage` from the territory hierarchy and each actor's coverage codes.

    ``parents[i]`` is the parent code of ``codes[i]`` (None or "" at a root), ``demand[i]``
    its demand (None or NaN: none). ``coverage[i]`` lists the codes ``actors[i]`` declares;
    pass the :class:`Network` itself to align the rows with its ``keys``. Unknown codes,
    repeated codes or keys, negative demand and cycles of parents raise ValueError.
    """
    tree = territory_tree(codes, parents, demand)
    return coverage_on(tree, coverage, actors=actors, customers=customers)


def coverage_on(
    tree: TerritoryTree,
    coverage: Sequence[Iterable[str]],
    *,
    actors: Network | Sequence[str],
    customers: Customers | None = None,
) -> Coverage:
    """:func:`build_coverage` over a prepared hierarchy: the work left is the actors' part."""
    keys = list(actors.keys if isinstance(actors, Network) else actors)
    if len(set(keys)) != len(keys):
        raise ValueError("an actor key repeats")
    if len(coverage) != len(keys):
        raise ValueError("one coverage list per actor is needed")
    lists = [list(c) for c in coverage]
    flat = list(itertools.chain.from_iterable(lists))
    unknown = [code for code in flat if code not in tree.index]
    if unknown:
        raise ValueError(f"unknown coverage territory code {unknown[0]!r}")
    declared = np.array([tree.index[code] for code in flat], dtype=np.int64)
    owner = np.repeat(np.arange(len(keys)), [len(c) for c in lists])
    shape = (len(keys), len(tree.codes))
    claims = sp.csr_array((np.ones(owner.size, dtype=bool), (owner, declared)), shape=shape)
    covers = _canonical(claims @ tree.below)
    if customers is not None:
        customers.check(len(keys), len(tree.codes))
    return Coverage(
        keys=keys,
        codes=tree.codes,
        universe=tree.universe,
        demand=tree.weight[tree.universe],
        covers=covers,
        holds=_holds(customers, len(keys)),
        ancestry=tree.ancestry,
        customers=customers,
    )


def reach(C: Coverage, actor: str) -> Reach:
    """What ``actor`` covers and holds itself."""
    a = C.row(actor)
    return _count(C, C.covers[[a]].indices, C.holds[[a]].indices)


def reach_with_partners(C: Coverage, actor: str, partners: Iterable[str]) -> PooledReach:
    """``actor``'s reach pooled with its ``partners`` (the actor itself among them is ignored)."""
    a = C.row(actor)
    others = np.array(sorted({C.row(p) for p in partners} - {a}), dtype=np.int64)
    return _pooled(C, a, others)


def reach_within(
    C: Coverage, G: Network, actor: str, *, k: int, directed: bool = False
) -> PooledReach:
    """``actor``'s reach pooled with every actor at most ``k`` ties away in ``G``.

    Direction is ignored unless ``directed`` (then ties are followed from source to target).
    Actors of ``G`` without a row in ``C`` are passed through but add nothing; an actor absent
    from ``G`` has no neighbours.
    """
    if k < 0:
        raise ValueError("k must be >= 0")
    a = C.row(actor)
    rows = _network_rows(C, G)
    vertex = np.flatnonzero(rows == a)
    if k == 0 or vertex.size == 0:
        return _pooled(C, a, np.zeros(0, dtype=np.int64))
    adjacency = G.arcs if directed else G.symmetric
    # Unweighted Dijkstra with a limit is a breadth-first search that stops at depth k.
    hops = csgraph.dijkstra(
        adjacency, directed=True, indices=int(vertex[0]), unweighted=True, limit=k
    )
    near = rows[np.isfinite(hops)]
    return _pooled(C, a, np.unique(near[(near >= 0) & (near != a)]))


def reach_all(C: Coverage) -> ReachTable:
    """Every actor's own reach at once: row counts and one sparse product with demand."""
    return _table(C, C.covers, C.holds)


def reach_with_partners_all(
    C: Coverage, partners: sp.csr_array | Network, *, directed: bool = False
) -> PooledReachTable:
    """Every actor's reach pooled with its partners at once.

    ``partners`` is an actors x actors sparse array in ``C``'s row order (a stored non-zero
    ``[a, b]`` makes ``b`` a partner of ``a``), or a :class:`Network` whose ties make partners
    (both ways unless ``directed``).
    """
    matrix = _partner_matrix(C, partners, directed=directed)
    pool = matrix + sp.eye_array(C.n, dtype=bool, format="csr")
    # Boolean products store no duplicates and no False: row lengths count the union.
    own, combined = _table(C, C.covers, C.holds), _table(C, pool @ C.covers, pool @ C.holds)
    # Own coverage is part of the pooled one, so the added part is the difference; its
    # demand is summed in another order, so nothing added is set to exactly 0.
    territories = combined.territories.array - own.territories.array
    demand = np.maximum(combined.demand.array - own.demand.array, 0.0)
    added = ReachTable(
        territories=ActorInts(C.keys, territories),
        demand=ActorFloats(C.keys, np.where(territories > 0, demand, 0.0)),
        customers=ActorInts(C.keys, combined.customers.array - own.customers.array),
    )
    partners_count = ActorInts(C.keys, np.diff(matrix.indptr).astype(np.int64))
    return PooledReachTable(own=own, combined=combined, added=added, partners=partners_count)


def _count(C: Coverage, territories: NDArray[np.int64], customers: NDArray[np.int64]) -> Reach:
    return Reach(int(territories.size), float(C.demand[territories].sum()), int(customers.size))


def _pooled(C: Coverage, actor: int, others: NDArray[np.int64]) -> PooledReach:
    rows = np.concatenate([[actor], others]).astype(np.int64)
    own_t, all_t = C.covers[[actor]].indices, np.unique(C.covers[rows].indices)
    own_c, all_c = C.holds[[actor]].indices, np.unique(C.holds[rows].indices)
    return PooledReach(
        own=_count(C, own_t, own_c),
        combined=_count(C, all_t, all_c),
        added=_count(C, np.setdiff1d(all_t, own_t), np.setdiff1d(all_c, own_c)),
        partners=tuple(sorted(C.keys[i] for i in others.tolist())),
    )


def _table(C: Coverage, covers: sp.csr_array, holds: sp.csr_array) -> ReachTable:
    return ReachTable(
        territories=ActorInts(C.keys, np.diff(covers.indptr).astype(np.int64)),
        demand=ActorFloats(C.keys, np.asarray(covers @ C.demand, dtype=np.float64)),
        customers=ActorInts(C.keys, np.diff(holds.indptr).astype(np.int64)),
    )


def _partner_matrix(
    C: Coverage, partners: sp.csr_array | Network, *, directed: bool
) -> sp.csr_array:
    """Partners as a boolean actors x actors array in ``C``'s order, without the diagonal."""
    if isinstance(partners, Network):
        ties = (partners.arcs if directed else partners.symmetric).tocoo()
        rows = _network_rows(C, partners)
        i, j = rows[ties.row], rows[ties.col]
    else:
        if partners.shape != (C.n, C.n):
            raise ValueError("the partner matrix needs one row and one column per actor")
        ties = sp.coo_array(partners)
        nonzero = ties.data != 0
        i, j = ties.row[nonzero].astype(np.int64), ties.col[nonzero].astype(np.int64)
    keep = (i >= 0) & (j >= 0) & (i != j)
    data = np.ones(int(keep.sum()), dtype=bool)
    return _canonical(sp.csr_array((data, (i[keep], j[keep])), shape=(C.n, C.n)))


def _network_rows(C: Coverage, G: Network) -> NDArray[np.int64]:
    """``C``'s row of every vertex of ``G``, -1 when it has none."""
    if G.keys == C.keys:
        return np.arange(C.n, dtype=np.int64)
    found = pl.Series(G.keys, dtype=pl.String).replace_strict(
        C.keys, list(range(C.n)), default=-1, return_dtype=pl.Int64
    )
    return found.to_numpy().astype(np.int64)


def _holds(customers: Customers | None, n: int) -> sp.csr_array:
    if customers is None or customers.holder.size == 0:
        return sp.csr_array((n, 0), dtype=bool)
    if customers.identity is None:
        column, width = np.arange(customers.holder.size), customers.holder.size
    else:
        unique, column = np.unique(customers.identity, return_inverse=True)
        width = unique.size
    data = np.ones(column.size, dtype=bool)
    return _canonical(sp.csr_array((data, (customers.holder, column)), shape=(n, width)))


def _canonical(matrix: sp.csr_array) -> sp.csr_array:
    """Boolean CSR with sorted, unique indices and no stored False."""
    out = sp.csr_array(matrix, dtype=bool)
    out.sum_duplicates()
    out.eliminate_zeros()
    return out


def _positions(
    known: list[str], wanted: list[str | None], what: str, *, missing_ok: bool = False
) -> NDArray[np.int64]:
    """Index of each ``wanted`` code in ``known``; -1 for None when ``missing_ok``."""
    series = pl.Series(wanted, dtype=pl.String)
    found = series.replace_strict(
        known, list(range(len(known))), default=None, return_dtype=pl.Int64
    )
    unknown = found.is_null()
    if missing_ok:
        unknown &= series.is_not_null()
    if unknown.any():
        raise ValueError(f"unknown {what} territory code {wanted[int(unknown.arg_max() or 0)]!r}")
    return found.fill_null(-1).to_numpy().astype(np.int64)


def _ancestry(parent: NDArray[np.int64], codes: list[str]) -> sp.csr_array:
    """``H[a, t]`` True when ``t`` is ``a`` or descends from it: one step per level."""
    n = parent.size
    below = np.arange(n, dtype=np.int64)
    rows, cols = [below], [below]
    above = parent
    for _ in range(n):
        keep = above >= 0
        below, above = below[keep], above[keep]
        if below.size == 0:
            break
        rows.append(above)
        cols.append(below)
        above = parent[above]
    else:
        if n:
            raise ValueError(f"territory parents form a cycle through {codes[int(above[0])]!r}")
    i, j = np.concatenate(rows), np.concatenate(cols)
    return _canonical(sp.csr_array((np.ones(i.size, dtype=bool), (i, j)), shape=(n, n)))
