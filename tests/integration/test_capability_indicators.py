"""Behavioural indicators from platform activity, by hand, on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from jejaring.domain.accounts import MAPPING_READ
from jejaring.domain.cooperation import CooperationStatus, MembershipStatus
from jejaring.domain.errors import NotFound
from jejaring.domain.posts import Forward
from jejaring.domain.referrals import ReferralStatus
from jejaring.services.bootstrap import Context
from jejaring.services.indicators import behaviour
from tests.factories import (
    AT,
    actor,
    assessment,
    audit_event,
    booking,
    contribution,
    cooperation,
    member,
    membership,
    milestone,
    persist,
    post,
    project,
    referral,
    resource,
    tie,
    user,
)

ACCEPTED = MembershipStatus.ACCEPTED
DAY = date(2025, 1, 1)


def _activity(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(
            uow,
            *(actor(k) for k in "abcdef"),
            cooperation(status=CooperationStatus.ACTIVE),
            membership(actor="a", status=ACCEPTED),
            membership(actor="b", status=ACCEPTED),
            membership(actor="c"),  # only invited
            resource("r1", owner="b"),
            booking("r1", "a"),
            booking("r1", "a", start=AT.replace(day=2)),
            project(milestones=(milestone(done=True), milestone("Build"), milestone("Run"))),
            contribution(member="a"),
            contribution(member="a", amount=5.0),  # the same project again
            tie("a", "b", weight=2.0, since=date(2021, 1, 1)),
            tie("c", "a", type="knows", weight=4.0),  # no since: not in the years
            tie("a", "d", "trusts", weight=3.0, since=date(2020, 1, 1), until=date(2024, 1, 1)),
            referral("b", "a", "c", status=ReferralStatus.WON),
            referral("c", "a", "b", status=ReferralStatus.DECLINED),
            referral("d", "a", "b", status=ReferralStatus.REQUESTED),  # not decided yet
            referral("e", "a", "b", status=ReferralStatus.INTRODUCED),
            user("ani@example.com"), member(actor="a"),
            user("adi@example.com"), member("adi@example.com", actor="a"),
            audit_event("b", by_actor="a", action=MAPPING_READ),
            audit_event("a", by_actor="a", action=MAPPING_READ),  # its own data: no knowledge
            audit_event("b", by_actor="a", action="policy.changed"),  # not a map read
        )  # fmt: skip
        first, _second, _own = persist(uow, post(author="b"), post(author="b"), post(author="a"))
        assert first is not None
        uow.posts.mark_read(first, "ani@example.com", AT)
        for by, to in [
            ("ani@example.com", "a"),
            ("adi@example.com", "a"),
            ("ani@example.com", "b"),
        ]:
            uow.forwards.add(Forward(first, by, to, AT))
        persist(uow, *(assessment(k, answers=_scores(n)) for n, k in enumerate("abcdef")))
        uow.commit()


def _scores(n: int) -> dict[str, int]:
    items = [f"C{i}" for i in range(1, 7)] + [f"R{i}" for i in range(1, 5)]
    items += [f"K{i}" for i in range(1, 5)] + [f"I{i}" for i in range(1, 6)]
    return dict.fromkeys(items, n + 1)


def test_indicators_by_their_formulas(ctx: Context) -> None:
    _activity(ctx)
    found = behaviour(ctx, None, "a", at=DAY)
    assert found.values == {
        "active_cooperations": 1,
        "confirmed_bookings": 2,
        "joint_projects": 1,
        "milestones_met_share": pytest.approx(1 / 3),
        "referral_acceptance_rate": pytest.approx(2 / 3),  # won + introduced / those + declined
        "mean_tie_strength": pytest.approx(3.0),  # (2 + 4 + 3) / 3
        "mean_tie_years": pytest.approx((DAY - date(2021, 1, 1)).days / 365.25),
        "partner_posts_read_share": pytest.approx(1 / 2),  # b's two posts, one read
        "account_map_reads": 1,
        "team_members": 2,
        "active_team_share": pytest.approx(1 / 2),
        "team_forwards": 1,  # b's first post, forwarded twice; b's own forward is not a's
    }
    # Six actors: a leads on bookings (b..f have 0): 100 * (5 + 1/2) / 6.
    assert found.ranks["confirmed_bookings"] == pytest.approx(550 / 6)
    # Only a has a milestone share: fewer than 5 actors, no rank.
    assert found.ranks["milestones_met_share"] is None
    # a's self-assessment is the lowest of six: 100 * (0 + 1/2) / 6.
    assert found.self_percentile["coordination"] == pytest.approx(50 / 6)
    index = found.index["coordination"]
    assert index is not None and found.gap["coordination"] == pytest.approx(50 / 6 - index)


def test_indicators_are_the_actors_own(ctx: Context) -> None:
    _activity(ctx)
    with ctx.reader() as uow:
        ani = uow.users.get("ani@example.com")
    assert behaviour(ctx, ani, "a", at=DAY).values["team_members"] == 2
    with pytest.raises(NotFound, match="actor 'b' not found"):
        behaviour(ctx, ani, "b", at=DAY)
    with pytest.raises(NotFound, match="actor 'zz' not found"):
        behaviour(ctx, None, "zz", at=DAY)


def test_an_indicator_everyone_shares_has_no_rank(ctx: Context) -> None:
    with ctx.uow() as uow:
        persist(uow, *(actor(k) for k in "abcde"), tie("a", "b", weight=2.0))
        uow.commit()
    found = behaviour(ctx, None, "a", at=DAY)
    assert found.values["confirmed_bookings"] == 0 and found.ranks["confirmed_bookings"] is None
    assert found.ranks["mean_tie_strength"] is None  # a and b only: fewer than 5 actors
    assert found.index["coordination"] is None and found.gap["coordination"] is None
