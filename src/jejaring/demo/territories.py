"""The territory hierarchy as arrays, and a seeded, population-like demand for its areas.

Provinces, regencies and districts are each sorted so that the children of one parent form a
contiguous range (see :mod:`jejaring.demo.sampling`). Island groups come from the first digit of
Indonesia's province codes (1 Sumatra, 3 Java, 5 Bali and Nusa Tenggara, 6 Kalimantan,
7 Sulawesi, 8 Maluku, 9 Papua), which is what "near" means across provinces here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import polars as pl

from jejaring.demo.sampling import group_ranges
from jejaring.domain.territories import Level, Territory

__all__ = ["TerritoryTable", "demand", "territory_table"]

# Java holds over half of Indonesia's people on a seventh of its land: its areas weigh more.
_DENSE_ISLAND = "3"
_POPULATION_THOUSANDS = 280_000.0


@dataclass(frozen=True)
class TerritoryTable:
    """Codes and names by level, each level's parent index, and children's ranges."""

    country: str | None
    province_code: pl.Series
    province_name: pl.Series
    province_island: np.ndarray
    regency_code: pl.Series
    regency_place: pl.Series  # the name without "Kabupaten"/"Kota", as people say it
    regency_province: np.ndarray
    regency_city: np.ndarray
    regency_start: np.ndarray  # first regency of each province
    regency_count: np.ndarray
    district_code: pl.Series
    district_name: pl.Series
    district_regency: np.ndarray
    district_start: np.ndarray  # first district of each regency
    district_count: np.ndarray
    names: dict[str, str]

    @property
    def district_province(self) -> np.ndarray:
        found: np.ndarray = self.regency_province[self.district_regency]
        return found


def _level(rows: list[Territory], parents: dict[str, int]) -> tuple[list[Territory], np.ndarray]:
    kept = sorted((t for t in rows if t.parent_code in parents), key=lambda t: t.code)
    kept.sort(key=lambda t: parents[t.parent_code or ""])  # stable: by parent, then code
    return kept, np.array([parents[t.parent_code or ""] for t in kept], dtype=np.int64)


def territory_table(territories: Iterable[Territory]) -> TerritoryTable:
    """Arrange a country's provinces, regencies and districts; villages are left out."""
    by_level: dict[Level, list[Territory]] = {level: [] for level in Level}
    for t in territories:
        by_level[t.level].append(t)
    provinces = sorted(by_level[Level.PROVINCE], key=lambda t: t.code)
    if not provinces:
        raise ValueError("the territory hierarchy has no provinces")
    regencies, regency_province = _level(
        by_level[Level.REGENCY], {t.code: i for i, t in enumerate(provinces)}
    )
    districts, district_regency = _level(
        by_level[Level.DISTRICT], {t.code: i for i, t in enumerate(regencies)}
    )
    if not districts:
        raise ValueError("the territory hierarchy has no districts")
    islands = sorted({t.code[0] for t in provinces})
    regency_start, regency_count = group_ranges(regency_province, len(provinces))
    district_start, district_count = group_ranges(district_regency, len(regencies))
    countries = by_level[Level.COUNTRY]
    regency_names = pl.Series([t.name for t in regencies], dtype=pl.String)
    return TerritoryTable(
        country=countries[0].code if countries else None,
        province_code=pl.Series([t.code for t in provinces], dtype=pl.String),
        province_name=pl.Series([t.name for t in provinces], dtype=pl.String),
        province_island=np.array([islands.index(t.code[0]) for t in provinces]),
        regency_code=pl.Series([t.code for t in regencies], dtype=pl.String),
        regency_place=regency_names.str.replace(r"^(Kabupaten|Kota) ", ""),
        regency_province=regency_province,
        regency_city=regency_names.str.starts_with("Kota ").to_numpy(),
        regency_start=regency_start,
        regency_count=regency_count,
        district_code=pl.Series([t.code for t in districts], dtype=pl.String),
        district_name=pl.Series([t.name for t in districts], dtype=pl.String),
        district_regency=district_regency,
        district_start=district_start,
        district_count=district_count,
        names={t.code: t.name for t in [*countries, *provinces, *regencies, *districts]},
    )


def demand(table: TerritoryTable, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A market weight per district and per regency (the sum of its districts).

    District figures are log-normal like district populations (a long right tail), scaled by a
    factor per regency, tripled in cities and raised on Java, then scaled so that the country
    adds up to about 280,000: read them as thousands of people, Indonesia's population.
    """
    n_regencies = len(table.regency_code)
    regency_factor = rng.lognormal(0.0, 0.5, n_regencies)
    regency_factor *= np.where(table.regency_city, 3.0, 1.0)
    dense = np.array([c[0] == _DENSE_ISLAND for c in table.province_code.to_list()])
    regency_factor *= np.where(dense[table.regency_province], 1.8, 1.0)
    people = rng.lognormal(0.0, 0.7, len(table.district_code))
    people *= regency_factor[table.district_regency]
    districts = np.round(people * (_POPULATION_THOUSANDS / people.sum()), 1)
    regencies = np.bincount(table.district_regency, weights=districts, minlength=n_regencies)
    return districts, np.round(regencies, 1)
