"""``jejaring user`` and ``jejaring token`` end to end, on both databases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.services.api_tokens import user_for_api_token
from jejaring.services.bootstrap import bootstrap
from jejaring.services.sessions import sign_in
from jejaring.services.tickets import confirm_reset, sign_up
from tests.support.bundles import SHEETS, write_folder

runner = CliRunner()
PASSWORD = "correct horse battery"


def _ok(*args: str, stdin: str | None = None) -> Any:
    result = runner.invoke(app, [*args, "--json"], input=stdin)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_users_invitations_resets_and_tokens(db_url: str, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "bundle", SHEETS)
    assert runner.invoke(app, ["import", str(folder), "--db", db_url]).exit_code == 0
    db = ["--db", db_url]
    added = _ok(
        "user",
        "add",
        "Ani@Example.com",
        "--actor",
        "pt-dua",
        "--role",
        "owner",
        "--password-stdin",
        *db,
        stdin=PASSWORD + "\n",
    )
    assert added == {"email": "ani@example.com", "actor": "pt-dua", "role": "owner"}
    empty = runner.invoke(app, ["user", "add", "x@example.com", "--password-stdin", *db], input="")
    assert empty.exit_code == 2
    short = runner.invoke(
        app, ["user", "add", "x@example.com", "--password-stdin", *db], input="short\n"
    )
    assert short.exit_code == 1 and "password" in short.output

    invited = _ok(
        "user",
        "invite",
        "budi@example.com",
        "--actor",
        "pt-dua",
        "--role",
        "viewer",
        "--as",
        "ani@example.com",
        *db,
    )
    assert invited["mailed"] is False and invited["role"] == "viewer"
    # The invited viewer may not invite in turn: checked like on the API.
    ctx = bootstrap(Settings(database_url=db_url))
    try:
        sign_up(ctx, invited["token"], PASSWORD, "Budi")
        refused = runner.invoke(
            app,
            [
                "user",
                "invite",
                "c@example.com",
                "--actor",
                "pt-dua",
                "--as",
                "budi@example.com",
                *db,
            ],
        )
        assert refused.exit_code == 1 and "role" in refused.output

        reset = _ok("user", "reset-password", "budi@example.com", *db)
        confirm_reset(ctx, reset["token"], "a brand new password")
        assert sign_in(ctx, "budi@example.com", "a brand new password").email == "budi@example.com"
        missing = runner.invoke(app, ["user", "reset-password", "nobody@example.com", *db])
        assert missing.exit_code == 1

        made = _ok("token", "create", "nightly", "--as", "ani@example.com", "--scope", "write", *db)
        user, scopes = user_for_api_token(ctx, made["token"])
        assert user.email == "ani@example.com" and [s.value for s in scopes] == ["read", "write"]
        listed = _ok("token", "list", "--as", "ani@example.com", *db)
        assert [(t["name"], t["revoked"]) for t in listed] == [("nightly", None)]
        assert "token" not in listed[0]
        assert _ok("token", "revoke", str(made["id"]), "--as", "ani@example.com", *db)["revoked"]
        again = runner.invoke(
            app, ["token", "revoke", str(made["id"]), "--as", "ani@example.com", *db]
        )
        assert again.exit_code == 1
        assert _ok("token", "list", "--as", "ani@example.com", *db)[0]["revoked"] is not None
    finally:
        ctx.close()
