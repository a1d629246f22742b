"""Reading bundles from folders, archives and workbooks, with the line of every row."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from jejaring.io.bundle_csv import read_csv_table
from jejaring.io.bundle_errors import BundleError, BundleUnreadable, UnknownFormat
from jejaring.io.bundle_read import read_bundle
from tests.support.bundles import SHEETS, write_folder


def test_a_folder_gives_one_sheet_per_csv_file_and_leaves_other_files(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", SHEETS)
    (folder / "README.txt").write_text("not a sheet")
    bundle = read_bundle(folder)
    assert set(bundle.sheets) == set(SHEETS)
    assert bundle.source("actors") == "actors.csv"
    assert bundle.sheets["actors"]["key"].to_list() == ["toko-satu", "pt-dua", "cv-tiga"]
    assert bundle.lines["actors"].to_list() == [2, 3, 4]


def test_line_numbers_follow_line_breaks_inside_cells_and_blank_lines() -> None:
    raw = b'key,name\na,"two\nlines"\n\nb,B\n'
    frame, lines = read_csv_table(raw, "actors.csv")
    assert frame["key"].to_list() == ["a", None, "b"]
    assert frame["name"].to_list()[0] == "two\nlines"
    assert lines.to_list() == [2, 4, 5]


def test_a_utf8_bom_semicolons_crlf_and_header_case_are_understood() -> None:
    raw = "\ufeffKey ; Name\r\na;Toko Ä\r\n".encode()
    frame, lines = read_csv_table(raw, "actors.csv")
    assert frame.columns == ["key", "name"]
    assert frame.row(0) == ("a", "Toko Ä")
    assert lines.to_list() == [2]


def test_empty_trailing_columns_without_a_name_are_dropped() -> None:
    frame, _ = read_csv_table(b"key,name,,\na,A,,\n", "actors.csv")
    assert frame.columns == ["key", "name"]


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        (b"key,name\na,A\nb,B,extra\n", 3, "3 cells"),
        (b"key,name\na,\xff\n", 2, "UTF-8"),
        (b"", 1, "empty"),
        (b"key,key\na,b\n", 1, "twice"),
    ],
)
def test_unreadable_files_name_the_line(raw: bytes, line: int, words: str) -> None:
    with pytest.raises(BundleUnreadable) as caught:
        read_csv_table(raw, "actors.csv")
    [error] = caught.value.errors
    assert (error.file, error.line) == ("actors.csv", line)
    assert words in error.reason


def test_a_zip_of_the_folder_reads_like_the_folder(tmp_path: Path) -> None:
    for prefix in ("", "export-2024/"):
        path = tmp_path / f"b{len(prefix)}.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for name, text in SHEETS.items():
                archive.writestr(f"{prefix}{name}.csv", text)
            archive.writestr("__MACOSX/._actors.csv", "junk")
        bundle = read_bundle(path)
        assert set(bundle.sheets) == set(SHEETS)
        assert bundle.source("actors") == f"{prefix}actors.csv"


def test_a_zip_with_two_folders_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a/actors.csv", SHEETS["actors"])
        archive.writestr("b/ties.csv", SHEETS["ties"])
    with pytest.raises(BundleError, match="several folders"):
        read_bundle(path)


def test_a_workbook_gives_its_sheets_with_row_numbers_and_cells_as_text(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ties"
    sheet.append(["source", "target", "type", "weight", "directed", "since"])
    sheet.append(["a", "b", "knows", 2, True, datetime(2024, 1, 2)])
    sheet.append([None] * 6)
    sheet.append(["b", "c", "met", 0.5, False, None])
    path = tmp_path / "b.xlsx"
    book.save(path)
    bundle = read_bundle(path)
    ties = bundle.sheets["ties"]
    assert bundle.source("ties") == "Ties"
    assert bundle.lines["ties"].to_list() == [2, 4]
    assert ties.row(0) == ("a", "b", "knows", "2", "true", "2024-01-02")
    assert ties.row(1) == ("b", "c", "met", "0.5", "false", None)


def test_paths_that_are_no_bundle_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="no such file"):
        read_bundle(tmp_path / "missing")
    other = tmp_path / "actors.csv"
    other.write_text(SHEETS["actors"])
    with pytest.raises(UnknownFormat):
        read_bundle(other)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(BundleUnreadable):
        read_bundle(broken)
