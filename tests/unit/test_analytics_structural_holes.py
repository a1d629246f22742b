"""Burt's measures on ego networks worked out by hand (Borgatti 1997's formulas)."""

from __future__ import annotations

import math

import pytest

from jejaring.analytics import (
    build_network,
    constraint,
    effective_size,
    efficiency,
    ego_density,
    hierarchy,
)


def test_borgatti_ego_network_effective_size_four() -> None:
    # Ego with six contacts and six ties among them (a hexagon of alters): Borgatti's
    # shortcut n - 2t/n = 6 - 2 * 6 / 6 = 4.0, efficiency 4 / 6.
    alters = ["a", "b", "c", "d", "e", "f"]
    ring = list(zip(alters, alters[1:] + alters[:1], strict=True))
    sources = ["ego"] * 6 + [s for s, _ in ring]
    targets = alters + [t for _, t in ring]
    G = build_network(sources, targets)
    assert effective_size(G)["ego"] == pytest.approx(4.0)
    assert efficiency(G)["ego"] == pytest.approx(4 / 6)
    # Each alter: contacts ego and its two ring neighbours, which are tied to ego only
    # (one tie among its 3 contacts... ego-a-b and ego-a-f): t = 2, n = 3 -> 3 - 4/3.
    assert effective_size(G)["a"] == pytest.approx(3 - 4 / 3)
    assert ego_density(G)["ego"] == pytest.approx(6 / 15)


def test_star_constraint_and_hierarchy() -> None:
    G = build_network(["o", "o", "o"], ["x", "y", "z"])
    assert constraint(G)["o"] == pytest.approx(3 * (1 / 3) ** 2)
    assert hierarchy(G)["o"] == pytest.approx(0.0)
    assert hierarchy(G)["x"] is None  # one contact: undefined
    assert constraint(G)["x"] == pytest.approx(1.0)


def test_hierarchy_by_hand() -> None:
    # a - b, a - c, b - c, a - d.  p_ab = p_ac = p_ad = 1/3, p_bc = p_cb = 1/2.
    # c_ab = (1/3 + 1/3 * 1/2)^2 = 1/4 = c_ac; c_ad = (1/3)^2 = 1/9; C = 11/18.
    G = build_network(["a", "a", "b", "a"], ["b", "c", "c", "d"])
    assert constraint(G)["a"] == pytest.approx(11 / 18)
    mean = (11 / 18) / 3
    ratios = [0.25 / mean, 0.25 / mean, (1 / 9) / mean]
    expected = sum(r * math.log(r) for r in ratios) / (3 * math.log(3))
    assert hierarchy(G)["a"] == pytest.approx(expected)
    assert 0 < expected < 1


def test_weighted_constraint_uses_proportional_strength() -> None:
    # a - b weight 3, a - c weight 1, no tie b - c: c_a = (3/4)^2 + (1/4)^2.
    G = build_network(["a", "a"], ["b", "c"], weights=[3.0, 1.0])
    assert constraint(G)["a"] == pytest.approx(0.625)
    # Redundancy needs ties among contacts: none here, so effective size is 2.
    assert effective_size(G)["a"] == pytest.approx(2.0)


def test_isolates_are_undefined_not_zero() -> None:
    G = build_network(["a"], ["b"], actors=["lonely"])
    for measure in (constraint, effective_size, efficiency, hierarchy, ego_density):
        assert measure(G)["lonely"] is None


@pytest.mark.parametrize("weighted", [None, True, False])
def test_a_network_of_no_actors_has_no_values(weighted: bool | None) -> None:
    G = build_network([], [])
    for measure in (constraint, effective_size, efficiency, hierarchy):
        assert measure(G, weighted=weighted).array.size == 0
    assert ego_density(G).array.size == 0
