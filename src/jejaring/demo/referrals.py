"""Referrals: members ask each other for warm introductions, to a customer or to an actor.

Only cooperations that share networks produce referrals. The target is one of the introducer's
own customers (by its key in the introducer's list) or an actor of the introducer's province.
The pipeline is spread over every status; won referrals carry the value of the deal.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.calendar import times_before
from jejaring.demo.posts import member_pair
from jejaring.demo.sampling import choose_in_groups, draw_from_lists, gather, group_ranges, where
from jejaring.demo.texts import NOTES

__all__ = ["referral_frame"]

_STATUSES = tuple(NOTES)
_STATUS_P = np.array([20, 15, 8, 20, 22, 15], dtype=float)


def referral_frame(
    rng: np.random.Generator,
    actors: pl.DataFrame,
    cooperations: pl.DataFrame,
    memberships: pl.DataFrame,
    customers: pl.DataFrame,
) -> pl.DataFrame:
    """Referrals by actor keys; a customer target is named by ``target_owner`` and its key."""
    sharing = cooperations["mechanisms"].str.contains("network_sharing").to_numpy()
    coop = np.repeat(np.arange(len(cooperations)), rng.poisson(np.where(sharing, 3.0, 0.0)))
    requester, introducer = member_pair(rng, memberships, coop)
    n = len(coop)
    owners = customers["owner_i"].to_numpy()
    start, count = group_ranges(owners, len(actors))
    row = start[introducer] + (rng.random(n) * count[introducer]).astype(np.int64)
    to_customer = (count[introducer] > 0) & (rng.random(n) < 0.6)
    province = actors["province_i"].to_numpy()
    p_start, p_count = group_ranges(province, int(province.max()) + 1)
    target_actor = choose_in_groups(
        rng, actors["reach"].to_numpy(), p_start, p_count, province[introducer]
    )
    usable = to_customer | (
        (target_actor != requester) & (target_actor != introducer) & (target_actor >= 0)
    )
    status = rng.choice(len(_STATUSES), n, p=_STATUS_P / _STATUS_P.sum())
    value = np.round(rng.lognormal(np.log(25e6), 1.0, n), -3)
    valued = (status == _STATUSES.index("won")) | (
        (status < 4) & (status != 2) & (rng.random(n) < 0.5)
    )
    keys = actors["key"]
    customer_key = (
        customers["key"].gather(np.minimum(row, max(len(customers) - 1, 0)))
        if len(customers)
        else pl.Series([""] * n)
    )
    frame = pl.DataFrame(
        {
            "requester": keys.gather(requester),
            "introducer": keys.gather(introducer),
            "target_kind": where(to_customer, "customer", "actor"),
            "target": where(to_customer, customer_key, keys.gather(np.maximum(target_actor, 0))),
            "target_owner": where(
                to_customer, keys.gather(introducer), pl.Series([None] * n, dtype=pl.String)
            ),
            "cooperation": cooperations["key"].gather(coop),
            "status": gather(_STATUSES, status),
            "value": pl.Series(np.where(valued, value, np.nan)).fill_nan(None),
            "note": draw_from_lists(rng, list(NOTES.values()), status),
            "created": times_before(rng, n, 365),
        }
    )
    return frame.filter(pl.Series(usable))
