"""The batch jobs on PySpark: the same measures and portfolios as the local engine, on a cluster.

Nothing here imports PySpark until a session is asked for (:func:`spark_session`), so the
package loads without the optional ``spark`` extra; asking without it raises
:class:`SparkUnavailable`. The jobs take plain inputs (Arrow-convertible frames, arrays) and
return plain results (Polars frames, a portfolio table): no Spark type leaves this layer.
See ``docs/spark.md``.
"""

from jejaring.spark.errors import SparkError, SparkUnavailable
from jejaring.spark.session import DEFAULT_MASTER, spark_session

__all__ = ["DEFAULT_MASTER", "SPARK_COLUMNS", "SparkError", "SparkUnavailable", "spark_session"]

# What the Spark engine measures, in the local engine's column names (k_reach when asked for).
SPARK_COLUMNS = (
    "degree", "in_degree", "out_degree", "weighted_degree", "pagerank", "component",
)  # fmt: skip
