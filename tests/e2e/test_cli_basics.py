"""The command line's shared behaviour: help, version, --db, --json, exit codes, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from jejaring import __version__
from jejaring.cli import app
from jejaring.i18n import set_locale

runner = CliRunner()


def test_help_lists_every_command_and_version() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("demo", "export", "import", "init", "metrics", "serve", "user"):
        assert command in result.output
    assert runner.invoke(app, ["--version"]).output.strip() == f"jejaring {__version__}"


@pytest.mark.parametrize(
    ("locale", "line"),
    [("id", "Tampilkan pesan ini lalu keluar."), ("en", "Show this message and exit.")],
)
def test_help_is_translated_down_to_the_help_option(locale: str, line: str) -> None:
    for command in ([], ["import"], ["user", "add"]):
        result = subprocess.run(
            [sys.executable, "-m", "jejaring", *command, "--help"],
            capture_output=True, text=True, check=False,
            env={**os.environ, "JEJARING_LOCALE": locale, "COLUMNS": "200"},
        )  # fmt: skip
        assert result.returncode == 0 and line in result.stdout, (command, result.stdout)


def test_init_then_user_add(empty_db_url: str) -> None:
    result = runner.invoke(app, ["init", "--db", empty_db_url, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["revision_before"] is None and report["territories"] == 7838
    added = runner.invoke(
        app,
        ["user", "add", "Ani@Example.com", "--db", empty_db_url, "--password-stdin", "--json"],
        input="a long password\n",
    )
    assert added.exit_code == 0, added.output
    assert json.loads(added.output) == {"email": "ani@example.com", "actor": None, "role": None}
    again = runner.invoke(app, ["user", "add", "ani@example.com", "--db", empty_db_url])
    assert again.exit_code == 1
    assert "exists already" in again.output


def test_data_errors_exit_1_usage_errors_exit_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    fresh = f"sqlite:///{tmp_path / 'never-initialised.db'}"
    not_ready = runner.invoke(app, ["user", "add", "a@b.c", "--db", fresh])
    assert not_ready.exit_code == 1
    assert "jejaring init" in not_ready.output
    assert runner.invoke(app, ["init", "--db", "mysql://x/y"]).exit_code == 1
    assert runner.invoke(app, ["init", "--no-such-flag"]).exit_code == 2
    assert runner.invoke(app, ["user", "add", "a@b.c", "--role", "boss"]).exit_code == 2


def test_database_from_environment(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'from-env.db'}"
    monkeypatch.setenv("JEJARING_DATABASE_URL", url)
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert (tmp_path / "from-env.db").exists()


@pytest.mark.parametrize("locale", ["id", "en"])
def test_messages_follow_the_locale(locale: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    set_locale(locale)
    result = runner.invoke(app, ["init", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 0
    english = "territories" in result.output
    assert english == (locale == "en")


def test_console_script_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jejaring", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and __version__ in result.stdout
