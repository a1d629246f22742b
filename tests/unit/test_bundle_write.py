"""Writing bundles, and the text an export gives typed values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from jejaring.domain.territories import Level, Territory
from jejaring.io.bundle_errors import UnknownFormat
from jejaring.io.bundle_format import Bundle
from jejaring.io.bundle_read import read_bundle
from jejaring.io.bundle_text import customised_territories, to_text
from jejaring.io.bundle_write import write_bundle
from tests.support.bundles import SHEETS, bundle


def _text_of(b: Bundle) -> dict[str, list[tuple[str | None, ...]]]:
    return {name: frame.rows() for name, frame in b.sheets.items()}


@pytest.mark.parametrize("target", ["folder", "bundle.zip", "bundle.xlsx"])
def test_what_is_written_reads_back_cell_for_cell(tmp_path: Path, target: str) -> None:
    original = bundle(SHEETS)
    original.sheets["actors"] = original.sheets["actors"].with_columns(
        pl.Series("description", ["=SUM(A1)", "two\nlines", None])
    )
    path = tmp_path / target
    write_bundle(original, path)
    again = read_bundle(path)
    assert _text_of(again) == _text_of(original)
    assert set(again.sheets) == set(SHEETS)


def test_a_zip_is_the_same_bytes_for_the_same_bundle(tmp_path: Path) -> None:
    write_bundle(bundle(SHEETS), tmp_path / "a.zip")
    write_bundle(bundle(SHEETS), tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_an_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnknownFormat):
        write_bundle(bundle(SHEETS), tmp_path / "bundle.csv")
    assert not (tmp_path / "bundle.csv").exists()


def test_typed_values_are_written_as_a_person_would_type_them() -> None:
    ties = pl.DataFrame(
        {
            "source": ["b", "a"],
            "target": ["c", "b"],
            "type": ["met", "knows"],
            "weight": [2.0, 0.1],
            "directed": [False, True],
            "since": [None, date(2024, 1, 2)],
            "until": [None, None],
            "visibility": ["private", "community"],
        },
        schema_overrides={"until": pl.Date},
    )
    assert to_text("ties", ties).rows() == [
        ("a", "b", "knows", "0.1", "true", "2024-01-02", None, "community"),
        ("b", "c", "met", "2", "false", None, None, "private"),
    ]
    coops = pl.DataFrame(
        {
            "key": ["k"],
            "name": ["K"],
            "members": [["b", "a"]],
            "mechanisms": [[]],
            "purpose": [""],
            "scope": [["32"]],
        },
        schema_overrides={"mechanisms": pl.List(pl.String)},
    )
    assert to_text("cooperations", coops).row(0) == ("k", "K", "b;a", None, None, "32")


def test_only_territories_a_community_changed_are_exported() -> None:
    shipped = [
        Territory("ID", "Indonesia", Level.COUNTRY),
        Territory("32", "Jawa Barat", Level.PROVINCE, "ID"),
        Territory("33", "Jawa Tengah", Level.PROVINCE, "ID"),
    ]
    stored = pl.DataFrame(
        {
            "code": ["ID", "32", "33", "X"],
            "name": ["Indonesia", "Jawa Barat", "Central Java", "New"],
            "parent_code": [None, "ID", "ID", "32"],
            "level": ["country", "province", "province", "regency"],
            "demand": [None, 7.0, None, None],
        }
    )
    kept = customised_territories(stored, shipped)
    assert kept["code"].to_list() == ["32", "33", "X"]
