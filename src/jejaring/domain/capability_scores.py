"""Scoring answers exactly as the instrument's header says, so anyone can recompute them.

- an answer is an integer on the scale; a missing item is "not answered";
- a respondent's component score is the mean of that component's answered items, defined only
  when at least ``min_answered_share`` of its items are answered;
- a respondent's overall score is the mean of the four component scores, defined only when all
  of them are;
- an actor's score for a component (or overall) is the mean of its respondents' scores (those
  defined; undefined when none is).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from jejaring.domain.errors import N_, InvalidValue
from jejaring.domain.instrument import Instrument

__all__ = [
    "ActorScores",
    "RespondentScores",
    "actor_scores",
    "check_answers",
    "mean",
    "respondent_scores",
]

Scores = Mapping[str, float | None]


@dataclass(frozen=True, slots=True)
class RespondentScores:
    """One respondent's component scores (None: too few items answered) and overall score.

    ``exact`` keeps them as fractions (key ``"overall"`` too), so that an actor's mean is
    rounded once: (4.8 + 4.6) / 2 is 4.7, not 4.699999999999999.
    """

    components: Scores
    overall: float | None
    exact: Mapping[str, Fraction | None] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class ActorScores:
    """An actor's scores: means over its respondents; ``respondents`` counts every one."""

    respondents: int
    components: Scores
    overall: float | None


def mean(values: Iterable[float | Fraction]) -> float | None:
    """The arithmetic mean, None for no values (computed exactly, then rounded once)."""
    exact = _exact_mean(values)
    return None if exact is None else float(exact)


def _exact_mean(values: Iterable[float | Fraction]) -> Fraction | None:
    exact = [Fraction(v) for v in values]
    return sum(exact, Fraction(0)) / len(exact) if exact else None


def check_answers(instrument: Instrument, answers: Mapping[str, int]) -> None:
    """InvalidValue for an item the instrument lacks or an answer outside its scale."""
    known = set(instrument.item_ids)
    for item, answer in answers.items():
        if item not in known:
            raise InvalidValue(
                N_("item '{item}' is not in instrument {version}"),
                item=item,
                version=instrument.version,
            )
        if isinstance(answer, bool) or not isinstance(answer, int):
            raise InvalidValue(N_("answer to '{item}' must be an integer"), item=item)
        if not instrument.scale.holds(answer):
            raise InvalidValue(
                N_("answer to '{item}' must be {low} to {high}, got {value}"),
                item=item,
                low=instrument.scale.low,
                high=instrument.scale.high,
                value=answer,
            )


def respondent_scores(instrument: Instrument, answers: Mapping[str, int]) -> RespondentScores:
    """Score one respondent's answers (checked first with ``check_answers``)."""
    check_answers(instrument, answers)
    exact: dict[str, Fraction | None] = {}
    for key in instrument.component_keys:
        items = instrument.items_of(key)
        given = [answers[i] for i in items if i in answers]
        # Exact comparison: 5 of 6 items (0.833) is enough at 0.75, 4 of 6 (0.667) is not.
        enough = Fraction(len(given), len(items)) >= instrument.min_answered_share
        exact[key] = _exact_mean(given) if enough else None
    defined = [v for v in exact.values() if v is not None]
    exact["overall"] = _exact_mean(defined) if len(defined) == len(instrument.components) else None
    floats = {k: None if v is None else float(v) for k, v in exact.items()}
    overall = floats.pop("overall")
    return RespondentScores(floats, overall, exact)


def actor_scores(instrument: Instrument, respondents: Sequence[RespondentScores]) -> ActorScores:
    """Means over the respondents whose score is defined, component by component."""

    def values(r: RespondentScores, key: str) -> float | Fraction | None:
        if key in r.exact:
            return r.exact[key]
        return r.overall if key == "overall" else r.components.get(key)

    keys = [*instrument.component_keys, "overall"]
    means = {k: mean(v for r in respondents if (v := values(r, k)) is not None) for k in keys}
    overall = means.pop("overall")
    components = means
    return ActorScores(len(respondents), components, overall)
