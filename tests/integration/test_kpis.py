"""An actor's KPIs recomputed by hand, on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import update

from jejaring.domain.cooperation import CooperationStatus, MembershipStatus
from jejaring.domain.errors import InvalidValue, NotFound
from jejaring.domain.referrals import ReferralStatus
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.cooperation_kpis import cooperation_kpis
from jejaring.services.kpis import actor_kpis
from jejaring.store.repositories.activity import ActivityRepository
from jejaring.store.repositories.referrals import ReferralRepository
from jejaring.store.tables import TerritoryRow
from tests.factories import (
    AT,
    actor,
    booking,
    cooperation,
    member,
    membership,
    milestone,
    persist,
    post,
    project,
    referral,
    resource,
    territory,
    user,
)

START, END = date(2024, 4, 1), date(2024, 6, 1)  # 61 days
HOURS = 61 * 24


def _community(ctx: Context) -> None:
    ok = MembershipStatus.ACCEPTED
    with ctx.uow() as uow:
        persist(
            uow,
            territory("X1", demand=10.0),
            territory("X2", demand=5.0),
            actor("a", coverage=("X1",)),
            actor("b", coverage=("X1", "X2")),
            actor("c"),
            cooperation(status=CooperationStatus.ACTIVE),
            project(milestones=(milestone(done=True), milestone("Build"))),
            membership(actor="a", status=ok),
            membership(actor="b", status=ok),
            resource("r1", owner="b", capacity=10.0, cost_rate=2.0),
            resource("r2", owner="a", capacity=5.0, cost_rate=3.0),
            booking("r1", "a", hours=2, quantity=1.0),
            booking("r2", "b", hours=3, quantity=2.0, cooperation="coop"),
            referral("a", "b", "c", status=ReferralStatus.WON, value=100.0, cooperation="coop"),
            referral("b", "a", "c", status=ReferralStatus.INTRODUCED),
            referral("c", "a", "b", status=ReferralStatus.DECLINED),
            referral("a", "b", "c", created=datetime(2023, 1, 1, tzinfo=UTC)),  # before
            user("ani@example.com"),
            member(actor="a"),
            user("budi@example.com"),
            member("budi@example.com", actor="b"),
        )
        mine, _other, theirs = persist(uow, post(author="a"), post(author="a"), post(author="b"))
        assert mine is not None and theirs is not None
        uow.posts.mark_read(mine, "budi@example.com", AT)
        uow.posts.mark_read(mine, "ani@example.com", AT)  # its own user: not a partner's read
        uow.posts.mark_read(theirs, "ani@example.com", AT)
        uow.commit()


def test_kpis_by_hand(ctx: Context) -> None:
    _community(ctx)
    k = actor_kpis(ctx, None, "a", start=START, end=END)
    assert (k.partners, k.territories_alone, k.demand_alone) == (1, 1, 10.0)
    assert (k.territories_total, k.demand_total) == (2, 15.0)
    assert (k.territories_with_partners, k.demand_with_partners) == (2, 15.0)
    assert (k.territories_added, k.demand_added) == (1, 5.0)
    assert (k.referrals_sent, k.referrals_received, k.referrals_won) == (1, 2, 1)
    assert (k.value_won, k.value_given) == (100.0, 0.0)
    # Given: b's request, introduced; received: a's own request to b, won.
    assert (k.introductions_given, k.introductions_received, k.reciprocity_balance) == (1, 1, 0)
    assert k.utilisation == pytest.approx(2 * 3 / (5 * HOURS))
    assert k.cost_paid == pytest.approx(1 * 2 * 2.0) and k.cost_recovered == pytest.approx(18.0)
    assert k.cost_recovered_share == pytest.approx(18.0 / (5 * 3.0 * HOURS))
    assert (k.posts_sent, k.reads_of_own_posts, k.partner_posts_read) == (2, 1, 1)
    later = actor_kpis(ctx, None, "a", start=date(2025, 1, 1), end=date(2025, 2, 1))
    assert (later.referrals_sent, later.posts_sent, later.cost_paid) == (0, 0, 0.0)
    assert later.territories_with_partners == 2  # reach is today's, whatever the period


def test_kpis_follow_new_territories_and_demand(ctx: Context) -> None:
    # The territory hierarchy is kept on the context between requests: it must not go stale.
    _community(ctx)
    first = actor_kpis(ctx, None, "a")
    assert (first.territories_total, first.demand_total) == (2, 15.0)
    with ctx.uow() as uow:
        persist(uow, territory("X3", demand=7.0))
        uow.commit()
    added = actor_kpis(ctx, None, "a")
    assert (added.territories_total, added.demand_total) == (3, 22.0)
    with ctx.uow() as uow:
        uow.session.execute(
            update(TerritoryRow).where(TerritoryRow.code == "X2").values(demand=6.0)
        )
        uow.commit()
    changed = actor_kpis(ctx, None, "a")
    assert (changed.demand_total, changed.demand_with_partners) == (23.0, 16.0)


def test_kpis_are_the_actors_own(ctx: Context) -> None:
    _community(ctx)
    with ctx.reader() as uow:
        ani = uow.users.get("ani@example.com")
    assert actor_kpis(ctx, ani, "a", start=START, end=END).referrals_sent == 1
    with pytest.raises(NotFound, match="actor 'b' not found"):
        actor_kpis(ctx, ani, "b")
    with pytest.raises(InvalidValue):
        actor_kpis(ctx, None, "a", start=END, end=START)


def test_cooperation_kpis_by_hand(ctx: Context) -> None:
    _community(ctx)
    k = cooperation_kpis(ctx, None, "coop", start=START, end=END)
    assert k.members == 2
    # a covers X1 (10), b X1 and X2 (15): together 2 territories, 15; b is the best alone.
    assert (k.territories_together, k.demand_together) == (2, 15.0)
    assert (k.best_member_territories, k.best_member_demand) == (2, 15.0)
    assert (k.referrals, k.referrals_won, k.value_won) == (1, 1, 100.0)
    # Only b's booking of r2 was made within the cooperation: 2 units x 3 hours x 3.0.
    assert (k.bookings, k.booked_quantity_hours, k.booking_cost) == (1, 6.0, 18.0)
    assert (k.posts, k.reads) == (3, 3)
    assert (k.projects, k.milestones, k.milestones_done) == (1, 2, 1)
    empty = cooperation_kpis(ctx, None, "coop", start=date(2025, 1, 1), end=date(2025, 2, 1))
    assert (empty.referrals, empty.bookings, empty.posts, empty.reads) == (0, 0, 0, 0)
    with ctx.reader() as uow:
        ani = uow.users.get("ani@example.com")
    assert cooperation_kpis(ctx, ani, "coop").members == 2  # a member's user
    with ctx.uow() as uow:
        persist(uow, user("citra@example.com"), member("citra@example.com", actor="c"))
        uow.commit()
        citra = uow.users.get("citra@example.com")
    for key in ("coop", "nope"):
        with pytest.raises(NotFound, match=f"cooperation '{key}' not found"):
            cooperation_kpis(ctx, citra, key)


def test_kpis_count_a_booking_of_its_own_resource_once(ctx: Context) -> None:
    # Booked by the actor and of its resource: both halves of the bookings query match it.
    _community(ctx)
    with ctx.uow() as uow:
        persist(uow, booking("r2", "a", hours=4, quantity=1.0))
        uow.commit()
    k = actor_kpis(ctx, None, "a", start=START, end=END)
    assert k.utilisation == pytest.approx((2 * 3 + 1 * 4) / (5 * HOURS))
    assert k.cost_paid == pytest.approx(1 * 2 * 2.0) and k.cost_recovered == pytest.approx(18.0)


def test_a_post_or_a_booking_reads_only_its_part_of_the_kpis_again(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    _community(ctx)
    read: list[str] = []
    for repository, method in (
        (ActivityRepository, "partners_of"),
        (ActivityRepository, "bookings"),
        (ActivityRepository, "post_flow"),
        (ReferralRepository, "find_for"),
    ):
        original = getattr(repository, method)

        def counted(self: Any, *args: Any, _name: str = method, _f: Any = original) -> Any:
            read.append(_name)
            return _f(self, *args)

        monkeypatch.setattr(repository, method, counted)
    before = actor_kpis(ctx, None, "a", start=START, end=END)
    assert sorted(read) == ["bookings", "find_for", "partners_of", "post_flow"]
    read.clear()
    with ctx.uow() as uow:
        persist(uow, post(author="a"))
        uow.commit()
    posted = actor_kpis(ctx, None, "a", start=START, end=END)
    assert read == ["post_flow"]
    assert posted.posts_sent == before.posts_sent + 1
    read.clear()
    with ctx.uow() as uow:
        persist(uow, booking("r2", "a", hours=4, quantity=1.0))
        uow.commit()
    booked = actor_kpis(ctx, None, "a", start=START, end=END)
    assert read == ["bookings"]
    assert booked.utilisation == pytest.approx((2 * 3 + 4 * 1) / (5 * HOURS))
    nothing_kept = bootstrap(ctx.settings.model_copy(update={"read_cache_size": 0}))
    try:
        assert actor_kpis(nothing_kept, None, "a", start=START, end=END) == booked
    finally:
        nothing_kept.close()
