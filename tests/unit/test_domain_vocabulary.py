"""Closed vocabularies and ``;``-separated lists, as people type them in sheets and forms."""

from __future__ import annotations

from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jejaring.domain.actors import ActorKind
from jejaring.domain.cooperation import Mechanism
from jejaring.domain.errors import InvalidValue
from jejaring.domain.projects import ContributionKind
from jejaring.domain.resources import ResourceKind
from jejaring.domain.territories import Level
from jejaring.domain.vocabulary import parse_choice, split_list

ENUMS: list[type[StrEnum]] = [ActorKind, Mechanism, ContributionKind, ResourceKind, Level]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("company", ActorKind.COMPANY),
        ("  Company ", ActorKind.COMPANY),
        ("SALESPERSON", ActorKind.SALESPERSON),
        ("In kind", ContributionKind.IN_KIND),
        ("in-kind", ContributionKind.IN_KIND),
        ("Sales  Staff", ResourceKind.SALES_STAFF),
        ("resource co utilization", Mechanism.RESOURCE_CO_UTILIZATION),
    ],
)
def test_case_and_spaces_are_ignored(typed: str, expected: StrEnum) -> None:
    assert parse_choice(type(expected), typed, field="kind") is expected


def test_an_unknown_value_is_refused_listing_the_allowed_ones() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_choice(ActorKind, "Shop", field="kind")
    assert str(caught.value) == (
        "kind: 'Shop' is not one of salesperson|entrepreneur|company|organization"
    )
    assert caught.value.params["field"] == "kind"


def test_an_empty_value_is_refused() -> None:
    with pytest.raises(InvalidValue, match=r"^level: '' is not one of"):
        parse_choice(Level, "", field="level")


@given(st.sampled_from([m for e in ENUMS for m in e]), st.data())
def test_every_member_is_understood_in_any_case_and_padding(
    member: StrEnum, data: st.DataObject
) -> None:
    cased = "".join(c.upper() if data.draw(st.booleans()) else c for c in member.value)
    padding = data.draw(st.sampled_from(["", " ", "\t", "  "]))
    assert parse_choice(type(member), padding + cased + padding, field="f") is member


def test_split_list_keeps_order_drops_blanks_and_repeats() -> None:
    assert split_list(" retail ; food;;retail; ") == ("retail", "food")


@pytest.mark.parametrize("blank", [None, "", " ", ";", " ; ;"])
def test_split_list_of_nothing_is_empty(blank: str | None) -> None:
    assert split_list(blank) == ()


ITEM = st.text(alphabet=st.characters(blacklist_characters=";"), max_size=6)


@given(st.lists(ITEM, max_size=8))
def test_split_list_inverts_joining_up_to_blanks_and_repeats(items: list[str]) -> None:
    expected = tuple(dict.fromkeys(i.strip() for i in items if i.strip()))
    assert split_list(";".join(items)) == expected
