"""Degree measures as DataFrame aggregations (as :mod:`jejaring.analytics.centrality`)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from jejaring.spark.graph import SparkNetwork

__all__ = ["degrees"]


def degrees(G: SparkNetwork) -> DataFrame:
    """``v, degree, in_degree, out_degree, weighted_degree`` for every vertex.

    Degree counts distinct neighbours, direction ignored; in- and out-degree count distinct
    in- and out-neighbours (the degree when undirected); weighted degree adds the weights of
    a vertex's merged ties at both ends (an arc and its reverse both count).
    """
    degree = G.neighbours.groupBy(F.col("src").alias("v")).agg(F.count("*").alias("degree"))
    ends = G.ties.select(F.col("src").alias("v"), "weight").unionByName(
        G.ties.select(F.col("dst").alias("v"), "weight")
    )
    strength = ends.groupBy("v").agg(F.sum("weight").alias("weighted_degree"))
    out = G.vertices.join(degree, "v", "left").join(strength, "v", "left")
    if G.directed:
        ins = G.ties.groupBy(F.col("dst").alias("v")).agg(F.count("*").alias("in_degree"))
        outs = G.ties.groupBy(F.col("src").alias("v")).agg(F.count("*").alias("out_degree"))
        out = out.join(ins, "v", "left").join(outs, "v", "left")
    else:
        out = out.withColumn("in_degree", F.col("degree")).withColumn("out_degree", F.col("degree"))
    return out.select(
        "v",
        *(
            F.coalesce(F.col(c), F.lit(0)).cast("long").alias(c)
            for c in ("degree", "in_degree", "out_degree")
        ),
        F.coalesce(F.col("weighted_degree"), F.lit(0.0)).alias("weighted_degree"),
    )
