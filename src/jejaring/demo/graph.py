"""Who is tied to whom: a heavy-tailed, geographically clustered graph, drawn all at once.

Each actor has a *reach* (Pareto-distributed, larger for companies and organisations). Pairs are
drawn with both ends chosen in proportion to reach, as in the Chung-Lu expected-degree model:
the vectorised counterpart of preferential attachment, with the same heavy-tailed degrees (a
few hubs, many actors with two or three ties). The second end is drawn in the first's regency,
province or island, or anywhere, so that most ties are local. Organisations get members.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.sampling import choose_in_groups, group_ranges

__all__ = ["PAIRS_PER_ACTOR", "memberships", "pairs"]

PAIRS_PER_ACTOR = 2.0
# Where the other end of a tie lives: same regency, province, island, anywhere.
_SCOPE = (0.4, 0.35, 0.1, 0.15)


def _draw_near(
    rng: np.random.Generator,
    actors: pl.DataFrame,
    weight: np.ndarray,
    who: np.ndarray,
    scope: np.ndarray,
) -> np.ndarray:
    """For each of ``who``, an actor drawn by ``weight`` within the area given by ``scope``."""
    other = rng.choice(len(actors), size=len(who), p=weight / weight.sum())
    for level, column in enumerate(("regency_i", "province_i", "island_i")):
        groups = actors[column].to_numpy()
        start, count = group_ranges(groups, int(groups.max()) + 1)
        mask = scope == level
        near = choose_in_groups(rng, weight, start, count, groups[who[mask]])
        other[mask] = np.where(near >= 0, near, other[mask])
    return other


def pairs(rng: np.random.Generator, actors: pl.DataFrame) -> pl.DataFrame:
    """Distinct unordered pairs ``(u, v)``, ``u < v``, about ``PAIRS_PER_ACTOR`` per actor."""
    n = len(actors)
    reach = actors["reach"].to_numpy()
    m = int(PAIRS_PER_ACTOR * n * 1.1)  # a few draws repeat a pair or an actor: draw a bit more
    first = rng.choice(n, size=m, p=reach / reach.sum())
    second = _draw_near(rng, actors, reach, first, rng.choice(4, size=m, p=_SCOPE))
    keep = first != second
    u, v = np.minimum(first, second)[keep], np.maximum(first, second)[keep]
    return pl.DataFrame({"u": u, "v": v}).unique(maintain_order=True)


def memberships(rng: np.random.Generator, actors: pl.DataFrame) -> pl.DataFrame:
    """``(member, organization)`` pairs: organisations gather members near them."""
    kind = actors["kind_i"].to_numpy()
    orgs = np.flatnonzero(kind == 3)
    if len(orgs) == 0:
        return pl.DataFrame(
            {"member": [], "organization": []},
            schema=[("member", pl.Int64), ("organization", pl.Int64)],
        )
    size = np.minimum(3 + (6 * rng.pareto(1.5, len(orgs))).astype(np.int64), 300)
    org = np.repeat(orgs, size)
    weight = actors["reach"].to_numpy() * (kind != 3)
    scope = rng.choice(2, size=len(org), p=[0.6, 0.4])  # same regency or same province
    member = _draw_near(rng, actors, weight, org, scope)
    frame = pl.DataFrame({"member": member, "organization": org})
    return frame.filter(pl.col("member") != pl.col("organization")).unique(maintain_order=True)
