"""What actors do on the platform, counted per actor: the raw material of behavioural indicators.

Every method answers for all actors at once (grouped queries), keyed by actor key; an actor
with nothing to count is absent. ``domain.capability_indicators`` turns the counts into
indicators with documented formulas.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, and_, distinct, func, select

from jejaring.domain.accounts import MAPPING_READ
from jejaring.domain.capability_indicators import ActivityCounts
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import (
    ActorMemberRow,
    ActorRow,
    AuditEventRow,
    BookingRow,
    ContributionRow,
    CooperationRow,
    MembershipRow,
    MilestoneRow,
    PostForwardRow,
    PostRow,
    ReceiptRow,
    ReferralRow,
    ResourceRow,
    TieRow,
    UserRow,
)

__all__ = ["ActivityRepository", "BookingSpan", "PostFlow", "TieSpan"]

TieSpan = tuple[float, date | None, date | None]  # weight, since, until
BookingSpan = tuple[bool, bool, float, datetime, datetime, float]
PostFlow = tuple[bool, int, datetime, datetime | None]  # by the actor, post id, created, read

_ACTIVE_MEMBER = and_(MembershipRow.status == "accepted", MembershipRow.left.is_(None))


class ActivityRepository(Repository):
    """Counts of cooperations, bookings, projects, referrals, ties, reads and team members."""

    def _by_actor(self, query: Select[Any, Any]) -> dict[str, int]:
        """Rows (actor id, count) as actor key -> count."""
        counts = {actor_id: int(n or 0) for actor_id, n in self.session.execute(query)}
        keys = self.actor_keys(counts)
        return {keys[i]: n for i, n in counts.items()}

    def active_cooperations(self) -> dict[str, int]:
        """Active cooperations in which the actor is an accepted member that has not left."""
        return self._by_actor(
            select(MembershipRow.actor_id, func.count())
            .join(CooperationRow, MembershipRow.cooperation_id == CooperationRow.id)
            .where(CooperationRow.status == "active", _ACTIVE_MEMBER)
            .group_by(MembershipRow.actor_id)
        )

    def confirmed_bookings(self) -> dict[str, int]:
        """Confirmed bookings the actor made of other actors' resources."""
        return self._by_actor(
            select(BookingRow.by_actor_id, func.count())
            .join(ResourceRow, BookingRow.resource_id == ResourceRow.id)
            .where(BookingRow.status == "confirmed", ResourceRow.owner_id != BookingRow.by_actor_id)
            .group_by(BookingRow.by_actor_id)
        )

    def projects(self) -> dict[str, int]:
        """Joint projects the actor contributed to."""
        return self._by_actor(
            select(
                ContributionRow.member_id, func.count(distinct(ContributionRow.project_id))
            ).group_by(ContributionRow.member_id)
        )

    def milestones(self) -> tuple[dict[str, int], dict[str, int]]:
        """Milestones of the projects the actor contributed to: all of them, and those done."""
        pairs = select(ContributionRow.member_id, ContributionRow.project_id).distinct().subquery()
        base = select(pairs.c.member_id).join(
            MilestoneRow, MilestoneRow.project_id == pairs.c.project_id
        )
        every = base.add_columns(func.count()).group_by(pairs.c.member_id)
        done = (
            base.add_columns(func.count())
            .where(MilestoneRow.done.is_(True))
            .group_by(pairs.c.member_id)
        )
        return self._by_actor(every), self._by_actor(done)

    def referrals_asked(self) -> dict[str, dict[str, int]]:
        """status -> actor -> referrals the actor was asked to make (as introducer)."""
        rows = self.session.execute(
            select(ReferralRow.introducer_id, ReferralRow.status, func.count()).group_by(
                ReferralRow.introducer_id, ReferralRow.status
            )
        ).all()
        keys = self.actor_keys({r[0] for r in rows})
        by_status: dict[str, dict[str, int]] = defaultdict(dict)
        for actor_id, status, n in rows:
            by_status[status][keys[actor_id]] = int(n)
        return dict(by_status)

    def ties(self) -> dict[str, list[TieSpan]]:
        """Each actor's ties (at either end): weight, since and until."""
        rows = self.session.execute(
            select(TieRow.source_id, TieRow.target_id, TieRow.weight, TieRow.since, TieRow.until)
        ).all()
        keys = self.actor_keys({r[0] for r in rows} | {r[1] for r in rows})
        spans: dict[str, list[TieSpan]] = defaultdict(list)
        for source, target, weight, since, until in rows:
            spans[keys[source]].append((float(weight), since, until))
            spans[keys[target]].append((float(weight), since, until))
        return dict(spans)

    def partner_posts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Posts by others in the actor's cooperations: all, and those one of its users read."""
        available = (
            select(MembershipRow.actor_id, func.count(PostRow.id))
            .join(PostRow, PostRow.cooperation_id == MembershipRow.cooperation_id)
            .where(_ACTIVE_MEMBER, PostRow.author_id != MembershipRow.actor_id)
            .group_by(MembershipRow.actor_id)
        )
        read = (
            select(MembershipRow.actor_id, func.count(distinct(PostRow.id)))
            .join(PostRow, PostRow.cooperation_id == MembershipRow.cooperation_id)
            .join(ReceiptRow, ReceiptRow.post_id == PostRow.id)
            .join(
                ActorMemberRow,
                and_(
                    ActorMemberRow.user_id == ReceiptRow.user_id,
                    ActorMemberRow.actor_id == MembershipRow.actor_id,
                ),
            )
            .where(_ACTIVE_MEMBER, PostRow.author_id != MembershipRow.actor_id)
            .group_by(MembershipRow.actor_id)
        )
        return self._by_actor(available), self._by_actor(read)

    def account_map_reads(self) -> dict[str, int]:
        """Account maps of partners the actor read (audit action ``mapping.read``)."""
        return self._by_actor(
            select(AuditEventRow.by_actor_id, func.count())
            .where(
                AuditEventRow.action == MAPPING_READ,
                AuditEventRow.by_actor_id.is_not(None),
                AuditEventRow.subject_actor_id != AuditEventRow.by_actor_id,
            )
            .group_by(AuditEventRow.by_actor_id)
        )

    def team(self) -> tuple[dict[str, int], dict[str, int]]:
        """The actor's active users, and those of them who read at least one post."""
        users = (
            select(ActorMemberRow.actor_id, func.count())
            .join(UserRow, UserRow.id == ActorMemberRow.user_id)
            .where(UserRow.active.is_(True))
            .group_by(ActorMemberRow.actor_id)
        )
        readers = (
            select(ActorMemberRow.actor_id, func.count(distinct(ActorMemberRow.user_id)))
            .join(UserRow, UserRow.id == ActorMemberRow.user_id)
            .join(ReceiptRow, ReceiptRow.user_id == ActorMemberRow.user_id)
            .where(UserRow.active.is_(True))
            .group_by(ActorMemberRow.actor_id)
        )
        return self._by_actor(users), self._by_actor(readers)

    def team_forwards(self) -> dict[str, int]:
        """Posts the actor's own users forwarded to its team, each post counted once."""
        return self._by_actor(
            select(PostForwardRow.actor_id, func.count(distinct(PostForwardRow.post_id)))
            .join(
                ActorMemberRow,
                and_(
                    ActorMemberRow.user_id == PostForwardRow.user_id,
                    ActorMemberRow.actor_id == PostForwardRow.actor_id,
                ),
            )
            .group_by(PostForwardRow.actor_id)
        )

    def partners_of(self, actor: str) -> list[str]:
        """Actors that share an active cooperation with ``actor`` (both active members)."""
        mine = (
            select(MembershipRow.cooperation_id)
            .join(CooperationRow, MembershipRow.cooperation_id == CooperationRow.id)
            .join(ActorRow, MembershipRow.actor_id == ActorRow.id)
            .where(ActorRow.key == actor, CooperationRow.status == "active", _ACTIVE_MEMBER)
        )
        query = (
            select(ActorRow.key)
            .join(MembershipRow, MembershipRow.actor_id == ActorRow.id)
            .where(MembershipRow.cooperation_id.in_(mine), _ACTIVE_MEMBER, ActorRow.key != actor)
            .distinct()
            .order_by(ActorRow.key)
        )
        return list(self.session.scalars(query))

    def bookings(self, actor: str) -> list[BookingSpan]:
        """Confirmed bookings the actor made or others made of its resources.

        Each: (made by the actor, of its own resource, quantity, start, end, cost rate).
        """
        actor_id = self.actor_id(actor)
        # Two index-driven halves, not one OR across the join (which scans both tables whole
        # on PostgreSQL); UNION ALL, with the second half leaving out what the first found.
        columns = (
            BookingRow.by_actor_id == actor_id,
            ResourceRow.owner_id == actor_id,
            BookingRow.quantity,
            BookingRow.start,
            BookingRow.end,
            ResourceRow.cost_rate,
        )
        base = select(*columns).join(ResourceRow, BookingRow.resource_id == ResourceRow.id)
        confirmed = BookingRow.status == "confirmed"
        made = base.where(confirmed, BookingRow.by_actor_id == actor_id)
        of_mine = base.where(
            confirmed, ResourceRow.owner_id == actor_id, BookingRow.by_actor_id != actor_id
        )
        query = made.union_all(of_mine)
        return [
            (bool(by), bool(own), float(q), as_utc(s), as_utc(e), float(rate))
            for by, own, q, s, e, rate in self.session.execute(query)
        ]

    def own_capacity(self, actor: str) -> list[tuple[float, float]]:
        """Capacity and cost rate of each resource the actor owns."""
        query = (
            select(ResourceRow.capacity, ResourceRow.cost_rate)
            .join(ActorRow, ResourceRow.owner_id == ActorRow.id)
            .where(ActorRow.key == actor)
        )
        return [(float(c), float(r)) for c, r in self.session.execute(query)]

    def post_flow(self, actor: str) -> list[PostFlow]:
        """Posts the actor wrote with the reads of them by other actors' users, and reads by its
        own users of others' posts: (by the actor, post id, created, read_at or None)."""
        actor_id = self.actor_id(actor)
        own_users = select(ActorMemberRow.user_id).where(ActorMemberRow.actor_id == actor_id)
        # NOT EXISTS, not NOT IN: PostgreSQL then reads the receipts of the actor's posts by
        # their key instead of filtering every receipt against the hashed list of its users.
        others = (
            ~select(ActorMemberRow.user_id)
            .where(
                ActorMemberRow.actor_id == actor_id, ActorMemberRow.user_id == ReceiptRow.user_id
            )
            .exists()
        )
        written = (
            select(PostRow.id, PostRow.created, ReceiptRow.read_at)
            .outerjoin(ReceiptRow, and_(ReceiptRow.post_id == PostRow.id, others))
            .where(PostRow.author_id == actor_id)
        )
        read = (
            select(PostRow.id, PostRow.created, ReceiptRow.read_at)
            .join(ReceiptRow, ReceiptRow.post_id == PostRow.id)
            .where(ReceiptRow.user_id.in_(own_users), PostRow.author_id != actor_id)
        )
        flows: list[PostFlow] = [
            (True, i, as_utc(c), None if r is None else as_utc(r))
            for i, c, r in self.session.execute(written)
        ]
        flows += [(False, i, as_utc(c), as_utc(r)) for i, c, r in self.session.execute(read)]
        return flows

    def cooperation_referrals(self, key: str) -> list[tuple[str, float | None, datetime]]:
        """Referrals made within the cooperation: status, value and when created."""
        query = select(ReferralRow.status, ReferralRow.value, ReferralRow.created).where(
            ReferralRow.cooperation_id == self.cooperation_id(key)
        )
        return [(s, v, as_utc(c)) for s, v, c in self.session.execute(query)]

    def cooperation_bookings(self, key: str) -> list[tuple[float, datetime, datetime, float]]:
        """Confirmed bookings made within the cooperation: quantity, start, end, cost rate."""
        query = (
            select(BookingRow.quantity, BookingRow.start, BookingRow.end, ResourceRow.cost_rate)
            .join(ResourceRow, BookingRow.resource_id == ResourceRow.id)
            .where(
                BookingRow.cooperation_id == self.cooperation_id(key),
                BookingRow.status == "confirmed",
            )
        )
        return [
            (float(q), as_utc(s), as_utc(e), float(r)) for q, s, e, r in self.session.execute(query)
        ]

    def actor_keys_all(self) -> list[str]:
        """Every actor's key, sorted."""
        return list(self.session.scalars(select(ActorRow.key).order_by(ActorRow.key)))

    def counts(self) -> ActivityCounts:
        """Everything ``domain.capability_indicators`` needs, for every actor."""
        milestones, done = self.milestones()
        posts, read = self.partner_posts()
        users, readers = self.team()
        return ActivityCounts(
            active_cooperations=self.active_cooperations(),
            confirmed_bookings=self.confirmed_bookings(),
            projects=self.projects(),
            milestones=milestones,
            milestones_done=done,
            referrals_by_status=self.referrals_asked(),
            ties=self.ties(),
            partner_posts=posts,
            partner_posts_read=read,
            account_map_reads=self.account_map_reads(),
            team_members=users,
            active_team_members=readers,
            team_forwards=self.team_forwards(),
        )
