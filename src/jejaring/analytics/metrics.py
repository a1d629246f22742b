"""The full per-actor metrics table, computed once per network.

Every column is a NumPy array in actor-key order (NaN where a value is undefined);
:meth:`MetricsTable.rows` turns them into plain Python values with ``None``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from jejaring.analytics import centrality, cohesion, paths, structural_holes
from jejaring.analytics._result import ActorFloats, ActorInts
from jejaring.analytics.brokerage import ROLES, brokerage
from jejaring.analytics.graph import Network

__all__ = [
    "COLUMNS",
    "DEFAULT_PIVOTS",
    "DEFAULT_PIVOTS_ABOVE",
    "INTEGER_COLUMNS",
    "ROLE_COLUMNS",
    "MetricsTable",
    "metrics",
]

COLUMNS = (
    "actor", "degree", "in_degree", "out_degree", "weighted_degree", "betweenness",
    "closeness", "harmonic", "eigenvector", "pagerank", "clustering", "effective_size",
    "efficiency", "constraint", "hierarchy", "ego_density", "core_number", "component",
    "community",
)  # fmt: skip
ROLE_COLUMNS = ROLES
INTEGER_COLUMNS = frozenset(
    {"degree", "in_degree", "out_degree", "core_number", "component", "community", *ROLES}
)
DEFAULT_PIVOTS_ABOVE = 50_000  # exact shortest-path measures up to this many actors
DEFAULT_PIVOTS = 500  # sources sampled above it


@dataclass(frozen=True)
class MetricsTable:
    """Per-actor measures; ``pivots`` is the sample size when paths were estimated."""

    keys: list[str]
    columns: dict[str, NDArray[np.float64] | NDArray[np.int64]]
    pivots: list[str] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Column names in output order, ``actor`` first."""
        return ("actor", *self.columns)

    def measure(self, name: str) -> ActorFloats | ActorInts:
        """One column keyed by actor key."""
        values = self.columns[name]
        if values.dtype.kind == "i":
            return ActorInts(self.keys, values)
        return ActorFloats(self.keys, values)

    def rows(self) -> Iterator[dict[str, str | int | float | None]]:
        """One dict per actor, in actor-key order; ``None`` for undefined values."""
        lists = {name: _plain(name, values) for name, values in self.columns.items()}
        for i, key in enumerate(self.keys):
            row: dict[str, str | int | float | None] = {"actor": key}
            for name, values in lists.items():
                row[name] = values[i]
            yield row


def _plain(name: str, values: NDArray[np.float64] | NDArray[np.int64]) -> list[int | float | None]:
    out: list[int | float | None] = []
    integer = name in INTEGER_COLUMNS
    for v in values.tolist():
        out.append(None if v != v else (int(v) if integer else float(v)))
    return out


def metrics(
    G: Network,
    *,
    groups: Mapping[str, object] | None = None,
    seed: int = 0,
    pivots_above: int = DEFAULT_PIVOTS_ABOVE,
    pivot_count: int = DEFAULT_PIVOTS,
) -> MetricsTable:
    """Every column of ``jejaring metrics`` for ``G`` (roles too when ``groups`` is given).

    Above ``pivots_above`` actors, betweenness, closeness and harmonic centrality are
    estimated from ``pivot_count`` sources drawn with ``seed`` (Brandes and Pich 2007).
    """
    pivots = None
    if G.n > pivots_above:
        pivots = paths.sample_pivots(G, max(pivot_count, 2), seed=seed)
    if pivots is None:
        close, harm = paths.closeness(G).array, paths.harmonic(G).array
    else:
        close, harm = paths.estimates(G, pivots)
    burt = structural_holes.burt_measures(G)
    columns: dict[str, NDArray[np.float64] | NDArray[np.int64]] = {
        "degree": centrality.degree(G).array,
        "in_degree": centrality.in_degree(G).array,
        "out_degree": centrality.out_degree(G).array,
        "weighted_degree": centrality.weighted_degree(G).array,
        "betweenness": paths.betweenness(G, pivots=pivots).array,
        "closeness": close,
        "harmonic": harm,
        "eigenvector": centrality.eigenvector(G).array,
        "pagerank": centrality.pagerank(G).array,
        "clustering": cohesion.clustering(G).array,
        "effective_size": burt["effective_size"].array,
        "efficiency": burt["efficiency"].array,
        "constraint": burt["constraint"].array,
        "hierarchy": burt["hierarchy"].array,
        "ego_density": cohesion.ego_density(G).array,
        "core_number": cohesion.core_number(G).array,
        "component": cohesion.components(G).array,
        "community": cohesion.communities(G, seed=seed).array,
    }
    if groups is not None:
        columns.update({role: v.array for role, v in brokerage(G, groups).items()})
    return MetricsTable(keys=G.keys, columns=columns, pivots=pivots)
