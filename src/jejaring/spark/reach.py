"""k-step reach by breadth-first expansion with joins (as :func:`jejaring.analytics.k_reach`)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from jejaring.spark.graph import SparkNetwork

__all__ = ["k_reach"]


def k_reach(G: SparkNetwork, *, k: int) -> DataFrame:
    """``v, k_reach``: how many other vertices each reaches in at most ``k`` ties.

    Ties are followed from source to target when the network is directed, both ways
    otherwise. The pairs (origin, reached) are kept, so memory grows with the sum of the
    k-step neighbourhoods.
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise ValueError("k must be a non-negative integer")
    steps = (G.ties if G.directed else G.neighbours).select("src", "dst").distinct().cache()
    reached = steps.select(F.col("src").alias("origin"), F.col("dst").alias("v"))
    if k == 0:
        reached = reached.limit(0)
    frontier = reached
    for _ in range(1, k):
        ahead = frontier.join(steps.withColumnRenamed("src", "v"), "v").select(
            "origin", F.col("dst").alias("v")
        )
        new = ahead.filter(F.col("origin") != F.col("v")).distinct().subtract(reached)
        new = new.localCheckpoint()
        if new.limit(1).count() == 0:
            break
        reached = reached.unionByName(new).localCheckpoint()
        frontier = new
    counts = (
        reached.filter(F.col("origin") != F.col("v"))
        .groupBy(F.col("origin").alias("v"))
        .agg(F.count("*").alias("k_reach"))
    )
    steps.unpersist()
    return G.vertices.join(counts, "v", "left").select(
        "v", F.coalesce(F.col("k_reach"), F.lit(0)).cast("long").alias("k_reach")
    )
