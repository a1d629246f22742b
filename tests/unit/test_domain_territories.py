"""Territories and the walk up their hierarchy."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jejaring.domain.errors import InvalidValue
from jejaring.domain.territories import Level, ancestors, covered_by
from tests.factories import territory

# country > province > regency > district, plus a second province.
PARENTS: dict[str, str | None] = {
    "ID": None,
    "32": "ID",
    "32.04": "32",
    "32.04.01": "32.04",
    "33": "ID",
}


def test_a_territory_code_is_a_key_of_at_most_64_characters() -> None:
    assert territory(" 32.04 ").code == "32.04"
    with pytest.raises(InvalidValue, match=r"^code: must not be empty"):
        territory(" ")
    with pytest.raises(InvalidValue, match=r"^code: .*at most 64 characters"):
        territory("9" * 65)
    with pytest.raises(InvalidValue, match=r"^code: "):
        territory("32;33")


def test_a_territory_needs_a_name() -> None:
    with pytest.raises(InvalidValue, match=r"^name: must not be empty"):
        territory(name="")


def test_a_territory_cannot_be_its_own_parent() -> None:
    with pytest.raises(InvalidValue, match=r"^parent_code: "):
        territory("32", parent_code="32")


@pytest.mark.parametrize("demand", [None, 0.0, 3400.0])
def test_demand_is_optional_and_may_be_zero(demand: float | None) -> None:
    assert territory(demand=demand).demand == demand


@pytest.mark.parametrize("demand", [-1.0, float("nan"), float("inf")])
def test_a_negative_or_non_finite_demand_is_refused(demand: float) -> None:
    with pytest.raises(InvalidValue, match=r"^demand: must be a number >= 0"):
        territory(demand=demand)


def test_levels_run_from_the_widest_to_the_narrowest() -> None:
    assert [level.value for level in Level] == [
        "country",
        "province",
        "regency",
        "district",
        "village",
    ]


def test_ancestors_are_the_code_then_its_parents_nearest_first() -> None:
    assert ancestors("32.04.01", PARENTS) == ["32.04.01", "32.04", "32", "ID"]
    assert ancestors("ID", PARENTS) == ["ID"]


def test_an_unknown_code_is_its_own_only_ancestor() -> None:
    assert ancestors("99", PARENTS) == ["99"]


def test_the_walk_stops_at_a_cycle() -> None:
    cyclic = {"a": "b", "b": "c", "c": "a"}
    assert ancestors("a", cyclic) == ["a", "b", "c"]


def test_a_territory_is_covered_by_itself_and_by_its_ancestors_only() -> None:
    assert covered_by("32.04.01", ["32.04.01"], PARENTS)
    assert covered_by("32.04.01", ["33", "32"], PARENTS)
    assert covered_by("32.04.01", ["ID"], PARENTS)
    assert not covered_by("32.04", ["32.04.01"], PARENTS)  # a child does not cover its parent
    assert not covered_by("33", ["32"], PARENTS)
    assert not covered_by("32", [], PARENTS)


def test_coverage_under_a_cycle_terminates() -> None:
    assert not covered_by("a", ["z"], {"a": "b", "b": "a"})


NODES = st.sampled_from("abcdefgh")


@given(st.dictionaries(NODES, st.none() | NODES), NODES)
def test_ancestors_terminate_without_repeats_following_parents(
    parents: dict[str, str | None], code: str
) -> None:
    chain = ancestors(code, parents)
    assert chain[0] == code
    assert len(chain) == len(set(chain))
    for child, parent in itertools.pairwise(chain):
        assert parents[child] == parent
    last = parents.get(chain[-1])
    assert last is None or last in chain  # stopped at a root or at a cycle


@given(st.dictionaries(NODES, st.none() | NODES), NODES)
def test_a_code_is_covered_by_exactly_its_ancestors(
    parents: dict[str, str | None], code: str
) -> None:
    chain = ancestors(code, parents)
    for candidate in "abcdefgh":
        assert covered_by(code, [candidate], parents) is (candidate in chain)
