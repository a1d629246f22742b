"""Use case: an actor's reach — demand, territories and customers it covers alone, through its
active partners (one step) and within k steps of the network (``analytics.reach``).

Territories come from every actor's declared coverage (profile data). Customers are counted
only where the asker may know them: the actor's own, and those of partners that share at
least counts in an active network-sharing cooperation (narrowed to their shared segments);
what partners add is shown as "< 5" when it is 1 to 4, and each partner whose customers were
counted finds the read in its audit trail. A customer held by several of them (the same NPWP,
e-mail or phone, see :mod:`jejaring.privacy.identity`) counts once. Coordinators and
administrators see the territorial figures without customers. The k-step network is the
community's ties (those marked ``community``) and the actor's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import numpy as np
import polars as pl

from jejaring.analytics import (
    Coverage,
    Customers,
    PooledReach,
    Reach,
    TerritoryTree,
    build_network,
    coverage_on,
    reach,
    reach_with_partners,
    reach_within,
)
from jejaring.domain.accounts import AuditEvent, User
from jejaring.domain.cooperation import MappingLevel
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.domain.ties import descendants
from jejaring.privacy.identity import identities
from jejaring.services.access import Operation, allowed, authorize, principal
from jejaring.services.audit import record_together
from jejaring.services.bootstrap import Context
from jejaring.services.disclosure import MIN_COUNT, shown_count
from jejaring.services.partnership import partnerships
from jejaring.services.read_cache import kept
from jejaring.services.territory_demand import demand_tree
from jejaring.store.reach_read import (
    read_coverage,
    read_customer_places,
    read_ties_near,
)
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "REACH_COUNTED",
    "PooledFigures",
    "ReachFigures",
    "ReachRead",
    "ReachReport",
    "actor_reach",
    "reach_read",
]

REACH_COUNTED = "reach.customers_counted"


@dataclass(frozen=True)
class ReachFigures:
    """Territories of demand covered, their demand, customers (None: not the asker's)."""

    territories: int
    demand: float
    customers: int | str | None


@dataclass(frozen=True)
class PooledFigures:
    """Reach pooled with ``partners``: all of it, and what they add to the actor's own."""

    combined: ReachFigures
    added: ReachFigures
    partners: tuple[str, ...]


@dataclass(frozen=True)
class ReachReport:
    """An actor's reach alone, with its active partners, and within ``k`` steps."""

    actor: str
    k: int
    alone: ReachFigures
    with_partners: PooledFigures
    within_k: PooledFigures

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _sharers(
    uow: UnitOfWork, actor: str
) -> tuple[set[str], dict[str, set[str] | None], dict[str, str]]:
    """Partners; those sharing customer counts with the segments they share (None: all);
    and the cooperation each sharer shares through."""
    partners: set[str] = set()
    segments: dict[str, set[str] | None] = {}
    through: dict[str, str] = {}
    for p in partnerships(uow, actor):
        partners.add(p.partner)
        if not p.network_sharing or p.policy.mapping_level is MappingLevel.NONE:
            continue
        through.setdefault(p.partner, p.cooperation)
        mine = set(p.policy.shared_segments)
        if not mine:
            segments[p.partner] = None
        elif p.partner not in segments:
            segments[p.partner] = mine
        elif (so_far := segments[p.partner]) is not None:
            so_far |= mine
    return partners, segments, through


def actor_reach(
    ctx: Context,
    user: User | None,
    actor: str,
    *,
    k: int = 2,
    tie_types: Sequence[str] = (),
    now: datetime | None = None,
) -> ReachReport:
    """``actor``'s reach; ``tie_types`` narrows the k-step network (sub-types included).

    The figures are kept between requests while nothing they were computed from changes
    (``services.read_cache``); the partners whose customers were counted find every read,
    kept or not, in their audit trail.
    """
    at = now or datetime.now(UTC)
    report, read = reach_read(ctx, user, actor, k=k, tie_types=tie_types, now=at)
    read.record(at)
    return report


@dataclass(frozen=True)
class ReachRead:
    """Who read a reach report that counted partners' customers: what each read audits."""

    ctx: Context
    email: str | None  # None: the operator
    actor: str
    counted: tuple[tuple[str, str], ...]  # each partner counted, and its cooperation

    def record(self, at: datetime) -> None:
        """Write the audit events of one read at ``at``."""
        if not self.counted:
            return
        # After the read, not in it: on SQLite a write transaction takes the write lock up front.
        record_together(
            self.ctx,
            [
                AuditEvent(at, REACH_COUNTED, p, self.email, self.actor, "", coop)
                for p, coop in self.counted
            ],
        )


def reach_read(
    ctx: Context,
    user: User | None,
    actor: str,
    *,
    k: int = 2,
    tie_types: Sequence[str] = (),
    now: datetime | None = None,
) -> tuple[ReachReport, ReachRead]:
    """``actor_reach`` without its audit events: the report, and the read to record for each
    time it is shown (``ReachRead.record``); so a report kept and shown again is audited too."""
    if not 0 <= k <= 6:
        raise InvalidValue(N_("k: must be 0 to 6"))
    at = now or datetime.now(UTC)
    key = ("reach", user, actor, k, tuple(tie_types), at.date())
    report, counted = kept(ctx, key, lambda: _reach(ctx, user, actor, k, tie_types, at))
    email = user.email if user is not None else None
    return report, ReachRead(ctx, email, actor, counted)


def _reach(
    ctx: Context,
    user: User | None,
    actor: str,
    k: int,
    tie_types: Sequence[str],
    at: datetime,
) -> tuple[ReachReport, tuple[tuple[str, str], ...]]:
    """The report, and the partners whose customers it counted with the cooperation each
    shares them through."""
    with ctx.reader() as uow:  # one snapshot, no write lock
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=actor)
        if uow.actors.get(actor) is None:
            raise missing
        authorize(p, Operation.REACH, actor, visible=False, missing=missing)
        counted = allowed(p, Operation.REACH_CUSTOMERS, actor)
        partners, segments, through = _sharers(uow, actor)
        holders = {actor, *segments} if counted else set()
        types = _types(uow, tie_types)
        ties = read_ties_near(uow.session, actor, k=k, types=types, at=at.date())
        G = build_network(ties["source"], ties["target"], actors=[actor])
        tree = demand_tree(ctx, uow.session)
        # Only the actors that can count: the actor, its partners and those within k steps.
        coverage = read_coverage(uow.session, {actor, *partners, *G.keys})
        places = read_customer_places(uow.session, holders)
        keep = [
            o == actor or _shared(segments, o, seg)
            for o, seg in places.select("owner", "segment").rows()
        ]
        places = places.filter(pl.Series(keep, dtype=pl.Boolean))
        C = _coverage(tree, coverage, places)
        alone = reach(C, actor)
        pooled = reach_with_partners(C, actor, partners)
        near = reach_within(C, G, actor, k=k)
        sharers = set(places["owner"].to_list()) - {actor}
    report = ReachReport(
        actor,
        k,
        _figures(alone, None, counted),
        _pooled(pooled, counted, sharers),
        _pooled(near, counted, sharers),
    )
    audited = tuple((s, through[s]) for s in sorted(sharers)) if counted else ()
    return report, audited


def _shared(segments: dict[str, set[str] | None], owner: str, segment: str | None) -> bool:
    allowed_segments = segments.get(owner)
    return allowed_segments is None or segment in allowed_segments


def _types(uow: UnitOfWork, tie_types: Sequence[str]) -> set[str] | None:
    if not tie_types:
        return None
    parents = {t.key: t.parent for t in uow.tie_types.find()}
    for key in tie_types:
        if key not in parents:
            raise NotFound(N_("tie type '{key}' not found"), key=key)
    return descendants(tie_types, parents)


def _coverage(tree: TerritoryTree, coverage: pl.DataFrame, places: pl.DataFrame) -> Coverage:
    lists = coverage.group_by("actor", maintain_order=True).agg(pl.col("code").drop_nulls())
    keys = lists["actor"].to_list()
    row = {key: i for i, key in enumerate(keys)}
    customers = Customers(
        holder=np.array([row[o] for o in places["owner"].to_list()], dtype=np.int64),
        territory=np.array(
            [tree.index.get(t, -1) if t is not None else -1 for t in places["territory"].to_list()],
            dtype=np.int64,
        ),
        identity=identities(places),  # a customer two of them hold counts once
    )
    return coverage_on(tree, lists["code"].to_list(), actors=keys, customers=customers)


def _figures(r: Reach, bound: int | None, counted: bool) -> ReachFigures:
    if not counted:
        return ReachFigures(r.territories, r.demand, None)
    return ReachFigures(r.territories, r.demand, r.customers if bound is None else f"< {bound}")


def _pooled(r: PooledReach, counted: bool, sharers: set[str]) -> PooledFigures:
    # Only partners' customers are bounded: with none of them pooled, nothing is theirs.
    theirs = bool(sharers & set(r.partners))
    added: int | str = shown_count(r.added.customers) if theirs else r.added.customers
    hidden = isinstance(added, str)
    combined = _figures(r.combined, r.own.customers + MIN_COUNT if hidden else None, counted)
    added_figures = ReachFigures(r.added.territories, r.added.demand, added if counted else None)
    return PooledFigures(combined, added_figures, r.partners)
