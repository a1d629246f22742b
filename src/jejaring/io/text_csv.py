"""Reading a user's CSV file as text: every cell a stripped string, errors naming the file."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jejaring.domain.errors import N_, InvalidValue

__all__ = ["read_text_csv"]


def read_text_csv(path: Path) -> pl.DataFrame:
    """``path`` with header names and cells stripped; InvalidValue for an unreadable file."""
    try:
        frame = pl.read_csv(path, infer_schema=False, encoding="utf8")
    except pl.exceptions.NoDataError:
        raise InvalidValue(N_("{file}: the file is empty"), file=str(path)) from None
    except (pl.exceptions.ComputeError, UnicodeDecodeError) as error:
        raise InvalidValue(
            N_("{file}: not a readable UTF-8 CSV file ({reason})"),
            file=str(path),
            reason=str(error).splitlines()[0],
        ) from None
    # Spreadsheet exports often carry a byte-order mark and padded names.
    frame.columns = [name.lstrip("\ufeff").strip() for name in frame.columns]
    return frame.with_columns(pl.all().str.strip_chars())
