"""Analyses of the stored network: layers, stored values, pages and who may read them."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest

from jejaring.domain.accounts import PlatformRole, User
from jejaring.domain.actors import ActorKind, Visibility
from jejaring.domain.analyses import Grouping, Layer, Scope
from jejaring.domain.errors import InvalidValue, NotFound
from jejaring.services.analyses import (
    analyse,
    delete_analysis,
    get_analysis,
    list_analyses,
    list_values,
)
from jejaring.services.bootstrap import Context
from jejaring.services.layers import load_layer
from jejaring.services.metrics import compute_metrics
from tests.factories import actor, persist, tie, user

COMMUNITY = Visibility.COMMUNITY
PRIVATE = Visibility.PRIVATE
SPRING, SUMMER = date(2025, 1, 1), date(2025, 6, 30)
PROFILES = [
    ("a", "food", "32.04"), ("b", "food", "32"), ("c", "craft", "33"), ("d", "craft", "33"),
    ("e", "retail", None), ("f", "retail", "32"), ("g", "food", "33"),
]  # fmt: skip


@pytest.fixture
def network(ctx: Context) -> Context:
    """Seven community actors, a private one, an association and an event."""
    with ctx.uow() as uow:
        persist(
            uow,
            *(actor(k, sectors=(s,), home_territory=h) for k, s, h in PROFILES),
            actor("h", visibility=PRIVATE),
            actor("assoc", kind=ActorKind.ORGANIZATION),
            actor("event", kind=ActorKind.ORGANIZATION),
            tie("a", "b", "partner_of", weight=2.0, visibility=COMMUNITY),
            tie("b", "c", "supplier_of", directed=True, visibility=COMMUNITY),
            tie("c", "d", "knows", directed=True, visibility=COMMUNITY),
            tie("d", "c", "knows", directed=True, weight=3.0, visibility=COMMUNITY),
            tie("d", "e", "met", since=SPRING, until=SUMMER, visibility=COMMUNITY),
            tie("e", "f", "kinship"),  # private
            tie("a", "h", "partner_of", visibility=COMMUNITY),  # h's profile is private
            tie("f", "g", "trusts", directed=True, visibility=COMMUNITY),
            *(tie(m, "assoc", "member_of", directed=True, visibility=COMMUNITY) for m in "abc"),
            *(tie(m, "event", "member_of", directed=True, visibility=COMMUNITY) for m in "abde"),
        )
        uow.commit()
    return ctx


def _pairs(ctx: Context, layer: Layer) -> set[tuple[str, str, str]]:
    ties = load_layer(ctx, layer).ties
    return set(ties.select("source", "target", "type").iter_rows())


def test_a_tie_type_brings_its_sub_types(network: Context) -> None:
    role = _pairs(network, Layer(tie_types=("role",)))
    assert role == {("a", "b", "partner_of"), ("b", "c", "supplier_of")}
    social = {t for _, _, t in _pairs(network, Layer(tie_types=("social_relation",)))}
    assert social == {"partner_of", "supplier_of", "knows", "trusts"}
    with pytest.raises(NotFound, match="tie type 'friendship' not found"):
        load_layer(network, Layer(tie_types=("friendship",)))


def test_at_keeps_the_ties_valid_that_day(network: Context) -> None:
    assert ("d", "e", "met") in _pairs(network, Layer(at=date(2025, 3, 1)))
    assert ("d", "e", "met") in _pairs(network, Layer(at=date(2025, 6, 30)))  # until: inclusive
    assert ("d", "e", "met") not in _pairs(network, Layer(at=date(2025, 7, 1)))
    assert ("d", "e", "met") not in _pairs(network, Layer(at=date(2024, 12, 31)))
    assert ("a", "b", "partner_of") in _pairs(network, Layer(at=date(1990, 1, 1)))  # undated


def test_the_community_scope_holds_only_what_the_community_sees(network: Context) -> None:
    community = load_layer(network, Layer())
    assert "h" not in community.actors["key"].to_list()
    assert not {"h"} & set(community.ties["target"].to_list())
    assert ("e", "f", "kinship") not in _pairs(network, Layer())
    everything = load_layer(network, Layer(scope=Scope.ALL))
    assert "h" in everything.actors["key"].to_list()
    assert ("e", "f", "kinship") in _pairs(network, Layer(scope=Scope.ALL))


def test_co_membership_projects_two_mode_ties(network: Context) -> None:
    data = load_layer(network, Layer(tie_types=("membership",), co_membership=True))
    weights = {(s, t): w for s, t, w in data.ties.select("source", "target", "weight").iter_rows()}
    # a and b share the association and the event; the others one of them.
    assert weights == {
        ("a", "b"): 2.0, ("a", "c"): 1.0, ("b", "c"): 1.0, ("a", "d"): 1.0, ("a", "e"): 1.0,
        ("b", "d"): 1.0, ("b", "e"): 1.0, ("d", "e"): 1.0,
    }  # fmt: skip
    assert set(data.ties["type"].to_list()) == {"membership"}
    assert not data.ties["directed"].any()


def test_a_directed_layer_counts_an_undirected_tie_both_ways(network: Context) -> None:
    layer = Layer(tie_types=("partner_of", "knows"), directed=True)
    network_ = load_layer(network, layer).network()
    arcs = {
        (network_.keys[s], network_.keys[t]): w
        for s, t, w in zip(network_.source, network_.target, network_.weight, strict=True)
    }
    assert arcs == {("a", "b"): 2.0, ("b", "a"): 2.0, ("c", "d"): 1.0, ("d", "c"): 3.0}
    undirected = load_layer(network, Layer(tie_types=("knows",))).network()
    assert undirected.m == 1 and undirected.weight.tolist() == [4.0]  # c-d and d-c merged
    unweighted = load_layer(network, Layer(tie_types=("knows",), weighted=False)).network()
    assert unweighted.weight.tolist() == [1.0]


def test_groups_read_the_chosen_attribute(network: Context) -> None:
    by_province = load_layer(network, Layer(group=Grouping.PROVINCE)).groups
    assert by_province is not None
    assert (by_province["a"], by_province["b"], by_province["c"]) == ("32", "32", "33")
    assert "e" not in by_province  # no home territory: no group
    by_sector = load_layer(network, Layer(group=Grouping.SECTOR)).groups
    assert by_sector is not None and by_sector["c"] == "craft"
    by_kind = load_layer(network, Layer(group=Grouping.KIND)).groups
    assert by_kind is not None and by_kind["assoc"] == "organization"


def test_stored_values_are_those_of_metrics_on_the_same_ties(
    network: Context, tmp_path: Path
) -> None:
    layer = Layer(group=Grouping.SECTOR)
    result = analyse(network, layer, key="all-ties", now=datetime(2026, 1, 2, tzinfo=UTC))
    data = load_layer(network, layer)
    edges, nodes = tmp_path / "edges.csv", tmp_path / "nodes.csv"
    data.ties.select("source", "target", "weight").write_csv(edges)
    groups = data.groups or {}
    pl.DataFrame(
        {"actor": data.actors["key"], "group": [groups.get(k) for k in data.actors["key"]]}
    ).write_csv(nodes)
    expected = compute_metrics(edges, weight="weight", nodes=nodes, group="group", seed=0)
    stored = list_values(network, None, "all-ties", limit=500).items
    assert [r["actor"] for r in stored] == [r["actor"] for r in expected.rows()]
    for got, want in zip(stored, expected.rows(), strict=True):
        for name, value in want.items():
            if isinstance(value, float):
                assert math.isclose(got[name], value, rel_tol=1e-12, abs_tol=1e-15), name
            else:
                assert got[name] == value, name
    found = get_analysis(network, None, "all-ties")
    assert found.actors == 9 and found.ties == result.analysis.ties
    assert found.summary == result.analysis.summary and found.summary["nodes"] == 9
    assert found.layer == layer


def test_pages_follow_the_sort_with_undefined_values_last(network: Context) -> None:
    analyse(network, Layer(tie_types=("role", "knows")), key="k")  # leaves isolates
    rows = list_values(network, None, "k", limit=500).items
    for descending in (True, False):
        seen, cursor = [], None
        while True:
            page = list_values(
                network, None, "k", sort="constraint", descending=descending, cursor=cursor,
                limit=2,
            )  # fmt: skip
            seen += [(r["constraint"], r["actor"]) for r in page.items]
            cursor = page.next_cursor
            if cursor is None:
                break
        defined = sorted(
            ((r["constraint"], r["actor"]) for r in rows if r["constraint"] is not None),
            key=lambda p: (-p[0] if descending else p[0], p[1]),
        )
        undefined = sorted((None, r["actor"]) for r in rows if r["constraint"] is None)
        assert undefined, "isolates have an undefined constraint"
        assert seen == defined + undefined


def test_bad_requests_name_what_is_wrong(network: Context) -> None:
    analyse(network, Layer(), key="k")
    with pytest.raises(InvalidValue, match="analysis 'k' exists already"):
        analyse(network, Layer(), key="k")
    with pytest.raises(InvalidValue, match="sort: 'size' is not one of actor, degree"):
        list_values(network, None, "k", sort="size")
    with pytest.raises(InvalidValue, match="cursor"):
        list_values(network, None, "k", cursor="bm90IGpzb24")  # "not json"
    with pytest.raises(NotFound, match="analysis 'nope' not found"):
        list_values(network, None, "nope")


def test_unnamed_analyses_take_their_time_and_never_collide(network: Context) -> None:
    now = datetime(2026, 11, 28, 10, 15, tzinfo=UTC)
    keys = [analyse(network, Layer(), now=now).analysis.key for _ in range(3)]
    assert keys == ["2026-11-28T10-15-00", "2026-11-28T10-15-00-2", "2026-11-28T10-15-00-3"]
    assert analyse(network, Layer(), keep=False, now=now).analysis.key == keys[0]
    assert len(list_analyses(network, None)) == 3


def _person(ctx: Context, email: str, *roles: PlatformRole) -> User:
    with ctx.uow() as uow:
        persist(uow, user(email, platform_roles=roles))
        uow.commit()
    found = user(email, platform_roles=roles)
    return found


@pytest.mark.parametrize(
    ("roles", "reads_all_scope"),
    [((), False), ((PlatformRole.COORDINATOR,), False), ((PlatformRole.ADMIN,), True)],
)
def test_who_reads_which_analysis(
    network: Context, roles: tuple[PlatformRole, ...], reads_all_scope: bool
) -> None:
    analyse(network, Layer(), key="open")
    analyse(network, Layer(scope=Scope.ALL), key="private")
    viewer = _person(network, "viewer@example.com", *roles)
    readable = {a.key for a in list_analyses(network, viewer)}
    assert readable == ({"open", "private"} if reads_all_scope else {"open"})
    assert get_analysis(network, viewer, "open").key == "open"
    if reads_all_scope:
        assert get_analysis(network, viewer, "private").actors == 10
        assert {r["actor"] for r in list_values(network, viewer, "private").items} >= {"h"}
    else:
        # Looks exactly like a missing analysis.
        for read in (
            lambda: get_analysis(network, viewer, "private"),
            lambda: list_values(network, viewer, "private"),
            lambda: delete_analysis(network, viewer, "open"),
        ):
            with pytest.raises(NotFound, match=r"analysis '(private|open)' not found"):
                read()
    assert {a.key for a in list_analyses(network, None)} == {"open", "private"}  # operator


def test_a_profile_made_private_later_leaves_community_pages(network: Context) -> None:
    analyse(network, Layer(), key="open")
    with network.uow() as uow:
        persist(uow, actor("b", visibility=PRIVATE))
        uow.commit()
    viewer = _person(network, "viewer@example.com")
    assert "b" not in {r["actor"] for r in list_values(network, viewer, "open").items}
    assert "b" in {r["actor"] for r in list_values(network, None, "open").items}


def test_deleting_an_analysis_or_an_actor_removes_their_values(network: Context) -> None:
    analyse(network, Layer(), key="one")
    analyse(network, Layer(), key="two")
    with network.uow() as uow:
        uow.actors.delete("g")
        uow.commit()
        assert uow.analyses.count_values("one") == 8
    admin = _person(network, "admin@example.com", PlatformRole.ADMIN)
    delete_analysis(network, admin, "one")
    with network.uow() as uow:
        assert uow.analyses.get("one") is None and uow.analyses.count_values("one") == 0
        assert uow.analyses.count_values("two") == 8
    with pytest.raises(NotFound):
        delete_analysis(network, None, "one")
