"""Referrals: ask a partner for an introduction, move it on, list an actor's pipeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.schemas.referrals import (
    AttributionPublic,
    ReferralCreate,
    ReferralPublic,
    ReferralsPublic,
    ReferralUpdate,
)
from jejaring.domain.referrals import Referral
from jejaring.services import referrals
from jejaring.services.pagination import MAX_LIMIT, paginate

__all__ = ["router"]

router = APIRouter(prefix="/referrals", tags=["referrals"])


def _order(r: Referral) -> str:
    # The list is newest first; the id breaks ties between referrals made the same instant.
    return f"{r.created.isoformat()}|{r.id:012d}"


@router.get("", response_model=ReferralsPublic)
def list_referrals(
    ctx: Ctx,
    user: CurrentUser,
    actor: Annotated[str, Query(max_length=64, description="asked for or asked of")],
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> ReferralsPublic:
    found = referrals.list_referrals(ctx, user, actor)
    page = paginate(found.referrals, _order, cursor=cursor, limit=limit, descending=True)
    return ReferralsPublic(
        items=[ReferralPublic.of(r) for r in page.items],
        attribution=[AttributionPublic.of(a) for a in found.attribution],
        next_cursor=page.next_cursor,
    )


@router.post("", response_model=ReferralPublic, status_code=201)
def request_referral(ctx: Ctx, user: CurrentUser, body: ReferralCreate) -> ReferralPublic:
    made = referrals.request_referral(
        ctx,
        user,
        body.requester,
        body.introducer,
        body.target,
        target_kind=body.target_kind,
        cooperation=body.cooperation,
        note=body.note,
    )
    return ReferralPublic.of(made)


@router.get("/{referral_id}", response_model=ReferralPublic)
def get_referral(ctx: Ctx, user: CurrentUser, referral_id: int) -> ReferralPublic:
    return ReferralPublic.of(referrals.get_referral(ctx, user, referral_id))


@router.patch("/{referral_id}", response_model=ReferralPublic)
def move_referral(
    ctx: Ctx, user: CurrentUser, referral_id: int, body: ReferralUpdate
) -> ReferralPublic:
    """Move the referral to its next status."""
    moved = referrals.move_referral(ctx, user, referral_id, body.status, value=body.value)
    return ReferralPublic.of(moved)
