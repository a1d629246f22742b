"""``jejaring post`` end to end, on both databases: the worked example of docs/channel.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.services.bootstrap import bootstrap
from tests.support.channel import build_channel, post_id
from tests.support.sharing import build_sharing

runner = CliRunner()


def _json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def db(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("JEJARING_ATTACHMENTS_DIR", str(tmp_path / "files"))
    ctx = bootstrap(Settings(database_url=db_url))
    build_sharing(ctx)
    build_channel(ctx)
    ctx.close()
    return ["--db", db_url]


def test_post_read_search_forward_and_digest(db: list[str], tmp_path: Path) -> None:
    sheet = tmp_path / "harga.csv"
    sheet.write_text("produk,harga\ncabai,60000\n", encoding="utf-8")
    made = _json("post", "add", "chan", "--actor", "a", "--category", "price",
                 "--title", "Harga cabai Bandung", "--body", "Cabai merah 55.000/kg di Caringin.",
                 "--territory", "32", "--sector", "pertanian", "--to", "b",
                 "--expires", "2999-01-01T00:00:00+07:00", "--attach", str(sheet),
                 "--as", "member@a", *db)  # fmt: skip
    pid = made["id"]
    assert (made["visibility"], made["to"], made["territories"]) == ("named", ["b"], ["32"])
    assert made["attachments"][0] | {"sha256": ""} == {
        "name": "harga.csv",
        "type": "text/csv",
        "size": len(sheet.read_bytes()),
        "sha256": "",
    }
    assert made["expires"] == "2998-12-31T17:00:00+00:00"

    listed = _json("post", "list", "chan", "--as", "owner@b", *db)
    assert pid in [p["id"] for p in listed]
    assert pid not in [p["id"] for p in _json("post", "list", "chan", "--as", "owner@c", *db)]
    hidden = runner.invoke(app, ["post", "show", str(pid), "--as", "owner@c", *db])
    assert hidden.exit_code == 1 and f"post {pid} not found" in hidden.output

    read = _json("post", "read", str(pid), "--as", "owner@b", *db)
    assert read["user"] == "owner@b"
    assert _json("post", "receipts", str(pid), "--as", "viewer@a", *db)[0]["user"] == "owner@b"
    refused = runner.invoke(app, ["post", "receipts", str(pid), "--as", "owner@b", *db])
    assert refused.exit_code == 1 and "only the users of 'a'" in refused.output

    hits = _json("post", "search", "chan", "cabai merah", "--as", "owner@b", *db)
    assert [h["id"] for h in hits] == [pid] and "[" in hits[0]["snippet"]
    assert _json("post", "search", "cabai merah", "--as", "owner@c", *db) == []

    out = tmp_path / "saved.csv"
    _json("post", "attachment", str(pid), "harga.csv", "--out", str(out), "--as", "owner@b", *db)
    assert out.read_bytes() == sheet.read_bytes()

    fwd = _json("post", "forward", str(pid), "--note", "Cek stok", "--as", "owner@b", *db)
    assert (fwd["to"], fwd["note"]) == ("b", "Cek stok")
    unread = _json("post", "unread", "--as", "owner@b", *db)
    assert unread == {"chan": 4}  # five live posts b reads (its own too), one of them read
    today = _json("post", "digest", "--as", "owner@b", *db)
    assert [v["id"] for s in today["sections"] for v in s["posts"]] == [pid]
    assert today["sections"][0]["posts"][0]["forwards"][0]["note"] == "Cek stok"
    old = _json("post", "digest", "--date", "2024-05-01", "--as", "owner@a", *db)
    assert old["count"] == 4 and old["sections"][0]["category"] == "price"


def test_refusals_are_clear(db: list[str], tmp_path: Path) -> None:
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ\x90\x00\x03")
    args = ["post", "add", "chan", "--actor", "a", "--category", "risk", "--title", "T",
            "--body", "B", *db]  # fmt: skip
    bad = runner.invoke(app, [*args, "--attach", str(exe)])
    assert bad.exit_code == 1 and "setup.exe: not an accepted kind of file" in bad.output
    quiet = runner.invoke(app, [*args[:2], "quiet", *args[3:]])
    assert quiet.exit_code == 1 and "does not share information" in quiet.output
    nouser = runner.invoke(app, ["post", "read", str(post_id("b_all")), *db])
    assert nouser.exit_code == 1 and "needs a user (--as EMAIL)" in nouser.output
    missing = runner.invoke(
        app, ["post", "attachment", "1", "x.pdf", "--out", str(tmp_path / "x"), *db]
    )
    assert missing.exit_code == 1 and "post 1 has no attachment 'x.pdf'" in missing.output
    text = runner.invoke(app, ["post", "list", "chan", "--as", "viewer@a", *db])
    assert text.exit_code == 0 and "Harga cabai naik di Semarang" in text.output
