"""The generated frames as the bundle's sheets: the columns of DESIGN section 7, all text."""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.territories import TerritoryTable
from jejaring.io.bundle_format import COLUMNS, OPTIONAL, Bundle

__all__ = ["bundle", "territory_sheet"]


def _text(frame: pl.DataFrame, sheet: str) -> pl.DataFrame:
    """The sheet's columns in their order, as text (null stays null: a blank cell)."""
    wanted = [c for c in (*COLUMNS[sheet], *OPTIONAL[sheet]) if c in frame.columns]
    return frame.select(pl.col(c).cast(pl.String) for c in wanted)


def _number(values: np.ndarray) -> pl.Series:
    """Figures as people write them: ``12.5``, and ``3`` rather than ``3.0``."""
    text = pl.Series(values).round(1).cast(pl.String)
    return text.str.replace(r"\.0$", "")


def territory_sheet(table: TerritoryTable, districts: np.ndarray) -> pl.DataFrame:
    """The country, provinces, regencies and districts, with demand on districts only.

    Demand sits on the finest level so that no market is counted twice: a regency's demand is
    the sum of its districts', which an actor covering the regency covers through them.
    """
    none = pl.lit(None, dtype=pl.String)
    country = table.country
    parts = [
        pl.DataFrame({"code": table.province_code, "name": table.province_name}).with_columns(
            parent_code=pl.lit(country, dtype=pl.String), level=pl.lit("province"), demand=none
        ),
        pl.DataFrame(
            {
                "code": table.regency_code,
                "name": pl.Series(
                    [table.names[c] for c in table.regency_code.to_list()], dtype=pl.String
                ),
                "parent_code": table.province_code.gather(table.regency_province),
                "level": ["regency"] * len(table.regency_code),
                "demand": pl.Series([None] * len(table.regency_code), dtype=pl.String),
            }
        ),
        pl.DataFrame(
            {
                "code": table.district_code,
                "name": table.district_name,
                "parent_code": table.regency_code.gather(table.district_regency),
                "level": ["district"] * len(table.district_code),
                "demand": _number(districts),
            }
        ),
    ]
    if country is not None:
        parts.insert(
            0,
            pl.DataFrame({"code": [country], "name": [table.names[country]]}).with_columns(
                parent_code=none, level=pl.lit("country"), demand=none
            ),
        )
    return _text(pl.concat(parts, how="vertical_relaxed"), "territories")


def bundle(
    table: TerritoryTable,
    districts: np.ndarray,
    actors: pl.DataFrame,
    ties: pl.DataFrame,
    customers: pl.DataFrame,
    resources: pl.DataFrame,
    cooperations: pl.DataFrame,
    memberships: pl.DataFrame,
) -> Bundle:
    """All six sheets; keys replace the generator's indices."""
    key = actors["key"]
    # The initiator is listed first: an importer may take the first member as initiator.
    ordered = memberships.sort("coop_i", "initiator", "actor_i", descending=[False, True, False])
    members = (
        ordered.with_columns(key=key.gather(ordered["actor_i"]))
        .group_by("coop_i", maintain_order=True)
        .agg(pl.col("key").str.join(";").alias("members"))
    )
    return Bundle(
        {
            "territories": territory_sheet(table, districts),
            "actors": _text(actors, "actors"),
            "ties": _text(
                ties.with_columns(
                    source=key.gather(ties["source_i"]),
                    target=key.gather(ties["target_i"]),
                    weight=_number(ties["weight"].to_numpy()),
                    directed=pl.when(pl.col("directed"))
                    .then(pl.lit("true"))
                    .otherwise(pl.lit("false")),
                ),
                "ties",
            ),
            "customers": _text(
                customers.with_columns(owner=key.gather(customers["owner_i"])), "customers"
            ),
            "resources": _text(
                resources.with_columns(owner=key.gather(resources["owner_i"])), "resources"
            ),
            "cooperations": _text(
                cooperations.join(members, on="coop_i", maintain_order="left"), "cooperations"
            ),
        }
    )
