"""``jejaring match`` through the CLI runner: pairs on stdout or in a file, and its errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jejaring.cli import app

runner = CliRunner()
HEADER = "owner,key,name,status,email,phone,tax_id,territory,segment,value\n"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEJARING_LOCALE", "en")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def lists(tmp_path: Path) -> tuple[Path, Path]:
    left = write(
        tmp_path / "left.csv",
        HEADER + "a,C001,PT Sinar Jaya,customer,info@sinarjaya.co.id,0812-3456-7890,,32.04.01,"
        "grosir,1000\n"
        "a,C002,Budi Santoso,prospect,,,01.234.567.8-901.000,32.04,ritel,\n"
        "a,C003,Toko Maju,customer,,,,32.73.01,ritel,\n",
    )
    right = write(
        tmp_path / "right.csv",
        HEADER + 'b,PLG-1,"Sinar Jaya, PT",customer,,+62 812 3456 7890,,32.04,grosir,\n'
        "b,PLG-2,B. Santoso,customer,,,012345678901000,,ritel,\n"
        "b,PLG-3,MAJU,customer,,,,32.73,ritel,\n",
    )
    return left, right


def test_pairs_on_standard_output(lists: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["match", str(lists[0]), str(lists[1])])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [(r["left_key"], r["right_key"], r["rule"]) for r in rows] == [
        ("C001", "PLG-1", "phone"), ("C002", "PLG-2", "tax_id"), ("C003", "PLG-3", "name"),
    ]  # fmt: skip
    assert "3 pairs between 3 and 3 records" in result.stderr


def test_out_file_and_json(lists: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    result = runner.invoke(app, ["match", *map(str, lists), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pairs"] == 3 and data["by_rule"]["phone"] == 1 and data["out"] == str(out)
    assert out.read_text(encoding="utf-8").splitlines()[0] == "left_key,right_key,rule,score"
    result = runner.invoke(app, ["match", *map(str, lists), "--json"])
    assert json.loads(result.stdout)["matches"][0] == {
        "left_key": "C001", "right_key": "PLG-1", "rule": "phone", "score": 1.0,
    }  # fmt: skip


def test_a_missing_file_is_a_data_error(lists: tuple[Path, Path], tmp_path: Path) -> None:
    result = runner.invoke(app, ["match", str(lists[0]), str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    assert "nope.csv: no such file" in result.stderr


def test_a_missing_key_column(lists: tuple[Path, Path], tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", "name,phone\nMaju,0812\n")
    result = runner.invoke(app, ["match", str(bad), str(lists[1])])
    assert result.exit_code == 1
    assert "bad.csv: no 'key' column (the header has: name, phone)" in result.stderr


def test_nothing_to_match_on(lists: tuple[Path, Path], tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.csv", "key,segment\nC1,ritel\n")
    result = runner.invoke(app, ["match", str(lists[0]), str(bad)])
    assert result.exit_code == 1 and "bad.csv: none of the columns" in result.stderr


def test_empty_and_duplicate_keys_name_the_line(lists: tuple[Path, Path], tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.csv", "key,name\nC1,A\n,B\n")
    result = runner.invoke(app, ["match", str(empty), str(lists[1])])
    assert result.exit_code == 1
    assert "empty.csv, line 3: the 'key' value is empty" in result.stderr
    twice = write(tmp_path / "twice.csv", "key,name\nC1,A\nC2,B\nC1,C\n")
    result = runner.invoke(app, ["match", str(twice), str(lists[1])])
    assert result.exit_code == 1
    assert "twice.csv, line 4, column key: the key C1 appears twice" in result.stderr


def test_usage_errors(lists: tuple[Path, Path], tmp_path: Path) -> None:
    assert runner.invoke(app, ["match", str(lists[0])]).exit_code == 2
    result = runner.invoke(app, ["match", *map(str, lists), "--out", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and "use a file ending in" in result.stderr
