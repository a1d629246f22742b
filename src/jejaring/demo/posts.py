"""Posts in cooperations' channels: market news, prices, leads, opportunities, risks, rules.

Cooperations that share information post more. The author is one of the members; a post is
tagged with the author's regency and primary sector, is for every member, and leads and
opportunities expire.
"""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import polars as pl

from jejaring.demo.calendar import times_before
from jejaring.demo.sampling import draw_from_lists, fill, gather, group_ranges
from jejaring.demo.sectors import SECTORS
from jejaring.demo.texts import POSTS

__all__ = ["member_pair", "member_pick", "post_frame"]

_CATEGORIES = tuple(POSTS)
_CATEGORY_P = np.array([25, 25, 15, 15, 12, 8], dtype=float)
_EXPIRING = ["lead", "opportunity"]


def _ranges(memberships: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    groups = memberships["coop_i"].to_numpy()
    return group_ranges(groups, int(groups.max()) + 1 if len(groups) else 0)


def member_pick(
    rng: np.random.Generator, memberships: pl.DataFrame, coop: np.ndarray
) -> np.ndarray:
    """A member (actor index) of each cooperation in ``coop``, drawn uniformly."""
    start, count = _ranges(memberships)
    rows = start[coop] + (rng.random(len(coop)) * count[coop]).astype(np.int64)
    picked: np.ndarray = memberships["actor_i"].to_numpy()[rows]
    return picked


def member_pair(
    rng: np.random.Generator, memberships: pl.DataFrame, coop: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Two different members of each cooperation in ``coop`` (every one has two or more)."""
    start, count = _ranges(memberships)
    first = (rng.random(len(coop)) * count[coop]).astype(np.int64)
    # The second is one of the others: step 1..count-1 places on, around the member list.
    step = 1 + (rng.random(len(coop)) * (count[coop] - 1)).astype(np.int64)
    actor = memberships["actor_i"].to_numpy()
    return actor[start[coop] + first], actor[start[coop] + (first + step) % count[coop]]


def post_frame(
    rng: np.random.Generator,
    actors: pl.DataFrame,
    cooperations: pl.DataFrame,
    memberships: pl.DataFrame,
    places: pl.Series,
    regency_codes: pl.Series,
    businesses: pl.Series,
) -> pl.DataFrame:
    """Posts with the keys of their cooperation and author; ``businesses`` fill ``{business}``."""
    sharing = cooperations["mechanisms"].str.contains("information_sharing").to_numpy()
    coop = np.repeat(np.arange(len(cooperations)), rng.poisson(np.where(sharing, 3.0, 0.4)))
    n = len(coop)
    author = member_pick(rng, memberships, coop)
    category = rng.choice(len(_CATEGORIES), n, p=_CATEGORY_P / _CATEGORY_P.sum())
    template = rng.integers(0, 1_000, n)
    titles = [[t for t, _ in POSTS[c]] for c in _CATEGORIES]
    bodies = [[b for _, b in POSTS[c]] for c in _CATEGORIES]
    # Title and body of one template: the same draw indexes both lists.
    which = template % np.array([len(t) for t in titles])[category]
    offsets = np.concatenate(([0], np.cumsum([len(t) for t in titles])[:-1]))
    flat = offsets[category] + which
    sector = actors["sector_i"].to_numpy()[author]
    regency = actors["regency_i"].to_numpy()[author]
    price = np.round(rng.lognormal(np.log(25_000), 0.8, n), -2).astype(np.int64)
    slots = {
        "product": draw_from_lists(rng, [s.products for s in SECTORS], sector),
        "place": places.gather(regency),
        "business": businesses.gather(rng.integers(0, len(businesses), n))
        if n
        else places.gather(regency),
        "price": pl.Series([f"{p:,}".replace(",", ".") for p in price], dtype=pl.String),
        "pct": pl.Series(rng.integers(5, 31, n)).cast(pl.String),
    }
    created = times_before(rng, n, 365)
    kind = gather(_CATEGORIES, category)
    expiring = kind.is_in(_EXPIRING)
    return pl.DataFrame(
        {
            "cooperation": cooperations["key"].gather(coop),
            "author": actors["key"].gather(author),
            "category": kind,
            "title": fill(gather([t for ts in titles for t in ts], flat), slots),
            "body": fill(gather([b for bs in bodies for b in bs], flat), slots),
            "territories": regency_codes.gather(regency)
            .cast(pl.String)
            .to_frame("t")
            .select(pl.concat_list("t"))
            .to_series(),
            "sectors": gather([s.key for s in SECTORS], sector)
            .to_frame("s")
            .select(pl.concat_list("s"))
            .to_series(),
            "visibility": pl.Series(["members"] * n, dtype=pl.String),
            "created": created,
            "expires": pl.select(
                pl.when(pl.lit(expiring)).then(pl.lit(created) + timedelta(days=90)).otherwise(None)
            ).to_series(),
        }
    )
