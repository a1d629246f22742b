"""Use cases: referrals (warm introductions asked of a partner) and their attribution.

A requester asks a partner that makes introductions in an active network-sharing cooperation
to introduce it to an actor or to one of the partner's customers; the introducer accepts or
declines, then introduces; the requester reports the outcome, won (with the deal's value) or
lost. A referral is seen only by its two parties' users; anyone else gets "not found".
Every step is published to the two parties' webhooks (``referral.<status>``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from jejaring.domain.accounts import AuditEvent, User
from jejaring.domain.errors import N_, InvalidValue, NotFound, RuleViolation
from jejaring.domain.referral_flow import Party, check_move
from jejaring.domain.referrals import Referral, ReferralStatus, TargetKind
from jejaring.domain.webhooks import EventKind
from jejaring.services.access import Operation, Principal, allowed, authorize, principal
from jejaring.services.bootstrap import Context
from jejaring.services.events import publish
from jejaring.services.partnership import RECORD_LEVELS, Partnership, partnerships
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "REFERRAL_TO_CUSTOMER",
    "Attribution",
    "ReferralList",
    "get_referral",
    "list_referrals",
    "move_referral",
    "referral_dict",
    "request_referral",
]

REFERRAL_TO_CUSTOMER = "referral.customer_requested"


@dataclass(frozen=True)
class Attribution:
    """Referrals made by ``introducer`` within ``cooperation``, and what they won."""

    introducer: str
    cooperation: str | None
    referrals: int
    won: int
    lost: int
    value_won: float


@dataclass(frozen=True)
class ReferralList:
    """An actor's referrals (asked and made), newest first, and their attribution."""

    referrals: tuple[Referral, ...]
    attribution: tuple[Attribution, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "referrals": [referral_dict(r) for r in self.referrals],
            "attribution": [a.__dict__ for a in self.attribution],
        }


def referral_dict(r: Referral) -> dict[str, Any]:
    return {
        "id": r.id,
        "requester": r.requester,
        "introducer": r.introducer,
        "target_kind": r.target_kind.value,
        "target": r.target,
        "cooperation": r.cooperation,
        "status": r.status.value,
        "value": r.value,
        "note": r.note,
        "created": r.created.isoformat(),
    }


def _announce(uow: UnitOfWork, r: Referral) -> None:
    publish(
        uow, EventKind(f"referral.{r.status.value}"), actors=[r.requester, r.introducer],
        cooperation=r.cooperation, data=referral_dict(r),
    )  # fmt: skip


def _introducing(
    uow: UnitOfWork, requester: str, introducer: str, cooperation: str | None
) -> Partnership:
    """The partnership through which ``introducer`` makes introductions for ``requester``."""
    for p in partnerships(uow, requester):
        if (
            p.partner == introducer
            and p.network_sharing
            and p.policy.introductions_allowed
            and cooperation in (None, p.cooperation)
        ):
            return p
    raise RuleViolation(
        N_(
            "'{introducer}' makes no introductions for '{requester}' in an active "
            "network-sharing cooperation{where}"
        ),
        introducer=introducer,
        requester=requester,
        where=f" '{cooperation}'" if cooperation else "",
    )


def request_referral(
    ctx: Context,
    user: User | None,
    requester: str,
    introducer: str,
    target: str,
    *,
    target_kind: TargetKind = TargetKind.ACTOR,
    cooperation: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Referral:
    """Ask ``introducer`` for an introduction to ``target``: an actor, or its own customer.

    A customer of the introducer can be named only when the introducer shares records
    (overlaps or full) in that cooperation; otherwise it is "not found", as a missing one.
    """
    at = now or datetime.now(UTC)
    with ctx.uow() as uow:
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=requester)
        authorize(p, Operation.REFERRAL_REQUEST, requester, visible=True, missing=missing)
        via = _introducing(uow, requester, introducer, cooperation)
        referral = Referral(
            requester, introducer, target_kind, target, at, via.cooperation, note=note
        )
        if target_kind is TargetKind.CUSTOMER:
            shown = via.policy.mapping_level in RECORD_LEVELS
            found = uow.customers.get(introducer, target) if shown else None
            segments = via.policy.shared_segments
            if found is None or (segments and found.segment not in segments):
                raise NotFound(
                    N_("customer '{key}' of '{owner}' not found"), key=target, owner=introducer
                )
            uow.audit.record(
                AuditEvent(
                    at, REFERRAL_TO_CUSTOMER, introducer, p.email, requester,
                    f"customer {target}", via.cooperation,
                )
            )  # fmt: skip
        elif uow.actors.get(target) is None:
            raise NotFound(N_("actor '{key}' not found"), key=target)
        made = replace(referral, id=uow.referrals.add(referral))
        _announce(uow, made)
        uow.commit()
    return made


def _visible(uow: UnitOfWork, p: Principal, referral_id: int) -> Referral:
    found = uow.referrals.get(referral_id)
    if found is None or not (
        allowed(p, Operation.REFERRAL_LIST, found.requester)
        or allowed(p, Operation.REFERRAL_LIST, found.introducer)
    ):
        raise NotFound(N_("referral {id} not found"), id=referral_id)
    return found


def get_referral(ctx: Context, user: User | None, referral_id: int) -> Referral:
    """A referral, for the users of its requester and of its introducer."""
    with ctx.reader() as uow:
        return _visible(uow, principal(uow, user), referral_id)


def move_referral(
    ctx: Context,
    user: User | None,
    referral_id: int,
    status: ReferralStatus,
    *,
    value: float | None = None,
) -> Referral:
    """Move a referral on: the introducer accepts, declines and introduces; the requester
    reports it won (with the deal's value) or lost."""
    if value is not None and status not in (ReferralStatus.WON, ReferralStatus.LOST):
        raise InvalidValue(N_("value: only a won or lost referral has a value"))
    with ctx.uow() as uow:
        p = principal(uow, user)
        found = _visible(uow, p, referral_id)
        party = check_move(found.status, status, referral=referral_id)
        actor = found.introducer if party is Party.INTRODUCER else found.requester
        missing = NotFound(N_("referral {id} not found"), id=referral_id)
        op = Operation.REFERRAL_ANSWER if party is Party.INTRODUCER else Operation.REFERRAL_CLOSE
        authorize(p, op, actor, visible=True, missing=missing)
        uow.referrals.set_status(referral_id, status, value=value)
        moved = uow.referrals.get(referral_id)
        assert moved is not None
        _announce(uow, moved)
        uow.commit()
    return moved


def list_referrals(ctx: Context, user: User | None, actor: str) -> ReferralList:
    """The referrals ``actor`` asked for or was asked to make, with their attribution."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        missing = NotFound(N_("actor '{key}' not found"), key=actor)
        if uow.actors.get(actor) is None:
            raise missing
        authorize(p, Operation.REFERRAL_LIST, actor, visible=False, missing=missing)
        found = uow.referrals.find_for(actor)
    return ReferralList(tuple(found), _attribute(found))


def _attribute(referrals: list[Referral]) -> tuple[Attribution, ...]:
    groups: dict[tuple[str, str | None], list[Referral]] = defaultdict(list)
    for r in referrals:
        groups[(r.introducer, r.cooperation)].append(r)
    return tuple(
        Attribution(
            introducer,
            coop,
            len(rs),
            sum(r.status is ReferralStatus.WON for r in rs),
            sum(r.status is ReferralStatus.LOST for r in rs),
            sum(r.value or 0.0 for r in rs if r.status is ReferralStatus.WON),
        )
        for (introducer, coop), rs in sorted(
            groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        )
    )
