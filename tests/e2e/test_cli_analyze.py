"""``jejaring analyze`` and ``jejaring analyses`` end to end, on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.domain.actors import Visibility
from jejaring.services.bootstrap import bootstrap
from tests.factories import actor, persist, tie

runner = CliRunner()
COMMUNITY = Visibility.COMMUNITY


def _community(db_url: str) -> None:
    ctx = bootstrap(Settings(database_url=db_url))
    with ctx.uow() as uow:
        persist(
            uow,
            *(actor(k, home_territory="32") for k in "abcd"),
            tie("a", "b", "partner_of", visibility=COMMUNITY),
            tie("b", "c", "knows", directed=True, visibility=COMMUNITY),
            tie("c", "d", "kinship"),
        )
        uow.commit()
    ctx.close()


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_analyze_stores_shows_lists_and_deletes(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    out = tmp_path / "social.csv"
    made = _json(
        "analyze", "--db", db_url, "--tie-type", "social_relation", "--group", "province",
        "--key", "social", "--out", str(out),
    )  # fmt: skip
    assert made["key"] == "social" and made["stored"] is True
    assert (made["actors"], made["ties"]) == (4, 2)  # kinship is private
    assert made["layer"]["tie_types"] == ["social_relation"]
    assert made["top_betweenness"][0]["actor"] == "b"
    written = pl.read_csv(out)
    assert written["actor"].to_list() == ["a", "b", "c", "d"] and "liaison" in written.columns
    shown = _json("analyses", "show", "social", "--db", db_url, "--sort", "degree", "--limit", "2")
    assert [r["actor"] for r in shown["actors_shown"]] == ["b", "a"]
    assert shown["summary"]["ties"] == 2
    assert [a["key"] for a in _json("analyses", "list", "--db", db_url)] == ["social"]
    deleted = runner.invoke(app, ["analyses", "delete", "social", "--db", db_url])
    assert deleted.exit_code == 0 and "social" in deleted.output
    assert _json("analyses", "list", "--db", db_url) == []


def test_people_read_a_summary_and_the_top_actors(db_url: str) -> None:
    _community(db_url)
    result = runner.invoke(app, ["analyze", "--db", db_url, "--scope", "all", "--no-store"])
    assert result.exit_code == 0, result.output
    assert "4 actors, 3 ties" in result.output and "betweenness" in result.output
    assert "Stored" not in result.output
    assert _json("analyses", "list", "--db", db_url) == []


def test_errors_name_what_is_wrong(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    unknown = runner.invoke(app, ["analyze", "--db", db_url, "--tie-type", "friendship"])
    assert unknown.exit_code == 1 and "tie type 'friendship' not found" in unknown.stderr
    bad_date = runner.invoke(app, ["analyze", "--db", db_url, "--at", "28/11/2026"])
    assert bad_date.exit_code == 2 and "--at" in bad_date.output
    bad_out = runner.invoke(app, ["analyze", "--db", db_url, "--out", str(tmp_path / "x.txt")])
    assert bad_out.exit_code == 2
    bad_sort = runner.invoke(app, ["analyses", "show", "k", "--db", db_url, "--sort", "size"])
    assert bad_sort.exit_code == 2 and "--sort" in bad_sort.output
    missing = runner.invoke(app, ["analyses", "show", "nope", "--db", db_url])
    assert missing.exit_code == 1 and "analysis 'nope' not found" in missing.stderr
    empty = runner.invoke(app, ["analyze", "--db", db_url, "--tie-type", "trusts", "--no-store"])
    assert empty.exit_code == 0 and "the layer holds no ties" in empty.stderr


def test_an_uninitialised_database_is_named(empty_db_url: str) -> None:
    result = runner.invoke(app, ["analyze", "--db", empty_db_url])
    assert result.exit_code == 1 and "run 'jejaring init' first" in result.stderr
