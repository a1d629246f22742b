"""``jejaring coop`` end to end, on both databases."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.services.bootstrap import bootstrap
from tests.support.sharing import build_sharing

runner = CliRunner()


def _json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _community(db_url: str) -> None:
    ctx = bootstrap(Settings(database_url=db_url))
    build_sharing(ctx)
    ctx.close()


def test_propose_accept_policy_show(db_url: str) -> None:
    _community(db_url)
    made = _json(
        "coop", "propose", "kopi", "--db", db_url, "--name", "Kopi Jabar", "--member", "b",
        "--actor", "a", "--mechanism", "network_sharing", "--scope", "32", "--as", "owner@a",
    )  # fmt: skip
    assert made["status"] == "proposed" and made["scope"] == ["32"]
    assert [(m["actor"], m["status"]) for m in made["members"]] == [
        ("a", "accepted"),
        ("b", "invited"),
    ]
    done = _json("coop", "accept", "kopi", "--db", db_url, "--actor", "b", "--as", "OWNER@b")
    assert done["status"] == "active"
    policy = _json(
        "coop", "policy", "kopi", "--db", db_url, "--actor", "b", "--level", "counts",
        "--segments", "ritel;grosir", "--introductions", "--as", "owner@b",
    )  # fmt: skip
    assert policy["mapping_level"] == "counts" and policy["shared_segments"] == ["grosir", "ritel"]
    shown = runner.invoke(app, ["coop", "show", "kopi", "--db", db_url, "--as", "viewer@a"])
    assert shown.exit_code == 0, shown.output
    assert "kopi (Kopi Jabar): active" in shown.output and "mapping counts" in shown.output
    cleared = _json("coop", "policy", "kopi", "--db", db_url, "--actor", "b", "--segments", "")
    assert cleared["shared_segments"] == [] and cleared["mapping_level"] == "counts"
    listed = _json("coop", "list", "--db", db_url, "--as", "owner@b")
    assert [c["key"] for c in listed] == ["coop", "kopi"]
    assert _json("coop", "list", "--db", db_url, "--as", "owner@z") == []
    ended = _json("coop", "end", "kopi", "--db", db_url)  # the operator, trusted
    assert ended["status"] == "ended"


def test_refusals_and_mistakes_are_named(db_url: str) -> None:
    _community(db_url)
    hidden = runner.invoke(app, ["coop", "show", "coop", "--db", db_url, "--as", "owner@z"])
    missing = runner.invoke(app, ["coop", "show", "nope", "--db", db_url, "--as", "owner@z"])
    assert hidden.exit_code == missing.exit_code == 1
    assert hidden.stderr.replace("'coop'", "'nope'") == missing.stderr
    viewer = runner.invoke(
        app, ["coop", "suspend", "coop", "--db", db_url, "--actor", "a", "--as", "viewer@a"]
    )
    assert viewer.exit_code == 1 and "your role may not" in viewer.stderr
    nobody = runner.invoke(app, ["coop", "show", "coop", "--db", db_url, "--as", "x@y"])
    assert nobody.exit_code == 1 and "user 'x@y' not found" in nobody.stderr
    no_actor = runner.invoke(app, ["coop", "accept", "coop", "--db", db_url])
    assert no_actor.exit_code == 2 and "--actor" in no_actor.output
    bad_level = runner.invoke(
        app, ["coop", "policy", "coop", "--db", db_url, "--actor", "a", "--level", "all"]
    )
    assert bad_level.exit_code == 2 and "--level" in bad_level.output
