"""Cooperations among nearby or complementary actors, with their mechanisms.

Two sources: an organisation gathers some of its members into a programme, and an actor invites
a few others of its province or island (a supplier with salespeople and shops elsewhere, firms
covering neighbouring regencies). Members of a cooperation become partners (``partner_of``).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.sampling import choose_in_groups, fill, gather, group_ranges, split_words, where
from jejaring.demo.sectors import SECTORS
from jejaring.demo.territories import TerritoryTable

__all__ = ["cooperation_frames"]

_MECHANISMS = (
    "network_sharing",
    "information_sharing",
    "resource_co_utilization",
    "resource_co_development",
)
_MECHANISM_P = np.array([0.8, 0.85, 0.45, 0.15])
_PREFIXES = split_words("Kerjasama Aliansi Jejaring Konsorsium Kemitraan Forum Klaster")
_PURPOSES = (
    "Saling berbagi jaringan pelanggan dan memberi rekomendasi di {place}",
    "Berbagi info harga dan peluang pasar {label} di {place}",
    "Memakai bersama gudang dan armada untuk distribusi ke {place}",
    "Membangun bersama fasilitas {label} untuk anggota di {place}",
)
_SIZE = (np.array([1, 2, 3, 4, 5, 6]), np.array([0.4, 0.3, 0.15, 0.08, 0.04, 0.03]))


def _from_organizations(rng: np.random.Generator, members: pl.DataFrame) -> pl.DataFrame:
    """Some organisations run a programme with 2 to 5 of their members."""
    orgs = members["organization"].unique().sort().to_numpy()
    chosen = orgs[rng.random(len(orgs)) < 0.4]
    size = dict(zip(chosen.tolist(), rng.integers(2, 6, len(chosen)).tolist(), strict=True))
    picked = members.filter(pl.col("organization").is_in(chosen.tolist()))
    picked = (
        picked.with_columns(order=pl.Series(rng.random(len(picked))))
        .sort("organization", "order")
        .with_columns(rank=pl.int_range(pl.len()).over("organization"))
        .filter(pl.col("rank") < pl.col("organization").replace_strict(size, default=0))
    )
    return pl.concat(
        [
            pl.DataFrame({"lead": chosen, "actor": chosen}),
            picked.select(pl.col("organization").alias("lead"), pl.col("member").alias("actor")),
        ]
    )


def _invited(rng: np.random.Generator, actors: pl.DataFrame) -> pl.DataFrame:
    """Actors invite 1 to 6 others of their province (or island), more often well-connected ones."""
    n = len(actors)
    reach = actors["reach"].to_numpy() * (actors["kind_i"].to_numpy() != 3)
    leads = np.unique(rng.choice(n, size=max(1, n // 30), p=reach / reach.sum()))
    invited = np.repeat(leads, rng.choice(_SIZE[0], size=len(leads), p=_SIZE[1]))
    island = rng.random(len(invited)) < 0.3
    partner = np.empty(len(invited), dtype=np.int64)
    for column, mask in (("province_i", ~island), ("island_i", island)):
        groups = actors[column].to_numpy()
        start, count = group_ranges(groups, int(groups.max()) + 1)
        partner[mask] = choose_in_groups(rng, reach, start, count, groups[invited[mask]])
    return pl.concat(
        [
            pl.DataFrame({"lead": leads, "actor": leads}),
            pl.DataFrame({"lead": invited, "actor": partner}),
        ]
    )


def cooperation_frames(
    rng: np.random.Generator,
    actors: pl.DataFrame,
    members: pl.DataFrame,
    table: TerritoryTable,
    prefix: str,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(cooperations, memberships)``: memberships hold ``coop_i``, ``actor_i``, ``initiator``.

    A cooperation's scope is its members' home regencies: where together they do business.
    """
    rows = pl.concat([_from_organizations(rng, members), _invited(rng, actors)])
    rows = rows.filter(pl.col("actor") >= 0).unique(maintain_order=True)
    lead_of = (
        rows.group_by("lead", maintain_order=True)
        .agg(pl.len().alias("size"))
        .filter(pl.col("size") >= 2)
    )
    lead_of = lead_of.sort("lead").with_columns(coop_i=pl.int_range(pl.len()))
    memberships = (
        rows.join(lead_of, on="lead")
        .select(
            "coop_i",
            pl.col("actor").alias("actor_i"),
            (pl.col("actor") == pl.col("lead")).alias("initiator"),
        )
        .sort("coop_i", "actor_i")
    )
    n = len(lead_of)
    lead = lead_of["lead"].to_numpy()
    chosen = rng.random((n, len(_MECHANISMS))) < _MECHANISM_P
    chosen[~chosen.any(axis=1), 0] = True
    mechanisms = (
        pl.DataFrame(
            {
                m: where(chosen[:, i], m, pl.Series([None] * n, dtype=pl.String))
                for i, m in enumerate(_MECHANISMS)
            }
        )
        .select(pl.concat_str(_MECHANISMS, separator=";", ignore_nulls=True))
        .to_series()
    )
    label = gather([s.label for s in SECTORS], actors["sector_i"].to_numpy()[lead])
    place = table.regency_place.gather(actors["regency_i"].to_numpy()[lead])
    scope = (
        memberships.with_columns(
            code=table.regency_code.gather(actors["regency_i"].to_numpy()[memberships["actor_i"]])
        )
        .group_by("coop_i")
        .agg(pl.col("code").unique().sort().str.join(";"))
        .sort("coop_i")["code"]
    )
    main = np.where(chosen[:, 3], 3, np.where(chosen[:, 2], 2, np.where(chosen[:, 1], 1, 0)))
    purpose = fill(gather(_PURPOSES, main), {"place": place, "label": label.str.to_lowercase()})
    cooperations = pl.DataFrame(
        {
            "coop_i": lead_of["coop_i"],
            "key": [f"{prefix}-k{i:05d}" for i in range(1, n + 1)],
            "name": gather(_PREFIXES, rng.integers(0, len(_PREFIXES), n))
            + " "
            + label
            + " "
            + place,
            "mechanisms": mechanisms,
            "purpose": purpose,
            "scope": scope,
            "lead_i": lead,
        }
    )
    return cooperations, memberships
