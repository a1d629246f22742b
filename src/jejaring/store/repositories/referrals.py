"""Referrals (warm introductions)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import aliased

from jejaring.domain.errors import N_, NotFound
from jejaring.domain.numbers import check_non_negative
from jejaring.domain.referrals import Referral, ReferralStatus, TargetKind
from jejaring.store.repositories.base import Repository, as_utc
from jejaring.store.tables import ActorRow, CooperationRow, CustomerRow, ReferralRow

__all__ = ["ReferralRepository"]

_Req, _Intro, _TargetActor = aliased(ActorRow), aliased(ActorRow), aliased(ActorRow)


class ReferralRepository(Repository):
    """Referrals by id; times are stored and returned in UTC."""

    def add(self, r: Referral, *, target_owner: str | None = None) -> int:
        """Store a referral and return its id.

        A customer target is named by its key and its owner, the introducer unless
        ``target_owner`` says otherwise; NotFound when that owner holds no such customer.
        """
        row = ReferralRow(
            requester_id=self.actor_id(r.requester),
            introducer_id=self.actor_id(r.introducer),
            target_kind=r.target_kind.value,
            status=r.status.value,
            value=r.value,
            note=r.note,
            created=as_utc(r.created),
            cooperation_id=self.cooperation_id(r.cooperation) if r.cooperation else None,
        )
        if r.target_kind is TargetKind.ACTOR:
            row.target_actor_id = self.actor_id(r.target)
        else:
            owner = target_owner or r.introducer
            row.target_customer_id = self.session.scalar(
                select(CustomerRow.id).where(
                    CustomerRow.owner_id == self.actor_id(owner), CustomerRow.key == r.target
                )
            )
            if row.target_customer_id is None:
                raise NotFound(
                    N_("customer '{key}' of '{owner}' not found"), key=r.target, owner=owner
                )
        self.session.add(row)
        self._flush()
        return row.id

    def get(self, referral_id: int) -> Referral | None:
        found = self._load(ReferralRow.id == referral_id)
        return found[0] if found else None

    def set_status(
        self, referral_id: int, status: ReferralStatus, *, value: float | None = None
    ) -> None:
        """Move a referral to ``status``, with its value when one is given."""
        row = self.session.get(ReferralRow, referral_id)
        if row is None:
            raise NotFound(N_("referral {id} not found"), id=referral_id)
        row.status = status.value
        if value is not None:
            row.value = check_non_negative(value, field="value")
        self._flush()

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(ReferralRow)) or 0

    def find_for(self, actor: str) -> list[Referral]:
        """Referrals the actor asked for or was asked to make, newest first."""
        actor_id = self.actor_id(actor)
        return self._load(
            (ReferralRow.requester_id == actor_id) | (ReferralRow.introducer_id == actor_id)
        )

    def _load(self, where: ColumnElement[bool]) -> list[Referral]:
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
            .where(where)
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
