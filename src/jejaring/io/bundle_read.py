"""Reading a bundle from a folder of CSV files, an ``.xlsx`` workbook or a ``.zip`` archive.

Reading checks only that every file is a table; what the cells mean is checked by
:mod:`jejaring.io.bundle_validate`. Files that are not CSV (a README, say) are left alone.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from jejaring.domain.errors import N_
from jejaring.io.bundle_csv import read_csv_table
from jejaring.io.bundle_errors import BundleError, BundleUnreadable, RowError, UnknownFormat
from jejaring.io.bundle_format import Bundle
from jejaring.io.bundle_xlsx import read_workbook

__all__ = ["read_bundle"]


def read_bundle(path: Path) -> Bundle:
    """The bundle at ``path``: a folder, a ``.xlsx`` workbook or a ``.zip`` of the folder."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and _is_csv(p.name))
        return _from_files((p.name, p.read_bytes) for p in files)
    if not path.exists():
        raise BundleError(N_("no such file or folder: {path}"), path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_workbook(path)
    if suffix == ".zip":
        return _from_zip(path)
    raise UnknownFormat(
        N_("{path} is not a bundle: give a folder of CSV files, an .xlsx workbook or a .zip"),
        path=str(path),
    )


def _is_csv(name: str) -> bool:
    # Archivers add hidden companions ("._actors.csv", "__MACOSX/"): they are not sheets.
    return name.lower().endswith(".csv") and not name.startswith((".", "__MACOSX"))


def _from_zip(path: Path) -> Bundle:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        problem = N_("not readable as a .zip archive: {detail}")
        raise BundleUnreadable(
            [RowError(path.name, None, "", problem, {"detail": error})]
        ) from None
    with archive:
        names = [
            n
            for n in archive.namelist()
            if not n.endswith("/")
            and _is_csv(PurePosixPath(n).name)
            and not n.startswith("__MACOSX")
        ]
        folders = {str(PurePosixPath(n).parent) for n in names}
        if len(folders) > 1:
            raise BundleError(
                N_("{path} holds CSV files in several folders ({folders}): zip one bundle folder"),
                path=path.name,
                folders=", ".join(sorted(folders)),
            )
        return _from_files((n, _reader(archive, n)) for n in sorted(names))


def _reader(archive: zipfile.ZipFile, name: str) -> Callable[[], bytes]:
    return lambda: archive.read(name)


def _from_files(files: Iterable[tuple[str, Callable[[], bytes]]]) -> Bundle:
    bundle = Bundle()
    errors: list[RowError] = []
    for label, read in files:
        sheet = PurePosixPath(label).name[: -len(".csv")].strip().lower()
        if sheet in bundle.sources:
            errors.append(
                RowError(
                    label,
                    None,
                    "",
                    N_("two files hold the sheet '{value}': {other} and this one"),
                    {"value": sheet, "other": bundle.sources[sheet]},
                )
            )
            continue
        bundle.sources[sheet] = label
        try:
            frame, lines = read_csv_table(read(), label)
        except BundleUnreadable as error:
            errors.extend(error.errors)
            continue
        bundle.sheets[sheet], bundle.lines[sheet] = frame, lines
    if errors:
        raise BundleUnreadable(errors)
    return bundle
