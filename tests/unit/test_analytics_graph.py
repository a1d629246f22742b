"""Building a network from key arrays: ids, merging, self-loops, isolates; result types."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

import jejaring.analytics as analytics
from jejaring.analytics import ActorFloats, ActorInts, build_network, degree, weighted_degree


def test_keys_sorted_and_ties_merged_with_weights_added() -> None:
    G = build_network(["b", "a", "a", "c"], ["a", "b", "b", "c"], weights=[2.0, 1.0, 4.0, 9.0])
    assert G.keys == ["a", "b", "c"]
    assert (G.source.tolist(), G.target.tolist(), G.weight.tolist()) == ([0], [1], [7.0])
    assert (G.self_loops, G.duplicates) == (1, 2)


def test_directed_pairs_stay_apart_and_undirected_view_adds_them() -> None:
    G = build_network(["a", "b"], ["b", "a"], weights=[2.0, 3.0], directed=True)
    assert G.m == 2 and G.duplicates == 0
    assert G.undirected_ties[2].tolist() == [5.0]
    assert weighted_degree(G)["a"] == 5.0


def test_unweighted_ties_weigh_one_even_when_merged() -> None:
    G = build_network(["a", "a", "b"], ["b", "b", "a"], directed=True)
    assert G.weight.tolist() == [1.0, 1.0]
    assert G.undirected_ties[2].tolist() == [1.0]
    assert weighted_degree(G)["a"] == 2.0  # one tie out, one in


def test_isolated_actors_and_polars_or_numpy_input() -> None:
    G = build_network(pl.Series(["x"]), np.array(["y"]), actors=["z", "x"])
    assert G.keys == ["x", "y", "z"]
    assert degree(G).to_list() == [1, 1, 0]


def test_results_are_plain_python_values() -> None:
    G = build_network(["a"], ["b"], actors=["c"])
    d, w = degree(G), weighted_degree(G)
    assert isinstance(d, ActorInts) and isinstance(w, ActorFloats)
    assert type(d["a"]) is int and type(w["a"]) is float
    assert dict(d) == {"a": 1, "b": 1, "c": 0}
    assert all(type(v) is float for v in w.to_list())


def test_empty_key_is_refused() -> None:
    with pytest.raises(ValueError, match="missing"):
        build_network(["a", None], ["b", "c"])  # type: ignore[list-item]


def test_public_surface() -> None:
    for name in analytics.__all__:
        assert getattr(analytics, name) is not None
    assert analytics.COLUMNS[0] == "actor" and len(analytics.COLUMNS) == 19
