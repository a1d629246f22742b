"""Writing a table to CSV, Excel (.xlsx) or JSON, chosen by the file's suffix.

Missing values are empty cells in CSV and Excel and ``null`` in JSON, never 0 or "nan".
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["TABLE_SUFFIXES", "write_table"]

TABLE_SUFFIXES = (".csv", ".xlsx", ".json")
_EXCEL_ROWS = 1_048_576  # Excel's sheet limit, header included


def write_table(frame: pl.DataFrame, path: Path, *, sheet: str = "metrics") -> None:
    """Write ``frame`` to ``path`` in the format its suffix names."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        frame.write_csv(path, null_value="")
    elif suffix == ".json":
        frame.write_json(path)
    elif suffix == ".xlsx":
        _write_excel(frame, path, sheet)
    else:
        raise InvalidValue(
            N_("{file}: unknown output format (use one of {suffixes})"),
            file=str(path),
            suffixes=", ".join(TABLE_SUFFIXES),
        )


def _write_excel(frame: pl.DataFrame, path: Path, sheet: str) -> None:
    if frame.height + 1 > _EXCEL_ROWS:
        raise InvalidValue(
            N_("{file}: {rows} rows do not fit in one Excel sheet; write .csv instead"),
            file=str(path),
            rows=frame.height,
        )
    from openpyxl import Workbook  # half a second of imports, for .xlsx only

    book = Workbook(write_only=True)
    table = book.create_sheet(sheet)
    table.append(frame.columns)
    for row in frame.iter_rows():
        table.append(list(row))
    book.save(path)
