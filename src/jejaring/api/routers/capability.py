"""An actor's capability, behaviour and KPIs (its own users), and the community's aggregates."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from fastapi import APIRouter, Response

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.kept import Kept
from jejaring.api.schemas.capability import (
    ActorCapability,
    ActorKpisPublic,
    AdvicePublic,
    BehaviourPublic,
    CommunityCapability,
    ReliabilityPublic,
    RoundScores,
)
from jejaring.services.advice import advise
from jejaring.services.capability import community_means, peer_percentiles, reliability, trend
from jejaring.services.indicators import behaviour
from jejaring.services.kpis import actor_kpis
from jejaring.store.changes import actor_scope

__all__ = ["router"]

router = APIRouter(tags=["capability"])


@router.get("/actors/{key}/capability", response_model=ActorCapability)
def get_capability(ctx: Ctx, user: CurrentUser, key: str) -> ActorCapability:
    rounds = trend(ctx, user, key)
    advice = advise(ctx, user, key)
    return ActorCapability(
        actor=key,
        rounds=[RoundScores(**asdict(r)) for r in rounds],
        percentiles=peer_percentiles(ctx, user, key).ranks,
        advice=AdvicePublic(
            component=advice.component, score=advice.score, text=advice.text, feature=advice.feature
        ),
    )


@router.get("/actors/{key}/behaviour", response_model=BehaviourPublic)
def get_behaviour(ctx: Ctx, user: CurrentUser, key: str, at: date | None = None) -> BehaviourPublic:
    return BehaviourPublic(**asdict(behaviour(ctx, user, key, at=at)))


@router.get("/actors/{key}/kpis", response_model=ActorKpisPublic)
def get_kpis(
    ctx: Ctx,
    user: CurrentUser,
    keep: Kept,
    key: str,
    start: date | None = None,
    end: date | None = None,
) -> Response:
    def answer() -> ActorKpisPublic:
        figures = asdict(actor_kpis(ctx, user, key, start=start, end=end))
        return ActorKpisPublic(
            actor=figures.pop("actor"),
            start=figures.pop("start"),
            end=figures.pop("end"),
            figures=figures,
        )

    # The KPIs read posts and bookings for this actor only (a post of another actor counts
    # only once one of its users reads it, which writes a receipt).
    mine = actor_scope(key)
    return keep(answer, scopes={"post": mine, "booking": mine})


@router.get("/capability/community", response_model=CommunityCapability)
def get_community(ctx: Ctx, user: CurrentUser) -> CommunityCapability:
    return CommunityCapability(
        means=community_means(ctx, user),
        reliability={
            k: ReliabilityPublic(**r.as_dict()) for k, r in reliability(ctx, user).items()
        },
    )
