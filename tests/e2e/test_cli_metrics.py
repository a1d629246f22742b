"""``jejaring metrics`` through the CLI runner: columns, rows, files, warnings and errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jejaring.analytics.brokerage import ROLES
from jejaring.analytics.metrics import COLUMNS
from jejaring.cli import app

runner = CliRunner()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def edges(tmp_path: Path) -> Path:
    # b-a and a-b merge (weights 2 + 1); c-c is a self-loop; d-e a second component.
    return write(
        tmp_path / "edges.csv",
        "source,target,weight,type\nb,a,2,knows\na,b,1,knows\nc,c,1,knows\na,c,3,knows\n"
        "d,e,1,knows\n",
    )


@pytest.fixture
def nodes(tmp_path: Path) -> Path:
    return write(tmp_path / "nodes.csv", "actor,team\na,x\nb,x\nc,y\nd,y\ne,\nzed,x\n")


def run(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["metrics", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_json_columns_rows_and_merge(edges: Path) -> None:
    data = run(str(edges), "--weight", "weight")
    rows = data["actors"]
    assert [r["actor"] for r in rows] == ["a", "b", "c", "d", "e"]
    assert list(rows[0]) == list(COLUMNS)
    a = rows[0]
    assert a["degree"] == 2 and a["weighted_degree"] == 6.0  # a-b merged to 3, a-c 3
    assert rows[1]["hierarchy"] is None  # one contact
    assert any("self-loops dropped: 1" in w for w in data["warnings"])
    assert any("duplicate ties merged: 1" in w for w in data["warnings"])


def test_warnings_go_to_stderr(edges: Path, tmp_path: Path) -> None:
    out = tmp_path / "metrics.csv"
    result = runner.invoke(app, ["metrics", str(edges), "--out", str(out)])
    assert result.exit_code == 0
    assert "self-loops dropped: 1" in result.stderr
    assert "self-loops" not in result.stdout and out.exists()


def test_nodes_groups_and_isolates(edges: Path, nodes: Path) -> None:
    data = run(str(edges), "--nodes", str(nodes), "--group", "team", "--directed")
    rows = {r["actor"]: r for r in data["actors"]}
    assert list(rows) == ["a", "b", "c", "d", "e", "zed"]
    assert list(rows["a"]) == [*COLUMNS, *ROLES]
    assert rows["zed"]["degree"] == 0 and rows["zed"]["constraint"] is None
    assert rows["e"]["liaison"] is None  # e has no group
    # Through a: b -> a -> c (groups x, x, y) is open; b -> a -> b returns to b.
    assert rows["a"]["representative"] == 1 and rows["a"]["coordinator"] == 0
    assert rows["a"]["in_degree"] == 1 and rows["a"]["out_degree"] == 2


def test_summary(edges: Path, nodes: Path) -> None:
    summary = run(str(edges), "--nodes", str(nodes), "--summary")["summary"]
    assert summary["nodes"] == 6 and summary["ties"] == 3 and summary["components"] == 3
    assert summary["largest_component_share"] == pytest.approx(0.5)
    assert summary["density"] == pytest.approx(3 / 15)
    assert summary["diameter"] == 2 and summary["path_pivots"] is None


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_out_formats_leave_undefined_values_empty(edges: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"metrics{suffix}"
    result = runner.invoke(app, ["metrics", str(edges), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 5 actors" in result.stdout
    if suffix == ".csv":
        with out.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        header, b = rows[0], rows[2]
        assert header == list(COLUMNS) and b[0] == "b"
        assert b[header.index("hierarchy")] == "" and "nan" not in out.read_text().lower()
    elif suffix == ".xlsx":
        sheet = load_workbook(out).active
        values = list(sheet.iter_rows(values_only=True))
        assert list(values[0]) == list(COLUMNS)
        assert values[2][COLUMNS.index("hierarchy")] is None
    else:
        rows = json.loads(out.read_text())
        assert rows[1]["actor"] == "b" and rows[1]["hierarchy"] is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("from,target\na,b\n", "no 'source' column"),
        ("source,target,weight\na,b,1\nb,c,heavy\n", "line 3: 'weight' is not a number: heavy"),
        ("source,target,weight\na,b,0\n", "line 2: 'weight' must be positive, not 0"),
        ("source,target,weight\na,b,-1.5\n", "must be positive, not -1.5"),
        ("source,target,weight\na,b,\n", "line 2: the 'weight' value is empty"),
        ("source,target\na,\n", "line 2: the 'target' value is empty"),
        ("", "the file is empty"),
    ],
)
def test_bad_input_exits_1_with_the_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "bad.csv", text)
    result = runner.invoke(app, ["metrics", str(path), "--weight", "weight"])
    assert result.exit_code == 1
    assert message in result.output


def test_usage_errors_exit_2(tmp_path: Path, edges: Path) -> None:
    missing = runner.invoke(app, ["metrics", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2 and "nope.csv" in missing.output
    assert runner.invoke(app, ["metrics", str(edges), "--group", "team"]).exit_code == 2
    assert runner.invoke(app, ["metrics", str(edges), "--out", "x.txt"]).exit_code == 2


def test_people_see_tables(edges: Path) -> None:
    result = runner.invoke(app, ["metrics", str(edges), "--summary"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "betweenness" in result.stdout and "modularity" in result.stdout


def test_pivot_sampling_is_reported(edges: Path) -> None:
    data = run(str(edges), "--betweenness-pivots-above", "3", "--summary")
    assert data["summary"]["path_pivots"] == 5
    assert any("estimated from 5 sampled actors" in w for w in data["warnings"])
