"""Use cases: capability scores, trends, peer percentiles and reliability, with who may see what.

DESIGN section 5: an actor's assessments (answers and scores) are seen by its own users; anyone
else sees only aggregates over at least ``MIN_PEERS`` actors, and a denied read looks exactly
like a missing one. ``user=None`` is the operator of the database (the command line), who sees
everything. An actor's score is that of its latest round (``domain.capability_rounds``), each
assessment scored under the instrument version it was given under.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jejaring.analytics.capability_stats import cronbach_alpha, item_total, percentile_ranks
from jejaring.domain.accounts import User
from jejaring.domain.capability import Assessment
from jejaring.domain.capability_rounds import by_round, check_round, latest_rounds
from jejaring.domain.capability_scores import actor_scores, respondent_scores
from jejaring.domain.errors import N_, NotFound
from jejaring.io.instruments import current_instrument, instrument
from jejaring.services.bootstrap import Context
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "MIN_PEERS",
    "CapabilityScores",
    "Percentiles",
    "Reliability",
    "community_means",
    "own_actors",
    "peer_percentiles",
    "reliability",
    "score_groups",
    "scores",
    "trend",
]

MIN_PEERS = 5  # actors an aggregate must span before anyone but the actors' users sees it


@dataclass(frozen=True)
class CapabilityScores:
    """An actor's scores in one round (None where the instrument's rules leave them undefined)."""

    actor: str
    round: str
    respondents: int
    components: dict[str, float | None]
    overall: float | None

    def as_dict(self) -> dict[str, Any]:
        """``{actor, respondents, <component>..., overall}``."""
        return {"actor": self.actor, "respondents": self.respondents, **self.components} | {
            "overall": self.overall
        }


@dataclass(frozen=True)
class Percentiles:
    """An actor's percentile rank per component among the community's scored actors.

    ``peers`` counts the actors with that score; a rank is None when they are fewer than 5.
    """

    actor: str
    ranks: dict[str, float | None]
    peers: dict[str, int]


@dataclass(frozen=True)
class Reliability:
    """Cronbach's alpha over ``n`` complete respondents and corrected item-total correlations."""

    alpha: float | None
    n: int
    item_total: dict[str, float | None]
    actors: int

    def as_dict(self) -> dict[str, Any]:
        return {"alpha": self.alpha, "n": self.n, "item_total": self.item_total}


def own_actors(uow: UnitOfWork, user: User | None) -> set[str] | None:
    """The actors ``user`` belongs to (as in ``services.directory``); None: every actor."""
    if user is None:
        return None
    return {m.actor for m in uow.users.memberships(user.email)}


def score_groups(actor: str, name: str, group: list[Assessment]) -> CapabilityScores:
    """Score one actor's round: every respondent under its own instrument version."""
    current = current_instrument()
    scored = [respondent_scores(instrument(a.instrument_version), a.answers) for a in group]
    result = actor_scores(current, scored)
    return CapabilityScores(
        actor, name, result.respondents, dict(result.components), result.overall
    )


def _latest(assessments: Iterable[Assessment], at_round: str | None) -> list[CapabilityScores]:
    chosen = latest_rounds(by_round(assessments), at_round=at_round)
    return [score_groups(actor, name, group) for actor, (name, group) in sorted(chosen.items())]


def _missing(actor: str) -> NotFound:
    return NotFound(N_("no assessment of actor '{key}' found"), key=actor)


def scores(
    ctx: Context, user: User | None, *, actor: str | None = None, at_round: str | None = None
) -> list[CapabilityScores]:
    """Each visible actor's scores in its latest round (or in ``at_round``), by actor key."""
    if at_round is not None:
        check_round(at_round)
    with ctx.reader() as uow:
        own = own_actors(uow, user)
        if actor is not None and own is not None and actor not in own:
            raise _missing(actor)
        found = uow.assessments.find(actor=actor)
    result = [s for s in _latest(found, at_round) if own is None or s.actor in own]
    if actor is not None and not result:
        raise _missing(actor)
    return result


def trend(ctx: Context, user: User | None, actor: str) -> list[CapabilityScores]:
    """The actor's scores round by round, oldest first."""
    with ctx.reader() as uow:
        own = own_actors(uow, user)
        found = [] if own is not None and actor not in own else uow.assessments.find(actor=actor)
    if not found:
        raise _missing(actor)
    return [score_groups(a, name, g) for (a, name), g in sorted(by_round(found).items())]


def peer_percentiles(ctx: Context, user: User | None, actor: str) -> Percentiles:
    """Where the actor's latest scores stand among every scored actor of the community."""
    with ctx.reader() as uow:
        own = own_actors(uow, user)
        if own is not None and actor not in own:
            raise _missing(actor)
        everyone = _latest(uow.assessments.find(), None)
    mine = next((s for s in everyone if s.actor == actor), None)
    if mine is None:
        raise _missing(actor)
    ranks: dict[str, float | None] = {}
    peers: dict[str, int] = {}
    for key in [*mine.components, "overall"]:
        values = {
            s.actor: v
            for s in everyone
            if (v := (s.overall if key == "overall" else s.components.get(key))) is not None
        }
        peers[key] = len(values)
        shown = len(values) >= MIN_PEERS and actor in values
        ranks[key] = percentile_ranks(values, keys=[actor])[actor] if shown else None
    return Percentiles(actor, ranks, peers)


def community_means(ctx: Context, user: User | None) -> dict[str, float | None]:
    """Mean latest score per component and overall over the scored actors (None below 5)."""
    with ctx.reader() as uow:
        everyone = _latest(uow.assessments.find(), None)
    means: dict[str, float | None] = {}
    for key in [*current_instrument().component_keys, "overall"]:
        values = [
            v
            for s in everyone
            if (v := (s.overall if key == "overall" else s.components.get(key))) is not None
        ]
        means[key] = sum(values) / len(values) if len(values) >= MIN_PEERS else None
    return means


def reliability(
    ctx: Context, user: User | None, *, version: str | None = None
) -> dict[str, Reliability]:
    """Per component of ``version`` (default the current one), over every actor's latest round.

    Only respondents with every item of the component answered count (the instrument's rule).
    For anyone but the operator a component spanning fewer than 5 actors shows no figures.
    """
    inst = instrument(version) if version is not None else current_instrument()
    with ctx.reader() as uow:
        found = uow.assessments.find()
    chosen = latest_rounds(by_round(a for a in found if a.instrument_version == inst.version))
    respondents = [(actor, a) for actor, (_round, group) in chosen.items() for a in group]
    result: dict[str, Reliability] = {}
    for key in inst.component_keys:
        items = inst.items_of(key)
        complete = [(actor, a) for actor, a in respondents if all(i in a.answers for i in items)]
        actors = len({actor for actor, _a in complete})
        if user is not None and actors < MIN_PEERS:
            result[key] = Reliability(None, 0, dict.fromkeys(items), 0)
            continue
        matrix = [[a.answers[i] for i in items] for _actor, a in complete]
        correlations = item_total(matrix) if matrix else [None] * len(items)
        alpha = cronbach_alpha(matrix) if matrix else None
        result[key] = Reliability(
            alpha, len(matrix), dict(zip(items, correlations, strict=True)), actors
        )
    return result
