"""Network capability assessments: one respondent's answers under one instrument version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from jejaring.domain.actors import check_name
from jejaring.domain.errors import N_, InvalidValue

__all__ = ["Assessment"]


@dataclass(frozen=True, slots=True)
class Assessment:
    """Answers by item id (an integer on the instrument's scale; missing = not answered)."""

    actor: str
    instrument_version: str
    respondent: str
    taken_at: date
    # A mapping cannot be hashed: equality compares the answers, the hash leaves them out.
    answers: Mapping[str, int] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        check_name(self.respondent, field="respondent", max_length=200)
        if not self.instrument_version.strip():
            raise InvalidValue(N_("instrument_version: must not be empty"))
        for item, answer in self.answers.items():
            # bool is an int in Python, but True is no answer on a scale.
            if isinstance(answer, bool) or not isinstance(answer, int):
                raise InvalidValue(
                    N_("answers: item '{item}' must be an integer, got {value}"),
                    item=item,
                    value=answer,
                )
