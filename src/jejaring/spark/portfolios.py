"""The ``partners --all`` job: every actor's greedy portfolio, partitioned over focal actors.

The driver broadcasts the candidates' coverage as bitsets (one row of packed bits per actor,
a column per territory of the universe) with the demand and the budget; each partition of
focal-actor blocks rebuilds the same :class:`~jejaring.analytics.portfolio.PortfolioBatch`
from them once per executor process and runs its blocks with the very code of
:func:`~jejaring.analytics.portfolio.batch_portfolios`; the driver assembles the parts in
block order. The table is therefore the local engine's, exactly.
"""

from __future__ import annotations

import pickle
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from jejaring.analytics.portfolio import PortfolioBatch, PortfolioTable

__all__ = ["Bitsets", "spark_portfolios"]


class Bitsets:
    """A boolean actors x territories matrix as packed rows of bits (what is broadcast)."""

    def __init__(self, covers: sp.csr_array) -> None:
        self.shape: tuple[int, int] = (int(covers.shape[0]), int(covers.shape[1]))
        rows = [
            np.packbits(covers[start : start + _ROWS].toarray().astype(bool), axis=1)
            for start in range(0, self.shape[0], _ROWS)
        ]
        width = (self.shape[1] + 7) // 8
        self.bits: NDArray[np.uint8] = (
            np.concatenate(rows) if rows else np.zeros((0, width), dtype=np.uint8)
        )

    def covers(self) -> sp.csr_array:
        """The boolean CSR matrix again (canonical: sorted indices, no duplicates)."""
        parts = [
            sp.csr_array(
                np.unpackbits(self.bits[start : start + _ROWS], axis=1, count=self.shape[1]).astype(
                    bool
                )
            )
            for start in range(0, self.shape[0], _ROWS)
        ]
        if not parts:
            return sp.csr_array(self.shape, dtype=bool)
        return sp.csr_array(sp.vstack(parts, format="csr"), dtype=bool)


_ROWS = 8192  # rows packed or unpacked at a time: a dense block of 8192 x territories bools


_BATCHES: dict[str, PortfolioBatch] = {}  # per executor process, by job token


def spark_portfolios(
    spark: Any,
    covers: sp.csr_array,
    demand: ArrayLike,
    k: int,
    *,
    partitions: int | None = None,
    focal: range | None = None,
) -> PortfolioTable:
    """:func:`~jejaring.analytics.portfolio.batch_portfolios` as a Spark job.

    ``partitions`` slices the blocks of focal actors (default: Spark's default parallelism);
    ``focal`` as for the local engine.
    """
    values = np.asarray(demand, dtype=np.float64)
    plan = PortfolioBatch(covers, values, k, focal=focal)  # checks the inputs; plans the blocks
    blocks = plan.blocks
    if not blocks:
        return plan.assemble(())
    context = spark.sparkContext
    shared = context.broadcast((Bitsets(sp.csr_array(covers)), values, k))
    token = uuid.uuid4().hex
    slices = min(len(blocks), partitions or context.defaultParallelism)
    try:
        found = (
            context.parallelize(list(enumerate(blocks)), slices)
            .mapPartitions(lambda part: _run(token, shared, part))
            .collect()
        )
    finally:
        shared.unpersist()
    parts = [pickle.loads(payload) for _, payload in sorted(found, key=lambda pair: pair[0])]
    return plan.assemble(parts)


def _run(
    token: str, shared: Any, part: Iterable[tuple[int, tuple[int, int]]]
) -> Iterator[tuple[int, bytes]]:
    batch = _BATCHES.get(token)
    if batch is None:
        bitsets, values, k = shared.value
        _BATCHES.clear()  # a worker process keeps the batch of the job at hand only
        batch = _BATCHES[token] = PortfolioBatch(bitsets.covers(), values, k)
    for order, (start, stop) in part:
        yield order, pickle.dumps(batch.run(start, stop), protocol=pickle.HIGHEST_PROTOCOL)
