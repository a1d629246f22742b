"""The territory hierarchy shipped with Jejaring: Indonesia's official areas (idn-area, ODbL)."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from importlib.resources import files

from jejaring.domain.territories import Level, Territory

__all__ = ["COUNTRY_CODE", "indonesia"]

COUNTRY_CODE = "ID"
_LEVELS = (
    ("provinces.csv", Level.PROVINCE, None),
    ("regencies.csv", Level.REGENCY, "province_code"),
    ("districts.csv", Level.DISTRICT, "regency_code"),
    ("villages.csv.gz", Level.VILLAGE, "district_code"),
)


def indonesia(*, with_villages: bool = False) -> Iterator[Territory]:
    """Yield the country, then its provinces, regencies, districts (and villages), parents first."""
    yield Territory(COUNTRY_CODE, "Indonesia", Level.COUNTRY)
    folder = files("jejaring") / "data" / "territories" / "idn"
    for name, level, parent_column in _LEVELS:
        if level is Level.VILLAGE and not with_villages:
            return
        raw = (folder / name).read_bytes()
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        for row in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
            parent = row[parent_column] if parent_column else COUNTRY_CODE
            yield Territory(row["code"], row["name"], level, parent)
