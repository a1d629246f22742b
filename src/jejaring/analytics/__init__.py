"""Network analytics on arrays: igraph, SciPy sparse and NumPy; no database, no files.

Functions look like NetworkX's: the network first, options keyword-only, seeds explicit,
results keyed by actor key. Definitions and references are in ``docs/metrics.md``.
"""

from jejaring.analytics._result import ActorFloats, ActorInts
from jejaring.analytics.brokerage import ROLES, brokerage
from jejaring.analytics.centrality import (
    degree,
    eigenvector,
    in_degree,
    out_degree,
    pagerank,
    weighted_degree,
)
from jejaring.analytics.cohesion import (
    clustering,
    communities,
    components,
    core_number,
    ego_density,
)
from jejaring.analytics.graph import Network, build_network
from jejaring.analytics.metrics import COLUMNS, MetricsTable, metrics
from jejaring.analytics.paths import betweenness, closeness, harmonic, k_reach, sample_pivots
from jejaring.analytics.reach import (
    Coverage,
    Customers,
    PooledReach,
    PooledReachTable,
    Reach,
    ReachTable,
    TerritoryTree,
    build_coverage,
    coverage_on,
    reach,
    reach_all,
    reach_with_partners,
    reach_with_partners_all,
    reach_within,
    territory_tree,
)
from jejaring.analytics.routes import (
    RankedRoutes,
    Route,
    ranked_paths,
    shortest_path,
    strongest_path,
)
from jejaring.analytics.structural_holes import (
    burt_measures,
    constraint,
    effective_size,
    efficiency,
    hierarchy,
)
from jejaring.analytics.summary import Summary, summary

__all__ = [
    "COLUMNS",
    "ROLES",
    "ActorFloats",
    "ActorInts",
    "Coverage",
    "Customers",
    "MetricsTable",
    "Network",
    "PooledReach",
    "PooledReachTable",
    "RankedRoutes",
    "Reach",
    "ReachTable",
    "Route",
    "Summary",
    "TerritoryTree",
    "betweenness",
    "brokerage",
    "build_coverage",
    "build_network",
    "burt_measures",
    "closeness",
    "clustering",
    "communities",
    "components",
    "constraint",
    "core_number",
    "coverage_on",
    "degree",
    "effective_size",
    "efficiency",
    "ego_density",
    "eigenvector",
    "harmonic",
    "hierarchy",
    "in_degree",
    "k_reach",
    "metrics",
    "out_degree",
    "pagerank",
    "ranked_paths",
    "reach",
    "reach_all",
    "reach_with_partners",
    "reach_with_partners_all",
    "reach_within",
    "sample_pivots",
    "shortest_path",
    "strongest_path",
    "summary",
    "territory_tree",
    "weighted_degree",
]
