"""``jejaring import`` and ``jejaring export`` through the command line: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jejaring.cli import app
from tests.support.bundles import SHEETS, with_row, write_folder

runner = CliRunner()


def test_import_dry_run_then_import_then_export(db_url: str, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "b", SHEETS)
    dry = runner.invoke(app, ["import", str(folder), "--db", db_url, "--dry-run", "--json"])
    assert dry.exit_code == 0, dry.output
    report = json.loads(dry.stdout)
    assert report["dry_run"] is True and report["errors"] == []
    assert report["new"]["actors"] == 3
    done = runner.invoke(app, ["import", str(folder), "--db", db_url])
    assert done.exit_code == 0, done.output
    assert "customers" in done.stdout and "one transaction" in done.stdout
    again = json.loads(runner.invoke(app, ["import", str(folder), "--db", db_url, "--json"]).stdout)
    assert again["new"]["actors"] == 0 and again["updated"]["actors"] == 3
    out = tmp_path / "out.zip"
    exported = runner.invoke(app, ["export", str(out), "--db", db_url, "--json"])
    assert exported.exit_code == 0, exported.output
    assert json.loads(exported.stdout)["rows"]["customers"] == 3 and out.is_file()


def test_an_invalid_bundle_exits_1_with_every_problem(db_url: str, tmp_path: Path) -> None:
    sheets = with_row(SHEETS, "customers", "toko-satu,c9,N,lead,,,,,,-1")
    folder = write_folder(tmp_path / "b", sheets)
    result = runner.invoke(app, ["import", str(folder), "--db", db_url, "--json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["file"], p["line"], p["column"]) for p in problems] == [
        ("customers.csv", 5, "status"),
        ("customers.csv", 5, "value"),
    ]
    assert "'lead' is not one of customer|prospect" in problems[0]["reason"]
    human = runner.invoke(app, ["import", str(folder), "--db", db_url])
    assert human.exit_code == 1
    assert "customers.csv:5: status: 'lead'" in human.stdout
    assert "2 problems in the bundle: nothing was written" in human.stderr


def test_a_missing_path_or_unknown_format_is_a_usage_error(db_url: str, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["import", str(tmp_path / "nothing"), "--db", db_url])
    assert missing.exit_code == 2
    text = tmp_path / "actors.txt"
    text.write_text(SHEETS["actors"])
    unknown = runner.invoke(app, ["import", str(text), "--db", db_url])
    assert unknown.exit_code == 2 and "is not a bundle" in unknown.stderr
    bad_target = runner.invoke(app, ["export", str(tmp_path / "out.csv"), "--db", db_url])
    assert bad_target.exit_code == 2 and "cannot write a bundle" in bad_target.stderr
