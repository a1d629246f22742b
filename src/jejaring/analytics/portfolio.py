"""Partner portfolio: the at most k partners that add the most uncovered demand (DESIGN §6).

The universe is the territories with demand > 0 (columns of ``covers``); actor ``a`` covers
the columns of its row, already expanded through the hierarchy. A portfolio of ``a`` is a set
of at most ``k`` candidates maximising the demand covered by one of them and not by ``a``:
weighted maximum coverage, which the greedy approximates within 1 - 1/e (Nemhauser et al.
1978) and here also bounds from above with the online bound of Leskovec et al. (2007), so
every answer states how far from the optimum it can be. :func:`exact_portfolio` closes the gap
with a MILP.

Figures are sums over demand rounded to a grid of about ``total * 2**-52`` (see
:mod:`jejaring.analytics._coverage`), so they add up exactly: the gains sum to
``added_demand``, ``own_demand + uncovered = total_demand``, and ``optimal`` is an equality.

References
----------
Nemhauser, G. L., Wolsey, L. A., Fisher, M. L. (1978). An analysis of approximations for
maximizing submodular set functions. *Mathematical Programming* 14, 265-294.
Minoux, M. (1978). Accelerated greedy algorithms for maximizing submodular set functions.
Leskovec, J. et al. (2007). Cost-effective outbreak detection in networks. *KDD*, 420-429.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from jejaring.analytics._portfolio_milp import solve
from jejaring.analytics._portfolio_problem import Covers, Problem, Universe
from jejaring.analytics._portfolio_results import Pick, Portfolio, PortfolioTable, TableBuilder

__all__ = [
    "Pick",
    "Portfolio",
    "PortfolioBatch",
    "PortfolioTable",
    "Universe",
    "batch_portfolios",
    "exact_portfolio",
    "greedy_portfolio",
]


def greedy_portfolio(
    covers: Covers | Universe,
    demand: ArrayLike | None,
    actor: int,
    k: int,
    *,
    candidates: ArrayLike | None = None,
    tie_break: ArrayLike | None = None,
) -> Portfolio:
    """The lazy-greedy portfolio of ``actor``: at most ``k`` picks, each adding the most.

    Parameters
    ----------
    covers : csr_array of bool, shape (actors, territories), or a Universe
        Which territories of the universe (demand > 0) each actor covers; a
        :class:`Universe` prepared from covers and demand once serves many queries.
    demand : array of float, shape (territories,), or None with a Universe
        Demand of each territory, finite and > 0.
    actor : int
        The focal actor's row; never a candidate.
    k : int
        Most partners to pick; picking stops early when no candidate adds demand.
    candidates : array of bool, shape (actors,), optional
        Who may be picked (for example competitors excluded); everyone by default.
    tie_break : array of float, shape (actors,), optional
        Priority among equal gains, smaller first (e.g. proximity rank); then actor index.

    Returns
    -------
    Portfolio
        Picks with their marginal gains, and an upper bound on the optimum: the least of
        Leskovec et al.'s online bound over the greedy steps and the demand candidates reach.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> covers = sp.csr_array(np.array([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1]], dtype=bool))
    >>> found = greedy_portfolio(covers, [1.0, 2.0, 3.0, 4.0], 0, 1)
    >>> found.actors, found.added_demand, found.upper_bound, found.optimal
    ([2], 7.0, 7.0, True)
    """
    problem = Problem(_universe(covers, demand), k, candidates, tie_break)
    run, bound = problem.greedy(actor, problem.gains(actor))
    return problem.portfolio(actor, run, bound, sum(run.gains) == bound)


def exact_portfolio(
    covers: Covers | Universe,
    demand: ArrayLike | None,
    actor: int,
    k: int,
    *,
    candidates: ArrayLike | None = None,
    tie_break: ArrayLike | None = None,
    time_limit: float | None = None,
    warm_start: Sequence[int] | None = None,
) -> Portfolio:
    """The optimal portfolio from a MILP solved with HiGHS, or the best found in time.

    The greedy answer (and ``warm_start``, a feasible set of candidates, if better) starts
    the solver; when it already meets its bound the solver is not run. The model keeps only
    territories ``actor`` lacks and candidates covering one, merges territories covered by
    the same candidates and drops duplicate candidates. Picks come in greedy order.

    Returns
    -------
    Portfolio
        ``optimal`` when proven, within HiGHS's tolerances (an absolute gap of 1e-6 of the
        model's largest territory demand); otherwise the best set found, never worse than the
        start, with the lesser of the greedy bound and the solver's dual bound.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> rows = [[0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1], [0, 1, 1, 1, 1, 0]]
    >>> covers = sp.csr_array(np.array(rows, dtype=bool))
    >>> greedy_portfolio(covers, np.ones(6), 0, 2).actors
    [3, 1]
    >>> best = exact_portfolio(covers, np.ones(6), 0, 2)
    >>> best.actors, best.added_demand, best.optimal
    ([1, 2], 6.0, True)
    """
    problem = Problem(_universe(covers, demand), k, candidates, tie_break)
    gains = problem.gains(actor)
    run, bound = problem.greedy(actor, gains)
    if warm_start is not None:
        warm = problem.ordered(actor, problem.check_start(actor, warm_start))
        run = warm if sum(warm.gains) > sum(run.gains) else run
    value = sum(run.gains)
    if value >= bound:
        return problem.portfolio(actor, run, bound, True)
    # The reduced model: candidates adding something, territories one of them adds.
    pool = np.flatnonzero((gains > 0) & problem.allowed)
    remaining = problem.uncovered(actor)
    columns = np.flatnonzero((remaining > 0) & problem.reachable)
    matrix = sp.csr_array(problem.covers[pool][:, columns])
    start = np.searchsorted(pool, np.asarray(run.picks, dtype=np.int64))
    found = solve(matrix, remaining[columns], problem.k, start, time_limit=time_limit)
    best = problem.ordered(actor, pool[found.chosen].tolist())
    best = best if sum(best.gains) >= value else run
    value = sum(best.gains)
    if found.optimal:
        return problem.portfolio(actor, best, value, True)
    # HiGHS's dual bound holds within its tolerances; infinite when stopped before the root LP.
    dual = found.upper_bound if math.isfinite(found.upper_bound) else math.inf
    upper = min(bound, max(value, dual))
    return problem.portfolio(actor, best, upper, value >= upper)


def batch_portfolios(
    covers: Covers | Universe,
    demand: ArrayLike | None,
    k: int,
    *,
    candidates: ArrayLike | None = None,
    tie_break: ArrayLike | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
    focal: range | None = None,
) -> PortfolioTable:
    """:func:`greedy_portfolio` for every actor as the focal actor, as one columnar table.

    Every actor's first gains come from one sparse product per block of focal actors: the
    gain of j for a is j's demand less the demand a and j share. ``candidates`` and
    ``tie_break`` apply to every focal actor; ``progress(done, total)`` follows each block.
    With ``workers`` > 1 the blocks are shared out to that many processes (the greedy's
    re-evaluations are single-threaded array operations); the table is the same.
    ``focal``: only these focal actors (a range with step 1), over every candidate.
    """
    batch = PortfolioBatch(
        covers, demand, k, candidates=candidates, tie_break=tie_break, focal=focal
    )
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError("workers must be a positive integer")
    blocks = batch.blocks
    if workers == 1 or len(blocks) <= 1:
        parts: Iterable[tuple[int, TableBuilder]] = (
            (stop, batch.run(start, stop)) for start, stop in blocks
        )
        return batch.assemble(_followed(parts, batch.focal, progress))
    # spawn, not fork: the server calls this from a thread, which fork would copy mid-flight.
    with ProcessPoolExecutor(
        min(workers, len(blocks)),
        mp_context=get_context("spawn"),
        initializer=_start_worker,
        initargs=(batch,),
    ) as pool:
        futures = [pool.submit(_run_block, start, stop) for start, stop in blocks]
        done = ((stop, f.result()) for (_, stop), f in zip(blocks, futures, strict=True))
        return batch.assemble(_followed(done, batch.focal, progress))


class PortfolioBatch:
    """Every focal actor's greedy, cut into blocks that can run anywhere, then assembled.

    :func:`batch_portfolios` runs the blocks in this process or in a process pool; the Spark
    engine (``jejaring.spark``) runs them in executors. Whoever runs them, :meth:`run` is the
    same code, so the assembled table is the same. A batch pickles with its problem.
    """

    def __init__(
        self,
        covers: Covers | Universe,
        demand: ArrayLike | None,
        k: int,
        *,
        candidates: ArrayLike | None = None,
        tie_break: ArrayLike | None = None,
        focal: range | None = None,
    ) -> None:
        self.problem = problem = Problem(_universe(covers, demand), k, candidates, tie_break)
        self.n = problem.n
        self.focal = range(self.n) if focal is None else focal
        if self.focal.step != 1 or not 0 <= self.focal.start <= self.focal.stop <= self.n:
            raise ValueError("focal must be a range of actors with step 1")
        C = problem.covers
        weighted = sp.csr_array((problem.units[C.indices], C.indices, C.indptr), shape=C.shape)
        self.shared = sp.csr_array(weighted.T)  # territory x actor, demand-weighted
        self.totals = np.asarray(weighted.sum(axis=1), dtype=np.float64).ravel()

    @property
    def blocks(self) -> list[tuple[int, int]]:
        """Ranges ``(start, stop)`` of focal actors, in order, covering each of ``focal`` once."""
        return _blocks(self.problem.covers, self.focal)

    def run(self, start: int, stop: int) -> TableBuilder:
        """The greedy of focal actors ``start:stop``, in order."""
        problem = self.problem
        part = TableBuilder(problem.k, problem.total, problem.exponent, problem.units.size)
        block = sp.csr_array(problem.covers[start:stop], dtype=np.float64) @ self.shared
        for row, actor in enumerate(range(start, stop)):
            gains = self.totals.copy()
            lo, hi = block.indptr[row], block.indptr[row + 1]
            gains[block.indices[lo:hi]] -= block.data[lo:hi]
            run, bound = problem.greedy(actor, gains)
            part.add(run, float(problem.units[problem.own(actor)].sum()), bound)
        return part

    def assemble(self, parts: Iterable[TableBuilder]) -> PortfolioTable:
        """The table of the blocks' parts, given in block order."""
        problem = self.problem
        table = TableBuilder(problem.k, problem.total, problem.exponent, problem.units.size)
        for part in parts:
            table.extend(part)
        return table.build(self.focal.start)


def _followed(
    parts: Iterable[tuple[int, TableBuilder]],
    focal: range,
    progress: Callable[[int, int], None] | None,
) -> Iterator[TableBuilder]:
    for stop, part in parts:
        yield part
        if progress is not None:
            progress(stop - focal.start, len(focal))


_WORKER: list[PortfolioBatch] = []  # a worker process's batch, built once from its initargs


def _start_worker(batch: PortfolioBatch) -> None:
    _WORKER.append(batch)


def _run_block(start: int, stop: int) -> TableBuilder:
    return _WORKER[0].run(start, stop)


def _universe(covers: Covers | Universe, demand: ArrayLike | None) -> Universe:
    if isinstance(covers, Universe):
        if demand is not None:
            raise ValueError("a Universe carries its demand: pass demand=None")
        return covers
    if demand is None:
        raise ValueError("demand is needed beside a covers matrix")
    return Universe(covers, demand)


_BLOCK_WORK = 4_000_000  # entries of one block's overlap product, about


def _blocks(covers: sp.csr_array, focal: range) -> list[tuple[int, int]]:
    """Ranges of ``focal`` actors whose overlap rows hold about ``_BLOCK_WORK`` entries."""
    n = len(focal)
    column_count = np.bincount(covers.indices, minlength=covers.shape[1]).astype(np.float64)
    work = np.cumsum(covers[focal.start : focal.stop] @ column_count)
    cuts = np.searchsorted(work, np.arange(_BLOCK_WORK, work[-1] if n else 0, _BLOCK_WORK))
    edges = np.unique(np.concatenate([[0], cuts + 1, [n]]).clip(0, n)) + focal.start
    return list(zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True))
