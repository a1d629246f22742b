"""Strategic partners of an actor, for its own users, coordinators and administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.kept import Kept
from jejaring.api.schemas.partners import PartnersPublic
from jejaring.services.partners import (
    PartnerQuery,
    find_partners,
)

__all__ = ["router"]

router = APIRouter(prefix="/actors", tags=["partners"])


@router.get(
    "/{key}/partners",
    response_model=PartnersPublic,
    response_model_exclude_unset=True,
)
def get_partners(
    ctx: Ctx,
    user: CurrentUser,
    keep: Kept,
    key: str,
    k: Annotated[int, Query(ge=1, le=100)] = 5,
    exact: bool = False,
    time_limit: Annotated[float, Query(gt=0, le=600)] = 60.0,
    tie_type: Annotated[list[str] | None, Query(max_length=20)] = None,
    exclude_competitors: bool = False,
    weights: Annotated[str, Query(max_length=200, examples=["coverage=0.5,proximity=0.3"])] = "",
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> Response:
    """The portfolio of at most ``k`` partners and the ranked candidates, with reasons.

    ``optimal`` is present only with ``exact``; ``weights`` overrides some default weights.
    """
    query = PartnerQuery.of(
        key,
        k=k,
        exact=exact,
        time_limit=time_limit,
        tie_types=tie_type,
        exclude_competitors=exclude_competitors,
        weights=weights,
        limit=limit,
    )
    return keep(lambda: PartnersPublic.of(find_partners(ctx, user, query)), exclude_unset=True)
