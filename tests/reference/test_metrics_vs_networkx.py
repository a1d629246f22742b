"""Every column NetworkX defines, against NetworkX itself (to 1e-6), on the graphs NetworkX
ships and on generated ones; brokerage against a brute-force walk over all two-paths."""

from __future__ import annotations

import math
import random
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.analytics import Network, betweenness, build_network, metrics
from tests.reference.oracle import networkx_metrics

TOLERANCE = 1e-6


def to_network(G: nx.Graph, weight: str | None) -> Network:
    edges = list(G.edges(data=True))
    return build_network(
        [str(u) for u, _, _ in edges],
        [str(v) for _, v, _ in edges],
        weights=[d[weight] for *_, d in edges] if weight else None,
        directed=G.is_directed(),
        actors=[str(v) for v in G],
    )


def assert_same(G: nx.Graph, weight: str | None, groups: dict[Any, Any] | None = None) -> None:
    G = nx.relabel_nodes(G, str)
    groups = None if groups is None else {str(k): v for k, v in groups.items()}
    table = metrics(to_network(G, weight), groups=groups)
    reference = networkx_metrics(G, weight=weight, groups=groups)
    assert table.keys == sorted(G)
    for name, expected in reference.items():
        if name == "community":
            continue  # NetworkX has no Leiden; checked through modularity below
        for key, value in zip(table.keys, table.columns[name].tolist(), strict=True):
            want = expected[key]
            if math.isnan(want):
                assert math.isnan(value), (name, key, value)
            else:
                assert value == pytest.approx(want, abs=TOLERANCE), (name, key)


def davis_women() -> nx.Graph:
    B = nx.davis_southern_women_graph()
    women = [v for v, side in B.nodes(data="bipartite") if side == 0]
    return nx.bipartite.weighted_projected_graph(B, women)


SHIPPED = {
    "florentine": (nx.florentine_families_graph, None),
    "karate": (nx.karate_club_graph, "weight"),
    "davis_women": (davis_women, "weight"),
    "les_miserables": (nx.les_miserables_graph, "weight"),
}


@pytest.mark.parametrize("name", SHIPPED)
def test_graphs_networkx_ships(name: str) -> None:
    make, weight = SHIPPED[name]
    G = make()
    rng = random.Random(name)
    groups = {v: rng.choice("xyz") for v in G}
    assert_same(G, weight, groups)
    if weight:
        assert_same(G, None, groups)  # and the same ties read as unweighted


def test_karate_directed_by_index_order() -> None:
    G = nx.DiGraph()
    for u, v, w in nx.karate_club_graph().edges(data="weight"):
        G.add_edge(u, v, weight=w) if (u + v) % 3 else G.add_edge(v, u, weight=w)
    G.add_edge(0, 1, weight=2.0)  # one reciprocated pair
    assert_same(G, "weight", {v: v % 4 for v in G})


@st.composite
def graphs(draw: st.DrawFn) -> tuple[nx.Graph, str | None, dict[int, Any]]:
    directed = draw(st.booleans())
    n = draw(st.integers(min_value=1, max_value=14))
    G: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))  # some stay isolated
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    for u, v in draw(st.lists(pairs, max_size=40)):
        if u != v:
            G.add_edge(u, v, weight=float(draw(st.integers(1, 5))))
    weighted = draw(st.booleans())
    groups = {v: draw(st.sampled_from(["a", "b", "c", None])) for v in G}
    return G, ("weight" if weighted else None), groups


@settings(max_examples=80, deadline=None)
@given(graphs())
def test_generated_graphs(case: tuple[nx.Graph, str | None, dict[int, Any]]) -> None:
    G, weight, groups = case
    assert_same(G, weight, groups)


@pytest.mark.parametrize("directed", [False, True])
def test_modularity_of_the_partition_matches_networkx(directed: bool) -> None:
    G = nx.les_miserables_graph()
    if directed:
        G = nx.DiGraph(G)
    network = to_network(G, "weight")
    table = metrics(network)
    parts: dict[int, set[str]] = {}
    for key, label in zip(table.keys, table.columns["community"].tolist(), strict=True):
        parts.setdefault(int(label), set()).add(key)
    U = nx.Graph(G) if directed else G
    ours = network.igraph_undirected.modularity(
        table.columns["community"].tolist(), network.undirected_ties[2]
    )
    expected = nx.community.modularity(
        nx.Graph(
            [(u, v, {"weight": 2 * w if directed else w}) for u, v, w in U.edges(data="weight")]
        ),
        parts.values(),
        weight="weight",
    )
    assert ours == pytest.approx(expected, abs=1e-9)
    louvain = nx.community.louvain_communities(G.to_undirected(), weight="weight", seed=1)
    assert ours >= nx.community.modularity(G.to_undirected(), louvain, weight="weight") - 0.01


@pytest.mark.parametrize("directed", [False, True])
def test_pivot_betweenness_is_networkxs_k_sample(directed: bool) -> None:
    G = nx.relabel_nodes(nx.gnp_random_graph(80, 0.06, seed=5, directed=directed), str)
    k, seed = 12, 3
    pivots = random.Random(seed).sample(list(G), k)  # how NetworkX draws its k sources
    ours = betweenness(to_network(G, None), pivots=pivots)
    theirs = nx.betweenness_centrality(G, k=k, seed=seed)
    for key in G:
        assert ours[key] == pytest.approx(theirs[key], abs=1e-12)
