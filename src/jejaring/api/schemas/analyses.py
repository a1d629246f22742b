"""Stored analyses and their per-actor measures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, create_model

from jejaring.analytics.metrics import INTEGER_COLUMNS
from jejaring.domain.analyses import Analysis, Grouping, Layer, Scope
from jejaring.i18n import _
from jejaring.services.analyses import SORTABLE

__all__ = [
    "ActorMeasures",
    "ActorMeasuresPage",
    "AnalysesPublic",
    "AnalysisCreate",
    "AnalysisPublic",
]


class LayerPublic(BaseModel):
    """The view of the network that was measured."""

    tie_types: list[str] = Field(description="with their sub-types; empty for every type")
    at: date | None = Field(description="only ties valid on this day")
    directed: bool
    weighted: bool
    co_membership: bool = Field(description="member-of ties projected onto the members")
    scope: Scope
    group: Grouping | None = Field(description="actor attribute of the brokerage roles")


class AnalysisCreate(BaseModel):
    """A layer to measure, and the key to store the results under (default: the time)."""

    tie_types: list[str] = Field(default=[], max_length=50, description="empty: every type")
    at: date | None = Field(default=None, description="only ties valid on this day")
    directed: bool = False
    weighted: bool = True
    co_membership: bool = False
    scope: Scope = Scope.COMMUNITY
    group: Grouping | None = None
    key: str | None = Field(default=None, min_length=1, max_length=64)
    seed: int = Field(default=0, ge=0)

    def layer(self) -> Layer:
        return Layer(
            tie_types=tuple(self.tie_types),
            at=self.at,
            directed=self.directed,
            weighted=self.weighted,
            co_membership=self.co_membership,
            scope=self.scope,
            group=self.group,
        )


class AnalysisPublic(BaseModel):
    """An analysis: its layer, size, whole-network summary and warnings (translated)."""

    key: str
    created_at: datetime
    layer: LayerPublic
    actors: int
    ties: int
    seed: int
    pivots: int | None = Field(description="sampled sources when path measures were estimated")
    summary: dict[str, float | int | None]
    warnings: list[str]

    @classmethod
    def of(cls, a: Analysis) -> AnalysisPublic:
        warnings = [_(template).format(**params) for template, params in a.notices]
        return cls.model_validate(a.as_dict() | {"warnings": warnings})


class AnalysesPublic(BaseModel):
    """The analyses the caller may read, newest first."""

    items: list[AnalysisPublic]


def _measure_type(name: str) -> Any:
    return (int | None) if name in INTEGER_COLUMNS else (float | None)


_FIELDS: dict[str, Any] = {name: (_measure_type(name), None) for name in SORTABLE[1:]}
ActorMeasures: Any = create_model(
    "ActorMeasures",
    __doc__="One actor's measures; null where a measure is undefined (or not computed).",
    actor=(str, ...),
    **_FIELDS,
)


class ActorMeasuresPage(BaseModel):
    """A page of actors; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[ActorMeasures]
    next_cursor: str | None
