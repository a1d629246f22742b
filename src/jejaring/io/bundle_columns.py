"""A sheet as the checks see it: its known columns with every cell trimmed (blank is null),
the line of each row, and what is wrong with its columns.
"""

from __future__ import annotations

import polars as pl

from jejaring.domain.errors import N_
from jejaring.io.bundle_checks import LINE, text
from jejaring.io.bundle_errors import RowError
from jejaring.io.bundle_format import Bundle
from jejaring.io.bundle_rules import RULES

__all__ = ["column_errors", "normalised"]


def column_errors(bundle: Bundle, name: str, frame: pl.DataFrame) -> list[RowError]:
    """Columns of sheet ``name`` that it should not have, or that it lacks."""
    source, rules = bundle.source(name), RULES[name]
    errors = [
        RowError(
            source,
            1,
            column,
            N_("unknown column '{value}'; the columns of {sheet} are {allowed}"),
            {"value": column, "sheet": name, "allowed": ", ".join(rules)},
        )
        for column in frame.columns
        if column not in rules
    ]
    needed = [c for c, rule in rules.items() if rule.required]
    errors += [
        RowError(
            source,
            1,
            column,
            N_("the column '{value}' is missing: {sheet} needs {required}"),
            {"value": column, "sheet": name, "required": ", ".join(needed)},
        )
        for column in needed
        if column not in frame.columns
    ]
    return errors


def normalised(bundle: Bundle, name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """The known columns of sheet ``name``, trimmed, with ``_line``; blank rows left out."""
    known = [c for c in frame.columns if c in RULES[name]]
    lines = bundle.line_numbers(name)
    if lines.len() != frame.height:
        lines = pl.int_range(2, frame.height + 2, eager=True)
    out = frame.select([text(c) for c in known]).with_columns(lines.cast(pl.Int64).alias(LINE))
    if known:
        out = out.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in known))
    return out
