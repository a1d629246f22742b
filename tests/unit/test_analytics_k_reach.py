"""k-step reach against NetworkX's breadth-first search with a cutoff."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from jejaring.analytics import build_network, k_reach


@pytest.mark.parametrize("directed", [False, True])
def test_k_reach_counts_the_actors_within_k_ties(directed: bool) -> None:
    rng = np.random.default_rng(4)
    keys = [f"v{i:02d}" for i in range(40)]
    pairs = [(keys[a], keys[b]) for a, b in rng.integers(0, 36, (60, 2)) if a != b]
    G = build_network([s for s, _ in pairs], [t for _, t in pairs], directed=directed, actors=keys)
    oracle = nx.DiGraph() if directed else nx.Graph()
    oracle.add_nodes_from(keys)
    oracle.add_edges_from(pairs)
    for k in (0, 1, 3):
        expected = [
            len(nx.single_source_shortest_path_length(oracle, key, cutoff=k)) - 1 for key in keys
        ]
        assert k_reach(G, k=k).array.tolist() == expected


def test_k_reach_refuses_a_negative_k() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        k_reach(build_network(["a"], ["b"]), k=-1)
