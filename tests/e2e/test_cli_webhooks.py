"""``jejaring webhook`` end to end on both databases: add (the secret once), list, deliver to a
receiver, the delivery log, rotate, remove, and a user who may not manage the webhooks."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.domain.webhooks import derive_secret, sign
from jejaring.services.bootstrap import bootstrap
from jejaring.services.policies import set_policy
from jejaring.services.referrals import request_referral
from tests.support.receivers import recorder
from tests.support.sharing import build_sharing

runner = CliRunner()


def _ok(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_add_deliver_log_rotate_and_remove(db_url: str) -> None:
    ctx = bootstrap(Settings(database_url=db_url))
    build_sharing(ctx)
    set_policy(ctx, None, "coop", "b", introductions_allowed=True)
    db = ("--db", db_url)
    with recorder(500) as rec:
        made = _ok("webhook", "add", "a", "--url", rec.url, "--events", "referral.requested",
                   "--as", "owner@a", *db)  # fmt: skip
        assert made["actor"] == "a" and made["events"] == ["referral.requested"]
        assert made["secret"].startswith("whsec_")
        listed = _ok("webhook", "list", "a", "--as", "manager@a", *db)
        assert listed == [{k: v for k, v in made.items() if k != "secret"}]  # never again
        request_referral(ctx, None, "a", "b", "z")

        assert _ok("webhook", "deliver", *db) == {
            "attempted": 1, "delivered": 0, "retrying": 1, "failed": 0,
        }  # fmt: skip
        (log,) = _ok("webhook", "deliveries", str(made["id"]), *db)
        assert (log["kind"], log["status"], log["attempts"]) == ("referral.requested", "pending", 1)
        assert log["history"][0]["status_code"] == 500
        people = runner.invoke(app, ["webhook", "deliveries", *db])
        assert people.exit_code == 0
        assert "referral.requested" in people.stdout and "HTTP 500" in people.stdout
    (sent,) = rec.received
    stamp = int(sent.headers["X-Jejaring-Timestamp"])
    assert sent.headers["X-Jejaring-Signature"] == sign(made["secret"], stamp, sent.body)

    rotated = _ok("webhook", "rotate", str(made["id"]), "--as", "owner@a", *db)
    assert rotated["secret"] != made["secret"]
    with ctx.reader() as uow:
        hook = uow.webhooks.get(made["id"])
    assert hook is not None
    assert rotated["secret"] == derive_secret(ctx.settings.secret_key, hook.secret_salt)

    denied = runner.invoke(app, ["webhook", "remove", str(made["id"]), "--as", "member@a", *db])
    assert denied.exit_code == 1
    assert f"webhook {made['id']} not found" in denied.stderr
    refused = runner.invoke(
        app, ["webhook", "add", "a", "--url", "ftp://x", "--events", "*", "--as", "owner@a", *db]
    )
    assert refused.exit_code == 1 and "is not an http:// or https:// URL" in refused.stderr
    assert _ok("webhook", "remove", str(made["id"]), *db)["id"] == made["id"]
    assert _ok("webhook", "list", *db) == []
    assert _ok("webhook", "deliveries", *db) == []
    ctx.close()
