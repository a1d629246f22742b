"""The measures job for ``spark-submit``: a layer's Parquet folder in, ``measures.parquet`` out.

    spark-submit --master spark://HOST:7077 jejaring/spark/job.py LAYER_DIR OUT_DIR \\
        [--directed] [--unweighted] [--reach-steps K]

Reads the layout of :mod:`jejaring.spark.parquet` from any path Spark reads (HDFS, S3, a
shared folder), runs the Spark engine's DataFrame jobs and writes the results with Spark,
so that nothing passes through the driver. ``jejaring analyze --engine spark --parquet DIR``
writes such a folder from the stored community.
"""

from __future__ import annotations

import argparse
import sys

from jejaring.spark.measures import measure_layer
from jejaring.spark.parquet import MEASURES, read_layer
from jejaring.spark.session import spark_session

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jejaring-spark-job", description=__doc__)
    parser.add_argument("layer", help="folder with actors.parquet and ties.parquet")
    parser.add_argument("out", help="folder to write measures.parquet into")
    parser.add_argument("--directed", action="store_true")
    parser.add_argument("--unweighted", action="store_true")
    parser.add_argument("--reach-steps", type=int, default=None)
    parser.add_argument("--master", default=None, help="else spark-submit's, else local[*]")
    args = parser.parse_args(argv)
    with spark_session(args.master) as spark:
        actors, ties = read_layer(spark, args.layer)
        table, _network, iterations = measure_layer(
            actors,
            ties,
            directed=args.directed,
            weighted=not args.unweighted,
            reach_steps=args.reach_steps,
        )
        table.write.mode("overwrite").parquet(f"{args.out.rstrip('/')}/{MEASURES}")
    print(f"PageRank converged in {iterations} iterations; wrote {args.out}/{MEASURES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
