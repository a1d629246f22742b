"""``jejaring intro`` and ``jejaring referral`` end to end, on both databases."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.services.bootstrap import bootstrap
from jejaring.services.policies import set_policy
from tests.factories import persist, tie
from tests.support.sharing import build_sharing

runner = CliRunner()


def _json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _community(db_url: str) -> None:
    ctx = bootstrap(Settings(database_url=db_url))
    build_sharing(ctx)
    with ctx.uow() as uow:
        persist(uow, tie("a", "b", "knows", weight=2.0), tie("b", "z", "knows"))
        uow.commit()
    set_policy(ctx, None, "coop", "b", introductions_allowed=True, shared_tie_types=["knows"])
    ctx.close()


def test_intro_then_a_referral_to_won(db_url: str) -> None:
    _community(db_url)
    found = _json("intro", "a", "--to", "z", "--db", db_url, "--as", "viewer@a")
    assert [r["actors"] for r in found["routes"]] == [["a", "b", "z"]]
    people = runner.invoke(app, ["intro", "a", "--to", "z", "--db", db_url])
    assert people.exit_code == 0 and "a > b > z (2 hops" in people.output
    made = _json(
        "referral", "request", "a", "--introducer", "b", "--to", "z", "--db", db_url,
        "--as", "member@a",
    )  # fmt: skip
    rid = str(made["id"])
    assert made["status"] == "requested" and made["cooperation"] == "coop"
    for step in ("accept", "introduce"):
        assert _json("referral", step, rid, "--db", db_url, "--as", "owner@b")["status"]
    won = _json("referral", "won", rid, "--value", "2500000", "--db", db_url, "--as", "owner@a")
    assert (won["status"], won["value"]) == ("won", 2_500_000)
    listed = _json("referral", "list", "b", "--db", db_url, "--as", "owner@b")
    assert listed["attribution"] == [
        {"introducer": "b", "cooperation": "coop", "referrals": 1, "won": 1, "lost": 0,
         "value_won": 2_500_000},
    ]  # fmt: skip


def test_refusals_and_mistakes_are_named(db_url: str) -> None:
    _community(db_url)
    hidden = runner.invoke(app, ["referral", "list", "a", "--db", db_url, "--as", "owner@z"])
    missing = runner.invoke(app, ["referral", "list", "q", "--db", db_url, "--as", "owner@z"])
    assert hidden.exit_code == missing.exit_code == 1
    assert hidden.stderr.replace("'a'", "'q'") == missing.stderr
    unknown = runner.invoke(app, ["referral", "accept", "99", "--db", db_url])
    assert unknown.exit_code == 1 and "referral 99 not found" in unknown.stderr
    not_number = runner.invoke(app, ["referral", "accept", "x", "--db", db_url])
    assert not_number.exit_code == 2
    negative = runner.invoke(app, ["referral", "won", "1", "--value", "-5", "--db", db_url])
    assert negative.exit_code == 2 and "--value" in negative.output
