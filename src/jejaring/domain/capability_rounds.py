"""Survey rounds: an actor's respondents answer once per round, a calendar half-year.

A round is named ``2024-H1`` (January to June) or ``2024-H2`` (July to December). Within a
round, a respondent who answered twice counts once, with the later answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from jejaring.domain.capability import Assessment
from jejaring.domain.errors import N_, InvalidValue

__all__ = ["by_round", "check_round", "latest_rounds", "round_of"]


def round_of(taken_at: date) -> str:
    """The round a date falls in: ``YYYY-H1`` or ``YYYY-H2``."""
    return f"{taken_at.year}-H{1 if taken_at.month <= 6 else 2}"


def check_round(name: str) -> str:
    """``name`` when it names a round (``2024-H1``), else InvalidValue."""
    year, _dash, half = name.partition("-H")
    if not (len(year) == 4 and year.isdigit() and half in ("1", "2")):
        raise InvalidValue(N_("'{value}' is not a round: write YYYY-H1 or YYYY-H2"), value=name)
    return name


def by_round(assessments: Iterable[Assessment]) -> dict[tuple[str, str], list[Assessment]]:
    """(actor, round) -> each respondent's latest assessment in it, ordered by respondent."""
    latest: dict[tuple[str, str], dict[str, Assessment]] = defaultdict(dict)
    for a in assessments:
        group = latest[(a.actor, round_of(a.taken_at))]
        kept = group.get(a.respondent)
        if kept is None or a.taken_at >= kept.taken_at:
            group[a.respondent] = a
    return {
        key: [group[r] for r in sorted(group)]
        for key, group in sorted(latest.items(), key=lambda kv: kv[0])
    }


def latest_rounds(
    rounds: dict[tuple[str, str], list[Assessment]], *, at_round: str | None = None
) -> dict[str, tuple[str, list[Assessment]]]:
    """actor -> (its latest round, or ``at_round`` when given and held, and its assessments)."""
    chosen: dict[str, tuple[str, list[Assessment]]] = {}
    for (actor, name), group in rounds.items():
        if at_round is not None and name != at_round:
            continue
        if actor not in chosen or name > chosen[actor][0]:
            chosen[actor] = (name, group)
    return chosen
