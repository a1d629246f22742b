"""Reading a customer list (the ``customers.csv`` columns of DESIGN §7) for matching.

Only ``key`` is required, with at least one field a rule can use; the other columns may be
missing or blank. Every problem is a domain error naming the file, and the line and column
where there is one, so that the command line prints it and exits with status 1.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jejaring.domain.errors import N_, InvalidValue
from jejaring.io.text_csv import read_text_csv

__all__ = ["MATCH_FIELDS", "read_customer_list"]

MATCH_FIELDS = ("name", "email", "phone", "tax_id", "territory")


def _read(path: Path) -> pl.DataFrame:
    if not path.is_file():
        raise InvalidValue(N_("{file}: no such file"), file=str(path))
    return read_text_csv(path)


def _line(mask: pl.Series) -> int | None:
    """The file line of the first flagged row (line 1 is the header)."""
    hits = mask.fill_null(False).arg_true()
    return None if hits.is_empty() else int(hits[0]) + 2


def read_customer_list(path: Path) -> pl.DataFrame:
    """The list's ``key`` and matching fields as text (a missing field column is all null)."""
    frame = _read(path)
    if "key" not in frame.columns:
        raise InvalidValue(
            N_("{file}: no '{column}' column (the header has: {columns})"),
            file=str(path),
            column="key",
            columns=", ".join(frame.columns),
        )
    if not any(field in frame.columns for field in MATCH_FIELDS[:4]):
        raise InvalidValue(
            N_("{file}: none of the columns {fields} is there to match on"),
            file=str(path),
            fields=", ".join(MATCH_FIELDS[:4]),
        )
    key = frame["key"]
    line = _line(key.is_null() | (key == ""))
    if line is not None:
        raise InvalidValue(
            N_("{file}, line {line}: the '{column}' value is empty"),
            file=str(path),
            line=line,
            column="key",
        )
    line = _line(key.is_duplicated() & ~key.is_first_distinct())
    if line is not None:
        raise InvalidValue(
            N_("{file}, line {line}, column {column}: the key {key} appears twice"),
            file=str(path),
            line=line,
            column="key",
            key=key[line - 2],
        )
    absent = [pl.lit(None, dtype=pl.String).alias(f) for f in MATCH_FIELDS if f not in frame]
    return frame.with_columns(absent).select("key", *MATCH_FIELDS)
