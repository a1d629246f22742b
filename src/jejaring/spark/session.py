"""One SparkSession per job, configured for Jejaring's DataFrame jobs, stopped afterwards."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from jejaring.domain.errors import N_
from jejaring.spark.errors import SparkError, SparkUnavailable

__all__ = ["DEFAULT_MASTER", "spark_session"]

DEFAULT_MASTER = "local[*]"
APP_NAME = "jejaring"
# Small jobs on modest machines: few shuffle partitions, no web UI, no progress bars.
DEFAULTS = {
    "spark.sql.shuffle.partitions": "8",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


def require_pyspark() -> None:
    """Raise :class:`SparkUnavailable` unless PySpark can be imported."""
    if importlib.util.find_spec("pyspark") is None:
        raise SparkUnavailable()


def launched_by_spark_submit() -> bool:
    """True inside ``spark-submit``, whose ``--master`` then holds unless one is given."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


@contextmanager
def spark_session(
    master: str | None = None, *, config: Mapping[str, str] | None = None
) -> Iterator[Any]:
    """A SparkSession on ``master`` (``local[*]`` by default; spark-submit's own master).

    An existing active session is reused and left running (tests share one); a session
    made here is stopped on exit. ``config`` adds or overrides Spark settings.
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    builder = SparkSession.builder.appName(APP_NAME)
    settings = dict(DEFAULTS)
    if master is not None or not launched_by_spark_submit():
        builder = builder.master(master or DEFAULT_MASTER)
        if (master or DEFAULT_MASTER).startswith("local") and "PYSPARK_PYTHON" not in os.environ:
            # Local workers run this interpreter, which has Jejaring (not the system python3);
            # PySpark reads the worker's interpreter from this variable when the context starts.
            os.environ["PYSPARK_PYTHON"] = sys.executable
    for key, value in {**settings, **(config or {})}.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # py4j and the JVM raise many kinds; all mean "could not start"
        raise SparkError(
            N_("Spark could not start on master '{master}': {reason}"),
            master=master or DEFAULT_MASTER,
            reason=_first_line(error),
        ) from error
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
