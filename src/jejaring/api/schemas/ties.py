"""Ties between actors."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from jejaring.domain.actors import Visibility
from jejaring.domain.ties import Tie

__all__ = ["TieCreate", "TiePublic", "TieUpdate", "TiesPublic"]


class TieCreate(BaseModel):
    """A tie of ``type`` (a key of ``/tie-types``) between two actors."""

    source: str = Field(max_length=64)
    target: str = Field(max_length=64)
    type: str = Field(max_length=64)
    weight: float = 1.0
    directed: bool = False
    since: date | None = None
    until: date | None = None
    visibility: Visibility = Visibility.PRIVATE

    def to_domain(self) -> Tie:
        return Tie(**self.model_dump())


class TieUpdate(BaseModel):
    """The fields to change; those left out keep their value."""

    weight: float | None = None
    since: date | None = None
    until: date | None = None
    visibility: Visibility | None = None

    def changes(self) -> dict[str, object]:
        """The fields sent; null clears only the dates (a tie always has a weight)."""
        sent = self.model_dump(exclude_unset=True)
        return {k: v for k, v in sent.items() if v is not None or k in {"since", "until"}}


class TiePublic(TieCreate):
    """A tie as its actors (or, when marked community, everyone) see it."""

    @classmethod
    def of(cls, t: Tie) -> TiePublic:
        return cls(
            source=t.source,
            target=t.target,
            type=t.type,
            weight=t.weight,
            directed=t.directed,
            since=t.since,
            until=t.until,
            visibility=t.visibility,
        )


class TiesPublic(BaseModel):
    """A page of ties; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[TiePublic]
    next_cursor: str | None
