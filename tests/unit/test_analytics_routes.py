"""Routes against NetworkX: hop counts, Dijkstra on 1/weight, and all simple paths ranked."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.analytics import Network, build_network
from jejaring.analytics.routes import Route, ranked_paths, shortest_path, strongest_path


def test_fewest_hops_with_the_smallest_keys_among_equals() -> None:
    G = build_network(["s", "s", "b", "a", "s"], ["b", "a", "t", "t", "c"], actors=["z"])
    route = shortest_path(G, "s", "t")
    assert route == Route(("s", "a", "t"), hops=2, weakest=1.0, total=2.0, distance=2.0)
    assert shortest_path(G, "s", "z") is None


def test_direction_is_respected() -> None:
    G = build_network(["a", "c"], ["b", "b"], directed=True)
    assert shortest_path(G, "a", "b") is not None
    # a is one hop from t and next to s, but only by a tie from a to s.
    H = build_network(["s", "c", "a", "a"], ["c", "t", "s", "t"], directed=True)
    for find in (shortest_path, strongest_path):
        route = find(H, "s", "t")
        assert route is not None and route.actors == ("s", "c", "t")
    assert shortest_path(G, "a", "c") is None and strongest_path(G, "b", "a") is None
    assert ranked_paths(G, "a", "c").routes == ()


def test_strength_is_inverted_not_read_as_distance() -> None:
    # One weak tie (distance 1) against two strong ones (0.25 + 0.25).
    G = build_network(["s", "s", "m"], ["t", "m", "t"], weights=[1.0, 4.0, 4.0])
    assert strongest_path(G, "s", "t") == Route(("s", "m", "t"), 2, 4.0, 8.0, 0.5)
    assert shortest_path(G, "s", "t") == Route(("s", "t"), 1, 1.0, 1.0, 1.0)


def test_equal_strength_up_to_rounding_ties_and_smallest_keys_win() -> None:
    # 1/2 + 1/12 and 1/3 + 1/4 are both 7/12, but not as floats.
    assert 1 / 2 + 1 / 12 != 1 / 3 + 1 / 4
    G = build_network(["s", "b", "s", "c"], ["b", "t", "c", "t"], weights=[2.0, 12.0, 3.0, 4.0])
    route = strongest_path(G, "s", "t")
    assert route is not None and route.actors == ("s", "b", "t")


def test_ranking_by_hops_then_weakest_then_total_then_keys() -> None:
    G = build_network(
        ["s", "s", "s", "a", "b", "s", "c", "d"],
        ["t", "a", "b", "t", "t", "c", "d", "t"],
        weights=[1, 2, 3, 5, 3, 9, 9, 9],
    )
    ranked = ranked_paths(G, "s", "t", max_hops=3, limit=10)
    assert ranked.complete
    assert [r.actors for r in ranked.routes] == [
        ("s", "t"),
        ("s", "b", "t"),  # weakest 3 beats a's weakest 2
        ("s", "a", "t"),
        ("s", "c", "d", "t"),
    ]
    assert [r.actors for r in ranked_paths(G, "s", "t", max_hops=2, limit=2).routes] == [
        ("s", "t"),
        ("s", "b", "t"),
    ]
    # Equal weakest ties: the larger total first, whatever the keys.
    E = build_network(["s", "a", "s", "b"], ["a", "t", "b", "t"], weights=[1.0, 1.0, 1.0, 2.0])
    assert [r.actors for r in ranked_paths(E, "s", "t").routes] == [
        ("s", "b", "t"),
        ("s", "a", "t"),
    ]


def test_a_branch_is_cut_only_when_its_best_tie_cannot_compete() -> None:
    # s-b-z-t (weakest 2) is found first; under a, y1 is hopeless but y2 (weakest 3) is not.
    G = build_network(
        ["s", "a", "y1", "a", "y2", "s", "b", "z"],
        ["a", "y1", "t", "y2", "t", "b", "z", "t"],
        weights=[3, 1, 3, 3, 3, 2, 2, 2],
    )
    ranked = ranked_paths(G, "s", "t", limit=1)
    assert [r.actors for r in ranked.routes] == [("s", "a", "y2", "t")]


def test_totals_equal_in_exact_arithmetic_rank_by_their_float_sums() -> None:
    # 0.7 + 0.3 + 0.6 rounds to 1.6, 0.3 + 0.6 + 0.7 to 1.5999999999999999.
    ties = [("v1", "v4", 0.6), ("v5", "v4", 0.7), ("v3", "v5", 0.6), ("v5", "v2", 0.3),
            ("v1", "v2", 0.2), ("v1", "v0", 0.3), ("v2", "v0", 0.7), ("v3", "v2", 0.3)]  # fmt: skip
    G = build_network(
        *zip(*[(s, t) for s, t, _ in ties], strict=True), weights=[w for *_, w in ties]
    )
    H = nx.Graph()
    H.add_weighted_edges_from(ties)
    everything = sorted(rank(p, H) for p in nx.all_simple_paths(H, "v0", "v5", cutoff=4))
    routes = ranked_paths(G, "v0", "v5", max_hops=4, limit=2).routes
    assert [r.actors for r in routes] == [key[3] for key in everything[:2]]
    assert routes[1].actors == ("v0", "v2", "v3", "v5")


def test_hubs_cost_what_the_pruning_leaves() -> None:
    # 900 routes of three hops through two hub layers; the best five need far fewer steps.
    sources = ["s"] * 30 + [f"b{j:02}" for j in range(30)]
    targets = [f"a{i:02}" for i in range(30)] + ["t"] * 30
    for i in range(30):
        sources += [f"a{i:02}"] * 30
        targets += [f"b{j:02}" for j in range(30)]
    G = build_network(sources, targets)
    ranked = ranked_paths(G, "s", "t", max_hops=3, limit=5, budget=300)
    assert ranked.complete
    assert [r.actors for r in ranked.routes] == [("s", "a00", f"b0{j}", "t") for j in range(5)]
    starved = ranked_paths(G, "s", "t", max_hops=3, limit=5, budget=10)
    assert not starved.complete and len(starved.routes) <= 5


def test_unknown_keys_and_same_endpoints_are_refused() -> None:
    G = build_network(["a"], ["b"])
    for call in (shortest_path, strongest_path, ranked_paths):
        with pytest.raises(KeyError, match="'nobody'"):
            call(G, "a", "nobody")
        with pytest.raises(ValueError, match="same"):
            call(G, "a", "a")
    with pytest.raises(ValueError, match="max_hops"):
        ranked_paths(G, "a", "b", max_hops=0)
    with pytest.raises(ValueError, match="positive"):
        strongest_path(build_network(["a"], ["b"], weights=[-1.0]), "a", "b")


# --- Hypothesis: small graphs, directed or not, disconnected, with isolates -----------------

KEYS = [f"v{i}" for i in range(7)]


@st.composite
def graphs(draw: st.DrawFn, weights: list[float]) -> tuple[Network, nx.Graph]:
    directed = draw(st.booleans())
    pairs = draw(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(KEYS)), max_size=14))
    ties: dict[tuple[str, str], float] = {}
    for s, t in pairs:  # one tie per pair: merged weights would leave the weight set
        key = (s, t) if directed else (min(s, t), max(s, t))
        if s != t and key not in ties:
            ties[key] = draw(st.sampled_from(weights))
    G = build_network(
        [s for s, _ in ties],
        [t for _, t in ties],
        weights=list(ties.values()),
        directed=directed,
        actors=KEYS,
    )
    H = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(KEYS)
    for (s, t), w in ties.items():
        H.add_edge(s, t, weight=w, distance=1.0 / w)
    return G, H


endpoints = st.tuples(st.sampled_from(KEYS), st.sampled_from(KEYS)).filter(lambda p: p[0] != p[1])


def check_route(route: Route, H: nx.Graph) -> None:
    weights = [H.edges[u, v]["weight"] for u, v in pairwise(route.actors)]
    assert route.hops == len(weights) == len(set(route.actors)) - 1
    assert (route.weakest, route.total) == (min(weights), sum(weights))
    assert route.distance == pytest.approx(sum(1 / w for w in weights))


@settings(max_examples=200, deadline=None)
@given(graphs([1.0, 2.0, 5.0]), endpoints)
def test_shortest_path_matches_networkx(
    graph: tuple[Network, nx.Graph], pair: tuple[str, str]
) -> None:
    G, H = graph
    route = shortest_path(G, *pair)
    if not nx.has_path(H, *pair):
        assert route is None
        return
    assert route is not None
    check_route(route, H)
    assert route.hops == nx.shortest_path_length(H, *pair)
    assert route.actors == min(tuple(p) for p in nx.all_shortest_paths(H, *pair))


@settings(max_examples=200, deadline=None)
@given(graphs([1.0, 2.0, 4.0, 8.0]), endpoints)  # powers of two: exact distances
def test_strongest_path_is_dijkstra_on_inverse_weights(
    graph: tuple[Network, nx.Graph], pair: tuple[str, str]
) -> None:
    G, H = graph
    route = strongest_path(G, *pair)
    if not nx.has_path(H, *pair):
        assert route is None
        return
    assert route is not None
    check_route(route, H)
    assert route.distance == nx.dijkstra_path_length(H, *pair, weight="distance")
    best = nx.all_shortest_paths(H, *pair, weight="distance")
    assert route.actors == min(tuple(p) for p in best)


def rank(path: list[str], H: nx.Graph) -> tuple[int, float, float, tuple[str, ...]]:
    weights = [H.edges[u, v]["weight"] for u, v in pairwise(path)]
    return (len(weights), -min(weights), -sum(weights), tuple(path))


@settings(max_examples=200, deadline=None)
# Whole weights sum exactly; the others exercise the slack in the search's bounds.
@given(
    graphs([1.0, 2.0, 3.0]) | graphs([0.1, 0.2, 0.7]),
    endpoints,
    st.integers(1, 4),
    st.integers(1, 6),
)
def test_ranked_paths_are_the_best_simple_paths(
    graph: tuple[Network, nx.Graph], pair: tuple[str, str], max_hops: int, limit: int
) -> None:
    G, H = graph
    ranked = ranked_paths(G, *pair, max_hops=max_hops, limit=limit)
    everything = sorted(rank(p, H) for p in nx.all_simple_paths(H, *pair, cutoff=max_hops))
    assert ranked.complete
    assert [r.actors for r in ranked.routes] == [key[3] for key in everything[:limit]]
    for route in ranked.routes:
        check_route(route, H)
    # A starved search still returns valid routes in rank order.
    starved = ranked_paths(G, *pair, max_hops=max_hops, limit=limit, budget=3)
    keys = [rank(list(r.actors), H) for r in starved.routes]
    assert keys == sorted(keys) and set(keys) <= set(everything)
    if starved.complete:
        assert keys == everything[:limit]
