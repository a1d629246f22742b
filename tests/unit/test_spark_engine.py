"""The Spark engine's edges, without a JVM: a missing PySpark, options that do not fit."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.i18n import message, set_locale
from jejaring.spark import SparkUnavailable
from jejaring.spark import session as spark_session_module

runner = CliRunner()


@pytest.fixture
def no_pyspark(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        return None if name == "pyspark" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(spark_session_module.importlib.util, "find_spec", find_spec)


@pytest.fixture
def db(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "jejaring.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


def test_a_missing_pyspark_is_a_translated_error_not_a_traceback(no_pyspark: None, db: str) -> None:
    with pytest.raises(SparkUnavailable) as raised:
        spark_session_module.require_pyspark()
    assert "pip install 'jejaring[spark]'" in message(raised.value)
    set_locale("id")
    assert "belum terpasang" in message(raised.value)
    set_locale("en")
    for args in (["analyze"], ["partners", "--all"]):
        result = runner.invoke(app, [*args, "--db", db, "--engine", "spark"])
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Error: the Spark engine needs PySpark" in result.output
        assert "Traceback" not in result.output


def test_options_that_belong_to_the_other_engine_are_refused(db: str) -> None:
    master = runner.invoke(app, ["analyze", "--db", db, "--master", "local[2]"])
    assert master.exit_code == 2 and "--engine spark" in master.output
    one = runner.invoke(app, ["partners", "me", "--db", db, "--engine", "spark"])
    assert one.exit_code == 2 and "add --all" in one.output
    workers = runner.invoke(
        app, ["partners", "--all", "--db", db, "--engine", "spark", "--workers", "2"]
    )
    assert workers.exit_code == 2 and "--workers" in workers.output
    steps = runner.invoke(app, ["analyze", "--db", db, "--reach-steps", "9"])
    assert steps.exit_code == 2
