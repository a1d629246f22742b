"""A generated customers bundle for the import benchmark: actors and their customer lists.

Each owner's customers come together, as an owner's own list would; territories are districts
of the shipped hierarchy picked at random, and every column of ``customers.csv`` is filled
(a fifth of the tax ids and a tenth of the e-mail addresses blank, as in real lists).
"""

from __future__ import annotations

import csv
import gzip
from importlib.resources import files
from pathlib import Path

import numpy as np
import polars as pl

__all__ = ["write_customers_bundle"]

_SEGMENTS = ["retail", "wholesale", "horeca", "government", "export", "online"]
_FIRST = ["Budi", "Sari", "Agus", "Dewi", "Rina", "Joko", "Wati", "Eko", "Putri", "Hendra"]
_LAST = ["Santoso", "Wijaya", "Lestari", "Pratama", "Hidayat", "Kusuma", "Siregar", "Nasution"]


def _districts() -> list[str]:
    path = files("jejaring") / "data" / "territories" / "idn" / "districts.csv"
    raw = path.read_bytes()
    if str(path).endswith(".gz"):
        raw = gzip.decompress(raw)
    return [row["code"] for row in csv.DictReader(raw.decode().splitlines())]


def write_customers_bundle(folder: Path, rows: int, *, per_owner: int = 500, seed: int = 1) -> None:
    """Write ``actors.csv`` and ``customers.csv`` (``rows`` customers) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    owners = max(1, -(-rows // per_owner))
    districts = np.array(_districts())
    pl.DataFrame(
        {
            "key": [f"owner-{i:05d}" for i in range(owners)],
            "name": [f"Usaha {i}" for i in range(owners)],
            "kind": rng.choice(["entrepreneur", "company", "salesperson"], owners),
            "sectors": rng.choice(["food", "textile", "logistics"], owners),
            "home_territory": rng.choice(districts, owners),
            "coverage": rng.choice(districts, owners),
        }
    ).write_csv(folder / "actors.csv")
    owner_keys = pl.Series([f"owner-{i:05d}" for i in range(owners)])
    names = pl.Series(np.array(_FIRST)[rng.integers(0, len(_FIRST), rows)]) + " "
    i = pl.col("i").cast(pl.String)
    frame = pl.DataFrame(
        {
            "i": np.arange(rows),
            "first": names + pl.Series(np.array(_LAST)[rng.integers(0, len(_LAST), rows)]),
            "phone": rng.integers(10**9, 10**10, rows),
            "tax": rng.integers(10**14, 10**15, rows),
            "blank_email": rng.random(rows) < 0.1,
            "blank_tax": rng.random(rows) < 0.2,
            "status": rng.choice(["customer", "prospect"], rows, p=[0.7, 0.3]),
            "territory": districts[rng.integers(0, len(districts), rows)],
            "segment": rng.choice(_SEGMENTS, rows),
            "value": np.round(rng.gamma(2.0, 2_500_000.0, rows), 2),
        }
    )
    frame.select(
        owner_keys.gather(np.arange(rows) // per_owner).alias("owner"),
        pl.concat_str(pl.lit("c"), i.str.zfill(8)).alias("key"),
        pl.col("first").alias("name"),
        "status",
        pl.when(pl.col("blank_email"))
        .then(None)
        .otherwise(pl.concat_str(pl.lit("buyer"), i, pl.lit("@mail.id")))
        .alias("email"),
        pl.concat_str(pl.lit("+628"), pl.col("phone").cast(pl.String)).alias("phone"),
        pl.when(pl.col("blank_tax"))
        .then(None)
        .otherwise(pl.col("tax").cast(pl.String))
        .alias("tax_id"),
        "territory",
        "segment",
        "value",
    ).write_csv(folder / "customers.csv")
