"""Actors: kinds in plausible proportions, sectors, a home district and Indonesian names.

Rows are sorted by home district (so by province and regency too, as territory codes nest):
actors of one area form a contiguous range, which the tie and customer generators use to draw
neighbours in one vectorised step. Keys carry the seed, so two demos never mix their actors.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.firms import businesses, organizations
from jejaring.demo.people import people
from jejaring.demo.sampling import draw_from_lists, fill, gather, per_row_choice, where
from jejaring.demo.sectors import KINDS, SECTORS, sector_weights
from jejaring.demo.territories import TerritoryTable

__all__ = ["KIND_SHARES", "actor_frame"]

# Many salespeople and small businesses (UMKM), fewer companies, few organisations.
KIND_SHARES = (0.42, 0.40, 0.13, 0.05)
# Companies concentrate in big markets (home drawn with demand ** exponent), organisations less.
_CITY_PULL = (1.0, 1.0, 1.4, 0.8)
# How many actors' ties an actor attracts, relative to a salesperson (see ties.py).
_REACH = np.array([1.0, 1.3, 3.0, 4.0])
_LEGAL = {1: (3, 22, 18, 0, 42, 15), 2: (88, 12, 0, 0, 0, 0)}  # over firms.LEGAL_FORMS
_ABOUT = (
    ("Sales {product} untuk wilayah {place}", "Agen penjualan {product} area {place}"),
    ("Usaha {product} di {place}", "UMKM {label} di {place}, jual {product} eceran dan grosir"),
    ("Distributor {product} untuk {province}", "Produsen {product} berbasis di {place}"),
    ("Wadah pelaku usaha {label} di {place}", "Kumpulan pengusaha {label} se-{province}"),
)


def _kinds(rng: np.random.Generator, n: int) -> np.ndarray:
    counts = np.floor(np.array(KIND_SHARES) * n).astype(np.int64)
    counts[3] = max(counts[3], 1 if n >= 10 else 0)
    counts[0] += n - counts.sum()
    return np.repeat(np.arange(4), counts)


def _homes(rng: np.random.Generator, kinds: np.ndarray, demand: np.ndarray) -> np.ndarray:
    homes = np.empty(len(kinds), dtype=np.int64)
    for k, pull in enumerate(_CITY_PULL):
        mask = kinds == k
        p = demand**pull
        homes[mask] = rng.choice(len(demand), size=int(mask.sum()), p=p / p.sum())
    return homes


def _sectors(rng: np.random.Generator, kinds: np.ndarray) -> tuple[np.ndarray, pl.Series]:
    n = len(kinds)
    primary = per_row_choice(rng, np.array(sector_weights())[kinds])
    extra = np.array([s.weight for s in SECTORS])
    second, third = (rng.choice(len(SECTORS), n, p=extra / extra.sum()) for _ in range(2))
    how_many = rng.random(n) * np.where(kinds == 2, 1.6, 1.0)  # companies trade more sectors
    names = gather([s.key for s in SECTORS], primary)
    second_names = gather([s.key for s in SECTORS], second)
    third_names = gather([s.key for s in SECTORS], third)
    joined = where(
        how_many < 0.55,
        names,
        where(
            how_many < 0.9,
            names + ";" + second_names,
            names + ";" + second_names + ";" + third_names,
        ),
    )
    # A repeated sector is dropped (";"-lists are sets).
    deduped = joined.str.split(";").list.unique(maintain_order=True).list.join(";")
    return primary, deduped


def actor_frame(
    rng: np.random.Generator, table: TerritoryTable, district_demand: np.ndarray, n: int, seed: int
) -> pl.DataFrame:
    """``n`` actors with their internal columns (indices) beside the bundle's text columns."""
    kinds = _kinds(rng, n)
    homes = _homes(rng, kinds, district_demand)
    order = np.lexsort((rng.random(n), kinds, homes))
    kinds, homes = kinds[order], homes[order]
    regency = table.district_regency[homes]
    province = table.regency_province[regency]
    primary, sectors = _sectors(rng, kinds)
    owner = people(rng, province, table.province_code.to_list())
    place, province_name = table.regency_place.gather(regency), table.province_name.gather(province)
    entrepreneur = businesses(rng, primary, owner.first, owner.female, _LEGAL[1]).name
    company = businesses(rng, primary, owner.first, owner.female, _LEGAL[2]).name
    company = where(rng.random(n) < 0.02, company + " Tbk", company)
    organization = organizations(rng, primary, place)
    names = [owner.full, entrepreneur, company, organization]
    name = where(
        kinds == 0, names[0], where(kinds == 1, names[1], where(kinds == 2, names[2], names[3]))
    )
    about = draw_from_lists(rng, _ABOUT, kinds)
    product = draw_from_lists(rng, [s.products for s in SECTORS], primary)
    label = gather([s.label.lower() for s in SECTORS], primary)
    width = max(6, len(str(n)))
    return pl.DataFrame(
        {
            "key": [f"d{seed}-{i:0{width}d}" for i in range(1, n + 1)],
            "name": name,
            "kind": gather(KINDS, kinds),
            "sectors": sectors,
            "home_territory": table.district_code.gather(homes),
            "description": fill(
                about,
                {"product": product, "label": label, "place": place, "province": province_name},
            ),
            "visibility": where(rng.random(n) < 0.95, "community", "private"),
            "kind_i": kinds,
            "sector_i": primary,
            "district_i": homes,
            "regency_i": regency,
            "province_i": province,
            "island_i": table.province_island[province],
            "reach": (rng.pareto(1.6, n) + 1.0) * _REACH[kinds],
            "owner_first": owner.first,
            "owner_last": owner.last,
            "owner_female": owner.female,
        }
    )
