"""Validating a whole bundle: its sheets and columns, every row, and every reference.

Nothing stops at the first problem: the report names each one (file, line, column, reason), in
the order of the sheets, then lines. A bundle without problems comes back as typed frames,
ready for the store.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from jejaring.domain.errors import N_
from jejaring.io.bundle_checks import LINE
from jejaring.io.bundle_columns import column_errors, normalised
from jejaring.io.bundle_errors import RowError
from jejaring.io.bundle_format import ORDER, REQUIRED_SHEETS, Bundle
from jejaring.io.bundle_known import Known, Lookup, resolve
from jejaring.io.bundle_refs import reference_errors
from jejaring.io.bundle_rules import RULES
from jejaring.io.bundle_sheets import sheet_errors
from jejaring.io.bundle_typed import typed

__all__ = ["Prepared", "Validated", "prepare", "validate"]


@dataclass(frozen=True)
class Validated:
    """Typed sheets (in dependency order) with the columns each gave, or the problems."""

    frames: dict[str, pl.DataFrame]
    present: dict[str, frozenset[str]]
    errors: list[RowError]

    @property
    def rows(self) -> dict[str, int]:
        return {name: frame.height for name, frame in self.frames.items()}


@dataclass(frozen=True)
class Prepared:
    """A bundle's sheets, normalised, with what their references may point at."""

    # The database has answered all it needs to (``known``): what is left to check is Polars'
    # work alone, so it may run beside the writing of the same rows.

    frames: dict[str, pl.DataFrame]
    sources: dict[str, str]
    known: Known
    structure: list[RowError]

    def problems(self) -> list[RowError]:
        """Every problem of every sheet, row and reference, in order."""
        errors = list(self.structure)
        for name, frame in self.frames.items():
            errors += sheet_errors(name, frame, self.sources[name])
        errors += reference_errors(self.frames, self.sources, self.known)
        return _sorted(errors, self.sources)

    def typed(self) -> dict[str, pl.DataFrame]:
        """The sheets in typed columns (meaningful once :meth:`problems` found none)."""
        return {n: typed(n, f, self.known.tie_types) for n, f in self.frames.items()}

    @property
    def present(self) -> dict[str, frozenset[str]]:
        """The columns each sheet gave."""
        return {name: frozenset(frame.columns) - {LINE} for name, frame in self.frames.items()}


def prepare(bundle: Bundle, lookup: Lookup) -> Prepared:
    """Normalise the sheets of ``bundle`` and ask ``lookup`` what their references need."""
    errors: list[RowError] = [
        RowError(
            bundle.source(name),
            None,
            "",
            N_("'{value}' is not a sheet of a bundle; the sheets are {allowed}"),
            {"value": name, "allowed": ", ".join(ORDER)},
        )
        for name in bundle.sheets
        if name not in RULES
    ]
    errors += [
        RowError(
            f"{name}.csv",
            None,
            "",
            N_("the bundle has no '{value}' sheet ({value}.csv), which is required"),
            {"value": name},
        )
        for name in sorted(REQUIRED_SHEETS - set(bundle.sheets))
    ]
    frames: dict[str, pl.DataFrame] = {}
    for name in ORDER:
        frame = bundle.sheet(name)
        if frame is not None:
            errors += column_errors(bundle, name, frame)
            frames[name] = normalised(bundle, name, frame)
    sources = {name: bundle.source(name) for name in ORDER}
    return Prepared(frames, sources, resolve(frames, lookup), errors)


def validate(bundle: Bundle, lookup: Lookup) -> Validated:
    """Check every sheet, row and reference of ``bundle``; the database answers ``lookup``."""
    prepared = prepare(bundle, lookup)
    errors = prepared.problems()
    if errors:
        return Validated({}, {}, errors)
    return Validated(prepared.typed(), prepared.present, [])


def _sorted(errors: list[RowError], sources: dict[str, str]) -> list[RowError]:
    rank = {source: i for i, source in enumerate(sources.values())}
    columns = {c: i for rules in RULES.values() for i, c in enumerate(rules)}
    return sorted(
        errors,
        key=lambda e: (rank.get(e.file, -1), e.line or 0, columns.get(e.column, 99), e.template),
    )
