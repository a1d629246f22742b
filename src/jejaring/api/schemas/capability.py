"""Network capability, behaviour and KPIs of an actor; the community's aggregates."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

__all__ = [
    "ActorCapability",
    "ActorKpisPublic",
    "AdvicePublic",
    "BehaviourPublic",
    "CommunityCapability",
    "ReliabilityPublic",
    "RoundScores",
]


class RoundScores(BaseModel):
    """An actor's scores in one round (null where the instrument's rules leave them undefined)."""

    round: str = Field(examples=["2025-H1"])
    respondents: int
    components: dict[str, float | None]
    overall: float | None


class AdvicePublic(BaseModel):
    """Advice on the weakest component (translated), and the feature that exercises it."""

    component: str | None
    score: float | None
    text: str
    feature: str | None


class ActorCapability(BaseModel):
    """Round by round, oldest first; percentiles among the community's scored actors (>= 5)."""

    actor: str
    rounds: list[RoundScores]
    percentiles: dict[str, float | None]
    advice: AdvicePublic


class BehaviourPublic(BaseModel):
    """Behavioural indicators, their percentile ranks, component indices and the gap."""

    actor: str
    at: date
    values: dict[str, float | None]
    ranks: dict[str, float | None]
    index: dict[str, float | None]
    self_percentile: dict[str, float | None]
    gap: dict[str, float | None] = Field(description="self percentile - behavioural index")


class ReliabilityPublic(BaseModel):
    """Cronbach's alpha over n complete respondents and corrected item-total correlations."""

    alpha: float | None
    n: int
    item_total: dict[str, float | None]


class CommunityCapability(BaseModel):
    """Aggregates over the community's scored actors; null below 5 actors."""

    means: dict[str, float | None]
    reliability: dict[str, ReliabilityPublic]


class ActorKpisPublic(BaseModel):
    """An actor's KPIs over [start, end); see docs/capability.md for each formula."""

    actor: str
    start: date
    end: date
    figures: dict[str, float | int | None]
