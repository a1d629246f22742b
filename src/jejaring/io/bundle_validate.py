"""Validating a whole bundle: its sheets and columns, every row, and every reference.

Nothing stops at the first problem: the report names each one (file, line, column, reason), in
the order of the sheets, then lines. A bundle without problems comes back as typed frames,
ready for the store.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from jejaring.domain.errors import N_
from jejaring.io.bundle_checks import LINE, text
from jejaring.io.bundle_errors import RowError
from jejaring.io.bundle_format import ORDER, REQUIRED_SHEETS, Bundle
from jejaring.io.bundle_refs import Lookup, reference_errors
from jejaring.io.bundle_rules import RULES
from jejaring.io.bundle_sheets import sheet_errors
from jejaring.io.bundle_typed import typed

__all__ = ["Validated", "validate"]


@dataclass(frozen=True)
class Validated:
    """Typed sheets (in dependency order) with the columns each gave, or the problems."""

    frames: dict[str, pl.DataFrame]
    present: dict[str, frozenset[str]]
    errors: list[RowError]

    @property
    def rows(self) -> dict[str, int]:
        return {name: frame.height for name, frame in self.frames.items()}


def _structure(bundle: Bundle, name: str, frame: pl.DataFrame) -> list[RowError]:
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


def _normalised(bundle: Bundle, name: str, frame: pl.DataFrame) -> pl.DataFrame:
    known = [c for c in frame.columns if c in RULES[name]]
    lines = bundle.line_numbers(name)
    if lines.len() != frame.height:
        lines = pl.int_range(2, frame.height + 2, eager=True)
    out = frame.select([text(c) for c in known]).with_columns(lines.cast(pl.Int64).alias(LINE))
    if known:
        out = out.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in known))
    return out


def validate(bundle: Bundle, lookup: Lookup) -> Validated:
    """Check every sheet, row and reference of ``bundle``; the database answers ``lookup``."""
    errors: list[RowError] = []
    for name in bundle.sheets:
        if name not in RULES:
            errors.append(
                RowError(
                    bundle.source(name),
                    None,
                    "",
                    N_("'{value}' is not a sheet of a bundle; the sheets are {allowed}"),
                    {"value": name, "allowed": ", ".join(ORDER)},
                )
            )
    for name in sorted(REQUIRED_SHEETS - set(bundle.sheets)):
        errors.append(
            RowError(
                f"{name}.csv",
                None,
                "",
                N_("the bundle has no '{value}' sheet ({value}.csv), which is required"),
                {"value": name},
            )
        )
    frames: dict[str, pl.DataFrame] = {}
    sources = {name: bundle.source(name) for name in ORDER}
    for name in ORDER:
        frame = bundle.sheet(name)
        if frame is None:
            continue
        errors += _structure(bundle, name, frame)
        frames[name] = _normalised(bundle, name, frame)
        errors += sheet_errors(name, frames[name], sources[name])
    found, tie_types = reference_errors(frames, sources, lookup)
    errors += found
    if errors:
        return Validated({}, {}, _sorted(errors, sources))
    return Validated(
        {name: typed(name, frame, tie_types) for name, frame in frames.items()},
        {name: frozenset(frame.columns) - {LINE} for name, frame in frames.items()},
        [],
    )


def _sorted(errors: list[RowError], sources: dict[str, str]) -> list[RowError]:
    rank = {source: i for i, source in enumerate(sources.values())}
    columns = {c: i for rules in RULES.values() for i, c in enumerate(rules)}
    return sorted(
        errors,
        key=lambda e: (rank.get(e.file, -1), e.line or 0, columns.get(e.column, 99), e.template),
    )
