"""A bundle as one ``.xlsx`` workbook: one sheet per CSV file, named like it without ``.csv``.

Cells typed in a spreadsheet come back as text the way a person reads them: whole numbers
without ``.0``, ``true``/``false``, dates as ``YYYY-MM-DD``. An export writes every cell as text
so that keys such as ``0812...`` or ``32.04`` keep their exact spelling.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import polars as pl
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import IllegalCharacterError, InvalidFileException

from jejaring.domain.errors import N_
from jejaring.io.bundle_csv import header_names
from jejaring.io.bundle_errors import BundleError, BundleUnreadable, RowError
from jejaring.io.bundle_format import Bundle

__all__ = ["MAX_ROWS", "read_workbook", "write_workbook"]

MAX_ROWS = 1_048_576  # a worksheet's limit, header included


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def read_workbook(path: Path) -> Bundle:
    """Every sheet of the workbook, with each row's number in its sheet."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        problem = N_("not readable as an .xlsx workbook: {detail}")
        raise BundleUnreadable(
            [RowError(path.name, None, "", problem, {"detail": error})]
        ) from None
    bundle = Bundle()
    try:
        for sheet in book.worksheets:
            name = sheet.title.strip().lower()
            rows = sheet.iter_rows(min_row=1, values_only=True)
            header: list[str] | None = None
            cells: list[list[str | None]] = []
            numbers: list[int] = []
            for number, row in enumerate(rows, start=1):
                values = [_text(v) for v in row]
                if header is None:
                    if any(v is not None and v.strip() for v in values):
                        header = header_names([v or "" for v in values])
                    continue
                if any(v is not None for v in values):
                    cells.append(values)
                    numbers.append(number)
            if header is None:
                continue
            width = len(header)
            names = [h or f"#{i}" for i, h in enumerate(header)]
            fitted = [(r + [None] * width)[:width] for r in cells]
            bundle.sheets[name] = pl.DataFrame(
                fitted, schema=dict.fromkeys(names, pl.String), orient="row"
            )
            bundle.sources[name] = sheet.title
            bundle.lines[name] = pl.Series("line", numbers, dtype=pl.Int64)
    finally:
        book.close()
    return bundle


def write_workbook(bundle: Bundle, path: Path, order: tuple[str, ...]) -> None:
    """Write the sheets named in ``order`` (those the bundle has) into a new workbook."""
    book = Workbook(write_only=True)
    try:
        for name in order:
            frame = bundle.sheet(name)
            if frame is None:
                continue
            if frame.height + 1 > MAX_ROWS:
                raise BundleError(
                    N_("{sheet} has {rows} rows, more than a workbook sheet holds: use .zip"),
                    sheet=name,
                    rows=frame.height,
                )
            sheet = book.create_sheet(name)
            sheet.append(list(frame.columns))
            for row in frame.cast(pl.String).iter_rows():
                sheet.append([_cell(sheet, v) for v in row])
        book.save(path)
    except IllegalCharacterError as error:
        problem = N_("a cell cannot be written to a workbook: {detail}")
        raise BundleError(problem, detail=error) from None


def _cell(sheet: Any, value: str | None) -> Any:
    if value is not None and value.startswith("="):
        # A text starting with '=' would otherwise be stored as a formula.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value
