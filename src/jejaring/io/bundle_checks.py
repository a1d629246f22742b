"""Vectorised checks: each is a Polars mask over a whole sheet, turned into row errors only
for the rows where it holds, so that a million valid rows cost a few passes of Polars.

Frames here are normalised: every cell trimmed, a blank cell null, and a ``_line`` column with
each row's line number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from jejaring.domain.errors import N_
from jejaring.io.bundle_errors import RowError
from jejaring.io.bundle_rules import Rule

__all__ = ["LINE", "Check", "collect", "parsed", "rule_checks", "shown", "text", "word"]

LINE = "_line"
_PREVIEW = 60  # characters of a cell quoted in a message


@dataclass(frozen=True)
class Check:
    """Rows where ``mask`` is true are wrong in ``column``, for the reason ``template``."""

    column: str
    mask: pl.Expr
    template: str
    value: pl.Expr | None = None  # the row's "value" parameter, usually the cell as typed
    params: dict[str, Any] = field(default_factory=dict)
    row_params: dict[str, pl.Expr] = field(default_factory=dict)


def text(column: str) -> pl.Expr:
    """A cell as trimmed text, null when blank."""
    return pl.col(column).cast(pl.String).str.strip_chars().replace("", None).alias(column)


def word(cell: pl.Expr) -> pl.Expr:
    """A vocabulary word as spelled: case ignored, spaces and hyphens standing for '_'."""
    return cell.str.to_lowercase().str.replace_all(r"[\s\-]+", "_")


def shown(cell: pl.Expr) -> pl.Expr:
    """A cell as quoted in a message: cut short when long."""
    long = cell.str.len_chars() > _PREVIEW
    return pl.when(long).then(cell.str.slice(0, _PREVIEW) + "…").otherwise(cell)


def parsed(cell: pl.Expr, rule: Rule) -> pl.Expr:
    """The value of a (non-list) cell of kind ``rule.kind``; null when blank or unreadable."""
    if rule.kind == "choice":
        return word(cell)
    if rule.kind == "number":
        return cell.cast(pl.Float64, strict=False)
    if rule.kind == "bool":
        lowered = cell.str.to_lowercase()
        return pl.when(lowered == "true").then(True).when(lowered == "false").then(False)
    if rule.kind == "date":
        return cell.str.to_date("%Y-%m-%d", strict=False)
    return cell


def rule_checks(column: str, rule: Rule, cell: pl.Expr) -> list[Check]:
    """The checks of one value (a cell, or an item of a list cell) against its rule."""
    quoted = shown(cell)
    checks: list[Check] = []
    if rule.kind == "key":
        checks.append(
            Check(
                column,
                cell.str.contains(r"[;,\t\r\n]"),
                N_("'{value}' must not contain ';', ',', tabs or line breaks"),
                quoted,
            )
        )
    if rule.max_length is not None:
        checks.append(
            Check(
                column,
                cell.str.len_chars() > rule.max_length,
                N_("'{value}' is longer than {length} characters"),
                quoted,
                {"length": rule.max_length},
            )
        )
    value = parsed(cell, rule)
    if rule.kind == "choice":
        checks.append(
            Check(
                column,
                ~value.is_in(list(rule.choices)),
                N_("'{value}' is not one of {allowed}"),
                quoted,
                {"allowed": "|".join(rule.choices)},
            )
        )
    elif rule.kind == "number":
        checks.append(
            Check(
                column,
                value.is_null() | ~value.is_finite(),
                N_("'{value}' is not a number"),
                quoted,
            )
        )
        if rule.minimum == ">0":
            checks.append(
                Check(
                    column,
                    value.is_finite() & (value <= 0),
                    N_("must be a number > 0, got {value}"),
                    quoted,
                )
            )
        elif rule.minimum == ">=0":
            checks.append(
                Check(
                    column,
                    value.is_finite() & (value < 0),
                    N_("must be a number >= 0, got {value}"),
                    quoted,
                )
            )
    elif rule.kind == "bool":
        checks.append(Check(column, value.is_null(), N_("'{value}' is not true or false"), quoted))
    elif rule.kind == "date":
        checks.append(
            Check(column, value.is_null(), N_("'{value}' is not a date (YYYY-MM-DD)"), quoted)
        )
    # A blank cell is never wrong here: whether it may be blank is the "required" check's call.
    return [
        Check(c.column, cell.is_not_null() & c.mask, c.template, c.value, c.params) for c in checks
    ]


def collect(frame: pl.DataFrame, source: str, checks: list[Check]) -> list[RowError]:
    """Row errors for every check, one per failing row."""
    if not checks or frame.height == 0:
        return []
    masks = frame.select([c.mask.fill_null(False).alias(f"m{i}") for i, c in enumerate(checks)])
    hits = masks.select(pl.all().any()).row(0)
    errors: list[RowError] = []
    for i, check in enumerate(checks):
        if not hits[i]:
            continue
        per_row = dict(check.row_params)
        if check.value is not None:
            per_row["value"] = check.value
        # Parameters first, then the filter: a window (the first line of a key) needs all rows.
        failing = frame.select(
            pl.col(LINE), *(expr.alias(name) for name, expr in per_row.items())
        ).filter(masks[f"m{i}"])
        for row in failing.iter_rows(named=True):
            line = row.pop(LINE)
            params = {**check.params, **row}
            errors.append(RowError(source, line, check.column, check.template, params))
    return errors
