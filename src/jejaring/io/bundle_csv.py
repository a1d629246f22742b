"""One CSV file of a bundle as a table of text, with the line number of every row.

Polars reads the file when each row is one line (the usual case, and the fast one); a file with
line breaks inside quoted cells, or rows with too many cells, is read again by the standard
library's ``csv`` module, which knows on which line each row starts and which rows are wrong.
"""

from __future__ import annotations

import codecs
import csv
import io

import polars as pl

from jejaring.domain.errors import N_
from jejaring.io.bundle_errors import BundleUnreadable, RowError

__all__ = ["header_names", "read_csv_table"]


def header_names(cells: list[str]) -> list[str]:
    """Header cells as column names: trimmed and lower-case."""
    return [cell.strip().lower() for cell in cells]


def _separator(first_line: str) -> str:
    # Spreadsheets set to Indonesian (decimal comma) save CSV with ';' between cells.
    if "," not in first_line and ";" in first_line:
        return ";"
    if "," not in first_line and "\t" in first_line:
        return "\t"
    return ","


def _decoded(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = N_("the file is not UTF-8 text: save it as 'CSV UTF-8'")
        raise BundleUnreadable([RowError(source, line, "", problem)]) from None


def read_csv_table(raw: bytes, source: str) -> tuple[pl.DataFrame, pl.Series]:
    """The rows of a CSV file (all cells text, blank cells null) and their line numbers."""
    data = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    if not data or data.isspace():
        raise BundleUnreadable([RowError(source, 1, "", N_("the file is empty: no header"))])
    end = data.find(b"\n")
    first = _decoded(data[: end if end >= 0 else len(data)], source)
    separator = _separator(first)
    header = header_names(next(csv.reader([first.rstrip("\r")], delimiter=separator)))
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        raise BundleUnreadable(
            [
                RowError(source, 1, name, N_("the column '{value}' appears twice"), {"value": name})
                for name in duplicated
            ]
        )
    found = _fast(data, separator, header)
    if found is None:
        frame, lines = _slow(_decoded(data, source), separator, header, source)
    else:
        frame, lines = found, pl.int_range(2, found.height + 2, eager=True).alias("line")
    # Spreadsheets often save empty columns after the last one, with no name: drop them.
    unnamed = [
        c
        for c in frame.columns
        if c.startswith("#") and not (frame[c].str.strip_chars().fill_null("") != "").any()
    ]
    return frame.drop(unnamed), lines


def _fast(data: bytes, separator: str, header: list[str]) -> pl.DataFrame | None:
    """Polars' reading, or None when its rows may not be one per line (or it cannot read)."""
    try:
        frame = pl.read_csv(data, separator=separator, infer_schema=False, has_header=True)
    except pl.exceptions.PolarsError:
        return None
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if frame.width != len(header) or frame.height + 1 != lines:
        return None
    frame.columns = [name or f"#{i}" for i, name in enumerate(header)]
    if b'""' in data:
        # A quoted empty cell is as blank as an empty one.
        frame = frame.with_columns(pl.all().replace("", None))
    if b'"' in data and frame.height:
        breaks = frame.select(
            pl.any_horizontal(pl.all().str.contains("[\r\n]").fill_null(False)).any()
        ).item()
        if breaks:
            return None
    return frame


def _slow(
    text: str, separator: str, header: list[str], source: str
) -> tuple[pl.DataFrame, pl.Series]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    rows: list[list[str | None]] = []
    lines: list[int] = []
    errors: list[RowError] = []
    try:
        next(reader)
        start = reader.line_num + 1
        for cells in reader:
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                errors.append(
                    RowError(
                        source,
                        start,
                        "",
                        N_("the row has {count} cells but the header only {width}"),
                        {"count": len(cells), "width": len(header)},
                    )
                )
            padded: list[str | None] = [c if c else None for c in cells[: len(header)]]
            rows.append(padded + [None] * (len(header) - len(padded)))
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        errors.append(
            RowError(
                source, reader.line_num, "", N_("not readable as CSV: {detail}"), {"detail": error}
            )
        )
    if errors:
        raise BundleUnreadable(errors)
    names = [name or f"#{i}" for i, name in enumerate(header)]
    frame = pl.DataFrame(rows, schema=dict.fromkeys(names, pl.String), orient="row")
    return frame, pl.Series("line", lines, dtype=pl.Int64)
