"""``jejaring demo`` on SQLite and PostgreSQL: complete, idempotent, equal to its bundle."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.demo.community import generate
from jejaring.demo.run import run_demo
from jejaring.domain.accounts import ActorRole, PlatformRole
from jejaring.domain.cooperation import CooperationStatus, MembershipStatus
from jejaring.io.bundle_read import read_bundle
from jejaring.services.bootstrap import Context
from jejaring.services.demo_write import load_territories

SIZE, SEED = 200, 5


def _stored(ctx: Context) -> dict[str, int]:
    with ctx.uow() as uow:
        return {
            "actors": uow.actors.count(),
            "ties": uow.ties.count(),
            "customers": uow.customers.count(),
            "resources": uow.resources.count(),
            "cooperations": uow.cooperations.count(),
            "posts": uow.posts.count(),
            "referrals": uow.referrals.count(),
            "assessments": uow.assessments.count(),
            "users": uow.users.count(),
        }


def test_a_small_demo_is_stored_completely(ctx: Context) -> None:
    report = run_demo(ctx, actors=SIZE, seed=SEED)
    community = generate(load_territories(ctx), actors=SIZE, seed=SEED)
    sheets, extras = community.bundle.sheets, community.extras
    stored = _stored(ctx)
    assert stored["actors"] == SIZE == report.counts["actors"]
    for name in ("ties", "customers", "resources", "cooperations"):
        assert stored[name] == sheets[name].height == report.counts[name], name
    assert stored["posts"] == extras.posts.height > 0
    assert stored["referrals"] == extras.referrals.height > 0
    assert stored["assessments"] == extras.assessments.height > 0
    assert stored["users"] == len(report.accounts) >= 4
    with ctx.uow() as uow:
        district = sheets["territories"].filter(pl.col("level") == "district").row(0, named=True)
        found = uow.territories.get(district["code"])
        assert found is not None and found.demand == pytest.approx(float(district["demand"]))
        coop = sheets["cooperations"].row(0, named=True)
        members = coop["members"].split(";")
        memberships = uow.cooperations.memberships(coop["key"])
        assert sorted(m.actor for m in memberships) == sorted(members)
        assert all(m.status is MembershipStatus.ACCEPTED for m in memberships)
        saved = uow.cooperations.get(coop["key"])
        assert saved is not None and saved.status is CooperationStatus.ACTIVE
        policies = uow.cooperations.policies(coop["key"])
        expected = extras.policies.filter(pl.col("cooperation") == coop["key"])
        assert {(p.actor, p.mapping_level.value) for p in policies} == set(
            expected.select("actor", "mapping_level").iter_rows()
        )
        owner = next(a for a in report.accounts if a.actor)
        assert [m.role for m in uow.users.memberships(owner.email)] == [ActorRole.OWNER]
        coordinator = next(a for a in report.accounts if a.actor is None)
        user = uow.users.get(coordinator.email)
        assert user is not None and PlatformRole.COORDINATOR in user.platform_roles
    assert all(a.password for a in report.accounts)


def test_running_the_same_demo_again_adds_nothing(ctx: Context) -> None:
    first = run_demo(ctx, actors=SIZE, seed=SEED)
    before = _stored(ctx)
    again = run_demo(ctx, actors=SIZE, seed=SEED)
    assert _stored(ctx) == before
    assert again.counts == first.counts
    assert [a.email for a in again.accounts] == [a.email for a in first.accounts]
    assert all(a.password is None for a in again.accounts)  # existing users are left alone
    assert again.written["posts"] == again.written["referrals"] == 0


@pytest.mark.parametrize("name", ["bundle", "demo.zip", "demo.xlsx"])
def test_the_bundle_written_with_out_reads_back_equal(
    ctx: Context, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    report = run_demo(ctx, actors=60, seed=2, out=path)
    assert report.out == str(path)
    written = generate(load_territories(ctx), actors=60, seed=2).bundle
    read = read_bundle(path)
    assert read.sheets.keys() == written.sheets.keys()
    for sheet, frame in written.sheets.items():
        assert read.sheets[sheet].select(frame.columns).equals(frame), sheet


def test_the_command_prints_counts_accounts_and_passwords_as_json(db_url: str) -> None:
    result = CliRunner().invoke(
        app, ["demo", "--actors", "80", "--seed", "3", "--db", db_url, "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["actors"] == 80 and data["seed"] == 3
    assert len(data["accounts"]) >= 4 and all(a["password"] for a in data["accounts"])
    assert "random" in data["note"]
    again = CliRunner().invoke(app, ["demo", "--actors", "80", "--seed", "3", "--db", db_url])
    assert again.exit_code == 0, again.output
    assert "80" in again.stdout


def test_the_command_asks_for_init_on_an_empty_database(empty_db_url: str) -> None:
    result = CliRunner().invoke(app, ["demo", "--actors", "10", "--db", empty_db_url])
    assert result.exit_code == 1
    assert "jejaring init" in result.output
