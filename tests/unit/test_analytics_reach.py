"""Reach against brute force: Python sets over the hierarchy (``domain.covered_by``), NetworkX
for the k-step neighbourhoods, on small hand-made cases and Hypothesis-generated ones."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.analytics import Network, build_network
from jejaring.analytics.reach import (
    Coverage,
    Customers,
    Reach,
    build_coverage,
    coverage_on,
    reach,
    reach_all,
    reach_with_partners,
    reach_with_partners_all,
    reach_within,
    territory_tree,
)
from jejaring.domain.territories import covered_by

# ID > P1 > R1, R2; ID > P2 > R3 > D1. Demand on P2 *and* R3: counted at both levels.
CODES = ["ID", "P1", "P2", "R1", "R2", "R3", "D1"]
PARENTS = [None, "ID", "ID", "P1", "P1", "P2", "R3"]
DEMAND = [None, 0.0, 5.0, 1.0, 2.0, 3.0, 0.5]


def small() -> Coverage:
    customers = Customers(
        holder=np.array([0, 1, 1, 2, 2]),
        territory=np.array([3, 4, -1, 6, 6]),
        identity=np.array([7, 7, 8, 9, 9]),  # b's first record is a's customer too
    )
    coverage = [["P1"], ["R2"], ["P2"], []]
    return build_coverage(
        CODES, PARENTS, DEMAND, coverage, actors=["a", "b", "c", "d"], customers=customers
    )


def test_own_reach_counts_descendants_and_each_declared_level() -> None:
    C = small()
    assert [CODES[i] for i in C.universe] == ["P2", "R1", "R2", "R3", "D1"]
    assert reach(C, "a") == Reach(territories=2, demand=3.0, customers=1)
    assert reach(C, "c") == Reach(territories=3, demand=8.5, customers=1)  # 5 + 3 + 0.5
    assert reach(C, "d") == Reach(territories=0, demand=0.0, customers=0)


def test_one_prepared_hierarchy_serves_several_coverages() -> None:
    tree = territory_tree(CODES, PARENTS, DEMAND)
    for coverage, actors in (([["P1"], ["R2"]], ["a", "b"]), ([["P2"], [], ["ID"]], list("xyz"))):
        C = coverage_on(tree, coverage, actors=actors)
        D = build_coverage(CODES, PARENTS, DEMAND, coverage, actors=actors)
        assert [reach(C, k) for k in actors] == [reach(D, k) for k in actors]
        assert (C.covers != D.covers).nnz == 0
    with pytest.raises(ValueError, match="'XX'"):
        coverage_on(tree, [["XX"]], actors=["a"])
    with pytest.raises(ValueError, match="repeats"):
        coverage_on(tree, [[], []], actors=["a", "a"])


def test_partners_add_what_the_actor_lacks_and_customers_count_once() -> None:
    pooled = reach_with_partners(small(), "a", ["b", "a"])
    assert pooled.own == Reach(2, 3.0, 1)
    assert pooled.combined == Reach(2, 3.0, 2)  # b's R2 is a's already; customer 7 is shared
    assert pooled.added == Reach(0, 0.0, 1)
    assert pooled.partners == ("b",)


def test_within_k_steps_follows_ties_and_direction_when_asked() -> None:
    C = small()
    G = build_network(["a", "b"], ["b", "c"], directed=True, actors=["x"])
    assert reach_within(C, G, "a", k=1).partners == ("b",)
    assert reach_within(C, G, "a", k=2).combined == Reach(5, 11.5, 3)
    assert reach_within(C, G, "c", k=2, directed=True).partners == ()
    assert reach_within(C, G, "c", k=2).partners == ("a", "b")
    assert reach_within(C, G, "d", k=3).partners == ()  # not in the network: no neighbours
    assert reach_within(C, G, "a", k=0).combined == reach(C, "a")


def test_batch_forms() -> None:
    C = small()
    own = reach_all(C)
    assert dict(own.demand) == {"a": 3.0, "b": 2.0, "c": 8.5, "d": 0.0}
    assert own.customers.to_list() == [1, 2, 1, 0]
    G = build_network(["a", "c"], ["b", "d"])
    table = reach_with_partners_all(C, G)
    assert table.combined.demand["a"] == 3.0 and table.added.customers["a"] == 1
    assert table.added.territories["d"] == 3 and table.partners.to_list() == [1, 1, 1, 1]


def test_restricting_to_a_scope_narrows_territories_and_customers() -> None:
    inside = small().restrict(["P2"])
    assert reach(inside, "c") == Reach(3, 8.5, 1)
    assert reach(inside, "a") == Reach(0, 0.0, 0)
    assert reach(inside, "b").customers == 0  # its records are in R2 and nowhere


def test_bad_input_is_refused() -> None:
    def build(parents=PARENTS, demand=DEMAND, coverage=None, actors=None, customers=None):  # type: ignore[no-untyped-def]
        return build_coverage(
            CODES,
            parents,
            demand,
            coverage or [["P1"]],
            actors=actors or ["a"],
            customers=customers,
        )

    with pytest.raises(ValueError, match="'XX'"):
        build(coverage=[["XX"]])
    with pytest.raises(ValueError, match="'P9'"):
        build(parents=[None, "P9", *PARENTS[2:]])
    with pytest.raises(ValueError, match="cycle"):
        build(parents=["D1", *PARENTS[1:]])
    with pytest.raises(ValueError, match="demand"):
        build(demand=[-1.0, *DEMAND[1:]])
    with pytest.raises(ValueError, match="repeats"):
        build(actors=["a", "a"], coverage=[[], []])
    with pytest.raises(ValueError, match="range"):
        build(customers=Customers(holder=np.array([1])))
    with pytest.raises(ValueError, match="territories"):
        build(customers=Customers(holder=np.array([0]))).restrict(["ID"])
    with pytest.raises(KeyError, match="'zz'"):
        reach(small(), "zz")
    with pytest.raises(KeyError, match="'zz'"):
        reach_with_partners(small(), "a", ["zz"])
    with pytest.raises(ValueError, match="k must"):
        reach_within(small(), build_network(["a"], ["b"]), "a", k=-1)


# --- Hypothesis: a random forest of territories, actors, customers and a layer -------------


@dataclass
class Case:
    codes: list[str]
    parents: list[str | None]
    demand: list[float | None]
    keys: list[str]
    coverage: list[list[str]]
    holder: list[int]
    territory: list[int]
    identity: list[int] | None
    ties: list[tuple[str, str]]
    directed: bool


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n = draw(st.integers(1, 10))
    codes = [f"t{i}" for i in range(n)]
    # Parents come before children: a forest, possibly with several roots.
    parents = [None if (p := draw(st.integers(-1, i - 1))) < 0 else codes[p] for i in range(n)]
    demand = draw(st.lists(st.sampled_from([None, 0.0, 1.0, 2.5, 4.0]), min_size=n, max_size=n))
    m = draw(st.integers(1, 6))
    keys = draw(st.permutations([f"a{i}" for i in range(m)]))  # any row order
    coverage = [draw(st.lists(st.sampled_from(codes), max_size=3)) for _ in range(m)]
    records = draw(st.integers(0, 10))
    holder = draw(st.lists(st.integers(0, m - 1), min_size=records, max_size=records))
    territory = draw(st.lists(st.integers(-1, n - 1), min_size=records, max_size=records))
    identity = draw(st.none() | st.lists(st.integers(0, 4), min_size=records, max_size=records))
    # The layer may miss some actors and hold one the coverage does not know.
    pool = [*keys, "zz"]
    ties = draw(st.lists(st.tuples(st.sampled_from(pool), st.sampled_from(pool)), max_size=10))
    return Case(
        codes,
        parents,
        demand,
        keys,
        coverage,
        holder,
        territory,
        identity,
        ties,
        draw(st.booleans()),
    )


def coverage_of(case: Case) -> Coverage:
    customers = Customers(
        holder=np.array(case.holder, dtype=np.int64),
        territory=np.array(case.territory, dtype=np.int64),
        identity=None if case.identity is None else np.array(case.identity, dtype=np.int64),
    )
    return build_coverage(
        case.codes, case.parents, case.demand, case.coverage, actors=case.keys, customers=customers
    )


def brute(case: Case, actors: set[str], scope: list[str] | None = None) -> Reach:
    parents = dict(zip(case.codes, case.parents, strict=True))
    inside = {c for c in case.codes if scope is None or covered_by(c, scope, parents)}
    universe = {c for c, d in zip(case.codes, case.demand, strict=True) if d and c in inside}
    rows = [case.keys.index(a) for a in actors]
    covered = {u for u in universe for r in rows if covered_by(u, case.coverage[r], parents)}
    people = {
        i if case.identity is None else case.identity[i]
        for i, h in enumerate(case.holder)
        if h in rows
        and (scope is None or (case.territory[i] >= 0 and case.codes[case.territory[i]] in inside))
    }
    weights = dict(zip(case.codes, case.demand, strict=True))
    return Reach(len(covered), sum(weights[u] or 0.0 for u in covered), len(people))


def layer(case: Case) -> tuple[nx.Graph, Network]:
    H = nx.DiGraph() if case.directed else nx.Graph()
    H.add_edges_from((s, t) for s, t in case.ties if s != t)
    G = build_network([s for s, _ in case.ties], [t for _, t in case.ties], directed=case.directed)
    return H, G


def same(ours: Reach, theirs: Reach) -> bool:
    return (ours.territories, ours.customers) == (theirs.territories, theirs.customers) and (
        ours.demand == pytest.approx(theirs.demand)
    )


@settings(max_examples=150, deadline=None)
@given(cases(), st.data())
def test_single_actor_forms_match_brute_force(case: Case, data: st.DataObject) -> None:
    C = coverage_of(case)
    actor = data.draw(st.sampled_from(case.keys))
    partners = set(data.draw(st.lists(st.sampled_from(case.keys), max_size=3)))
    assert same(reach(C, actor), brute(case, {actor}))
    pooled = reach_with_partners(C, actor, partners)
    assert same(pooled.combined, brute(case, {actor} | partners))
    own, combined = brute(case, {actor}), brute(case, {actor} | partners)
    assert pooled.added.territories == combined.territories - own.territories
    assert pooled.added.customers == combined.customers - own.customers
    assert pooled.added.demand == pytest.approx(combined.demand - own.demand)
    assert pooled.partners == tuple(sorted(partners - {actor}))

    H, G = layer(case)
    k, directed = data.draw(st.integers(0, 3)), data.draw(st.booleans())
    view = H if directed else H.to_undirected()
    near = nx.single_source_shortest_path_length(view, actor, cutoff=k) if actor in H else {}
    group = ({actor} | set(near)) & set(case.keys)
    within = reach_within(C, G, actor, k=k, directed=directed)
    assert same(within.combined, brute(case, group)) and same(within.own, own)
    assert within.partners == tuple(sorted(group - {actor}))

    scope = data.draw(st.lists(st.sampled_from(case.codes), max_size=2))
    assert same(reach(C.restrict(scope), actor), brute(case, {actor}, scope))


@settings(max_examples=100, deadline=None)
@given(cases(), st.data())
def test_batch_forms_match_the_single_actor_forms(case: Case, data: st.DataObject) -> None:
    C = coverage_of(case)
    own = reach_all(C)
    for actor in case.keys:
        assert same(
            Reach(own.territories[actor], own.demand[actor], own.customers[actor]),
            brute(case, {actor}),
        )

    H, G = layer(case)
    picks = data.draw(st.lists(st.tuples(st.sampled_from(case.keys), st.sampled_from(case.keys))))
    rows, cols = [case.keys.index(a) for a, _ in picks], [case.keys.index(b) for _, b in picks]
    matrix = sp.csr_array((np.ones(len(picks)), (rows, cols)), shape=(C.n, C.n))
    undirected = H.to_undirected()
    for partners, chosen in ((G, lambda a: set(undirected[a]) if a in H else set()),
                             (matrix, lambda a: {b for x, b in picks if x == a})):  # fmt: skip
        table = reach_with_partners_all(C, partners)
        for actor in case.keys:
            group = ({actor} | chosen(actor)) & set(case.keys)
            one = reach_with_partners(C, actor, group)
            row = [
                Reach(t.territories[actor], t.demand[actor], t.customers[actor])
                for t in (table.own, table.combined, table.added)
            ]
            assert same(row[0], one.own) and same(row[1], one.combined) and same(row[2], one.added)
            assert table.partners[actor] == len(one.partners)
