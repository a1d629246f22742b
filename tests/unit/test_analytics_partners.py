"""Candidate components on hand-worked cases: gains, absence, customers, resources, proximity."""

from __future__ import annotations

import math
from collections import deque

import numpy as np
import polars as pl
import pytest
import scipy.sparse as sp

from jejaring.analytics import build_network
from jejaring.analytics.partners import (
    CustomerCounts,
    absent_codes,
    combine,
    common_neighbours,
    coverage_gains,
    customer_complementarity,
    first_step,
    hops_from,
    neighbours_of,
    reaching_top,
    resource_complementarity,
    scaled,
)
from jejaring.analytics.portfolio import Universe
from jejaring.analytics.reach import build_coverage

# A province P with regencies R1 (districts D1, D2) and R2 (district D3); demand on districts.
CODES = ["P", "R1", "R2", "D1", "D2", "D3"]
PARENTS = [None, "P", "P", "R1", "R1", "R2"]
DEMAND = [None, None, None, 10.0, 20.0, 40.0]
COVERAGE = {"a": ["D1"], "b": ["R1"], "c": ["P"], "d": []}


def coverage():  # type: ignore[no-untyped-def]
    return build_coverage(CODES, PARENTS, DEMAND, list(COVERAGE.values()), actors=list(COVERAGE))


def test_gains_are_the_demand_the_focal_actor_lacks() -> None:
    C = coverage()
    universe = Universe(C.covers, C.demand)
    assert coverage_gains(universe, C.row("a")).tolist() == [0.0, 20.0, 60.0, 0.0]
    assert coverage_gains(universe, C.row("c")).tolist() == [0.0, 0.0, 0.0, 0.0]
    prepared = Universe(C.covers, C.demand).prepare()  # by the coverers, not one product
    for key in COVERAGE:
        assert coverage_gains(prepared, C.row(key)).tolist() == (
            coverage_gains(universe, C.row(key)).tolist()
        )


def test_absence_is_every_code_outside_the_declared_ones() -> None:
    absent = dict(zip(CODES, absent_codes(coverage(), ["R1"]).tolist(), strict=True))
    assert absent == {"P": True, "R1": False, "R2": True, "D1": False, "D2": False, "D3": True}
    assert absent_codes(coverage(), []).all()


def test_customers_count_in_the_segments_where_the_actor_is_absent() -> None:
    counts = pl.DataFrame(
        {
            "owner": [1, 1, 2, 2, 2, 3],
            "territory": [4, 3, 5, -1, 1, 5],  # D2, D1, D3, unknown, R1, D3
            "segment": ["shop", "shop", "shop", "shop", None, "hotel"],
            "count": [3, 5, 2, 7, 11, 4],
        }
    )
    C = coverage()
    cells = CustomerCounts.of(counts, C.n, len(C.codes))
    assert cells.segments == ["hotel", "shop", None]
    found = customer_complementarity(C, "a", cells, declared=["D1"], segments={"shop"})
    assert found.tolist() == [0.0, 3.0, 2.0, 0.0]  # D1 is a's; unknown places never count
    every = customer_complementarity(C, "a", cells, declared=["D1"], segments=set())
    assert every.tolist() == [0.0, 3.0, 13.0, 4.0]  # R1 as a whole is not a's
    nobody = CustomerCounts.of(counts.clear(), C.n, len(C.codes))
    assert (
        customer_complementarity(C, "a", nobody, declared=[], segments=set()).tolist()
        == [0.0] * C.n
    )


@pytest.mark.parametrize("seed", range(8))
def test_customers_match_a_count_record_by_record(seed: int) -> None:
    rng = np.random.default_rng(seed)
    C, rows = coverage(), int(rng.integers(0, 40))
    names = ["hotel", "shop", "farm", None]
    counts = pl.DataFrame(
        {
            "owner": rng.integers(0, C.n, rows),
            "territory": rng.integers(-1, len(CODES), rows),
            "segment": [names[i] for i in rng.integers(0, len(names), rows)],
            "count": rng.integers(1, 9, rows),
        },
        schema_overrides={"segment": pl.String},
    )
    cells = CustomerCounts.of(counts, C.n, len(C.codes))
    for actor, declared in COVERAGE.items():
        absent = dict(zip(CODES, absent_codes(C, declared).tolist(), strict=True))
        for segments in (set(), {"shop"}, {"hotel", "farm"}):
            expected = [0.0] * C.n
            for owner, t, segment, count in counts.iter_rows():
                known = t >= 0 and absent[CODES[t]] and owner != C.row(actor)
                if known and (not segments or segment in segments):
                    expected[owner] += count
            found = customer_complementarity(C, actor, cells, declared=declared, segments=segments)
            assert found.tolist() == expected


def test_resources_count_the_kinds_the_actor_lacks() -> None:
    kinds = sp.csr_array(np.array([[1, 0, 0], [1, 1, 0], [0, 1, 1], [0, 0, 0]], dtype=bool))
    assert resource_complementarity(kinds, 0).tolist() == [0.0, 0.5, 1.0, 0.0]
    every = sp.csr_array(np.ones((2, 3), dtype=bool))
    assert resource_complementarity(every, 0).tolist() == [0.0, 0.0]


def test_hops_and_common_neighbours_ignore_direction() -> None:
    G = build_network(["a", "b", "c"], ["b", "c", "a"], directed=True, actors=["a", "b", "c", "d"])
    assert hops_from(G, 0).tolist() == [0.0, 1.0, 1.0, np.inf]
    assert common_neighbours(G, 0, np.array([1, 2, 3])).tolist() == [1, 1, 0]
    lonely = build_network([], [], actors=["a", "b"])
    assert hops_from(lonely, 1).tolist() == [np.inf, 0.0]
    assert common_neighbours(lonely, 0, np.array([1])).tolist() == [0]


def test_the_focal_actors_own_ties_join_a_shared_network_for_one_query() -> None:
    # a-b, b-c, d-e are the community's; a-d is a's own (private) tie, passed as ``also``.
    G = build_network(["a", "b", "d"], ["b", "c", "e"], actors=["a", "b", "c", "d", "e"])
    own = np.array([3])
    assert neighbours_of(G, 0, own).tolist() == [1, 3]
    hops = hops_from(G, 0, own)
    assert hops.tolist() == [0.0, 1.0, 2.0, 1.0, 2.0]
    assert [first_step(G, hops, j) for j in (1, 2, 3, 4)] == [1, 1, 3, 3]
    assert common_neighbours(G, 0, np.array([2, 4]), own).tolist() == [1, 1]
    assert hops_from(G, 0).tolist() == [0.0, 1.0, 2.0, np.inf, np.inf]  # G itself unchanged
    lonely = build_network([], [], actors=["a", "b"])
    assert hops_from(lonely, 0, np.array([1])).tolist() == [0.0, 1.0]


def _reference_hops(
    n: int, pairs: list[tuple[int, int]], actor: int, also: list[int]
) -> list[float]:
    """Breadth-first search in plain Python over the ties and the focal actor's own."""
    near: dict[int, set[int]] = {i: set() for i in range(n)}
    for i, j in [*pairs, *((actor, k) for k in also)]:
        near[i].add(j)
        near[j].add(i)
    hops = [math.inf] * n
    hops[actor] = 0.0
    queue = deque([actor])
    while queue:
        i = queue.popleft()
        for j in near[i]:
            if hops[j] == math.inf:
                hops[j] = hops[i] + 1
                queue.append(j)
    return hops


@pytest.mark.parametrize("seed", range(12))
def test_hops_and_first_steps_match_a_plain_search(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    pairs = [(int(i), int(j)) for i, j in rng.integers(0, n, (int(rng.integers(0, 3 * n)), 2))]
    pairs = [(i, j) for i, j in pairs if i != j]
    keys = [f"a{i:03d}" for i in range(n)]
    G = build_network([keys[i] for i, _ in pairs], [keys[j] for _, j in pairs], actors=keys)
    actor = int(rng.integers(0, n))
    also = sorted({int(k) for k in rng.integers(0, n, int(rng.integers(0, 4)))} - {actor})
    hops = hops_from(G, actor, np.array(also, dtype=np.int64))
    assert hops.tolist() == _reference_hops(n, pairs, actor, also)
    for j in np.flatnonzero(np.isfinite(hops) & (hops > 0)).tolist():
        step = first_step(G, hops, j)
        assert hops[step] == 1  # a neighbour of the focal actor from which j is hops - 1 away
        assert _reference_hops(n, pairs, step, [])[j] == hops[j] - 1
        if hops[j] == 2:  # of several, the neighbour of smallest index
            assert step == min(
                k for k in range(n) if hops[k] == 1 and _reference_hops(n, pairs, k, [])[j] == 1
            )


def test_scaling_and_combining() -> None:
    among = np.array([False, True, True])
    assert scaled(np.array([9.0, 2.0, 4.0]), among).tolist() == [2.25, 0.5, 1.0]
    assert scaled(np.zeros(3), among).tolist() == [0.0, 0.0, 0.0]
    parts = {
        "coverage": np.array([1.0, 0.0]),
        "customers": np.array([0.0, 1.0]),
        "resources": np.array([0.0, 0.0]),
        "proximity": np.array([0.5, 1.0]),
        "capability": np.array([np.nan, np.nan]),
    }
    weights = {"coverage": 0.4, "customers": 0.2, "resources": 0.1, "proximity": 0.2}
    assert combine(parts, weights | {"capability": 0.1}).tolist() == pytest.approx(
        [(0.4 + 0.1) / 0.9, (0.2 + 0.2) / 0.9]
    )
    parts["capability"] = np.array([1.0, np.nan])  # known for one: unknown counts 0
    assert combine(parts, weights | {"capability": 0.1}).tolist() == pytest.approx([0.6, 0.4])
    with pytest.raises(ValueError, match="size"):
        combine(parts, {"size": 1.0})
    with pytest.raises(ValueError):
        combine(parts, {"coverage": -1.0})
    with pytest.raises(ValueError):
        combine(parts, {"capability": 0.0, "coverage": 0.0})


@pytest.mark.parametrize(
    ("n", "share", "limit"), [(50_000, 0.9, 20), (50_000, 0.001, 20), (30, 1.0, 5)]
)
def test_the_rows_reaching_the_top_hold_every_row_that_can_be_listed(
    n: int, share: float, limit: int
) -> None:
    rng = np.random.default_rng(n + limit)
    score = np.round(rng.random(n), 3)  # ties at the limit-th best
    allowed = rng.random(n) < share
    rows = reaching_top(score, allowed, limit)
    assert allowed[rows].all()
    ranked = np.sort(score[allowed])[::-1]
    cut = ranked[min(limit, ranked.size) - 1]
    assert set(np.flatnonzero(allowed & (score >= cut)).tolist()) <= set(rows.tolist())
    assert rows.size < max(n // 20, limit * 2)  # a few rows, not every candidate
