"""Weakly connected components by iterative minimum-label propagation with joins.

Every vertex starts with its own key as label; each round a vertex takes the least label of
itself and its neighbours, then the label of its label (pointer jumping, which shortens long
chains). Labels only fall and stay inside the component, so when a round changes nothing
every vertex holds its component's least key. Components are then numbered 0, 1, ... in
order of that key, as :func:`jejaring.analytics.cohesion.components` numbers them.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import LongType, StringType, StructField, StructType

from jejaring.spark.graph import SparkNetwork

__all__ = ["MAX_ROUNDS", "components"]

MAX_ROUNDS = 200  # pointer jumping halves chains: far above any real network's need


def components(G: SparkNetwork, *, max_rounds: int = MAX_ROUNDS) -> DataFrame:
    """``v, component`` for every vertex; RuntimeError if ``max_rounds`` do not settle it.

    A round is one Spark job (cut from its lineage) and one small count of changed labels.
    """
    edges = G.neighbours.localCheckpoint()
    labels = G.vertices.select("v", F.col("v").alias("label")).localCheckpoint()
    for _ in range(max_rounds):
        proposed = edges.join(labels.withColumnRenamed("v", "src"), "src").select(
            F.col("dst").alias("v"), "label", F.lit(None).cast("string").alias("before")
        )
        least = (
            labels.select("v", "label", F.col("label").alias("before"))
            .unionByName(proposed)
            .groupBy("v")
            .agg(F.min("label").alias("label"), F.max("before").alias("before"))
        )
        hop = least.select(F.col("v").alias("label"), F.col("label").alias("via"))
        jumped = least.join(hop, "label", "left").select(
            "v",
            F.least(F.col("label"), F.coalesce(F.col("via"), F.col("label"))).alias("label"),
            "before",
        )
        jumped = jumped.localCheckpoint()
        changed = jumped.filter(F.col("label") != F.col("before")).limit(1).count()
        labels = jumped.drop("before")
        if changed == 0:
            return _numbered(labels)
    raise RuntimeError(f"components did not settle in {max_rounds} rounds")


def _numbered(labels: DataFrame) -> DataFrame:
    """Labels (least keys) replaced by their rank among the labels, from 0."""
    spark = SparkSession.getActiveSession()
    assert spark is not None
    ranked = labels.select("label").distinct().rdd.map(lambda row: row[0]).sortBy(lambda key: key)
    schema = StructType(
        [StructField("label", StringType(), False), StructField("component", LongType(), False)]
    )
    numbers = spark.createDataFrame(ranked.zipWithIndex(), schema)
    return labels.join(numbers, "label").select("v", "component")
