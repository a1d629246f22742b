"""Which engine runs a batch analysis: the local one (igraph, SciPy) or Spark jobs.

The Spark engine computes the measures that scale by DataFrame operations (degree measures,
PageRank, components, k-step reach) and every actor's portfolio; the local engine computes
everything. Both read the same stored layer and give the same answers (DESIGN section 9).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import polars as pl

from jejaring.analytics import Summary
from jejaring.analytics.metrics import COLUMNS, INTEGER_COLUMNS
from jejaring.analytics.portfolio import PortfolioTable
from jejaring.domain.errors import N_
from jejaring.services.metrics import Notice
from jejaring.spark import SPARK_COLUMNS, spark_session
from jejaring.spark.session import require_pyspark as require_spark

__all__ = [
    "SPARK_COLUMNS",
    "Engine",
    "SparkReport",
    "require_spark",
    "spark_measures",
    "spark_portfolio_table",
]


class Engine(StrEnum):
    """``local``: in memory on this machine; ``spark``: PySpark jobs on a Spark master."""

    LOCAL = "local"
    SPARK = "spark"


class SparkReport:
    """What the Spark engine measured: the frame in the local engine's columns, and more."""

    def __init__(self, frame: pl.DataFrame, ties: int, summary: dict[str, Any]) -> None:
        self.frame, self.ties, self.summary = frame, ties, summary
        self.notices = (
            Notice(
                N_(
                    "computed with the Spark engine: degree measures, PageRank, components "
                    "and k-step reach only; the other measures are left empty"
                )
            ),
        )


def spark_measures(
    actors: pl.DataFrame,
    ties: pl.DataFrame,
    *,
    directed: bool,
    weighted: bool,
    master: str | None,
    reach_steps: int | None,
    parquet: Path | None = None,
) -> SparkReport:
    """Measure a layer's ``actors`` and ``ties`` with Spark jobs on ``master``.

    With ``parquet`` the layer is written there first (the layout of docs/spark.md) and the
    jobs read it from there; else it travels from this process to Spark through Arrow.
    """
    require_spark()
    from jejaring.spark.measures import layer_measures
    from jejaring.spark.parquet import read_layer, write_layer

    if parquet is not None:
        write_layer(actors, ties, parquet)
    with spark_session(master) as spark:
        if parquet is not None:
            actors, ties = read_layer(spark, str(parquet.resolve()))
        found = layer_measures(
            spark, actors, ties, directed=directed, weighted=weighted, reach_steps=reach_steps
        )
    frame = _in_local_columns(found.frame)
    return SparkReport(frame, found.ties, _summary(frame, found.ties, directed))


def spark_portfolio_table(
    covers: Any, demand: Any, k: int, *, master: str | None
) -> PortfolioTable:
    """Every actor's greedy portfolio computed by Spark executors (the local engine's table)."""
    require_spark()
    from jejaring.spark.portfolios import spark_portfolios

    with spark_session(master) as spark:
        return spark_portfolios(spark, covers, demand, k)


def _in_local_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """The local engine's columns in its order, empty (null) where Spark measured nothing."""
    columns = []
    for name in COLUMNS:
        if name in frame.columns:
            columns.append(pl.col(name))
        else:
            dtype = pl.Int64 if name in INTEGER_COLUMNS else pl.Float64
            columns.append(pl.lit(None, dtype=dtype).alias(name))
    extra = [pl.col(c) for c in frame.columns if c not in COLUMNS]
    return frame.select(*columns, *extra)


def _summary(frame: pl.DataFrame, ties: int, directed: bool) -> dict[str, Any]:
    """The whole-network figures the Spark measures give; None for the others."""
    n = frame.height
    pairs = n * (n - 1) if n > 1 else 0
    sizes = frame["component"].value_counts()["count"].to_list() if n else []
    figures: dict[str, Any] = {name: None for name in Summary.__dataclass_fields__}
    figures.update(
        nodes=n,
        ties=ties,
        density=float(ties / pairs * (1 if directed else 2)) if pairs else 0.0,
        components=len(sizes),
        largest_component_share=max(sizes) / n if n else None,
    )
    return figures
