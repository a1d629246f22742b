"""Use case: behavioural indicators of an actor beside its self-assessment, and the gap.

Indicators come in different units (counts, shares, years), and a self-assessment is on the
answer scale, so both are compared as standings in the community: an indicator's percentile
rank among all actors with a value for it (mid-rank, ``analytics.capability_stats``), a
component's *behavioural index* the mean of its indicators' ranks, and the self-assessment's
peer percentile among the scored actors. The gap is self percentile - behavioural index, in
percentile points: above 0 the actor rates itself higher than its activity shows.
Ranks exist only over at least 5 actors that are not all equal. Visible to the actor's own
users and the operator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jejaring.analytics.capability_stats import percentile_ranks
from jejaring.domain.accounts import User
from jejaring.domain.capability_indicators import INDICATORS, indicator_values
from jejaring.domain.capability_scores import mean
from jejaring.domain.errors import N_, NotFound
from jejaring.io.instruments import current_instrument
from jejaring.services.bootstrap import Context
from jejaring.services.capability import MIN_PEERS, own_actors, peer_percentiles

__all__ = ["Behaviour", "behaviour"]


@dataclass(frozen=True)
class Behaviour:
    """An actor's indicators, their ranks, the component indices, self percentiles and gaps."""

    actor: str
    at: date
    values: dict[str, float | None]
    ranks: dict[str, float | None]
    index: dict[str, float | None]
    self_percentile: dict[str, float | None]
    gap: dict[str, float | None]


def behaviour(ctx: Context, user: User | None, actor: str, *, at: date | None = None) -> Behaviour:
    """The actor's behavioural indicators measured on ``at`` (default today)."""
    day = at or date.today()
    with ctx.reader() as uow:
        own = own_actors(uow, user)
        keys = uow.activity.actor_keys_all()
        if actor not in keys or (own is not None and actor not in own):
            raise NotFound(N_("actor '{key}' not found"), key=actor)
        counts = uow.activity.counts()
    everyone = {k: indicator_values(counts, k, day) for k in keys}
    ranks: dict[str, float | None] = {}
    for name in INDICATORS:
        values = {k: v for k, row in everyone.items() if (v := row[name]) is not None}
        # An indicator on which every actor is equal tells nothing: it gets no rank.
        shown = len(values) >= MIN_PEERS and actor in values and len(set(values.values())) > 1
        ranks[name] = percentile_ranks(values, keys=[actor])[actor] if shown else None
    components = current_instrument().component_keys
    index = {
        c: mean(r for n, r in ranks.items() if INDICATORS[n] == c and r is not None)
        for c in components
    }
    try:
        self_rank = dict(peer_percentiles(ctx, user, actor).ranks)
    except NotFound:  # not assessed: the gap is undefined
        self_rank = dict.fromkeys(components)
    gap = {
        c: None if (s := self_rank.get(c)) is None or (b := index[c]) is None else s - b
        for c in components
    }
    self_only = {c: self_rank.get(c) for c in components}
    return Behaviour(actor, day, everyone[actor], ranks, index, self_only, gap)
