"""``jejaring reach`` and ``jejaring audit`` end to end, on both databases."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.domain.cooperation import MappingLevel
from jejaring.domain.territories import Territory
from jejaring.services.bootstrap import bootstrap
from jejaring.services.policies import set_policy
from tests.factories import customer, persist
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
        for code in ("32", "33"):
            t = uow.territories.get(code)
            assert t is not None
            uow.territories.save(Territory(t.code, t.name, t.level, t.parent_code, 50.0))
        persist(uow, *(customer("b", f"b{i}") for i in range(7)))
        uow.commit()
    set_policy(ctx, None, "coop", "b", mapping_level=MappingLevel.COUNTS)
    ctx.close()


def test_reach_then_the_partner_reads_its_audit_trail(db_url: str) -> None:
    _community(db_url)
    report = _json("reach", "a", "--k", "1", "--db", db_url, "--as", "member@a")
    assert report["alone"] == {"territories": 1, "demand": 50.0, "customers": 0}
    assert report["with_partners"]["combined"] == {
        "territories": 2,
        "demand": 100.0,
        "customers": 7,
    }
    people = runner.invoke(app, ["reach", "a", "--db", db_url, "--as", "coord@x"])
    assert (
        people.exit_code == 0
        and "Reach of a" in people.output
        and "Partners: b, c" in people.output
    )
    trail = _json("audit", "b", "--db", db_url, "--as", "owner@b")
    assert [(e["action"], e["by_actor"], e["by_user"]) for e in trail] == [
        ("reach.customers_counted", "a", "member@a"),
        ("policy.changed", "b", None),
    ]
    table = runner.invoke(app, ["audit", "b", "--db", db_url])
    assert table.exit_code == 0 and "reach.customers_counted" in table.output


def test_refusals_look_like_missing_actors(db_url: str) -> None:
    _community(db_url)
    for command in ("reach", "audit"):
        hidden = runner.invoke(app, [command, "b", "--db", db_url, "--as", "viewer@a"])
        missing = runner.invoke(app, [command, "q", "--db", db_url, "--as", "viewer@a"])
        assert hidden.exit_code == missing.exit_code == 1, command
        assert hidden.stderr.replace("'b'", "'q'") == missing.stderr
    bad_k = runner.invoke(app, ["reach", "a", "--k", "9", "--db", db_url])
    assert bad_k.exit_code == 2 and "--k" in bad_k.output
