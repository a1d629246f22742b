"""Behavioural indicators of network capability: what an actor does, beside what it says.

Each indicator belongs to one component and is computed from counts of platform activity
(``ActivityCounts``) by the formula in its docstring line below (and in docs/capability.md).
A ratio with a zero denominator is undefined (None); a count an actor has none of is 0.

coordination
    active_cooperations = active cooperations where the actor is an accepted member, not left
    confirmed_bookings = confirmed bookings the actor made of other actors' resources
    joint_projects = joint projects the actor contributed to
    milestones_met_share = done milestones / milestones, of the projects it contributed to
relational_skills
    referral_acceptance_rate = (accepted + introduced + won + lost) / (those + declined), of
    the introductions the actor was asked for (still "requested" ones are not yet decided)
    mean_tie_strength = mean weight of the actor's ties (either end)
    mean_tie_years = mean years from ``since`` to the day of measurement, over its ties that
    have a ``since`` and have not ended by then
partner_knowledge
    partner_posts_read_share = posts by others in its active cooperations that one of its
    users read / such posts
    account_map_reads = reads of a partner's shared customer data (audit ``mapping.read``)
internal_communication
    team_members = the actor's active user accounts
    active_team_share = its users who read at least one post / its users
    team_forwards = posts its users forwarded to its team (each post once)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

__all__ = ["INDICATORS", "ActivityCounts", "indicator_values"]

# indicator -> component, in the order shown
INDICATORS: dict[str, str] = {
    "active_cooperations": "coordination",
    "confirmed_bookings": "coordination",
    "joint_projects": "coordination",
    "milestones_met_share": "coordination",
    "referral_acceptance_rate": "relational_skills",
    "mean_tie_strength": "relational_skills",
    "mean_tie_years": "relational_skills",
    "partner_posts_read_share": "partner_knowledge",
    "account_map_reads": "partner_knowledge",
    "team_members": "internal_communication",
    "active_team_share": "internal_communication",
    "team_forwards": "internal_communication",
}
_ACCEPTED = ("accepted", "introduced", "won", "lost")

Counts = Mapping[str, int]


@dataclass(frozen=True)
class ActivityCounts:
    """Per-actor counts read from the store (an actor absent from a mapping counts 0)."""

    active_cooperations: Counts = field(default_factory=dict)
    confirmed_bookings: Counts = field(default_factory=dict)
    projects: Counts = field(default_factory=dict)
    milestones: Counts = field(default_factory=dict)
    milestones_done: Counts = field(default_factory=dict)
    referrals_by_status: Mapping[str, Counts] = field(default_factory=dict)
    ties: Mapping[str, Sequence[tuple[float, date | None, date | None]]] = field(
        default_factory=dict
    )
    partner_posts: Counts = field(default_factory=dict)
    partner_posts_read: Counts = field(default_factory=dict)
    account_map_reads: Counts = field(default_factory=dict)
    team_members: Counts = field(default_factory=dict)
    active_team_members: Counts = field(default_factory=dict)
    team_forwards: Counts = field(default_factory=dict)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def indicator_values(counts: ActivityCounts, actor: str, at: date) -> dict[str, float | None]:
    """Every indicator of ``actor``, measured on day ``at``."""
    c = counts
    by_status = {
        s: c.referrals_by_status.get(s, {}).get(actor, 0) for s in (*_ACCEPTED, "declined")
    }
    accepted = sum(by_status[s] for s in _ACCEPTED)
    ties = c.ties.get(actor, ())
    ages = [
        (at - since).days / 365.25
        for _w, since, until in ties
        if since is not None and since <= at and (until is None or until > at)
    ]
    return {
        "active_cooperations": c.active_cooperations.get(actor, 0),
        "confirmed_bookings": c.confirmed_bookings.get(actor, 0),
        "joint_projects": c.projects.get(actor, 0),
        "milestones_met_share": _ratio(c.milestones_done.get(actor, 0), c.milestones.get(actor, 0)),
        "referral_acceptance_rate": _ratio(accepted, accepted + by_status["declined"]),
        "mean_tie_strength": _mean([w for w, _s, _u in ties]),
        "mean_tie_years": _mean(ages),
        "partner_posts_read_share": _ratio(
            c.partner_posts_read.get(actor, 0), c.partner_posts.get(actor, 0)
        ),
        "account_map_reads": c.account_map_reads.get(actor, 0),
        "team_members": c.team_members.get(actor, 0),
        "active_team_share": _ratio(
            c.active_team_members.get(actor, 0), c.team_members.get(actor, 0)
        ),
        "team_forwards": c.team_forwards.get(actor, 0),
    }
