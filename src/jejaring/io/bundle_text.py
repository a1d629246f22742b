"""Typed sheets back to the text of a bundle, for an export that imports back to the same data.

Numbers are written in their shortest exact form (``1500``, ``0.1``), flags as ``true``/
``false``, dates as ``YYYY-MM-DD``, lists joined with ``;``. Every column of the sheet is
written, the optional ones too, so that nothing stored is lost on the way.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from jejaring.domain.territories import Level, Territory
from jejaring.io.bundle_format import COLUMNS, OPTIONAL, Bundle
from jejaring.io.bundle_rules import KEYS

__all__ = ["customised_territories", "to_bundle", "to_text"]

_RANK = {level.value: rank for rank, level in enumerate(Level)}


def _text(column: str, dtype: pl.DataType) -> pl.Expr:
    cell = pl.col(column)
    if dtype == pl.Float64:
        whole = cell.is_finite() & (cell == cell.round(0)) & (cell.abs() < 1e15)
        return (
            pl.when(whole).then(cell.cast(pl.Int64).cast(pl.String)).otherwise(cell.cast(pl.String))
        )
    if isinstance(dtype, pl.List):
        joined = cell.list.join(";")
        return pl.when(joined == "").then(None).otherwise(joined)
    return cell.cast(pl.String).replace("", None)


def to_text(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Sheet ``name`` in the bundle's columns and text, sorted as an export writes it."""
    columns = [*COLUMNS[name], *OPTIONAL[name]]
    schema = frame.schema
    out = frame.select([_text(c, schema[c]).alias(c) for c in columns])
    if name == "territories":
        rank = pl.col("level").replace_strict(_RANK, default=None, return_dtype=pl.Int8)
        return out.sort(rank, "code")
    return out.sort(list(KEYS[name]))


def to_bundle(frames: dict[str, pl.DataFrame]) -> Bundle:
    """A bundle of text sheets from typed ones."""
    return Bundle({name: to_text(name, frame) for name, frame in frames.items()})


def customised_territories(frame: pl.DataFrame, shipped: Iterable[Territory]) -> pl.DataFrame:
    """The territories (typed) a community made its own: added, changed, or given a demand.

    The shipped hierarchy is in every database ``jejaring init`` prepared, so an export leaves
    it out rather than repeat tens of thousands of rows that every importer has already.
    """
    defaults = pl.DataFrame(
        [(t.code, t.name, t.parent_code, t.level.value) for t in shipped],
        schema={"code": pl.String, "name": pl.String, "parent_code": pl.String, "level": pl.String},
        orient="row",
    )
    same = frame.join(
        defaults, on=["code", "name", "parent_code", "level"], how="semi", nulls_equal=True
    )
    keep = ~pl.col("code").is_in(same["code"].implode()) | pl.col("demand").is_not_null()
    return frame.filter(keep)
