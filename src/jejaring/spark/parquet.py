"""The Parquet layout of a layer, as the Spark jobs read it (see docs/spark.md).

A layer folder holds two Parquet datasets (a file or a folder of part files each):

``actors.parquet``
    ``key`` (string): every actor of the layer, tied or not.
``ties.parquet``
    ``source``, ``target`` (string, actor keys), ``weight`` (double, > 0), ``directed``
    (boolean): the layer's ties as stored, multiplex ties of a pair as separate rows.

Merging (self-loops dropped, a pair's weights added, undirected ties both ways in a directed
layer) is the jobs' work, as it is the local engine's. Results are written as one dataset,
``measures.parquet``: ``actor`` and the measures of
:data:`jejaring.spark.measures.SPARK_COLUMNS` (and ``k_reach`` when asked for).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

__all__ = ["ACTORS", "MEASURES", "TIES", "read_layer", "write_layer"]

ACTORS, TIES, MEASURES = "actors.parquet", "ties.parquet", "measures.parquet"


def write_layer(actors: pl.DataFrame, ties: pl.DataFrame, folder: Path) -> None:
    """Write a layer's ``actors`` and ``ties`` in the layout above (no Spark needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    actors.select(pl.col("key").cast(pl.String)).write_parquet(folder / ACTORS)
    ties.select(
        pl.col("source").cast(pl.String),
        pl.col("target").cast(pl.String),
        pl.col("weight").cast(pl.Float64),
        pl.col("directed").cast(pl.Boolean),
    ).write_parquet(folder / TIES)


def read_layer(spark: Any, folder: str) -> tuple[Any, Any]:
    """The layer's actors and ties as Spark DataFrames, from any path Spark reads."""
    base = folder.rstrip("/")
    return spark.read.parquet(f"{base}/{ACTORS}"), spark.read.parquet(f"{base}/{TIES}")
