"""A valid sheet as typed columns, the shape the store writes and reads back for an export.

Every column of the sheet's rules is there: numbers as ``Float64``, ``true``/``false`` as
``Boolean``, dates as ``Date``, lists as ``List(String)``, words of a vocabulary in their
canonical spelling; a blank cell takes the column's default. A column the sheet left out is
filled with defaults too, and is not among the ``present`` columns, so that re-importing such a
sheet leaves what is stored in that column alone.
"""

from __future__ import annotations

import polars as pl

from jejaring.io.bundle_checks import parsed
from jejaring.io.bundle_rules import RULES, Rule
from jejaring.io.bundle_sheets import listed

__all__ = ["DTYPES", "typed"]


def _dtype(rule: Rule) -> pl.DataType:
    if rule.is_list:
        return pl.List(pl.String)
    return {"number": pl.Float64(), "bool": pl.Boolean(), "date": pl.Date()}.get(
        rule.kind, pl.String()
    )


DTYPES: dict[str, dict[str, pl.DataType]] = {
    sheet: {column: _dtype(rule) for column, rule in rules.items()}
    for sheet, rules in RULES.items()
}


def _column(name: str, rule: Rule, given: bool) -> pl.Expr:
    if not given:
        value: pl.Expr = pl.lit(rule.default, dtype=_dtype(rule))
        if rule.is_list:
            value = pl.lit([], dtype=pl.List(pl.String))
    elif rule.is_list:
        value = listed(name)
        if rule.kind == "choice":
            value = value.list.eval(parsed(pl.element(), rule))
        value = value.list.unique(maintain_order=True).fill_null([])
    else:
        value = parsed(pl.col(name), rule)
        if rule.default is not None:
            value = value.fill_null(rule.default)
    return value.cast(_dtype(rule)).alias(name)


def typed(name: str, frame: pl.DataFrame, tie_types: dict[str, bool]) -> pl.DataFrame:
    """Sheet ``name`` (normalised text, valid) in typed columns, in the order of its rules."""
    rules = RULES[name]
    out = frame.select(
        [_column(column, rule, column in frame.columns) for column, rule in rules.items()]
    )
    if name == "ties":
        by_type = pl.col("type").replace_strict(tie_types, default=False, return_dtype=pl.Boolean)
        out = out.with_columns(pl.col("directed").fill_null(by_type))
    return out
