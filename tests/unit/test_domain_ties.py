"""Ties, and the tie-type taxonomy of Borgatti, Mehra, Brass & Labianca (2009)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jejaring.domain.actors import Visibility
from jejaring.domain.errors import InvalidValue
from jejaring.domain.ties import (
    DEFAULT_TIE_TYPES,
    TieCategory,
    TieNature,
    TieType,
    descendants,
)
from tests.factories import tie

TAXONOMY = {t.key: t.parent for t in DEFAULT_TIE_TYPES}
BY_KEY = {t.key: t for t in DEFAULT_TIE_TYPES}


def test_a_tie_is_private_undirected_and_of_weight_one_by_default() -> None:
    t = tie()
    assert (t.weight, t.directed, t.visibility) == (1.0, False, Visibility.PRIVATE)


def test_a_tie_cannot_join_an_actor_to_itself() -> None:
    with pytest.raises(InvalidValue, match=r"^target: a tie cannot join an actor to itself"):
        tie("a", "a")


def test_keys_are_stripped_before_the_self_tie_check() -> None:
    with pytest.raises(InvalidValue, match=r"^target: "):
        tie("a", " a ")
    assert tie(" a ", "b ", " knows ") == tie("a", "b", "knows")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"source": ""}, "source"),
        ({"target": "b;c"}, "target"),
        ({"type": ""}, "type"),
        ({"type": "t" * 65}, "type"),
    ],
)
def test_keys_of_a_tie_are_checked(fields: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidValue, match=rf"^{field}: "):
        tie(**fields)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_weight_is_accepted_exactly_when_finite_and_above_zero(weight: float) -> None:
    if 0 < weight < float("inf"):
        assert tie(weight=weight).weight == weight
    else:
        with pytest.raises(InvalidValue, match=r"^weight: must be a number > 0"):
            tie(weight=weight)


def test_until_may_equal_since_but_not_precede_it() -> None:
    day = date(2024, 1, 1)
    assert tie(since=day, until=day).valid_on(day)
    with pytest.raises(InvalidValue, match=r"^until: must not be before since"):
        tie(since=day, until=date(2023, 12, 31))


def test_valid_on_includes_both_ends() -> None:
    t = tie(since=date(2024, 1, 1), until=date(2024, 1, 31))
    assert not t.valid_on(date(2023, 12, 31))
    assert t.valid_on(date(2024, 1, 1)) and t.valid_on(date(2024, 1, 31))
    assert not t.valid_on(date(2024, 2, 1))


def test_an_open_ended_tie_holds_on_every_day_past_its_start() -> None:
    assert tie().valid_on(date(1900, 1, 1))
    assert tie(since=date(2024, 1, 1)).valid_on(date(2999, 1, 1))
    assert tie(until=date(2024, 1, 1)).valid_on(date(1900, 1, 1))


DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@given(st.none() | DAYS, st.none() | DAYS, DAYS)
def test_valid_on_is_membership_of_the_closed_interval(
    since: date | None, until: date | None, day: date
) -> None:
    if since is not None and until is not None and until < since:
        since, until = until, since
    expected = (since is None or since <= day) and (until is None or day <= until)
    assert tie(since=since, until=until).valid_on(day) is expected


def test_a_tie_type_key_is_checked_and_cannot_be_its_own_parent() -> None:
    with pytest.raises(InvalidValue, match=r"^key: "):
        TieType("", "Nothing", TieCategory.FLOW, TieNature.EVENT, True)
    with pytest.raises(InvalidValue, match=r"^parent: "):
        TieType("loop", "Loop", TieCategory.FLOW, TieNature.EVENT, True, parent="loop")


def test_the_default_taxonomy_has_four_roots_one_per_category() -> None:
    roots = [t for t in DEFAULT_TIE_TYPES if t.parent is None]
    assert [r.key for r in roots] == ["similarity", "social_relation", "interaction", "flow"]
    assert {r.category for r in roots} == set(TieCategory)


def test_default_keys_are_unique() -> None:
    keys = [t.key for t in DEFAULT_TIE_TYPES]
    assert len(keys) == len(set(keys)) == 25


def test_every_parent_exists_and_precedes_its_children() -> None:
    seen: set[str] = set()
    for t in DEFAULT_TIE_TYPES:
        assert t.parent is None or t.parent in seen, t.key
        seen.add(t.key)


def test_a_sub_type_shares_its_parents_category_and_nature() -> None:
    for t in DEFAULT_TIE_TYPES:
        if t.parent is not None:
            parent = BY_KEY[t.parent]
            assert (t.category, t.nature) == (parent.category, parent.nature), t.key


def test_states_and_events_follow_the_typology() -> None:
    # Similarities and relations last (states); interactions and flows happen (events).
    nature = {TieCategory.SIMILARITY: TieNature.STATE, TieCategory.SOCIAL_RELATION: TieNature.STATE}
    nature |= {TieCategory.INTERACTION: TieNature.EVENT, TieCategory.FLOW: TieNature.EVENT}
    assert all(t.nature is nature[t.category] for t in DEFAULT_TIE_TYPES)


def test_other_role_includes_partner_supplier_customer_and_competitor() -> None:
    assert descendants(["role"], TAXONOMY) == {
        "role",
        "partner_of",
        "supplier_of",
        "customer_of",
        "competitor_of",
    }


def test_descendants_go_down_every_level() -> None:
    assert descendants(["similarity"], TAXONOMY) == {
        "similarity",
        "co_location",
        "membership",
        "member_of",
        "attribute",
    }
    assert descendants(["social_relation"], TAXONOMY) >= {"trusts", "knows", "kinship"}


def test_a_leaf_is_its_own_only_descendant_and_nothing_gives_nothing() -> None:
    assert descendants(["trusts"], TAXONOMY) == {"trusts"}
    assert descendants([], TAXONOMY) == set()


def test_every_type_descends_from_the_roots() -> None:
    roots = [t.key for t in DEFAULT_TIE_TYPES if t.parent is None]
    assert descendants(roots, TAXONOMY) == set(TAXONOMY)


def test_an_unknown_type_is_kept_as_given() -> None:
    assert descendants(["custom"], TAXONOMY) == {"custom"}


NODES = st.sampled_from("abcdefg")


@given(st.dictionaries(NODES, st.none() | NODES), st.sets(NODES))
def test_descendants_are_the_smallest_superset_closed_under_children(
    parents: dict[str, str | None], chosen: set[str]
) -> None:
    found = descendants(chosen, parents)
    assert chosen <= found
    for child, parent in parents.items():
        if parent in found:
            assert child in found
    # Nothing extra: every found type is chosen or has its parent among the found.
    for key in found - chosen:
        assert parents.get(key) in found
