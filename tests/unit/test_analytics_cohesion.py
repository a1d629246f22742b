"""Components, communities, k-cores, clustering and the whole-network summary."""

from __future__ import annotations

import pytest

from jejaring.analytics import (
    build_network,
    clustering,
    communities,
    components,
    core_number,
    eigenvector,
    sample_pivots,
    summary,
)


def two_triangles():  # type: ignore[no-untyped-def]
    return build_network(
        ["z1", "z2", "z1", "a1", "a2", "a1", "a3"],
        ["z2", "z3", "z3", "a2", "a3", "a3", "m"],
        actors=["b"],
    )


def test_components_numbered_by_smallest_key() -> None:
    G = two_triangles()
    assert dict(components(G)) == {
        "a1": 0, "a2": 0, "a3": 0, "m": 0, "b": 1, "z1": 2, "z2": 2, "z3": 2,
    }  # fmt: skip


def test_communities_are_deterministic_for_a_seed() -> None:
    G = two_triangles()
    first = communities(G, seed=3).to_list()
    assert first == communities(G, seed=3).to_list()
    assert first[G.keys.index("a1")] == 0 and first[G.keys.index("b")] == 1


def test_core_numbers_and_clustering() -> None:
    G = two_triangles()
    assert core_number(G)["a1"] == 2 and core_number(G)["m"] == 1 and core_number(G)["b"] == 0
    assert clustering(G)["a1"] == pytest.approx(1.0)
    assert clustering(G)["a3"] == pytest.approx(1 / 3)


def test_eigenvector_shared_by_equal_components() -> None:
    G = build_network(["a", "c"], ["b", "d"])  # two equal ties: both components lead
    assert eigenvector(G).to_list() == pytest.approx([0.5, 0.5, 0.5, 0.5])


def test_summary_of_a_star() -> None:
    G = build_network(["o"] * 4, ["a", "b", "c", "d"])
    figures = summary(G)
    assert figures.degree_centralization == pytest.approx(1.0)
    assert figures.density == pytest.approx(0.4)
    assert (figures.components, figures.diameter) == (1, 2)
    assert figures.average_path_length == pytest.approx(1.6)
    assert figures.transitivity == 0.0 and figures.path_pivots is None


def test_summary_estimated_from_pivots_on_a_path() -> None:
    G = build_network(["a", "b", "c"], ["b", "c", "d"], actors=["x"])
    figures = summary(G, pivots=sample_pivots(G, 5, seed=1))
    assert figures.path_pivots == 5  # the sample size, every actor here
    assert figures.average_path_length == pytest.approx(10 / 6)
    assert figures.diameter == 3 and figures.largest_component_share == pytest.approx(0.8)
