"""``--engine`` and ``--master``: where a batch analysis runs (see docs/spark.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from jejaring.i18n import _
from jejaring.services.engines import Engine
from jejaring.spark import DEFAULT_MASTER

__all__ = ["EngineOption", "MasterOption", "check_master"]

EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help=_(
            "local: in memory on this machine; spark: PySpark jobs (needs the 'spark' extra "
            "and Java)."
        ),
    ),
]
MasterOption = Annotated[
    str | None,
    typer.Option(
        "--master",
        metavar="URL",
        help=_(
            "Spark master for --engine spark (default {default}; under spark-submit, its own)."
        ).format(default=DEFAULT_MASTER),
        show_default=False,
    ),
]


def check_master(engine: Engine, master: str | None) -> None:
    """``--master`` means nothing to the local engine: say so rather than ignore it."""
    if master is not None and engine is not Engine.SPARK:
        raise typer.BadParameter(_("only with --engine spark"), param_hint="--master")
