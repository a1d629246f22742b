"""A layer as Spark DataFrames: actors, and ties merged as the local engine merges them.

The rules are those of :func:`jejaring.analytics.graph.build_network` and of a layer's
``network()``: in a directed layer an undirected tie counts as a tie each way; self-loops
are dropped; ties of one pair (one ordered pair when directed) merge, their weights added;
an unweighted layer gives every merged tie weight 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

__all__ = ["SparkNetwork", "spark_network"]


@dataclass(frozen=True)
class SparkNetwork:
    """``vertices (v)``, merged ``ties (src, dst, weight)``; ``src < dst`` when undirected.

    ``arcs`` is what rank flows along (each undirected tie both ways), ``neighbours`` every
    ordered pair of adjacent actors, direction ignored, each once.
    """

    vertices: DataFrame
    ties: DataFrame
    directed: bool
    weighted: bool

    @property
    def arcs(self) -> DataFrame:
        if self.directed:
            return self.ties
        return self.ties.unionByName(_reversed(self.ties))

    @property
    def neighbours(self) -> DataFrame:
        pairs = self.ties.select("src", "dst")
        return pairs.unionByName(_reversed(pairs)).distinct()


def spark_network(
    actors: DataFrame, ties: DataFrame, *, directed: bool, weighted: bool
) -> SparkNetwork:
    """Merge ``ties (source, target, weight, directed)`` among ``actors (key)``.

    Actors named by a tie and missing from ``actors`` are added, as the local engine adds them.
    """
    ties = ties.select(
        F.col("source").cast("string").alias("src"),
        F.col("target").cast("string").alias("dst"),
        F.col("weight").cast("double").alias("weight"),
        F.col("directed").cast("boolean").alias("directed"),
    )
    if directed:
        ties = ties.unionByName(_reversed(ties.filter(~F.col("directed"))))
    ties = ties.filter(F.col("src") != F.col("dst"))
    if not directed:
        low, high = F.least("src", "dst"), F.greatest("src", "dst")
        ties = ties.select(low.alias("src"), high.alias("dst"), "weight")
    merged = ties.groupBy("src", "dst").agg(F.sum("weight").alias("weight"))
    if not weighted:
        merged = merged.withColumn("weight", F.lit(1.0))
    ends = merged.select(F.col("src").alias("v"))
    named = ends.unionByName(merged.select(F.col("dst").alias("v")))
    vertices = actors.select(F.col("key").cast("string").alias("v")).unionByName(named).distinct()
    return SparkNetwork(vertices, merged, directed, weighted)


def _reversed(ties: DataFrame) -> DataFrame:
    columns: list[Any] = [F.col("dst").alias("src"), F.col("src").alias("dst")]
    columns += [c for c in ties.columns if c not in ("src", "dst")]
    return ties.select(*columns)
