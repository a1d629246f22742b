"""What network sharing shows an actor's users: reach, warm introductions, account maps and
the audit trail of its data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.kept import Kept, Record
from jejaring.api.schemas.referrals import IntroductionPublic, IntroductionsPublic
from jejaring.api.schemas.sharing import (
    AccountMapPublic,
    AuditEventPublic,
    AuditTrailPublic,
    ReachPublic,
)
from jejaring.domain.accounts import AuditEvent
from jejaring.services.audit import audit_trail
from jejaring.services.intros import find_introductions
from jejaring.services.mapping import map_accounts
from jejaring.services.pagination import MAX_LIMIT, paginate
from jejaring.services.reach import reach_read

__all__ = ["router"]

router = APIRouter(prefix="/actors", tags=["network sharing"])


@router.get("/{key}/reach", response_model=ReachPublic)
def get_reach(
    ctx: Ctx,
    user: CurrentUser,
    keep: Kept,
    key: str,
    k: Annotated[int, Query(ge=0, le=6)] = 2,
    tie_type: Annotated[list[str] | None, Query(max_length=20)] = None,
) -> Response:
    """Demand, territories and customers reachable alone, through partners and in k steps."""

    def answer() -> tuple[ReachPublic, Record]:
        report, read = reach_read(ctx, user, key, k=k, tie_types=tie_type or ())
        return ReachPublic.model_validate(report.as_dict()), read.record

    # Each showing, kept or not, audits the partners whose customers it counted.
    return keep.audited(answer)


@router.get("/{key}/introductions", response_model=IntroductionsPublic)
def get_introductions(
    ctx: Ctx,
    user: CurrentUser,
    key: str,
    target: Annotated[str, Query(max_length=64)],
    customer: Annotated[bool, Query(description="target is one of the actor's records")] = False,
    max_hops: Annotated[int, Query(ge=1, le=6)] = 3,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> IntroductionsPublic:
    """Warm introductions to ``target`` through partners who make introductions."""
    found = find_introductions(
        ctx, user, key, target, customer=customer, max_hops=max_hops, limit=limit
    )
    return IntroductionsPublic(
        requester=found.requester,
        target=found.target,
        complete=found.complete,
        routes=[
            IntroductionPublic(
                actors=list(r.actors),
                hops=r.hops,
                weakest=r.weakest,
                total=r.total,
                introducer=r.introducer,
                cooperation=r.cooperation,
                match=r.match,
            )
            for r in found.routes
        ],
    )


@router.get("/{key}/account-maps/{partner}", response_model=AccountMapPublic)
def get_account_map(
    ctx: Ctx,
    user: CurrentUser,
    key: str,
    partner: str,
    cooperation: Annotated[str | None, Query(max_length=64)] = None,
) -> AccountMapPublic:
    """The actor's customers against the partner's, at the level the partner shares.

    Reading it is recorded in the partner's audit trail.
    """
    found = map_accounts(ctx, user, key, partner, cooperation=cooperation)
    return AccountMapPublic.model_validate(found.as_dict())


def _order(e: AuditEvent) -> str:
    return f"{e.at.isoformat()}|{e.id or 0:012d}"


@router.get("/{key}/audit", response_model=AuditTrailPublic)
def get_audit_trail(
    ctx: Ctx,
    user: CurrentUser,
    key: str,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> AuditTrailPublic:
    """Who read what partners were shown of the actor's data, and its policy changes."""
    page = paginate(
        audit_trail(ctx, user, key), _order, cursor=cursor, limit=limit, descending=True
    )
    return AuditTrailPublic(
        items=[AuditEventPublic.of(e) for e in page.items], next_cursor=page.next_cursor
    )
