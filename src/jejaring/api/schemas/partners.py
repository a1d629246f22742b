"""Partner identification: the portfolio and the ranked candidates of one actor."""

from __future__ import annotations

from pydantic import BaseModel

from jejaring.services.partners import PartnerAnswer

__all__ = ["CandidatePublic", "PartnersPublic", "PortfolioEntryPublic"]


class PortfolioEntryPublic(BaseModel):
    """One pick: the demand it added when picked (gains add up), where, and why."""

    partner: str
    added_demand: float
    added_territories: list[str]
    reason: str


class CandidatePublic(BaseModel):
    """A ranked candidate: each component on [0, 1], the weighted score and the reason."""

    partner: str
    score: float
    coverage_gain: float
    customer_complementarity: float
    resource_complementarity: float
    proximity: float
    capability: float | None
    reason: str


class PartnersPublic(BaseModel):
    """``upper_bound`` is a certified bound on what any k partners could add."""

    actor: str
    k: int
    own_demand: float
    added_demand: float
    total_demand: float
    upper_bound: float
    portfolio: list[PortfolioEntryPublic]
    candidates: list[CandidatePublic]
    optimal: bool | None = None

    @classmethod
    def of(cls, answer: PartnerAnswer) -> PartnersPublic:
        # Without an exact solve ``optimal`` stays unset, and the route leaves it out.
        return cls.model_validate(answer.as_dict())
