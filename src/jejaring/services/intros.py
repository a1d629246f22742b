"""Use case: warm introductions — routes from an actor to a target through partners.

The routes run over the ties the requester may see: its own, and those of each partner that
makes introductions for it in an active network-sharing cooperation, of the tie types that
partner shares there (a type stands for its sub-types) or marked ``community``. Every actor
between the requester and the target is such a partner. Routes are ranked by hops, then by
their weakest tie, then by their total strength (``analytics.routes.ranked_paths``).

A target is an actor, or one of the requester's own customer records: then the routes end at
partners that hold a matching record and share records (overlaps or full) with the requester;
each such match is shown with only the fields that partner's level shares, and is recorded in
that partner's audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from jejaring.analytics import build_network, ranked_paths
from jejaring.domain.accounts import User
from jejaring.domain.actors import Visibility
from jejaring.domain.errors import N_, InvalidValue, NotFound
from jejaring.domain.ties import Tie, descendants
from jejaring.services.access import Operation, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.intro_targets import match_for_introductions
from jejaring.services.mapping import Matcher
from jejaring.services.partnership import Partnership, partnerships
from jejaring.store.intro_read import read_ties_touching
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "Introduction",
    "IntroductionSearch",
    "find_introductions",
    "introduction_graph",
]


@dataclass(frozen=True)
class Introduction:
    """A route: ``actors`` from the requester to the end, the partner asked first and why.

    ``introducer`` is the first partner on the route (None when the requester knows the
    target directly) and ``cooperation`` the agreement it introduces through; for a
    customer target, ``match`` is what the end's owner shares of its matching record.
    """

    actors: tuple[str, ...]
    hops: int
    weakest: float
    total: float
    introducer: str | None
    cooperation: str | None
    match: dict[str, Any] | None = None


@dataclass(frozen=True)
class IntroductionSearch:
    """Routes best first; ``complete`` False when the search's work budget ran out."""

    requester: str
    target: str
    routes: tuple[Introduction, ...]
    complete: bool
    notices: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "requester": self.requester,
            "target": self.target,
            "complete": self.complete,
            "routes": [r.__dict__ for r in self.routes],
        }


def _introducers(uow: UnitOfWork, actor: str) -> dict[str, list[Partnership]]:
    found: dict[str, list[Partnership]] = {}
    for p in partnerships(uow, actor):
        if p.network_sharing and p.policy.introductions_allowed:
            found.setdefault(p.partner, []).append(p)
    return found


def introduction_graph(
    uow: UnitOfWork, actor: str, introducers: dict[str, list[Partnership]], *, today: date
) -> list[Tie]:
    """The ties a search from ``actor`` may use (see the module's description)."""
    parents = {t.key: t.parent for t in uow.tie_types.find()}
    allowed_vertices = {actor, *introducers}
    shared = {
        partner: descendants({t for p in ways for t in p.policy.shared_tie_types}, parents)
        for partner, ways in introducers.items()
    }
    ties: dict[tuple[str, str, str], Tie] = {}
    for t in read_ties_touching(uow.session, allowed_vertices):
        usable = actor in (t.source, t.target) or t.visibility is Visibility.COMMUNITY
        # A partner shows its ties of the types it shares; a tie between two partners may be
        # shown by either.
        usable = usable or any(t.type in shared.get(end, ()) for end in (t.source, t.target))
        if usable:
            ties[(t.source, t.target, t.type)] = t
    return [
        t
        for t in ties.values()
        if (t.until is None or t.until >= today)
        and (t.since is None or t.since <= today)
        and (t.source in allowed_vertices or t.target in allowed_vertices)
    ]


def _routes(
    ties: list[Tie], actor: str, end: str, vertices: set[str], *, max_hops: int, limit: int
) -> tuple[list[Any], bool]:
    usable = [t for t in ties if t.source in vertices and t.target in vertices]
    G = build_network(
        [t.source for t in usable],
        [t.target for t in usable],
        weights=[t.weight for t in usable],
        actors=[actor, end],
    )
    ranked = ranked_paths(G, actor, end, max_hops=max_hops, limit=limit)
    return list(ranked.routes), ranked.complete


def find_introductions(
    ctx: Context,
    user: User | None,
    actor: str,
    target: str,
    *,
    customer: bool = False,
    matcher: Matcher | None = None,
    max_hops: int = 3,
    limit: int = 10,
    today: date | None = None,
) -> IntroductionSearch:
    """The best ``limit`` routes of at most ``max_hops`` hops from ``actor`` to ``target``.

    ``customer`` says that ``target`` is a key of ``actor``'s own customer list; the routes
    then end at partners holding a matching record (``matcher`` defaults to
    ``privacy.matching.match_records``).
    """
    if not 1 <= max_hops <= 6 or not 1 <= limit <= 100:
        raise InvalidValue(N_("max hops must be 1 to 6 and the limit 1 to 100"))
    day = today or datetime.now(UTC).date()
    # Only a customer search writes (the audit of what it revealed).
    with ctx.uow() if customer else ctx.reader() as uow:
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=actor)
        if uow.actors.get(actor) is None:
            raise missing
        authorize(p, Operation.INTRO, actor, visible=False, missing=missing)
        introducers = _introducers(uow, actor)
        ends: list[tuple[str, dict[str, Any] | None]]
        ties = introduction_graph(uow, actor, introducers, today=day)
        if customer:
            if uow.customers.get(actor, target) is None:
                raise NotFound(
                    N_("customer '{key}' of '{owner}' not found"), key=target, owner=actor
                )
            candidates = [w for ways in introducers.values() for w in ways]
            ends = list(
                match_for_introductions(
                    uow, actor, target, candidates, matcher=matcher, by_user=p.email
                )
            )
        else:
            found = uow.actors.get(target)
            if found is None or (found.visibility is Visibility.PRIVATE and not p.acts_for(target)):
                raise NotFound(N_("actor '{key}' not found"), key=target)
            if target == actor:
                raise InvalidValue(N_("target: the requester cannot be introduced to itself"))
            ends = [(target, None)]
        routes, complete = [], True
        for end, match in ends:
            vertices = {actor, end, *introducers}
            found_routes, done = _routes(ties, actor, end, vertices, max_hops=max_hops, limit=limit)
            complete &= done
            for r in found_routes:
                first = r.actors[1] if r.hops >= 2 else (end if match is not None else None)
                coop = _through(introducers, first)
                routes.append(
                    Introduction(r.actors, r.hops, r.weakest, r.total, first, coop, match)
                )
        if customer:
            uow.commit()
    routes.sort(key=lambda r: (r.hops, -r.weakest, -r.total, r.actors))
    return IntroductionSearch(actor, target, tuple(routes[:limit]), complete)


def _through(introducers: dict[str, list[Partnership]], partner: str | None) -> str | None:
    if partner is None or partner not in introducers:
        return None
    return min(p.cooperation for p in introducers[partner])
