"""Coverage: the areas each actor serves, clustered around its home.

Salespeople cover a few districts of their home regency (or the whole regency); small
businesses their regency and a few others of their province; companies many regencies of
their province and of neighbouring provinces on the same island, or whole provinces;
organisations their regency or province. Each rule is a "slot" drawn for many actors at once.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.sampling import choose_in_groups, group_ranges
from jejaring.demo.territories import TerritoryTable

__all__ = ["coverage"]


class _Slots:
    """Collects (actor, territory code) pairs, one vectorised rule at a time."""

    def __init__(self) -> None:
        self.frames: list[pl.DataFrame] = []

    def add(self, actors: np.ndarray, codes: pl.Series) -> None:
        self.frames.append(pl.DataFrame({"actor": actors.astype(np.int64), "code": codes}))

    def joined(self, n: int) -> pl.Series:
        pairs = pl.concat(self.frames).unique().sort("actor", "code")
        lists = pairs.group_by("actor").agg(pl.col("code").str.join(";"))
        every = pl.DataFrame({"actor": np.arange(n, dtype=np.int64)})
        return every.join(lists, on="actor", how="left").sort("actor")["code"].alias("coverage")


def _repeat(rng: np.random.Generator, actors: np.ndarray, mean: float) -> np.ndarray:
    """Each actor repeated a Poisson(mean) number of times: one row per extra slot."""
    return np.repeat(actors, rng.poisson(mean, len(actors)))


def coverage(
    rng: np.random.Generator,
    table: TerritoryTable,
    actors: pl.DataFrame,
    regency_demand: np.ndarray,
) -> pl.Series:
    """A ``;``-separated list of territory codes per actor, in the actors' order."""
    n = len(actors)
    kind, district = actors["kind_i"].to_numpy(), actors["district_i"].to_numpy()
    regency, province = actors["regency_i"].to_numpy(), actors["province_i"].to_numpy()
    island = actors["island_i"].to_numpy()
    mode = rng.random(n)
    slots = _Slots()
    by_island = table.province_island[table.regency_province]
    island_start, island_count = group_ranges(by_island, int(by_island.max()) + 1)

    def districts_near(who: np.ndarray) -> None:
        home = table.district_regency[district[who]]
        pick = table.district_start[home] + (rng.random(len(who)) * table.district_count[home])
        slots.add(who, table.district_code.gather(pick.astype(np.int64)))

    def regencies_in(who: np.ndarray, *, whole_island: bool, away: bool = False) -> None:
        groups = island[who] if whole_island else province[who]
        start, count = (
            (island_start, island_count)
            if whole_island
            else (table.regency_start, table.regency_count)
        )
        pick = choose_in_groups(rng, regency_demand, start, count, groups)
        keep = pick >= 0
        if away:  # the home province is covered whole already: only other provinces add
            keep &= table.regency_province[np.maximum(pick, 0)] != province[who]
        slots.add(who[keep], table.regency_code.gather(pick[keep]))

    everyone = np.arange(n)
    sales, small = everyone[kind == 0], everyone[kind == 1]
    firms, orgs = everyone[kind == 2], everyone[kind == 3]
    narrow = sales[mode[sales] < 0.75]  # a salesperson's beat: districts of the home regency
    slots.add(narrow, table.district_code.gather(district[narrow]))
    districts_near(_repeat(rng, narrow, 2.0))
    regional = np.concatenate([sales[mode[sales] >= 0.75], small, orgs[mode[orgs] < 0.6]])
    regional = np.concatenate([regional, firms[mode[firms] < 0.65]])
    slots.add(regional, table.regency_code.gather(regency[regional]))
    regencies_in(_repeat(rng, small, 1.2), whole_island=False)
    regencies_in(_repeat(rng, small[mode[small] < 0.1], 1.0), whole_island=True)
    wide = firms[mode[firms] < 0.65]  # a company's regencies, mostly in its province
    regencies_in(_repeat(rng, wide, 5.0), whole_island=False)
    regencies_in(_repeat(rng, wide, 1.5), whole_island=True)
    provincial = np.concatenate([firms[mode[firms] >= 0.65], orgs[mode[orgs] >= 0.6]])
    slots.add(provincial, table.province_code.gather(province[provincial]))
    far = firms[mode[firms] >= 0.65]  # a provincial company also serves part of its island
    regencies_in(_repeat(rng, far, 2.0), whole_island=True, away=True)
    return slots.joined(n)
