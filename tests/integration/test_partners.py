"""Partner identification over the stored community, on both databases.

The community (``tests/support/partner_community.py``) is small enough to work out by hand.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import replace

import pytest

from jejaring.domain.accounts import ActorRole, PlatformRole
from jejaring.domain.errors import InvalidValue, NotFound
from jejaring.i18n import set_locale
from jejaring.io.instruments import current_instrument
from jejaring.services import partner_data
from jejaring.services.accounts import create_user
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.partner_data import load_partner_data
from jejaring.services.partners import PartnerQuery, all_portfolios, find_partners, parse_weights
from jejaring.services.read_cache import SNAPSHOTS, SNAPSHOTS_KEPT, kept_keys
from tests.factories import actor, assessment, persist, tie
from tests.support.partner_community import COMMUNITY, PRIVATE, build_partner_community

PASSWORD = "correct horse battery"


@pytest.fixture
def community(ctx: Context) -> Context:
    build_partner_community(ctx)
    return ctx


def test_the_portfolio_adds_the_most_demand_and_says_why(community: Context) -> None:
    answer = find_partners(community, None, PartnerQuery("me", k=2))
    assert (answer.own_demand, answer.added_demand, answer.total_demand) == (100, 200, 500)
    assert answer.upper_bound == 200 and answer.optimal is None
    assert [(p.partner, p.added_demand) for p in answer.portfolio] == [("c", 120), ("b", 80)]
    assert answer.portfolio[0].added_territories == ["33.01", "33.02"]
    assert answer.portfolio[0].reason == (
        "adds 2 regencies in Jawa Tengah, demand 120; no known tie yet"
    )
    assert answer.portfolio[1].reason == (
        "adds 2 regencies in Jawa Barat, demand 80; 2 steps away through Koperasi Eka"
    )
    assert "optimal" not in answer.as_dict()


def test_candidates_are_scored_by_component(community: Context) -> None:
    answer = find_partners(community, None, PartnerQuery("me", k=2))
    ranked = {c.partner: c for c in answer.candidates}
    assert [c.partner for c in answer.candidates] == ["b", "c", "e", "f"]  # d is private
    b = ranked["b"]
    assert b.coverage_gain == pytest.approx(80 / 120, abs=1e-6)
    assert b.customer_complementarity == 1.0  # 3 warung customers where me is absent
    assert b.resource_complementarity == pytest.approx(1 / 6, abs=1e-6)  # a vehicle
    assert b.proximity == 0.5 and b.capability is None
    # Capability is unknown for everyone, so its weight goes to the others (0.9 in all).
    assert b.score == pytest.approx((0.4 * 80 / 120 + 0.2 + 0.1 / 6 + 0.1) / 0.9, abs=1e-6)
    assert ranked["f"].customer_complementarity == 0.0  # hotels are not me's segment
    assert ranked["c"].proximity == 0.0  # c's tie to f is private to them
    assert ranked["e"].proximity == 1.0 and ranked["e"].coverage_gain == 0.0
    assert b.reason == (
        "adds 2 regencies in Jawa Barat, demand 80; 3 of its customers are in your segments "
        "where you are absent; owns resources you lack: vehicle; 2 steps away through "
        "Koperasi Eka; 1 contact in common"
    )


def test_reasons_speak_the_askers_language(community: Context) -> None:
    set_locale("id")
    answer = find_partners(community, None, PartnerQuery("me", k=1))
    assert answer.portfolio[0].reason == (
        "menambah 2 kabupaten/kota di Jawa Tengah, permintaan 120; belum ada ikatan yang diketahui"
    )


def test_options_change_the_answer(community: Context) -> None:
    exact = find_partners(community, None, PartnerQuery("me", k=2, exact=True))
    assert exact.optimal is True and exact.as_dict()["optimal"] is True
    assert exact.added_demand == 200
    rivals = find_partners(community, None, PartnerQuery("me", k=2, exclude_competitors=True))
    assert [p.partner for p in rivals.portfolio] == ["b"]  # c sells food too; f adds nothing
    assert "c" not in {c.partner for c in rivals.candidates}
    near = find_partners(
        community, None, PartnerQuery("me", weights=parse_weights("coverage=0,customers=0"))
    )
    assert near.candidates[0].partner == "e"  # the direct tie
    no_trust = find_partners(community, None, PartnerQuery("me", tie_types=("knows",)))
    assert all(c.proximity == 0 for c in no_trust.candidates)
    capable = find_partners(community, None, PartnerQuery("me"), capability=lambda keys: {"c": 0.5})
    assert {c.partner: c.capability for c in capable.candidates}["c"] == 0.5


def test_who_may_ask(community: Context) -> None:
    owner = create_user(community, "owner@me.id", PASSWORD, actor="me", role=ActorRole.VIEWER)
    other = create_user(community, "other@e.id", PASSWORD, actor="e", role=ActorRole.OWNER)
    coordinator = create_user(
        community, "coord@x.id", PASSWORD, platform_roles=(PlatformRole.COORDINATOR,)
    )
    query = PartnerQuery("me", k=1)
    assert find_partners(community, owner, query).portfolio[0].partner == "c"
    seen = find_partners(community, coordinator, query, capability=lambda keys: {"c": 0.9})
    assert all(c.capability is None for c in seen.candidates)  # individual results stay private
    with pytest.raises(NotFound) as denied:
        find_partners(community, other, query)
    with pytest.raises(NotFound) as missing:
        find_partners(community, coordinator, PartnerQuery("nobody"))
    assert str(denied.value).replace("me", "nobody") == str(missing.value)


@pytest.mark.parametrize(
    "query",
    [
        PartnerQuery("me", k=0),
        PartnerQuery("me", limit=0),
        PartnerQuery("me", weights={"coverage": -1.0}),
        PartnerQuery("me", weights=dict.fromkeys(("coverage", "proximity"), 0.0) | {"x": 1}),
        PartnerQuery("me", exact=True, time_limit=0),
    ],
)
def test_bad_queries_are_refused(community: Context, query: PartnerQuery) -> None:
    with pytest.raises(InvalidValue):
        find_partners(community, None, query)


def test_unknown_tie_types_and_weights_are_named(community: Context) -> None:
    with pytest.raises(NotFound, match="friendship"):
        find_partners(community, None, PartnerQuery("me", tie_types=("friendship",)))
    with pytest.raises(InvalidValue, match="size=1"):
        parse_weights("coverage=0.5,size=1")
    with pytest.raises(InvalidValue, match="coverage=much"):
        parse_weights("coverage=much")


def test_every_actors_portfolio_in_one_batch(community: Context) -> None:
    table = all_portfolios(community, k=2)
    assert table["actor"].to_list() == ["b", "c", "e", "f", "me"]  # community profiles only
    mine = table.row(table["actor"].to_list().index("me"), named=True)
    assert mine["partners"] == "c;b" and mine["added_demand"] == 200
    for row in table.iter_rows(named=True):
        single = find_partners(community, None, PartnerQuery(row["actor"], k=2))
        assert math.isclose(row["added_demand"], single.added_demand)
        assert row["upper_bound"] >= row["added_demand"]


def test_every_actors_portfolio_of_an_empty_community_is_an_empty_table(ctx: Context) -> None:
    table = all_portfolios(ctx, k=2)
    assert table.height == 0 and "actor" in table.columns


def _snapshots(ctx: Context) -> list[object]:
    return [
        k for k in kept_keys(ctx, SNAPSHOTS) if isinstance(k, tuple) and k[0] == "partner-community"
    ]


def test_the_community_snapshot_is_kept_until_a_table_it_read_changes(community: Context) -> None:
    types = ("trusts",)
    first = load_partner_data(community, None, types)
    assert load_partner_data(community, None, types) is first and len(_snapshots(community)) == 1
    create_user(community, "new@x.id", PASSWORD)  # nothing partner identification reads
    assert load_partner_data(community, None, types) is first
    with community.uow() as uow:  # an edit in place: seen at once
        uow.actors.save(actor("c", coverage=("32.03",)))
        uow.commit()
    edited = load_partner_data(community, None, types)
    assert edited is not first and edited.declared["c"] == ["32.03"]
    assert find_partners(community, None, PartnerQuery("me", k=1)).portfolio[0].partner == "b"
    with community.uow() as uow:
        persist(uow, actor("g", coverage=("32.04",)))  # a new actor: seen at once
        uow.commit()
    assert find_partners(community, None, PartnerQuery("me", k=1)).portfolio[0].partner == "g"
    for tie_types in (("trusts",), ("knows",), ("kinship",), ("partner_of",), ("met",), ("x",)):
        with contextlib.suppress(NotFound):
            find_partners(community, None, PartnerQuery("me", tie_types=tie_types))
    assert 5 <= len(_snapshots(community)) < SNAPSHOTS_KEPT  # the oldest make way


def test_a_change_by_another_process_is_seen_too(community: Context) -> None:
    types = ("trusts",)
    first = load_partner_data(community, None, types)
    other = bootstrap(community.settings)  # its own engine and memory, as a second process
    try:
        with other.uow() as uow:
            uow.actors.save(actor("c", coverage=("32.03",)))
            uow.commit()
    finally:
        other.close()
    again = load_partner_data(community, None, types)
    assert again is not first and again.declared["c"] == ["32.03"]


def test_own_ties_to_private_profiles_change_nothing(community: Context) -> None:
    find_partners(community, None, PartnerQuery("me", k=1))  # the snapshot is kept
    with community.uow() as uow:
        persist(uow, tie("me", "d", "trusts", directed=True), tie("me", "b", "knows"))
        uow.commit()
    answer = find_partners(community, None, PartnerQuery("me", k=1))
    assert {c.partner: c.proximity for c in answer.candidates}["b"] == 1.0  # the new own tie
    assert "d" not in {c.partner for c in answer.candidates}


def test_a_private_actor_asks_from_the_kept_snapshot_and_gets_what_it_would_if_seen(
    community: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    with community.uow() as uow:
        persist(uow, tie("me", "b", "knows", visibility=COMMUNITY), tie("me", "d", "knows"))
        uow.commit()
    seen = find_partners(community, None, PartnerQuery("me", k=2)).as_dict()
    with community.uow() as uow:
        me = uow.actors.get("me")
        assert me is not None
        uow.actors.save(replace(me, visibility=PRIVATE))
        uow.commit()
    find_partners(community, None, PartnerQuery("b", k=2))  # the snapshot after the change
    built: list[object] = []
    real = partner_data._build
    monkeypatch.setattr(partner_data, "_build", lambda *a: built.append(a) or real(*a))
    hidden = find_partners(community, None, PartnerQuery("me", k=2)).as_dict()
    assert hidden == seen and built == []  # no snapshot of its own
    others = find_partners(community, None, PartnerQuery("b", k=5))
    assert "me" not in {c.partner for c in others.candidates}
    assert "me" not in all_portfolios(community, k=2)["actor"].to_list()


def test_stored_capability_counts_for_those_who_may_see_it(community: Context) -> None:
    items = [item.id for item in current_instrument().items]
    with community.uow() as uow:  # c answers 4 everywhere, f 7: overall 4 and 7 on 1..7
        persist(uow, assessment("c", answers=dict.fromkeys(items, 4)))
        persist(uow, assessment("f", answers=dict.fromkeys(items, 7)))
        uow.commit()
    seen = {
        c.partner: c.capability
        for c in find_partners(community, None, PartnerQuery("me")).candidates
    }
    assert (seen["c"], seen["f"], seen["b"]) == (0.5, 1.0, None)
    viewer = create_user(community, "v@me.id", PASSWORD, actor="me", role=ActorRole.OWNER)
    hidden = find_partners(community, viewer, PartnerQuery("me")).candidates
    assert all(c.capability is None for c in hidden)
