"""Use case: who should an actor cooperate with to reach territories and customers it lacks?

The answer has two parts (DESIGN §6). The **portfolio**: at most k partners chosen to add the
most demand the actor does not cover (weighted maximum coverage; lazy greedy with a certified
upper bound, or the MILP with ``exact``), each pick with its marginal gain and a sentence a
person can check. The **candidates**: the best-scoring actors, each component of the score
reported separately. Ties between equal gains go to the nearer candidate over the trust
layer, then the smaller key.

Who may ask: the operator (``user`` None), the actor's own users, coordinators and admins;
anyone else is told the actor does not exist. A candidate's capability is an individual
assessment result, which only its own users and administrators may see (DESIGN §5): for other
askers the component is unknown and left out of the score for every candidate alike.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np
import polars as pl
import scipy.sparse as sp

from jejaring.analytics.partners import (
    DEFAULT_WEIGHTS,
    combine,
    common_neighbours,
    coverage_gains,
    customer_complementarity,
    hops_from,
    reaching_top,
    resource_complementarity,
    scaled,
)
from jejaring.analytics.portfolio import Portfolio, Universe, batch_portfolios, exact_portfolio
from jejaring.analytics.portfolio import greedy_portfolio as greedy
from jejaring.domain.accounts import PlatformRole, User
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.io.instruments import current_instrument
from jejaring.services.bootstrap import Context
from jejaring.services.capability import scores as capability_scores
from jejaring.services.engines import Engine, require_spark, spark_portfolio_table
from jejaring.services.partner_data import PartnerData, load_partner_data
from jejaring.services.partner_reasons import Reasons
from jejaring.services.read_cache import SNAPSHOTS, kept

__all__ = [
    "DEFAULT_TRUST_TYPES",
    "DEFAULT_WEIGHTS",
    "Candidate",
    "PartnerAnswer",
    "PartnerQuery",
    "PortfolioEntry",
    "all_portfolios",
    "find_partners",
    "parse_weights",
]


def _searches() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="search")


# Searches of the trust layer, one beside each query's scoring (see find_partners); a forked
# process has none of its parent's threads, so it starts its own pool.
_SEARCHES = _searches()


def _after_fork() -> None:
    global _SEARCHES
    _SEARCHES = _searches()


os.register_at_fork(after_in_child=_after_fork)

# Ties that carry trust between firms: the proximity layer unless the asker picks another.
DEFAULT_TRUST_TYPES = ("trusts", "partner_of", "kinship", "knows")


@dataclass(frozen=True)
class PartnerQuery:
    """What to compute for ``actor``; ``limit`` is how many ranked candidates to list."""

    actor: str
    k: int = 5
    exact: bool = False
    time_limit: float | None = 60.0
    tie_types: tuple[str, ...] = DEFAULT_TRUST_TYPES
    exclude_competitors: bool = False
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    limit: int = 20

    @classmethod
    def of(
        cls, actor: str, *, tie_types: Sequence[str] | None, weights: str, **options: Any
    ) -> PartnerQuery:
        """From an entry point's options: no tie types is the trust layer, weights as text."""
        layer = tuple(tie_types or DEFAULT_TRUST_TYPES)
        return cls(actor, tie_types=layer, weights=parse_weights(weights), **options)


@dataclass(frozen=True)
class PortfolioEntry:
    partner: str
    added_demand: float
    added_territories: list[str]
    reason: str


@dataclass(frozen=True)
class Candidate:
    partner: str
    score: float
    coverage_gain: float
    customer_complementarity: float
    resource_complementarity: float
    proximity: float
    capability: float | None
    reason: str


@dataclass(frozen=True)
class PartnerAnswer:
    actor: str
    k: int
    own_demand: float
    added_demand: float
    total_demand: float
    upper_bound: float
    portfolio: list[PortfolioEntry]
    candidates: list[Candidate]
    optimal: bool | None = None  # only for an exact solve

    def as_dict(self) -> dict[str, Any]:
        """The answer's JSON shape; ``optimal`` only when the MILP was asked for."""
        data = asdict(self)
        if self.optimal is None:
            del data["optimal"]
        return data


def parse_weights(text: str) -> dict[str, float]:
    """``coverage=0.5,proximity=0.3`` over the defaults; InvalidValue names a bad part."""
    weights = dict(DEFAULT_WEIGHTS)
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        try:
            number = float(value) if sep else math.nan
        except ValueError:
            number = -1.0
        _check_weight(name.strip(), number, part)
        weights[name.strip()] = number
    return weights


def _check_weight(name: str, weight: float, part: str) -> None:
    if name not in DEFAULT_WEIGHTS or math.isnan(weight):
        raise InvalidValue(
            N_("weights: '{part}' is not component=number (components: {names})"),
            part=part,
            names=", ".join(DEFAULT_WEIGHTS),
        )
    if not (weight >= 0 and math.isfinite(weight)):
        raise InvalidValue(N_("weights: '{part}' needs a number >= 0"), part=part)


def find_partners(
    ctx: Context,
    user: User | None,
    query: PartnerQuery,
    *,
    capability: Callable[[list[str]], dict[str, float]] | None = None,
    on: date | None = None,
) -> PartnerAnswer:
    """The portfolio and ranked candidates for ``query.actor`` as ``user`` may see them.

    ``capability(keys)`` gives known overall capability scores on [0, 1] by actor key; by
    default the stored assessments' latest overall scores, rescaled from the answer scale.
    """
    _check(query)
    ctx.require_schema()
    _authorise(ctx, user, query.actor)
    data = load_partner_data(ctx, query.actor, query.tie_types, on=on or date.today())
    C, G = data.coverage, data.network
    a = C.row(query.actor)
    # The search runs in compiled code without the GIL: beside the scoring that needs no hops.
    search = _SEARCHES.submit(hops_from, G, a, data.own_ties)
    allowed = _candidates(data, a, query.exclude_competitors)
    U = data.universe
    gains = coverage_gains(U, a)
    customers = _customers(data, query.actor, a)
    resources = resource_complementarity(data.kinds, a)
    hops = search.result()
    tie_break = np.minimum(hops, G.n + 1.0)  # the unreachable last
    if query.exact:
        found = exact_portfolio(
            U, None, a, query.k, candidates=allowed, tie_break=tie_break,
            time_limit=query.time_limit,
        )  # fmt: skip
    else:
        found = greedy(U, None, a, query.k, candidates=allowed, tie_break=tie_break)
    components = {
        "coverage": scaled(gains, allowed),
        "customers": scaled(customers, allowed),
        "resources": resources,
        "proximity": _proximity(hops, a),
        "capability": _capability(
            ctx, C.keys, (capability or _stored_capability(ctx)) if _sees_capability(user) else None
        ),
    }
    score = combine(components, query.weights)
    reasons = Reasons(data, a, hops, gains=gains, customers=customers)
    return PartnerAnswer(
        actor=query.actor,
        k=query.k,
        own_demand=found.own_demand,
        added_demand=found.added_demand,
        total_demand=found.total_demand,
        upper_bound=found.upper_bound,
        portfolio=_entries(found, data, reasons),
        candidates=_ranked(data, components, score, allowed, hops, query.limit, reasons),
        optimal=found.optimal if query.exact else None,
    )


def all_portfolios(
    ctx: Context,
    *,
    k: int,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    engine: Engine = Engine.LOCAL,
    master: str | None = None,
) -> pl.DataFrame:
    """Every community actor's greedy portfolio, one row each, sorted by actor.

    Columns: ``actor, own_demand, added_demand, total_demand, upper_bound, partners, gains``
    (the last two ``;``-separated in pick order). Candidates are the community's actors;
    equal gains go to the smaller key (per-actor proximity is not part of the batch).
    ``workers`` processes share the batch, one per core by default; with the ``spark``
    engine Spark executors on ``master`` do (the table is the same).
    """
    _check(PartnerQuery("-", k=k))
    ctx.require_schema()
    if engine is Engine.SPARK:
        require_spark()  # before reading the community, not after
    data = load_partner_data(ctx, None, DEFAULT_TRUST_TYPES)
    C = data.coverage
    pool = np.flatnonzero(data.pool)  # the community's actors, in key order
    keys = [C.keys[i] for i in pool.tolist()]
    covers = sp.csr_array(C.covers[pool])
    if engine is Engine.SPARK:
        table = spark_portfolio_table(covers, C.demand, k, master=master)
    else:
        workers = workers or os.cpu_count() or 1
        universe = Universe(covers, C.demand).prepare()
        table = batch_portfolios(universe, None, k, progress=progress, workers=workers)
    rows = [table[i] for i in range(len(table))]
    return pl.DataFrame(
        {
            "actor": keys,
            "own_demand": table.own_demand,
            "added_demand": table.added_demand,
            "total_demand": np.full(len(keys), table.total_demand),
            "upper_bound": table.upper_bound,
            "partners": [";".join(keys[p.actor] for p in r.picks) for r in rows],
            "gains": [";".join(f"{p.gain:.6g}" for p in r.picks) for r in rows],
        }
    )


def _check(query: PartnerQuery) -> None:
    if not 1 <= query.k <= 100:
        raise InvalidValue(N_("k: must be between 1 and 100, got {k}"), k=query.k)
    if not 1 <= query.limit <= 1000:
        raise InvalidValue(N_("limit: must be between 1 and 1000"))
    if query.time_limit is not None and not query.time_limit > 0:
        raise InvalidValue(N_("time limit: must be more than 0 seconds"))
    for name, weight in query.weights.items():
        _check_weight(name, weight, f"{name}={weight}")
    if not any(w > 0 for w in query.weights.values()):
        raise InvalidValue(N_("weights: at least one must be above 0"))


def _authorise(ctx: Context, user: User | None, actor: str) -> None:
    if user is None or {PlatformRole.ADMIN, PlatformRole.COORDINATOR} & set(user.platform_roles):
        return
    with ctx.reader() as uow:
        own = {m.actor for m in uow.users.memberships(user.email)}
    if actor not in own:
        raise NotFound(N_("actor '{key}' not found"), key=actor)


def _sees_capability(user: User | None) -> bool:
    return user is None or PlatformRole.ADMIN in user.platform_roles


def _candidates(data: PartnerData, a: int, exclude_competitors: bool) -> np.ndarray:
    allowed = data.pool.copy()
    allowed[a] = False
    sector = data.sectors[a]
    if exclude_competitors and sector >= 0:
        allowed &= data.sectors != sector
    return allowed


def _customers(data: PartnerData, actor: str, a: int) -> np.ndarray:
    """Candidates' customers in the focal actor's segments where it is absent (counts)."""
    start, stop = data.count_rows[a], data.count_rows[a + 1]
    segments = set(data.counts["segment"].slice(start, stop - start).drop_nulls().to_list())
    return customer_complementarity(
        data.coverage,
        actor,
        data.customers,
        declared=data.declared.get(actor, []),
        segments=segments,
    )


def _stored_capability(ctx: Context) -> Callable[[list[str]], dict[str, float]]:
    """Latest overall scores on [0, 1], kept on ``ctx`` like the community snapshot."""

    def scores() -> dict[str, float]:
        scale = current_instrument().scale
        span = scale.high - scale.low
        return {
            s.actor: (s.overall - scale.low) / span
            for s in capability_scores(ctx, None)
            if s.overall is not None
        }

    def known(keys: list[str]) -> dict[str, float]:
        return kept(ctx, _CAPABILITY, scores, kind=SNAPSHOTS)

    return known


_CAPABILITY = ("partner-capability",)


def _proximity(hops: np.ndarray, actor: int) -> np.ndarray:
    with np.errstate(divide="ignore"):
        found: np.ndarray = 1.0 / hops  # 0 where unreachable
    found[actor] = 0.0
    return found


def _capability(
    ctx: Context, keys: list[str], capability: Callable[[list[str]], dict[str, float]] | None
) -> np.ndarray:
    if capability is None:
        return np.full(len(keys), np.nan)
    scores = capability(keys)
    if not scores:
        return np.full(len(keys), np.nan)
    # The stored scores come back as the same dict while unchanged: align them once.
    kept = ctx.memo.get(_ALIGNED)
    if kept is not None and kept[0] is keys and kept[1] is scores:
        found: np.ndarray = kept[2]
        return found
    known = pl.DataFrame({"key": list(scores), "score": list(scores.values())})
    aligned = pl.DataFrame({"key": keys}).join(known, on="key", how="left", maintain_order="left")
    found = aligned["score"].fill_null(np.nan).to_numpy().astype(np.float64)
    ctx.memo[_ALIGNED] = (keys, scores, found)
    return found


_ALIGNED = ("partner-capability-aligned",)


def _entries(found: Portfolio, data: PartnerData, reasons: Reasons) -> list[PortfolioEntry]:
    C = data.coverage
    return [
        PortfolioEntry(
            partner=C.keys[pick.actor],
            added_demand=pick.gain,
            added_territories=[C.codes[C.universe[t]] for t in sorted(pick.territories)],
            reason=reasons.pick(pick.actor, pick.territories, pick.gain),
        )
        for pick in found.picks
    ]


def _ranked(
    data: PartnerData,
    components: dict[str, np.ndarray],
    score: np.ndarray,
    allowed: np.ndarray,
    hops: np.ndarray,
    limit: int,
    reasons: Reasons,
) -> list[Candidate]:
    rows = reaching_top(score, allowed, limit)
    # Best score first, then the nearer, then the smaller key (rows are in key order).
    order = rows[np.lexsort((rows, hops[rows], -score[rows]))][:limit]
    shared = common_neighbours(data.network, reasons.actor, order, data.own_ties)
    capability = components["capability"]
    return [
        Candidate(
            partner=data.coverage.keys[j],
            score=round(float(score[j]), 6),
            coverage_gain=round(float(components["coverage"][j]), 6),
            customer_complementarity=round(float(components["customers"][j]), 6),
            resource_complementarity=round(float(components["resources"][j]), 6),
            proximity=round(float(components["proximity"][j]), 6),
            capability=None if np.isnan(capability[j]) else round(float(capability[j]), 6),
            reason=reasons.candidate(int(j), int(n)),
        )
        for j, n in zip(order.tolist(), shared.tolist(), strict=True)
    ]
