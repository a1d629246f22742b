"""``jejaring psi serve`` (a real process on loopback) and ``jejaring psi query`` (CLI runner)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jejaring.cli import app

runner = CliRunner()
HEADER = "key,name,email,phone,tax_id,territory\n"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEJARING_LOCALE", "en")


def customers(path: Path, numbers: range, prefix: str, *, phone_style: str) -> Path:
    rows = [
        f"{prefix}{i},Firm {i},info@firm{i}.co.id,{phone_style.format(i)},,32.04" for i in numbers
    ]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def lists(tmp_path: Path) -> tuple[Path, Path]:
    # 20..39 in common (20 records; each shares its e-mail, its phone and its domain).
    server = customers(tmp_path / "server.csv", range(0, 40), "s", phone_style="0812{:07d}")
    client = customers(tmp_path / "client.csv", range(20, 70), "c", phone_style="+62 812 {:07d}")
    return server, client


@contextmanager
def serving(file: Path, *args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    env = {**os.environ, "JEJARING_LOCALE": "en"}
    command = [sys.executable, "-m", "jejaring", "psi", "serve", str(file), "--port", "0", *args]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+)", line)
        assert found, line
        yield process, found.group(1)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        if process.stderr is not None:
            process.stderr.close()


def query(client: Path, url: str, *args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["psi", "query", str(client), "--url", url, "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_size_mode_gives_only_the_count(lists: tuple[Path, Path]) -> None:
    server, client = lists
    with serving(server, "--reveal", "size") as (process, url):
        data = query(client, url)
        assert process.wait(timeout=30) == 0  # one session, then it stops by itself
    assert data == {
        "reveal": "size", "keys": 150, "common_keys": 60, "common_keys_shown": "60",
    }  # fmt: skip


def test_items_mode_gives_my_records_in_common(lists: tuple[Path, Path], tmp_path: Path) -> None:
    server, client = lists
    out = tmp_path / "common.csv"
    with serving(server, "--reveal", "items", "--sessions", "2") as (process, url):
        data = query(client, url)
        assert data["common_keys"] == 60 and data["records"] == 20
        assert {m["key"] for m in data["matches"]} == {f"c{i}" for i in range(20, 40)}
        assert {m["kind"] for m in data["matches"]} == {"email", "phone", "domain"}
        result = runner.invoke(app, ["psi", "query", str(client), "--url", url, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert process.wait(timeout=30) == 0
        assert "Session 2: answered a query of 150 keys." in (
            process.stderr.read() if process.stderr else ""
        )
    assert out.read_text(encoding="utf-8").splitlines()[:2] == [
        "key,kind,value",
        "c20,domain,firm20.co.id",
    ]
    assert "60 of your 150 keys are in the other list." in result.stdout


def test_small_overlaps_show_as_below_the_minimum(lists: tuple[Path, Path], tmp_path: Path) -> None:
    server, _ = lists
    few = customers(tmp_path / "few.csv", range(38, 45), "c", phone_style="0812{:07d}")
    with serving(server, "--reveal", "items", "--sessions", "2") as (_process, url):
        data = query(few, url, "--min-count", "10")  # 2 records, 6 keys in common
        assert data["common_keys"] is None and data["common_keys_shown"] == "< 10"
        assert "matches" not in data and "records" not in data
        result = runner.invoke(app, ["psi", "query", str(few), "--url", url, "--min-count", "7"])
    assert result.exit_code == 0
    assert "< 7 of your 21 keys are in the other list." in result.stdout
    assert "no records are shown" in result.stdout


def test_serving_until_interrupted_stops_cleanly(lists: tuple[Path, Path]) -> None:
    server, client = lists
    with serving(server, "--sessions", "0") as (process, url):
        query(client, url)
        query(client, url)
        assert process.poll() is None  # still serving
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert "Stopped." in (process.stderr.read() if process.stderr else "")


def test_errors(lists: tuple[Path, Path], tmp_path: Path) -> None:
    server, client = lists
    result = runner.invoke(app, ["psi", "query", str(client), "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 1 and "cannot reach the server" in result.stderr
    result = runner.invoke(app, ["psi", "query", str(tmp_path / "no.csv"), "--url", "http://x"])
    assert result.exit_code == 1 and "no.csv: no such file" in result.stderr
    result = runner.invoke(app, ["psi", "query", str(client), "--url", "ftp://x"])
    assert result.exit_code == 1 and "not an http:// address" in result.stderr
    result = runner.invoke(app, ["psi", "serve", str(server), "--port", "1", "--reveal", "all"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["psi", "serve", str(server)])
    assert result.exit_code == 2  # --port is required
