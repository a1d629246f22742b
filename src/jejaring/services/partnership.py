"""Who an actor's partners are: the other accepted members of its active cooperations.

Each partnership carries the partner's sharing policy in that cooperation, so that the use
cases that read through partners (reach, introductions, referrals, account mapping) honour
exactly what each partner shares, as it stands at the time of the read.
"""

from __future__ import annotations

from dataclasses import dataclass

from jejaring.domain.cooperation import (
    CooperationStatus,
    MappingLevel,
    Mechanism,
    MembershipStatus,
    SharingPolicy,
)
from jejaring.store.unit_of_work import UnitOfWork

__all__ = ["RECORD_LEVELS", "Partnership", "partnerships"]

RECORD_LEVELS = (MappingLevel.OVERLAPS, MappingLevel.FULL)


@dataclass(frozen=True)
class Partnership:
    """``partner`` is with the actor in active ``cooperation``, sharing what ``policy`` says."""

    cooperation: str
    partner: str
    policy: SharingPolicy
    network_sharing: bool


def partnerships(uow: UnitOfWork, actor: str) -> list[Partnership]:
    """The actor's partnerships, by cooperation then partner key; NotFound for no such actor."""
    uow.cooperations.actor_id(actor)
    found = []
    for coop in uow.cooperations.find(member=actor):
        if coop.status is not CooperationStatus.ACTIVE:
            continue
        accepted = [
            m.actor
            for m in uow.cooperations.memberships(coop.key)
            if m.status is MembershipStatus.ACCEPTED
        ]
        if actor not in accepted:
            continue
        policies = {p.actor: p for p in uow.cooperations.policies(coop.key)}
        sharing = Mechanism.NETWORK_SHARING in coop.mechanisms
        for partner in accepted:
            if partner != actor:
                policy = policies.get(partner) or SharingPolicy(coop.key, partner)
                found.append(Partnership(coop.key, partner, policy, sharing))
    return found
