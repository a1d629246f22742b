"""Use case: a cooperation's KPIs over a period (formulas in docs/capability.md).

- members: active members (accepted, not left) today;
- reach: territories of demand > 0 and demand its members cover together, and the most any
  one member covers alone (what pooling adds is the difference);
- referrals made within it (created in the period): all, won, and the value won;
- bookings made within it (confirmed): count, quantity x hours and their cost (x cost rate),
  counted for the hours inside the period;
- information: posts created in the period and their reads (receipts) in the period;
- joint projects: count, and milestones done of all milestones.

Visible to the users of its members and to the operator; others get NotFound, as for a
missing cooperation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jejaring.analytics.reach import coverage_on, reach, reach_with_partners
from jejaring.domain.accounts import User
from jejaring.domain.errors import N_, NotFound
from jejaring.domain.performance import overlap_hours
from jejaring.services.bootstrap import Context
from jejaring.services.capability import own_actors
from jejaring.services.kpis import instant, period_of
from jejaring.services.territory_demand import demand_tree
from jejaring.store.reach_read import read_declared_coverage

__all__ = ["CooperationKpis", "cooperation_kpis"]


@dataclass(frozen=True)
class CooperationKpis:
    """A cooperation's KPIs over ``[start, end)``."""

    cooperation: str
    start: date
    end: date
    members: int
    territories_together: int
    demand_together: float
    best_member_territories: int
    best_member_demand: float
    referrals: int
    referrals_won: int
    value_won: float
    bookings: int
    booked_quantity_hours: float
    booking_cost: float
    posts: int
    reads: int
    projects: int
    milestones: int
    milestones_done: int


def cooperation_kpis(
    ctx: Context, user: User | None, key: str, *, start: date | None = None, end: date | None = None
) -> CooperationKpis:
    low, high = period_of(start, end)
    period = (instant(low), instant(high))
    with ctx.reader() as uow:
        found = uow.cooperations.get(key)
        own = own_actors(uow, user)
        members = [
            m.actor
            for m in (uow.cooperations.memberships(key) if found else [])
            if m.status == "accepted" and m.left is None
        ]
        if found is None or (own is not None and not own & set(members)):
            raise NotFound(N_("cooperation '{key}' not found"), key=key)
        declared = read_declared_coverage(uow.session, members)
        coverage = {k: declared[k] for k in members if k in declared}
        tree = demand_tree(ctx, uow.session)
        referrals = uow.activity.cooperation_referrals(key)
        bookings = uow.activity.cooperation_bookings(key)
        posts = uow.posts.find(key)
        receipts = [r for p in posts if p.id is not None for r in uow.posts.receipts(p.id)]
        projects = uow.projects.find(cooperation=key)
    keys = list(coverage)
    C = coverage_on(tree, list(coverage.values()), actors=keys)
    together = reach_with_partners(C, keys[0], keys[1:]).combined if keys else None
    alone = [reach(C, k) for k in keys]
    best = max(alone, key=lambda r: (r.demand, r.territories), default=None)
    in_period = [r for r in referrals if period[0] <= r[2] < period[1]]
    won = [r for r in in_period if r[0] == "won"]
    booked = [(q * overlap_hours(s, e, period), rate) for q, s, e, rate in bookings]
    booked = [(qh, rate) for qh, rate in booked if qh > 0]
    milestones = [m for p in projects for m in p.milestones]
    return CooperationKpis(
        cooperation=key,
        start=low,
        end=high,
        members=len(members),
        territories_together=together.territories if together else 0,
        demand_together=together.demand if together else 0.0,
        best_member_territories=best.territories if best else 0,
        best_member_demand=best.demand if best else 0.0,
        referrals=len(in_period),
        referrals_won=len(won),
        value_won=sum((v or 0.0 for _s, v, _c in won), 0.0),
        bookings=len(booked),
        booked_quantity_hours=sum((qh for qh, _r in booked), 0.0),
        booking_cost=sum((qh * rate for qh, rate in booked), 0.0),
        posts=sum(1 for p in posts if period[0] <= p.created < period[1]),
        reads=sum(1 for r in receipts if period[0] <= r.read_at < period[1]),
        projects=len(projects),
        milestones=len(milestones),
        milestones_done=sum(1 for m in milestones if m.done),
    )
