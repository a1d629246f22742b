"""Use case: an actor's KPIs of firm performance from cooperation, over a period.

Formulas (also in docs/capability.md); the period is ``[start, end)``, 365 days to today
unless given:

- reach: of all territories of demand > 0 (their number and demand: the totals), those and
  their demand covered alone, with the partners of its
  active cooperations, and the part only partners add (``analytics.reach``);
- referrals: sent (the actor asked a partner for an introduction), received (a partner asked
  it), won (sent and won) and the value of those, value given (received and won), all by the
  date the referral was created;
- reciprocity: introductions given (received referrals in status introduced, won or lost)
  minus introductions received (sent ones in those statuses);
- resources: utilisation of its own resources = booked quantity x hours / capacity x hours
  of the period; cost paid = quantity x hours x cost rate of its bookings of others'
  resources; cost recovered = the same for others' bookings of its resources, and its share
  of the full cost of its resources over the period (capacity x hours x cost rate);
- information: posts it wrote, reads of them by users of other actors, and posts of others
  read by its users, in the period.

Visible to the actor's own users and the operator; others get NotFound, as for a missing actor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from jejaring.analytics.reach import PooledReach, coverage_on, reach_with_partners
from jejaring.domain.accounts import User
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.domain.performance import INTRODUCED, overlap_hours, share
from jejaring.domain.referrals import Referral
from jejaring.services.bootstrap import Context
from jejaring.services.capability import own_actors
from jejaring.services.read_cache import kept
from jejaring.services.territory_demand import demand_tree
from jejaring.store.changes import actor_scope
from jejaring.store.reach_read import read_declared_coverage
from jejaring.store.repositories.activity import BookingSpan, PostFlow
from jejaring.store.unit_of_work import UnitOfWork

T = TypeVar("T")

__all__ = ["ActorKpis", "actor_kpis", "instant", "period_of"]


@dataclass(frozen=True)
class ActorKpis:
    """An actor's KPIs over ``[start, end)`` (None where a share has nothing to divide)."""

    actor: str
    start: date
    end: date
    partners: int
    territories_total: int
    demand_total: float
    territories_alone: int
    demand_alone: float
    territories_with_partners: int
    demand_with_partners: float
    territories_added: int
    demand_added: float
    referrals_sent: int
    referrals_received: int
    referrals_won: int
    value_won: float
    value_given: float
    introductions_given: int
    introductions_received: int
    reciprocity_balance: int
    utilisation: float | None
    cost_paid: float
    cost_recovered: float
    cost_recovered_share: float | None
    posts_sent: int
    reads_of_own_posts: int
    partner_posts_read: int


def period_of(start: date | None, end: date | None) -> tuple[date, date]:
    """``[start, end)``: by default the 365 days up to and including today."""
    high = end or date.today() + timedelta(days=1)
    low = start or high - timedelta(days=365)
    if low >= high:
        raise InvalidValue(N_("the period must start before it ends"))
    return low, high


def instant(day: date) -> datetime:
    """Midnight UTC at the start of ``day``."""
    return datetime.combine(day, time(), tzinfo=UTC)


def actor_kpis(
    ctx: Context,
    user: User | None,
    actor: str,
    *,
    start: date | None = None,
    end: date | None = None,
) -> ActorKpis:
    """The actor's KPIs over the period."""
    low, high = period_of(start, end)
    period = (instant(low), instant(high))
    with ctx.reader() as uow:
        own = own_actors(uow, user)
        if actor not in uow.actors.actor_ids([actor]) or (own is not None and actor not in own):
            raise NotFound(N_("actor '{key}' not found"), key=actor)
    partners, universe, demand, pooled = _part(ctx, actor, "reach", _reach)
    referrals = [
        r for r in _part(ctx, actor, "referrals", _referrals) if period[0] <= r.created < period[1]
    ]
    mine = {"booking": actor_scope(actor), "post": actor_scope(actor)}
    bookings, capacity = _part(ctx, actor, "bookings", _bookings, scopes=mine)
    flows = _part(ctx, actor, "posts", _post_flow, scopes=mine)
    sent = [r for r in referrals if r.requester == actor]
    received = [r for r in referrals if r.introducer == actor]
    won = [r for r in sent if r.status == "won"]
    given = sum(1 for r in received if r.status in INTRODUCED)
    got = sum(1 for r in sent if r.status in INTRODUCED)
    hours = (period[1] - period[0]).total_seconds() / 3600.0
    used = paid = recovered = 0.0
    for by_me, of_mine, quantity, b_start, b_end, rate in bookings:
        booked = quantity * overlap_hours(b_start, b_end, period)
        if of_mine:
            used += booked
        if by_me and not of_mine:
            paid += booked * rate
        if of_mine and not by_me:
            recovered += booked * rate
    full_cost = sum(c * rate for c, rate in capacity) * hours
    reads = [
        mine for mine, _i, _c, read in flows if read is not None and period[0] <= read < period[1]
    ]
    written = {i for mine, i, created, _r in flows if mine and period[0] <= created < period[1]}
    return ActorKpis(
        actor=actor,
        start=low,
        end=high,
        partners=partners,
        territories_total=universe,
        demand_total=demand,
        territories_alone=pooled.own.territories,
        demand_alone=pooled.own.demand,
        territories_with_partners=pooled.combined.territories,
        demand_with_partners=pooled.combined.demand,
        territories_added=pooled.added.territories,
        demand_added=pooled.added.demand,
        referrals_sent=len(sent),
        referrals_received=len(received),
        referrals_won=len(won),
        value_won=sum((r.value or 0.0 for r in won), 0.0),
        value_given=sum((r.value or 0.0 for r in received if r.status == "won"), 0.0),
        introductions_given=given,
        introductions_received=got,
        reciprocity_balance=given - got,
        utilisation=share(used, sum(c for c, _r in capacity) * hours),
        cost_paid=paid,
        cost_recovered=recovered,
        cost_recovered_share=share(recovered, full_cost),
        posts_sent=len(written),
        reads_of_own_posts=sum(reads),
        partner_posts_read=len(reads) - sum(reads),
    )


# Each part of the KPIs is read, and kept (``services.read_cache``), apart from the others: a
# post or a booking, the writes that come often, then reads its own part again, not all.
def _part(
    ctx: Context,
    actor: str,
    name: str,
    read: Callable[[Context, UnitOfWork, str], T],
    *,
    scopes: Mapping[str, str] | None = None,
) -> T:
    def compute() -> T:
        with ctx.reader() as uow:
            return read(ctx, uow, actor)

    return kept(ctx, ("kpis", name, actor), compute, scopes=scopes)


def _reach(ctx: Context, uow: UnitOfWork, actor: str) -> tuple[int, int, float, PooledReach]:
    """Partners, territories and demand in all, and the reach pooled with the partners."""
    partners = uow.activity.partners_of(actor)
    declared = read_declared_coverage(uow.session, {actor, *partners})
    coverage = {actor: declared[actor]} | {k: declared[k] for k in partners if k in declared}
    C = coverage_on(demand_tree(ctx, uow.session), list(coverage.values()), actors=list(coverage))
    pooled = reach_with_partners(C, actor, partners)
    return len(partners), len(C.universe), float(C.demand.sum()), pooled


def _referrals(_ctx: Context, uow: UnitOfWork, actor: str) -> tuple[Referral, ...]:
    return tuple(uow.referrals.find_for(actor))


def _bookings(
    _ctx: Context, uow: UnitOfWork, actor: str
) -> tuple[tuple[BookingSpan, ...], tuple[tuple[float, float], ...]]:
    return tuple(uow.activity.bookings(actor)), tuple(uow.activity.own_capacity(actor))


def _post_flow(_ctx: Context, uow: UnitOfWork, actor: str) -> tuple[PostFlow, ...]:
    return tuple(uow.activity.post_flow(actor))
