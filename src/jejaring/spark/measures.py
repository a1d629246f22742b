"""The ``analyze`` job: degree measures, components, PageRank and k-step reach of a layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
import pyarrow as pa

from jejaring.spark.components import components
from jejaring.spark.degrees import degrees
from jejaring.spark.graph import spark_network
from jejaring.spark.pagerank import pagerank
from jejaring.spark.reach import k_reach

__all__ = ["SPARK_COLUMNS", "LayerMeasures", "layer_measures"]

SPARK_COLUMNS = (
    "degree", "in_degree", "out_degree", "weighted_degree", "pagerank", "component",
)  # fmt: skip


@dataclass(frozen=True)
class LayerMeasures:
    """The per-actor frame (``actor`` first, sorted), merged ties, PageRank iterations run."""

    frame: pl.DataFrame
    ties: int
    pagerank_iterations: int


def layer_measures(
    spark: Any,
    actors: pl.DataFrame,
    ties: pl.DataFrame,
    *,
    directed: bool,
    weighted: bool,
    reach_steps: int | None = None,
) -> LayerMeasures:
    """Per-actor measures of the layer, computed by Spark jobs.

    ``actors`` needs ``key``; ``ties`` needs ``source, target, weight, directed``. The frame
    has ``actor`` and :data:`SPARK_COLUMNS`, and ``k_reach`` when ``reach_steps`` is given.
    """
    G = spark_network(
        _frame(spark, actors.select("key")),
        _frame(spark, ties.select("source", "target", "weight", "directed")),
        directed=directed,
        weighted=weighted,
    )
    table = degrees(G)
    ranks, iterations = pagerank(G)
    table = table.join(ranks, "v").join(components(G), "v")
    if reach_steps is not None:
        table = table.join(k_reach(G, k=reach_steps), "v")
    columns = [*SPARK_COLUMNS, *(["k_reach"] if reach_steps is not None else [])]
    found = pl.from_arrow(table.select("v", *columns).toArrow())
    assert isinstance(found, pl.DataFrame)
    frame = found.rename({"v": "actor"}).sort("actor")
    return LayerMeasures(frame, G.ties.count(), iterations)


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
