"""The ``analyze`` job: degree measures, components, PageRank and k-step reach of a layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
import pyarrow as pa

from jejaring.spark import SPARK_COLUMNS
from jejaring.spark.components import components
from jejaring.spark.degrees import degrees
from jejaring.spark.graph import SparkNetwork, spark_network
from jejaring.spark.pagerank import pagerank
from jejaring.spark.reach import k_reach

__all__ = ["SPARK_COLUMNS", "LayerMeasures", "layer_measures", "measure_layer"]


@dataclass(frozen=True)
class LayerMeasures:
    """The per-actor frame (``actor`` first, sorted), merged ties, PageRank iterations run."""

    frame: pl.DataFrame
    ties: int
    pagerank_iterations: int


def layer_measures(
    spark: Any,
    actors: pl.DataFrame | Any,
    ties: pl.DataFrame | Any,
    *,
    directed: bool,
    weighted: bool,
    reach_steps: int | None = None,
) -> LayerMeasures:
    """Per-actor measures of the layer, computed by Spark jobs and collected.

    ``actors`` needs ``key``; ``ties`` needs ``source, target, weight, directed``; each a
    Polars frame (sent through Arrow) or a Spark DataFrame (read from Parquet, say). The
    frame has ``actor`` and :data:`SPARK_COLUMNS`, and ``k_reach`` when ``reach_steps`` is
    given.
    """
    table, G, iterations = measure_layer(
        _spark_frame(spark, actors, ("key",)),
        _spark_frame(spark, ties, ("source", "target", "weight", "directed")),
        directed=directed,
        weighted=weighted,
        reach_steps=reach_steps,
    )
    found = pl.from_arrow(table.toArrow())
    assert isinstance(found, pl.DataFrame)
    return LayerMeasures(found.sort("actor"), G.ties.count(), iterations)


def measure_layer(
    actors: Any, ties: Any, *, directed: bool, weighted: bool, reach_steps: int | None
) -> tuple[Any, SparkNetwork, int]:
    """The measures as a Spark DataFrame (``actor`` first), the network, PageRank's steps."""
    G = spark_network(actors, ties, directed=directed, weighted=weighted)
    table = degrees(G)
    ranks, iterations = pagerank(G)
    table = table.join(ranks, "v").join(components(G), "v")
    if reach_steps is not None:
        table = table.join(k_reach(G, k=reach_steps), "v")
    columns = [*SPARK_COLUMNS, *(["k_reach"] if reach_steps is not None else [])]
    return table.select(table["v"].alias("actor"), *columns), G, iterations


def _spark_frame(spark: Any, frame: pl.DataFrame | Any, columns: tuple[str, ...]) -> Any:
    if isinstance(frame, pl.DataFrame):
        return _frame(spark, frame.select(columns))
    return frame.select(*columns)


def _frame(spark: Any, frame: pl.DataFrame) -> Any:
    """A Spark DataFrame of a Polars frame, through Arrow (string columns as plain strings)."""
    table = frame.to_arrow()
    plain = pa.schema(
        [
            pa.field(f.name, pa.string())
            if pa.types.is_large_string(f.type) or pa.types.is_string_view(f.type)
            else f
            for f in table.schema
        ]
    )
    return spark.createDataFrame(table.cast(plain))
