"""Use case: the per-actor metrics table of an edge-list file (no database involved).

The command line and, later, the API call these functions, so both give the same numbers,
warnings and output files.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from jejaring.analytics import ActorFloats, ActorInts, Network, build_network, metrics, summary
from jejaring.analytics.metrics import DEFAULT_PIVOTS_ABOVE, INTEGER_COLUMNS, MetricsTable
from jejaring.domain.errors import N_, InvalidValue
from jejaring.io.edgelist import read_edges, read_nodes
from jejaring.io.tables import write_table

__all__ = ["MetricsReport", "Notice", "compute_metrics", "measure", "write_metrics"]


@dataclass(frozen=True)
class Notice:
    """A warning for people: an English message template (a msgid) and its parameters."""

    template: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MetricsReport:
    """The table (one row per actor, sorted by key), the summary if asked for, and notices."""

    columns: tuple[str, ...]
    frame: pl.DataFrame = field(repr=False)
    summary: dict[str, Any] | None
    notices: tuple[Notice, ...]
    pivots: int | None = None  # sampled sources when shortest-path measures were estimated

    @property
    def actors(self) -> int:
        return self.frame.height

    def rows(self) -> Iterator[dict[str, Any]]:
        """Plain dicts (str, int, float or None), one per actor."""
        yield from self.frame.iter_rows(named=True)


def compute_metrics(
    edges: Path,
    *,
    directed: bool = False,
    weight: str | None = None,
    nodes: Path | None = None,
    group: str | None = None,
    with_summary: bool = False,
    pivots_above: int = DEFAULT_PIVOTS_ABOVE,
    seed: int = 0,
) -> MetricsReport:
    """Read ``edges`` (and ``nodes``), compute every measure, and summarise if asked."""
    if group is not None and nodes is None:
        raise InvalidValue(N_("a group column needs a node file (--nodes)"))
    ties = read_edges(edges, weight=weight)
    node_list = read_nodes(nodes, group=group) if nodes is not None else None
    network = build_network(
        ties.sources,
        ties.targets,
        weights=ties.weights,
        directed=directed,
        actors=node_list.actors if node_list else None,
    )
    notices = []
    if network.self_loops:
        notices.append(Notice(N_("self-loops dropped: {count}"), {"count": network.self_loops}))
    if network.duplicates:
        notices.append(Notice(N_("duplicate ties merged: {count}"), {"count": network.duplicates}))
    groups = node_list.groups if node_list else None
    measured = measure(
        network, groups=groups, seed=seed, pivots_above=pivots_above, with_summary=with_summary
    )
    return replace(measured, notices=(*notices, *measured.notices))


def measure(
    network: Network,
    *,
    groups: Mapping[str, object] | None = None,
    seed: int = 0,
    pivots_above: int = DEFAULT_PIVOTS_ABOVE,
    with_summary: bool = False,
) -> MetricsReport:
    """Every measure of ``network`` as a report (shared by files and the stored network)."""
    table = metrics(network, groups=groups, seed=seed, pivots_above=pivots_above)
    notices = []
    if table.pivots is not None:
        notices.append(
            Notice(
                N_(
                    "{actors} actors is above {limit}: betweenness, closeness and harmonic "
                    "centrality are estimated from {pivots} sampled actors"
                ),
                {"actors": network.n, "limit": pivots_above, "pivots": len(table.pivots)},
            )
        )
    figures = None
    if with_summary:
        community, local = table.measure("community"), table.measure("clustering")
        assert isinstance(community, ActorInts) and isinstance(local, ActorFloats)
        figures = asdict(
            summary(network, partition=community, local_clustering=local, pivots=table.pivots)
        )
    frame = _frame(table)
    pivots = None if table.pivots is None else len(table.pivots)
    return MetricsReport(tuple(frame.columns), frame, figures, tuple(notices), pivots)


def _frame(table: MetricsTable) -> pl.DataFrame:
    series = [pl.Series("actor", table.keys, dtype=pl.String)]
    for name, values in table.columns.items():
        column = pl.Series(name, np.asarray(values, dtype=np.float64)).fill_nan(None)
        series.append(column.cast(pl.Int64) if name in INTEGER_COLUMNS else column)
    return pl.DataFrame(series)


def write_metrics(report: MetricsReport, out: Path) -> None:
    """Write the table to ``out`` (.csv, .xlsx or .json)."""
    write_table(report.frame, out)
