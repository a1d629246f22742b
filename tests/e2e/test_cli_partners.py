"""``jejaring partners`` end to end, on both databases, on the hand-worked community."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.services.bootstrap import bootstrap
from tests.support.partner_community import build_partner_community

runner = CliRunner()
TOP = {"actor", "k", "own_demand", "added_demand", "total_demand", "upper_bound", "portfolio"}
TOP |= {"candidates"}
CANDIDATE = {"partner", "score", "coverage_gain", "customer_complementarity"}
CANDIDATE |= {"resource_complementarity", "proximity", "capability", "reason"}


def _community(db_url: str) -> None:
    ctx = bootstrap(Settings(database_url=db_url))
    try:
        build_partner_community(ctx)
    finally:
        ctx.close()


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_json_has_exactly_the_promised_shape(db_url: str) -> None:
    _community(db_url)
    found = _json("partners", "me", "--db", db_url, "-k", "2")
    assert set(found) == TOP
    assert [p["partner"] for p in found["portfolio"]] == ["c", "b"]
    assert set(found["portfolio"][0]) == {"partner", "added_demand", "added_territories", "reason"}
    assert sum(p["added_demand"] for p in found["portfolio"]) == found["added_demand"]
    assert all(set(c) == CANDIDATE for c in found["candidates"])
    exact = _json("partners", "me", "--db", db_url, "-k", "2", "--exact", "--time-limit", "5")
    assert set(exact) == TOP | {"optimal"} and exact["optimal"] is True


def test_people_read_the_picks_and_candidates(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    out = tmp_path / "candidates.csv"
    result = runner.invoke(
        app,
        ["partners", "me", "--db", db_url, "--exclude-competitors", "--weights",
         "proximity=2", "--out", str(out)],
        env={"JEJARING_LOCALE": "en"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "covers demand 100 of 500; 1 partners add 80" in result.output
    assert "2 steps away through Koperasi Eka" in result.output
    table = pl.read_csv(out)
    assert table["partner"].to_list()[0] == "e" and "c" not in table["partner"].to_list()


def test_every_actor_in_one_batch(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    out = tmp_path / "all.json"
    summary = _json("partners", "--all", "-k", "2", "--db", db_url, "--out", str(out))
    assert summary["actors"] == 5 and summary["out"] == str(out)
    rows = {r["actor"]: r for r in json.loads(out.read_text())}
    assert rows["me"]["partners"] == "c;b"


def test_errors_name_what_is_wrong(db_url: str) -> None:
    _community(db_url)
    both = runner.invoke(app, ["partners", "me", "--all", "--db", db_url])
    assert both.exit_code == 2
    neither = runner.invoke(app, ["partners", "--db", db_url])
    assert neither.exit_code == 2
    unknown = runner.invoke(app, ["partners", "nobody", "--db", db_url])
    assert unknown.exit_code == 1 and "actor 'nobody' not found" in unknown.stderr
    weights = runner.invoke(app, ["partners", "me", "--db", db_url, "--weights", "size=2"])
    assert weights.exit_code == 1 and "'size=2'" in weights.stderr
    k = runner.invoke(app, ["partners", "me", "--db", db_url, "-k", "0"])
    assert k.exit_code == 1 and "k: must be between 1 and 100" in k.stderr
