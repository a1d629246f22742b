"""Who sees which capability figures (DESIGN section 5), on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from jejaring.domain.errors import NotFound
from jejaring.services.bootstrap import Context
from jejaring.services.capability import (
    community_means,
    peer_percentiles,
    reliability,
    scores,
    trend,
)
from tests.factories import actor, assessment, member, persist, user

ALL = {f"{c}{i}": 0 for c, n in (("C", 6), ("R", 4), ("K", 4), ("I", 5)) for i in range(1, n + 1)}


def _answers(value: int, **overrides: int) -> dict[str, int]:
    return {item: value for item in ALL} | overrides


def _community(ctx: Context, actors: str) -> None:
    with ctx.uow() as uow:
        persist(uow, *(actor(k) for k in actors), user("ani@example.com"), member(actor="a"))
        persist(uow, user("budi@example.com"), member("budi@example.com", actor="b"))
        for n, key in enumerate(actors):
            # One respondent per actor; 'a' answered in two rounds.
            persist(uow, assessment(key, answers=_answers(n + 1, C1=7 - n)))
        persist(uow, assessment("a", taken_at=date(2024, 11, 2), answers=_answers(3)))
        uow.commit()


def test_an_actor_sees_its_own_scores_and_trend_only(ctx: Context) -> None:
    _community(ctx, "abcdef")
    with ctx.reader() as uow:
        ani = uow.users.get("ani@example.com")
    assert ani is not None
    assert [s.actor for s in scores(ctx, ani)] == ["a"]
    mine = scores(ctx, ani, actor="a")[0]
    assert mine.round == "2024-H2" and mine.overall == 3.0
    # 2024-H1: C (7 + 5 * 1) / 6 = 2, R, K and I 1: overall 5/4.
    assert [(s.round, s.overall) for s in trend(ctx, ani, "a")] == [
        ("2024-H1", 1.25),
        ("2024-H2", 3.0),
    ]
    denials = (
        lambda: scores(ctx, ani, actor="b"),
        lambda: trend(ctx, ani, "b"),
        lambda: peer_percentiles(ctx, ani, "b"),
    )
    for denied in denials:
        with pytest.raises(NotFound) as missing:
            denied()
        # The same message as an actor with no assessment at all.
        assert str(missing.value) == "no assessment of actor 'b' found"
    with pytest.raises(NotFound, match="no assessment of actor 'zz' found"):
        scores(ctx, None, actor="zz")
    assert len(scores(ctx, None)) == 6  # the operator sees every actor


def test_percentiles_need_five_scored_actors(ctx: Context) -> None:
    _community(ctx, "abcd")
    with ctx.reader() as uow:
        ani = uow.users.get("ani@example.com")
    few = peer_percentiles(ctx, ani, "a")
    assert community_means(ctx, ani)["coordination"] is None
    assert few.peers["overall"] == 4 and few.ranks["overall"] is None
    with ctx.uow() as uow:
        persist(uow, actor("e"), assessment("e", answers=_answers(7)))
        uow.commit()
    assert community_means(ctx, ani)["overall"] == pytest.approx((3 + 13 / 6 + 37 / 12 + 4 + 7) / 5)
    five = peer_percentiles(ctx, ani, "a")
    # Latest overall scores: a 3 (H2); b (16/6 + 6) / 4 = 2.17; c (20/6 + 9) / 4 = 3.08; d 4;
    # e 7. One below a, none equal but itself: 100 * (1 + 1/2) / 5.
    assert five.peers["overall"] == 5 and five.ranks["overall"] == pytest.approx(30.0)


def test_reliability_is_an_aggregate_over_five_actors(ctx: Context) -> None:
    _community(ctx, "abcd")
    with ctx.reader() as uow:
        budi = uow.users.get("budi@example.com")
    hidden = reliability(ctx, budi)["coordination"]
    assert (hidden.alpha, hidden.n) == (None, 0)
    assert reliability(ctx, None)["coordination"].n == 4  # the operator sees it
    with ctx.uow() as uow:
        persist(uow, actor("e"), assessment("e", answers=_answers(7, C1=1)))
        uow.commit()
    shown = reliability(ctx, budi)["relational_skills"]
    assert shown.n == 5 and shown.actors == 5 and shown.alpha == pytest.approx(1.0)
