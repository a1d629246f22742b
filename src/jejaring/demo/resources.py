"""Resources members can lend: warehouses, vehicles, showrooms, equipment, sales staff,
distribution channels and budgets, with a capacity, a unit and a cost rate in rupiah.

Cost rates are per unit and hour (``Resource.cost_rate``): a warehouse at Rp 40-150 per m2 and
hour is Rp 30,000-110,000 per m2 and month, around what dry storage rents for; sales staff at
Rp 20,000-45,000 an hour is a regional minimum wage or somewhat above.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.sampling import draw_from_lists, fill, gather, per_row_choice, split_words, where
from jejaring.demo.territories import TerritoryTable
from jejaring.domain.resources import ResourceKind

__all__ = ["resource_frame"]

_KINDS = tuple(kind.value for kind in ResourceKind)  # the order of _MIX's columns
# kind: (unit, capacity range, cost per unit-hour range, names; "{place}" is the home regency)
_SPEC = {
    "warehouse": (
        "m2",
        (50, 3000),
        (40, 150),
        "Gudang_{place} Gudang_Kering_{place} Cold_Storage_{place}",
    ),
    "vehicle": (
        "ton",
        (1, 8),
        (20_000, 60_000),
        "Pikap_{plate} Truk_Engkel_{plate} Truk_Fuso_{plate}",
    ),
    "showroom": (
        "m2",
        (30, 600),
        (100, 400),
        "Showroom_{place} Ruang_Pamer_{place} Galeri_Produk_{place}",
    ),
    "equipment": (
        "unit",
        (1, 5),
        (15_000, 250_000),
        "Mesin_Cetak_Offset Mesin_Pengemas_Vakum Freezer_Box Mesin_Jahit_Industri Forklift "
        "Oven_Roti Mesin_Giling_Kopi Genset_10_kVA",
    ),
    "sales_staff": (
        "orang",
        (1, 25),
        (20_000, 45_000),
        "Tim_Sales_Kanvas_{place} Tenaga_Penjual_{place} SPG_{place}",
    ),
    "distribution_channel": (
        "outlet",
        (10, 800),
        (200, 2_000),
        "Jaringan_Toko_Kelontong_{place} Jaringan_Warung_{place} Reseller_Online Lapak_Marketplace",
    ),
    "budget": (
        "rupiah",
        (5_000_000, 500_000_000),
        (0, 0),
        "Anggaran_Promosi_Bersama Dana_Pameran Anggaran_Iklan_Digital",
    ),
}
# Expected resources per actor and the mix of kinds, by actor kind.
_PER_ACTOR = np.array([0.4, 1.0, 3.0, 1.5])
_MIX = np.array(
    [[0, 6, 0, 1, 2, 1, 0], [2, 3, 2, 3, 1, 1, 0.5], [4, 4, 2, 2, 3, 3, 1], [2, 1, 1, 3, 0.5, 2, 3]]
)
_HOURS = split_words(
    "Senin-Jumat_08.00-17.00 Senin-Sabtu_08.00-16.00 Setiap_hari_24_jam Sesuai_perjanjian"
)
# Registration plate letters of a few provinces' main city; others use the island's usual one.
_PLATES = {
    "11": "BL",
    "12": "BK",
    "13": "BA",
    "14": "BM",
    "16": "BG",
    "18": "BE",
    "31": "B",
    "32": "D",
    "33": "H",
    "34": "AB",
    "35": "L",
    "36": "A",
    "51": "DK",
    "52": "DR",
    "53": "DH",
    "61": "KB",
    "63": "DA",
    "64": "KT",
    "71": "DB",
    "73": "DD",
    "81": "DE",
    "91": "PA",
}


def _log_uniform(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    drawn: np.ndarray = np.exp(rng.uniform(np.log(np.maximum(low, 1)), np.log(np.maximum(high, 1))))
    return drawn


def resource_frame(
    rng: np.random.Generator, table: TerritoryTable, actors: pl.DataFrame
) -> pl.DataFrame:
    """Resources of the actors, with ``owner_i`` beside the bundle's text columns."""
    kinds = actors["kind_i"].to_numpy()
    owner = np.repeat(np.arange(len(actors)), rng.poisson(_PER_ACTOR[kinds]))
    n = len(owner)
    kind = per_row_choice(rng, _MIX[kinds[owner]]) if n else np.zeros(0, dtype=np.int64)
    specs = [_SPEC[k] for k in _KINDS]
    low, high = (np.array([s[i][j] for s in specs])[kind] for i, j in ((1, 0), (1, 1)))
    capacity = np.round(_log_uniform(rng, low, high), 0)
    cost_low, cost_high = (np.array([s[2][j] for s in specs])[kind] for j in (0, 1))
    cost = np.round(rng.uniform(cost_low, cost_high) / 50) * 50  # rates come in round figures
    regency = actors["regency_i"].to_numpy()[owner]
    province = table.regency_province[regency]
    plate = gather([_PLATES.get(c, "B") for c in table.province_code.to_list()], province)
    plate = (
        plate
        + " "
        + pl.Series(rng.integers(1000, 9999, n)).cast(pl.String)
        + " "
        + gather(split_words("AB CD EF GH KL MN PR ST UV XY"), rng.integers(0, 10, n))
    )
    name = draw_from_lists(rng, [split_words(s[3]) for s in specs], kind)
    name = fill(name, {"place": table.regency_place.gather(regency), "plate": plate})
    frame = pl.DataFrame({"owner_i": owner}).with_columns(
        number=pl.int_range(1, pl.len() + 1).over("owner_i").cast(pl.String)
    )
    at_home = rng.random(n) < 0.6
    return pl.DataFrame(
        {
            "owner_i": owner,
            "key": actors["key"].gather(owner) + "-R" + frame["number"],
            "name": name,
            "kind": gather(_KINDS, kind),
            "capacity": pl.Series(capacity.astype(np.int64)).cast(pl.String),
            "unit": gather([s[0] for s in specs], kind),
            "territory": where(
                at_home,
                actors["home_territory"].gather(owner),
                table.regency_code.gather(regency),
            ),
            "cost_rate": pl.Series(cost.astype(np.int64)).cast(pl.String),
            "availability": gather(_HOURS, rng.integers(0, len(_HOURS), n)),
        }
    )
