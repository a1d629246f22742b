"""Network capability assessments: one respondent's answers under one instrument version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["Assessment"]


@dataclass(frozen=True, slots=True)
class Assessment:
    """Answers by item id (an integer on the instrument's scale; missing = not answered)."""

    actor: str
    instrument_version: str
    respondent: str
    taken_at: date
    answers: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.respondent.strip():
            raise InvalidValue(N_("respondent: must not be empty"))
