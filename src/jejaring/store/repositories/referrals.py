"""Referrals (warm introductions)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from jejaring.domain.referrals import Referral, ReferralStatus, TargetKind
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import ActorRow, CooperationRow, CustomerRow, ReferralRow

__all__ = ["ReferralRepository"]

_Req, _Intro, _TargetActor = aliased(ActorRow), aliased(ActorRow), aliased(ActorRow)


class ReferralRepository(Repository):
    """Referrals by id."""

    def add(self, r: Referral, *, target_owner: str | None = None) -> int:
        """Store a referral; a customer target is named by its owner and key."""
        row = ReferralRow(
            requester_id=self.actor_id(r.requester),
            introducer_id=self.actor_id(r.introducer),
            target_kind=r.target_kind.value,
            status=r.status.value,
            value=r.value,
            note=r.note,
            created=r.created,
            cooperation_id=self.cooperation_id(r.cooperation) if r.cooperation else None,
        )
        if r.target_kind is TargetKind.ACTOR:
            row.target_actor_id = self.actor_id(r.target)
        else:
            row.target_customer_id = self.session.scalar(
                select(CustomerRow.id).where(
                    CustomerRow.owner_id == self.actor_id(target_owner or r.introducer),
                    CustomerRow.key == r.target,
                )
            )
        self.session.add(row)
        self.session.flush()
        return row.id

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(ReferralRow)) or 0

    def find_for(self, actor: str) -> list[Referral]:
        """Referrals the actor asked for or was asked to make, newest first."""
        query = (
            select(
                ReferralRow,
                _Req.key,
                _Intro.key,
                _TargetActor.key,
                CustomerRow.key,
                CooperationRow.key,
            )
            .join(_Req, ReferralRow.requester_id == _Req.id)
            .join(_Intro, ReferralRow.introducer_id == _Intro.id)
            .outerjoin(_TargetActor, ReferralRow.target_actor_id == _TargetActor.id)
            .outerjoin(CustomerRow, ReferralRow.target_customer_id == CustomerRow.id)
            .outerjoin(CooperationRow, ReferralRow.cooperation_id == CooperationRow.id)
            .where((_Req.key == actor) | (_Intro.key == actor))
            .order_by(ReferralRow.created.desc(), ReferralRow.id.desc())
        )
        return [
            Referral(
                req,
                intro,
                TargetKind(r.target_kind),
                t_actor or t_customer or "",
                as_utc(r.created),
                coop,
                ReferralStatus(r.status),
                r.value,
                r.note,
                id=r.id,
            )
            for r, req, intro, t_actor, t_customer, coop in self.session.execute(query)
        ]
