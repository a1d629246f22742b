"""Writing a bundle: a folder of CSV files, an ``.xlsx`` workbook or a ``.zip`` archive.

Files are written beside their final name and then moved into place, so that an export that
fails half-way never leaves a half-written file where the previous one was. A ``.zip`` is
written byte for byte the same for the same bundle (fixed entry times), so that exports can be
compared as files.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import polars as pl

from jejaring.domain.errors import N_
from jejaring.io.bundle_errors import UnknownFormat
from jejaring.io.bundle_format import ORDER, Bundle
from jejaring.io.bundle_xlsx import write_workbook

__all__ = ["csv_bytes", "write_bundle"]

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """A sheet as UTF-8 CSV: a header line, cells quoted only when they must be."""
    return frame.write_csv(line_terminator="\n").encode()


def _sheets(bundle: Bundle) -> list[tuple[str, pl.DataFrame]]:
    names = [n for n in ORDER if n in bundle.sheets]
    names += sorted(n for n in bundle.sheets if n not in ORDER)
    return [(n, bundle.sheets[n]) for n in names]


def _replace(target: Path, write: Callable[[Path], object]) -> None:
    """Write through ``write(temporary_path)``, then move the result onto ``target``."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _bytes_writer(data: bytes) -> Callable[[Path], object]:
    return lambda target: target.write_bytes(data)


def write_bundle(bundle: Bundle, path: Path) -> None:
    """Write ``bundle`` to ``path``: ``.xlsx``, ``.zip``, or else a folder (made if need be)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace(path, lambda p: write_workbook(bundle, p, tuple(n for n, _ in _sheets(bundle))))
    elif suffix == ".zip":
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace(path, lambda p: _write_zip(bundle, p))
    elif path.is_dir() or not suffix:
        path.mkdir(parents=True, exist_ok=True)
        for name, frame in _sheets(bundle):
            _replace(path / f"{name}.csv", _bytes_writer(csv_bytes(frame)))
    else:
        raise UnknownFormat(
            N_("cannot write a bundle to {path}: give a folder, an .xlsx or a .zip path"),
            path=str(path),
        )


def _write_zip(bundle: Bundle, path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, frame in _sheets(bundle):
            entry = zipfile.ZipInfo(f"{name}.csv", date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, csv_bytes(frame))
