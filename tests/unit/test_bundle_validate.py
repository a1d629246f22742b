"""Validation of a bundle on its own, with the database played by a fake look-up."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import pytest

from jejaring.domain.ties import DEFAULT_TIE_TYPES
from jejaring.io.bundle_format import COLUMNS, OPTIONAL, Bundle
from jejaring.io.bundle_rules import RULES
from jejaring.io.bundle_validate import validate
from tests.support.bundles import SHEETS, bundle, with_row

STORED_TERRITORIES = {
    "ID": "country",
    "32": "province",
    "33": "province",
    "32.04": "regency",
    "32.04.05": "district",
}


class FakeLookup:
    """What a database initialised with a few territories and one actor would answer."""

    def __init__(self, actors: Sequence[str] = ("stored-actor",)) -> None:
        self.actors = set(actors)
        self.asked: list[str] = []

    def territory_levels(self, codes: Sequence[str]) -> dict[str, str]:
        return {c: STORED_TERRITORIES[c] for c in codes if c in STORED_TERRITORIES}

    def actor_keys(self, keys: Sequence[str]) -> set[str]:
        self.asked.extend(keys)
        return self.actors & set(keys)

    def tie_types(self) -> dict[str, bool]:
        return {t.key: t.directed for t in DEFAULT_TIE_TYPES}


def problems(sheets: dict[str, str]) -> list[tuple[str, int | None, str, str]]:
    result = validate(bundle(sheets), FakeLookup())
    return [(e.file, e.line, e.column, e.reason) for e in result.errors]


def test_the_sample_bundle_is_valid_and_comes_back_typed() -> None:
    lookup = FakeLookup()
    result = validate(bundle(SHEETS), lookup)
    assert result.errors == []
    assert result.rows == {
        "territories": 2,
        "actors": 3,
        "ties": 2,
        "customers": 3,
        "resources": 2,
        "cooperations": 1,
    }
    actors = result.frames["actors"]
    assert actors.row(0) == (
        "toko-satu",
        "Toko Satu",
        "entrepreneur",
        ["retail", "food"],
        "32.04",
        ["32.04", "33"],
        "Batik, since 1990",
        "community",
    )
    ties = result.frames["ties"]
    # "knows" is a directed type: a blank cell takes the type's direction.
    assert ties["directed"].to_list() == [True, False]
    assert ties["weight"].to_list() == [2.0, 1.0]
    assert result.frames["cooperations"]["mechanisms"].to_list() == [
        ["network_sharing", "information_sharing"]
    ]
    assert "visibility" not in result.present["actors"]
    assert "visibility" in result.present["ties"]
    # Only keys the bundle does not define itself are asked of the database.
    assert lookup.asked == []


def test_every_column_of_the_format_has_a_rule() -> None:
    for sheet, columns in COLUMNS.items():
        assert tuple(RULES[sheet]) == (*columns, *OPTIONAL[sheet])


@pytest.mark.parametrize(
    ("sheet", "row", "column", "reason"),
    [
        ("territories", "Y.1,Y,32,town,", "level", "'town' is not one of country|province"),
        ("actors", "x,X,shop,,,", "kind", "'shop' is not one of salesperson|"),
        ("ties", "toko-satu,cv-tiga,met,1,maybe,,,", "directed", "'maybe' is not true or false"),
        ("customers", "pt-dua,c9,N,lead,,,,,,", "status", "'lead' is not one of customer|prospect"),
        ("resources", "pt-dua,r9,R,boat,1,,,", "kind", "'boat' is not one of warehouse|"),
        ("cooperations", "k2,K,pt-dua;cv-tiga,sharing,", "mechanisms", "'sharing' is not one of"),
        ("ties", "toko-satu,cv-tiga,met,1,,,,public", "visibility", "'public' is not one of"),
        ("ties", "toko-satu,cv-tiga,friend_of,1,,,,", "type", "'friend_of' is not a tie type"),
        ("customers", "pt-dua,c9,N,,,,,,,1.5.0", "value", "'1.5.0' is not a number"),
        ("customers", "pt-dua,c9,N,,,,,,,-1", "value", "must be a number >= 0, got -1"),
        ("resources", "pt-dua,r9,R,vehicle,0,,,", "capacity", "must be a number > 0, got 0"),
        ("ties", "toko-satu,cv-tiga,met,1,,2024-02-30,,", "since", "is not a date (YYYY-MM-DD)"),
        ("ties", "cv-tiga,cv-tiga,met,1,,,,", "target", "cannot join an actor to itself"),
        ("ties", "toko-satu,cv-tiga,met,1,,2024-02-02,2024-02-01,", "until", "not be before"),
        ("customers", "pt-dua,c9,N,,nobody,,,,,", "email", "'nobody' is not an e-mail address"),
        ("cooperations", "k2,K,pt-dua; pt-dua,,", "members", "at least two members"),
        ("actors", "x,,company,,,", "name", "must not be empty"),
        ("actors", "a;b,X,company,,,", "key", "must not contain ';', ','"),
        ("actors", f"x,{'n' * 301},company,,,", "name", "is longer than 300 characters"),
        ("territories", "Z.1,Z,Z.1,village,", "parent_code", "cannot be its own parent"),
        ("territories", "Z.1,Z,32.04.05,regency,", "parent_code", "'32.04.05' is a district"),
    ],
)
def test_a_bad_cell_is_reported_at_its_place(
    sheet: str, row: str, column: str, reason: str
) -> None:
    found = problems(with_row(SHEETS, sheet, row))
    line = SHEETS[sheet].count("\n") + 1
    assert len(found) == 1, found
    assert found[0][:3] == (f"{sheet}.csv", line, column)
    assert reason in found[0][3]


@pytest.mark.parametrize(
    ("sheet", "row", "column", "missing"),
    [
        ("actors", "x,X,company,,99.99,", "home_territory", "territory '99.99'"),
        ("actors", "x,X,company,,,32;nowhere", "coverage", "territory 'nowhere'"),
        ("customers", "ghost,c9,N,,,,,,,", "owner", "actor 'ghost'"),
        ("cooperations", "k2,K,pt-dua;ghost,,", "members", "actor 'ghost'"),
        ("ties", "toko-satu,ghost,met,,,,,", "target", "actor 'ghost'"),
        ("territories", "Y.1,Y,nowhere,village,", "parent_code", "territory 'nowhere'"),
    ],
)
def test_unknown_references_are_reported(sheet: str, row: str, column: str, missing: str) -> None:
    found = problems(with_row(SHEETS, sheet, row))
    assert [(f[1], f[2]) for f in found] == [(SHEETS[sheet].count("\n") + 1, column)]
    assert f"{missing} is neither in the bundle nor in the database" in found[0][3]


def test_references_may_resolve_in_the_database() -> None:
    sheets = with_row(SHEETS, "customers", "stored-actor,c1,From the database,,,,,32.04.05,,")
    assert problems(sheets) == []


def test_duplicate_keys_name_the_first_line() -> None:
    sheets = with_row(SHEETS, "actors", "pt-dua,PT Dua again,company,,,")
    sheets = with_row(sheets, "customers", "toko-satu,c2,Sari again,,,,,,,")
    assert problems(sheets) == [
        ("actors.csv", 5, "key", "'pt-dua' appears again: first on line 3"),
        ("customers.csv", 5, "owner,key", "'toko-satu, c2' appears again: first on line 3"),
    ]


def test_missing_columns_and_sheets_and_unknown_ones() -> None:
    actors = "key,name,colour\ntoko-satu,T,red\npt-dua,P,red\ncv-tiga,C,red\n"
    sheets = {**SHEETS, "actors": actors, "partners": "key\nx\n"}
    del sheets["cooperations"]
    found = problems(sheets)
    assert ("actors.csv", 1, "colour") in [f[:3] for f in found]
    assert ("actors.csv", 1, "kind") in [f[:3] for f in found]
    assert any(f[0] == "partners.csv" and "not a sheet" in f[3] for f in found)
    # The actors' keys still resolve, so no other sheet reports them as unknown.
    assert not any("actor 'toko-satu'" in f[3] for f in found)
    without_actors = {k: v for k, v in SHEETS.items() if k != "actors"}
    assert ("actors.csv", None, "") in [f[:3] for f in problems(without_actors)]


def test_every_problem_is_reported_in_order_of_sheets_and_lines() -> None:
    sheets = with_row(SHEETS, "customers", "pt-dua,c9,N,lead,,,,,,-1")
    sheets = with_row(sheets, "actors", "x,X,shop,,,")
    found = problems(sheets)
    assert [(f[0], f[1], f[2]) for f in found] == [
        ("actors.csv", 5, "kind"),
        ("customers.csv", 5, "status"),
        ("customers.csv", 5, "value"),
    ]


def test_a_bundle_built_in_memory_is_numbered_as_csv_and_may_hold_numbers() -> None:
    actors = pl.DataFrame({"key": ["a", "b"], "name": ["A", None], "kind": ["company"] * 2})
    customers = pl.DataFrame({"owner": ["a"], "key": [7], "name": ["N"], "value": [12.5]})
    result = validate(Bundle({"actors": actors, "customers": customers}), FakeLookup())
    assert [(e.file, e.line, e.column) for e in result.errors] == [("actors.csv", 3, "name")]


def test_blank_rows_are_skipped_and_cells_trimmed() -> None:
    sheets = {"actors": "key,name,kind\n  a  , A ,COMPANY\n,,\n"}
    result = validate(bundle(sheets), FakeLookup())
    assert result.errors == []
    assert result.frames["actors"].select("key", "name", "kind").row(0) == ("a", "A", "company")
