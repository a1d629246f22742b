"""``jejaring project`` end to end, on both databases: the worked example of docs/projects.md."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.services.bootstrap import bootstrap
from tests.support.projects import build_projects

runner = CliRunner()


def _json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _community(db_url: str) -> None:
    ctx = bootstrap(Settings(database_url=db_url))
    build_projects(ctx)
    ctx.close()


def test_create_contribute_complete_and_ledger(db_url: str) -> None:
    _community(db_url)
    db = ["--db", db_url]
    made = _json("project", "create", "cold", "--coop", "bangun", "--name", "Cold storage",
                 "--goal", "A shared cold store", "--actor", "a", "--as", "owner@a",
                 *db)  # fmt: skip
    assert (made["status"], made["cooperation"]) == ("planned", "bangun")
    _json("project", "set", "cold", "--status", "running", "--as", "owner@b", *db)
    _json("project", "milestone", "cold", "--add", "Site chosen", "--due", "2024-06-30", *db)
    shown = _json("project", "milestone", "cold", "--met", "1", "--as", "owner@c", *db)
    assert shown["milestones"] == [
        {"number": 1, "title": "Site chosen", "due": "2024-06-30", "met": True}
    ]
    contribute = ["project", "contribute", "cold", *db, "--member"]
    _json(*contribute, "a", "--kind", "cash", "--amount", "6000000", "--as", "manager@a")
    _json(*contribute, "b", "--kind", "in_kind", "--amount", "1", "--value", "2500000")
    hours = _json(*contribute, "c", "--kind", "hours", "--amount", "12.5", "--rate", "120000")
    assert hours["valued_at"] == 1_500_000
    done = _json("project", "complete", "cold", "--kind", "warehouse", "--capacity", "40",
                 "--unit", "ton", *db)  # fmt: skip
    assert (done["status"], done["resource"], done["owner"]) == ("completed", "cold", "a")
    assert done["co_owners"] == {"a": 0.6, "b": 0.25, "c": 0.15}
    assert [(m["member"], m["valued"], m["share"]) for m in done["members"]] == [
        ("a", 6_000_000, "3/5"), ("b", 2_500_000, "1/4"), ("c", 1_500_000, "3/20"),
    ]  # fmt: skip
    book = _json("project", "ledger", "cold", "--split", "1000003", "--as", "viewer@a", *db)
    assert book["split"] == {"a": 600_002, "b": 250_001, "c": 150_000}
    text = runner.invoke(app, ["project", "ledger", "cold", "--split", "1000003", *db])
    assert text.exit_code == 0, text.output
    assert "c: hours 12.5 valued at Rp 1,500,000" in text.output
    assert "a: cash 6000000 valued at Rp 6,000,000" in text.output
    assert "a: Rp 6,000,000 / Rp 10,000,000 = share 3/5 (60.0%)" in text.output
    assert "a: Rp 600,002" in text.output
    twice = runner.invoke(app, ["project", "complete", "cold", "--kind", "warehouse",
                                "--capacity", "40", *db])  # fmt: skip
    assert twice.exit_code == 1 and "project 'cold' is completed" in twice.stderr
    resource = _json("resource", "list", *db)
    assert [(r["key"], r["owner"], r["co_owners"]) for r in resource] == [
        ("cold", "a", {"a": 0.6, "b": 0.25, "c": 0.15})
    ]


def test_non_members_see_nothing_and_bad_input_is_named(db_url: str) -> None:
    _community(db_url)
    db = ["--db", db_url]
    _json("project", "create", "cold", "--coop", "bangun", "--name", "Cold storage", *db)
    hidden = runner.invoke(app, ["project", "ledger", "cold", "--as", "owner@z", *db])
    missing = runner.invoke(app, ["project", "ledger", "nope", "--as", "owner@z", *db])
    assert hidden.exit_code == missing.exit_code == 1
    assert hidden.stderr.replace("cold", "nope") == missing.stderr
    assert _json("project", "list", "--as", "owner@z", *db) == []
    assert [p["key"] for p in _json("project", "list", "--coop", "bangun", *db)] == ["cold"]
    refused = runner.invoke(app, ["project", "contribute", "cold", "--member", "b", "--kind",
                                  "cash", "--amount", "5", "--as", "owner@a", *db])  # fmt: skip
    assert refused.exit_code == 1 and "you do not act for 'b'" in refused.stderr
    both = runner.invoke(app, ["project", "milestone", "cold", *db])
    assert both.exit_code == 2 and "give exactly one of --add and --met" in both.output
    bad_due = runner.invoke(app, ["project", "milestone", "cold", "--add", "X", "--due",
                                  "soon", *db])  # fmt: skip
    assert bad_due.exit_code == 2 and "not an ISO date: 'soon'" in bad_due.output
    no_rate = runner.invoke(app, ["project", "contribute", "cold", "--member", "a", "--kind",
                                  "hours", "--amount", "3", *db])  # fmt: skip
    assert no_rate.exit_code == 1 and "rate: hours need a rate" in no_rate.stderr
    empty = runner.invoke(app, ["project", "complete", "cold", "--kind", "warehouse",
                                "--capacity", "1", *db])  # fmt: skip
    assert empty.exit_code == 1 and "no valued contributions" in empty.stderr
