"""References between sheets: territory codes, actor keys and tie types must exist, in the
bundle or in the database (see :mod:`jejaring.io.bundle_known`), and a territory must sit
under a wider one.
"""

from __future__ import annotations

import polars as pl

from jejaring.domain.errors import N_
from jejaring.domain.territories import Level
from jejaring.io.bundle_checks import Check, collect, word
from jejaring.io.bundle_errors import RowError
from jejaring.io.bundle_known import ACTOR_REFS, TERRITORY_REFS, Known, references

__all__ = ["reference_errors"]

_RANK = {level.value: rank for rank, level in enumerate(Level)}


def _missing(
    frames: dict[str, pl.DataFrame],
    sources: dict[str, str],
    refs: tuple[tuple[str, str], ...],
    known: pl.Series,
    template: str,
) -> list[RowError]:
    errors: list[RowError] = []
    for sheet, column in refs:
        values = references(frames, sheet, column)
        if values is not None:
            check = Check(column, ~pl.col("item").is_in(known.implode()), template, pl.col("item"))
            errors.extend(collect(values, sources[sheet], [check]))
    return errors


def reference_errors(
    frames: dict[str, pl.DataFrame], sources: dict[str, str], known: Known
) -> list[RowError]:
    """References to territories, actors and tie types that are not ``known``."""
    errors = _missing(
        frames,
        sources,
        TERRITORY_REFS,
        known.levels["code"],
        N_("territory '{value}' is neither in the bundle nor in the database"),
    )
    territories = frames.get("territories")
    if territories is not None and {"code", "level", "parent_code"} <= set(territories.columns):
        errors += _hierarchy(territories, known.levels, sources["territories"])
    errors += _missing(
        frames,
        sources,
        ACTOR_REFS,
        known.actors,
        N_("actor '{value}' is neither in the bundle nor in the database"),
    )
    ties = frames.get("ties")
    if ties is not None and "type" in ties.columns:
        check = Check(
            "type",
            ~pl.col("type").is_in(list(known.tie_types)),
            N_("'{value}' is not a tie type; the types are {allowed}"),
            pl.col("type"),
            {"allowed": "|".join(sorted(known.tie_types))},
        )
        errors += collect(ties, sources["ties"], [check])
    return errors


def _hierarchy(territories: pl.DataFrame, levels: pl.DataFrame, source: str) -> list[RowError]:
    ranks = (
        levels.drop_nulls()
        .unique("code", keep="first")
        .select(
            pl.col("code").alias("parent_code"),
            pl.col("level").alias("parent_level"),
            pl.col("level").replace_strict(_RANK, default=None, return_dtype=pl.Int64).alias("pr"),
        )
    )
    rank = word(pl.col("level")).replace_strict(_RANK, default=None, return_dtype=pl.Int64)
    joined = territories.join(ranks, on="parent_code", how="left")
    check = Check(
        "parent_code",
        (pl.col("pr") >= rank) & (pl.col("parent_code") != pl.col("code")),
        N_("'{value}' is a {parent_level}: a {level} must be under a wider territory"),
        pl.col("parent_code"),
        row_params={"parent_level": pl.col("parent_level"), "level": word(pl.col("level"))},
    )
    return collect(joined, source, [check])
