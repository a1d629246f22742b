"""Use case: everything an actor's capability and performance report shows, in one call.

The report reuses the other use cases (scores, trend, percentiles, community means, advice,
behavioural indicators, KPIs), so it can never disagree with the command line or the API.
Visible as an actor's assessments are: to its own users and the operator.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from jejaring.domain.accounts import User
from jejaring.domain.actors import Actor
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.io.report_html import render_report
from jejaring.io.report_pdf import render_pdf
from jejaring.services.advice import ActorAdvice, advise
from jejaring.services.bootstrap import Context
from jejaring.services.capability import (
    CapabilityScores,
    Percentiles,
    community_means,
    own_actors,
    peer_percentiles,
    trend,
)
from jejaring.services.indicators import Behaviour, behaviour
from jejaring.services.kpis import ActorKpis, actor_kpis

__all__ = ["ActorReport", "actor_report", "write_report"]


@dataclass(frozen=True)
class ActorReport:
    """An actor's report; the capability parts are None when it was never assessed."""

    actor: Actor
    trend: list[CapabilityScores]
    percentiles: Percentiles | None
    community: dict[str, float | None]
    advice: ActorAdvice | None
    behaviour: Behaviour
    kpis: ActorKpis


def actor_report(
    ctx: Context, user: User | None, key: str, *, start: date | None = None, end: date | None = None
) -> ActorReport:
    with ctx.reader() as uow:
        own = own_actors(uow, user)
        found = uow.actors.get(key)
    if found is None or (own is not None and key not in own):
        raise NotFound(N_("actor '{key}' not found"), key=key)
    try:
        rounds = trend(ctx, user, key)
        ranks: Percentiles | None = peer_percentiles(ctx, user, key)
        advice: ActorAdvice | None = advise(ctx, user, key)
    except NotFound:  # not assessed
        rounds, ranks, advice = [], None, None
    return ActorReport(
        found,
        rounds,
        ranks,
        community_means(ctx, user),
        advice,
        behaviour(ctx, user, key, at=end),
        actor_kpis(ctx, user, key, start=start, end=end),
    )


def write_report(
    ctx: Context,
    user: User | None,
    key: str,
    out: Path,
    *,
    start: date | None = None,
    end: date | None = None,
) -> Path:
    """Write the actor's report, in the current locale: a self-contained HTML page for
    ``.html`` (or ``.htm``), a PDF document for ``.pdf``."""
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise InvalidValue(N_("{path}: the report is written as .html or .pdf"), path=str(out))
    data = asdict(actor_report(ctx, user, key, start=start, end=end))
    if suffix == ".pdf":
        out.write_bytes(render_pdf(data))
    else:
        out.write_text(render_report(data), encoding="utf-8")
    return out
