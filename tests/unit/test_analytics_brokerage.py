"""Gould-Fernandez roles on small layers where every two-path can be listed by hand."""

from __future__ import annotations

import pytest

from jejaring.analytics import ROLES, brokerage, build_network


def roles_of(G, groups, key):  # type: ignore[no-untyped-def]
    result = brokerage(G, groups)
    return {role: result[role][key] for role in ROLES}


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ("AAA", "coordinator"),
        ("BAA", "gatekeeper"),
        ("AAB", "representative"),
        ("ABA", "consultant"),
        ("ABC", "liaison"),
    ],
)
def test_each_role_on_one_open_two_path(groups: str, role: str) -> None:
    G = build_network(["a", "b"], ["b", "c"], directed=True)
    counts = roles_of(G, dict(zip("abc", groups, strict=True)), "b")
    assert counts == {r: (1 if r == role else 0) for r in ROLES}


def test_closed_and_returning_paths_do_not_count() -> None:
    closed = build_network(["a", "b", "a"], ["b", "c", "c"], directed=True)
    assert set(roles_of(closed, dict.fromkeys("abc", "g"), "b").values()) == {0}
    back = build_network(["a", "b"], ["b", "a"], directed=True)  # a -> b -> a
    assert set(roles_of(back, dict.fromkeys("ab", "g"), "b").values()) == {0}
    # Only a -> c closes a -> b -> c; a tie c -> a leaves it open.
    reverse = build_network(["a", "b", "c"], ["b", "c", "a"], directed=True)
    assert roles_of(reverse, dict.fromkeys("abc", "g"), "b")["coordinator"] == 1


def test_undirected_counts_both_directions_and_missing_groups() -> None:
    G = build_network(["a", "b"], ["b", "c"])
    counts = roles_of(G, {"a": "x", "b": "y", "c": "y"}, "b")
    assert counts["gatekeeper"] == 1 and counts["representative"] == 1  # a-b-c and c-b-a
    assert roles_of(G, {"a": "x", "c": "x"}, "b") == dict.fromkeys(ROLES)  # b has no group
    assert roles_of(G, {"b": "x", "c": "x"}, "b") == dict.fromkeys(ROLES, 0)  # a has none
