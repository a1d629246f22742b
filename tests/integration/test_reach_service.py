"""``services.reach``: reach alone, with partners and within k steps, on both databases."""

from __future__ import annotations

import pytest

from jejaring.domain.cooperation import MappingLevel
from jejaring.domain.errors import NotFound
from jejaring.services.bootstrap import Context
from jejaring.services.policies import set_policy
from jejaring.services.reach import REACH_COUNTED, actor_reach
from tests.factories import customer, persist, tie
from tests.support.sharing import build_sharing, the_user

DEMAND = {"32": 100.0, "33": 200.0, "35": 300.0, "36": 400.0}


@pytest.fixture
def community(ctx: Context) -> Context:
    """a covers 32, partners b 33 and c 35, z 36 (tied to a); b holds 6 customers."""
    build_sharing(ctx)
    with ctx.uow() as uow:
        for code, demand in DEMAND.items():
            found = uow.territories.get(code)
            assert found is not None
            uow.territories.save(
                found.__class__(found.code, found.name, found.level, found.parent_code, demand)
            )
        persist(
            uow,
            tie("a", "z", "knows"),
            customer("a", "a1", territory="32"),
            customer("a", "a2"),
            *(customer("b", f"b{i}", segment="ritel" if i < 3 else "grosir") for i in range(6)),
            customer("c", "c1"),
        )
        uow.commit()
    set_policy(ctx, None, "coop", "b", mapping_level=MappingLevel.COUNTS, shared_segments=["ritel"])
    return ctx


def test_reach_alone_with_partners_and_within_k(community: Context) -> None:
    report = actor_reach(community, the_user(community, "viewer@a"), "a", k=1)
    assert (report.alone.territories, report.alone.demand, report.alone.customers) == (1, 100, 2)
    partners = report.with_partners
    assert partners.partners == ("b", "c")
    assert (partners.combined.territories, partners.combined.demand) == (3, 600)
    assert (partners.added.territories, partners.added.demand) == (2, 500)
    # b shares counts of its 3 'ritel' records; c shares nothing: 3 added, shown as a bound.
    assert (partners.added.customers, partners.combined.customers) == ("< 5", "< 7")
    near = report.within_k
    assert near.partners == ("z",) and (near.combined.territories, near.combined.demand) == (2, 500)
    assert near.added.customers == 0
    with community.reader() as uow:
        trail = uow.audit.find_for("b")
    assert [(e.action, e.by_actor, e.cooperation) for e in trail] == [
        (REACH_COUNTED, "a", "coop"),
        ("policy.changed", "b", "coop"),
    ]
    # Asked again, the figures are those kept; the read is audited again all the same.
    assert actor_reach(community, the_user(community, "viewer@a"), "a", k=1) == report
    with community.reader() as uow:
        assert [e.action for e in uow.audit.find_for("b")].count(REACH_COUNTED) == 2
    set_policy(community, None, "coop", "b", shared_segments=[])
    again = actor_reach(community, None, "a", k=0)
    assert (again.with_partners.added.customers, again.with_partners.combined.customers) == (6, 8)
    assert again.within_k.partners == ()


def test_a_customer_both_hold_counts_once(community: Context) -> None:
    set_policy(community, None, "coop", "b", shared_segments=[])
    with community.uow() as uow:  # one shop in both lists, written differently
        persist(
            uow,
            customer("a", "a3", email="Toko.Maju@Gmail.com"),
            customer("b", "b-same", email=" toko.maju@gmail.com", phone="0812-3456-7890"),
            customer("b", "b-same-phone", phone="+62 812 3456 7890"),  # the same shop again
            customer("b", "b-other", email="lain@gmail.com"),  # a free-mail domain joins nothing
        )
        uow.commit()
    report = actor_reach(community, None, "a", k=0)
    assert report.alone.customers == 3
    # b holds 9 records: one shop twice, and that shop is a's a3 too: 7 customers a lacks.
    assert (report.with_partners.combined.customers, report.with_partners.added.customers) == (
        10,
        7,
    )


def test_structure_without_customers_and_hidden_from_others(community: Context) -> None:
    report = actor_reach(community, the_user(community, "coord@x"), "a")
    assert report.alone.customers is None and report.with_partners.combined.customers is None
    assert report.with_partners.combined.demand == 600
    with community.reader() as uow:
        assert [e.action for e in uow.audit.find_for("b")] == ["policy.changed"]
    for who, key in (("owner@z", "a"), ("owner@z", "nobody")):
        with pytest.raises(NotFound, match=f"actor '{key}' not found"):
            actor_reach(community, the_user(community, who), key)
    with pytest.raises(NotFound, match="tie type 'gossip' not found"):
        actor_reach(community, None, "a", tie_types=["gossip"])


def test_the_network_is_read_only_as_far_as_k_steps(ctx: Context) -> None:
    from datetime import date

    from jejaring.domain.actors import Visibility
    from jejaring.store.reach_read import read_ties_near
    from tests.factories import actor

    shown = Visibility.COMMUNITY
    with ctx.uow() as uow:
        persist(
            uow,
            *(actor(k) for k in "abcdx"),
            tie("a", "b", "knows", visibility=shown),
            tie("b", "c", "knows", visibility=shown),
            tie("c", "d", "knows", visibility=shown),
            tie("b", "x", "knows"),  # private, and not a's
            tie("a", "x", "trusts"),  # private, but a's own
        )
        uow.commit()
    with ctx.reader() as uow:
        near = read_ties_near(uow.session, "a", k=2, types=None, at=date(2026, 1, 1))
        knows = read_ties_near(uow.session, "a", k=3, types={"knows"}, at=date(2026, 1, 1))
    assert near.rows() == [("a", "b"), ("a", "x"), ("b", "c")]
    assert knows.rows() == [("a", "b"), ("b", "c"), ("c", "d")]


def test_the_search_sees_private_profiles_only_through_the_actors_own_ties(ctx: Context) -> None:
    from datetime import date

    from jejaring.domain.actors import Visibility
    from jejaring.store.reach_read import read_ties_near
    from tests.factories import actor

    shown, hidden = Visibility.COMMUNITY, Visibility.PRIVATE
    with ctx.uow() as uow:
        persist(
            uow,
            *(actor(k) for k in "abcr"),
            actor("p", visibility=hidden),
            actor("q", visibility=hidden),
            tie("a", "b", "knows", visibility=shown),
            tie("b", "p", "knows", visibility=shown),  # marked community, p's profile is not
            tie("a", "q", "knows"),  # a's own, to a private profile
            tie("q", "r", "knows", visibility=shown),  # q is private: not searched from
            tie("b", "c", "knows", visibility=shown, until=date(2025, 12, 31)),  # ended
        )
        uow.commit()
    with ctx.reader() as uow:
        near = read_ties_near(uow.session, "a", k=3, types=None, at=date(2026, 1, 1))
        from_p = read_ties_near(uow.session, "p", k=2, types=None, at=date(2026, 1, 1))
    assert near.rows() == [("a", "b"), ("a", "q")]
    assert from_p.rows() == [("a", "b"), ("b", "p")]  # p's own tie, then b's community one
