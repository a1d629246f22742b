"""Co-membership projection against NetworkX's weighted bipartite projection."""

from __future__ import annotations

import networkx as nx
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.analytics.two_mode import co_membership

memberships = st.lists(
    st.tuples(st.sampled_from("abcdefgh"), st.sampled_from(["o1", "o2", "o3", "o4"])),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(memberships)
def test_weights_count_shared_organisations(pairs: list[tuple[str, str]]) -> None:
    members = pl.Series([m for m, _ in pairs], dtype=pl.String)
    groups = pl.Series([g for _, g in pairs], dtype=pl.String)
    ours = co_membership(members, groups)
    B = nx.Graph()
    B.add_edges_from(pairs)
    people = sorted({m for m, _ in pairs})
    theirs = nx.bipartite.weighted_projected_graph(B, people)
    expected = sorted((min(u, v), max(u, v), float(w)) for u, v, w in theirs.edges(data="weight"))
    assert list(ours.iter_rows()) == expected


def test_a_repeated_membership_counts_once() -> None:
    members = pl.Series(["a", "a", "b", "b", "b"])
    groups = pl.Series(["o", "o", "o", "p", "o"])
    assert co_membership(members, groups).to_dicts() == [
        {"source": "a", "target": "b", "weight": 1.0}
    ]
    empty = co_membership(pl.Series([], dtype=pl.String), pl.Series([], dtype=pl.String))
    assert empty.height == 0 and empty.columns == ["source", "target", "weight"]
