"""Capability answers as CSV: ``actor,respondent,taken_at,C1,...,I5``, one row per respondent.

Reading checks every cell against the instrument and reports each problem by line and column
in the bundle's style (``RowError``); a blank cell is "not answered". Whether the actors exist
is for the caller to check (it knows the database). Writing produces one row per respondent
and round with the answers and the respondent's scores, blanks for missing values, which
SPSS, R (``read.csv``) and Stata read as missing.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from jejaring.domain.capability import Assessment
from jejaring.domain.errors import N_, DomainError
from jejaring.domain.instrument import Instrument
from jejaring.i18n import message
from jejaring.io.bundle_csv import read_csv_table
from jejaring.io.bundle_errors import BundleUnreadable, RowError

__all__ = ["REQUIRED", "ParsedAnswers", "read_answers", "write_answers"]

REQUIRED = ("actor", "respondent", "taken_at")


@dataclass(frozen=True)
class ParsedAnswers:
    """The valid rows of a file (each with its line) and the problems found."""

    rows: list[tuple[int, Assessment]]
    errors: list[RowError]


def _header(columns: Sequence[str], instrument: Instrument, source: str) -> list[RowError]:
    items = {i.lower() for i in instrument.item_ids}
    errors = [
        RowError(
            source,
            1,
            name,
            N_("the column '{value}' is missing: {sheet} needs {required}"),
            {"value": name, "sheet": source, "required": ", ".join(REQUIRED)},
        )
        for name in REQUIRED
        if name not in columns
    ]
    for name in columns:
        if name not in REQUIRED and name not in items:
            errors.append(
                RowError(
                    source,
                    1,
                    name,
                    N_("item '{item}' is not in instrument {version}"),
                    {"item": name.upper(), "version": instrument.version},
                )
            )
    return errors


def _answer(cell: str, instrument: Instrument) -> int:
    text = cell.strip()
    if not text.lstrip("+-").isdigit() or not instrument.scale.holds(int(text)):
        raise ValueError(text)
    return int(text)


def read_answers(raw: bytes, source: str, instrument: Instrument) -> ParsedAnswers:
    """Parse and check a file's answers given under ``instrument``."""
    try:
        frame, lines = read_csv_table(raw, source)
    except BundleUnreadable as error:
        return ParsedAnswers([], error.errors)
    errors = _header(frame.columns, instrument, source)
    if errors:
        return ParsedAnswers([], errors)
    by_column = {i.lower(): i for i in instrument.item_ids}
    items = [c for c in frame.columns if c in by_column]
    rows: list[tuple[int, Assessment]] = []
    seen: dict[tuple[str, str, date], int] = {}
    for line, record in zip(lines.to_list(), frame.iter_rows(named=True), strict=True):
        problems: list[RowError] = []

        def problem(column: str, template: str, **params: Any) -> None:
            problems.append(RowError(source, line, column, template, params))  # noqa: B023

        for name in REQUIRED:
            if not (record[name] or "").strip():
                problem(name, N_("must not be empty"))
        taken: date | None = None
        if (record["taken_at"] or "").strip():
            try:
                taken = date.fromisoformat(record["taken_at"].strip())
            except ValueError:
                problem(
                    "taken_at", N_("'{value}' is not a date (YYYY-MM-DD)"), value=record["taken_at"]
                )
        answers: dict[str, int] = {}
        for column in items:
            cell = record[column]
            if cell is None or not cell.strip():
                continue
            try:
                answers[by_column[column]] = _answer(cell, instrument)
            except ValueError:
                problem(
                    by_column[column],
                    N_("'{value}' is not an answer: give a whole number from {low} to {high}"),
                    value=cell.strip(),
                    low=instrument.scale.low,
                    high=instrument.scale.high,
                )
        if not answers and not any(p.column in by_column.values() for p in problems):
            problem("", N_("the row answers no item"))
        if problems or taken is None:
            errors += problems
            continue
        actor, respondent = record["actor"].strip(), record["respondent"].strip()
        key = (actor, respondent, taken)
        if key in seen:
            problem(
                "respondent",
                N_("'{value}' answered for {actor} on {date} already, on line {first}"),
                value=respondent,
                actor=actor,
                date=taken.isoformat(),
                first=seen[key],
            )
            errors += problems
            continue
        seen[key] = line
        try:
            rows.append((line, Assessment(actor, instrument.version, respondent, taken, answers)))
        except DomainError as error:
            column = "respondent" if "respondent" in error.template else ""
            errors.append(RowError(source, line, column, "{detail}", {"detail": message(error)}))
    return ParsedAnswers(rows, errors)


def write_answers(
    handle: TextIO,
    items: Sequence[str],
    components: Sequence[str],
    rows: Iterable[dict[str, Any]],
) -> int:
    """Write rows (keys: actor, respondent, instrument_version, taken_at, round, items,
    components, overall) as CSV; returns the number of rows written."""
    columns = ["actor", "respondent", "instrument_version", "taken_at", "round", *items]
    columns += [*components, "overall"]
    writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        count += 1
    return count
