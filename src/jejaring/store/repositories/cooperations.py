"""Cooperations, their memberships and sharing policies."""

from __future__ import annotations

from sqlalchemy import func, select

from jejaring.domain.cooperation import (
    Cooperation,
    CooperationStatus,
    MappingLevel,
    Mechanism,
    MemberRole,
    Membership,
    MembershipStatus,
    SharingPolicy,
)
from jejaring.store.repositories.base import Repository
from jejaring.store.tables import ActorRow, CooperationRow, MembershipRow, SharingPolicyRow

__all__ = ["CooperationRepository"]


class CooperationRepository(Repository):
    """Cooperation agreements by key."""

    def get(self, key: str) -> Cooperation | None:
        row = self.session.scalar(select(CooperationRow).where(CooperationRow.key == key))
        return _cooperation(row) if row else None

    def find(self, *, member: str | None = None) -> list[Cooperation]:
        """Cooperations ordered by key; those ``member`` has a membership of (any status)."""
        query = select(CooperationRow).order_by(CooperationRow.key)
        if member is not None:
            query = query.join(MembershipRow).join(ActorRow).where(ActorRow.key == member)
        return [_cooperation(r) for r in self.session.scalars(query)]

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(CooperationRow)) or 0

    def delete(self, key: str) -> None:
        """Remove the cooperation with its memberships, policies, projects and posts.

        NotFound when there is none; Conflict while a booking or a referral still names it.
        """
        self.session.delete(self.session.get(CooperationRow, self.cooperation_id(key)))
        self._flush()
        self.session.expire_all()  # the database cascaded to rows the session may hold

    def save(self, coop: Cooperation) -> None:
        """Add the cooperation, or replace the fields of the one with the same key."""
        row = self.session.scalar(select(CooperationRow).where(CooperationRow.key == coop.key))
        if row is None:
            row = CooperationRow(key=coop.key)
            self.session.add(row)
        row.name, row.purpose, row.status = coop.name, coop.purpose, coop.status.value
        row.scope, row.mechanisms = list(coop.scope), [m.value for m in coop.mechanisms]
        self._flush()

    def save_membership(self, m: Membership) -> None:
        """Add or replace the actor's membership of the cooperation."""
        coop_id, actor_id = self.cooperation_id(m.cooperation), self.actor_id(m.actor)
        row = self.session.get(MembershipRow, (coop_id, actor_id))
        if row is None:
            row = MembershipRow(cooperation_id=coop_id, actor_id=actor_id)
            self.session.add(row)
        row.role, row.status, row.joined, row.left = m.role.value, m.status.value, m.joined, m.left
        self._flush()

    def memberships(self, key: str) -> list[Membership]:
        """The cooperation's memberships ordered by actor key."""
        rows = self.session.execute(
            select(MembershipRow, ActorRow.key)
            .join(ActorRow, MembershipRow.actor_id == ActorRow.id)
            .where(MembershipRow.cooperation_id == self.cooperation_id(key))
            .order_by(ActorRow.key)
        )
        return [
            Membership(key, actor, MemberRole(r.role), MembershipStatus(r.status), r.joined, r.left)
            for r, actor in rows
        ]

    def save_policy(self, p: SharingPolicy) -> None:
        """Add or replace the actor's sharing policy in the cooperation."""
        coop_id, actor_id = self.cooperation_id(p.cooperation), self.actor_id(p.actor)
        row = self.session.get(SharingPolicyRow, (coop_id, actor_id))
        if row is None:
            row = SharingPolicyRow(cooperation_id=coop_id, actor_id=actor_id)
            self.session.add(row)
        row.mapping_level = p.mapping_level.value
        row.shared_segments, row.shared_tie_types = (
            list(p.shared_segments),
            list(p.shared_tie_types),
        )
        row.introductions_allowed = p.introductions_allowed
        self._flush()

    def policies(self, key: str) -> list[SharingPolicy]:
        """The members' sharing policies ordered by actor key."""
        rows = self.session.execute(
            select(SharingPolicyRow, ActorRow.key)
            .join(ActorRow, SharingPolicyRow.actor_id == ActorRow.id)
            .where(SharingPolicyRow.cooperation_id == self.cooperation_id(key))
            .order_by(ActorRow.key)
        )
        return [
            SharingPolicy(
                key,
                actor,
                MappingLevel(r.mapping_level),
                tuple(r.shared_segments),
                tuple(r.shared_tie_types),
                r.introductions_allowed,
            )
            for r, actor in rows
        ]


def _cooperation(r: CooperationRow) -> Cooperation:
    return Cooperation(
        r.key,
        r.name,
        r.purpose,
        CooperationStatus(r.status),
        tuple(r.scope),
        tuple(Mechanism(m) for m in r.mechanisms),
    )
