"""The metrics table computed with NetworkX alone: the reference the engine is checked against.

Used by the reference tests and by ``bench/metrics_vs_networkx.py``. Every column follows the
definition in ``docs/metrics.md`` with NetworkX's own functions wherever NetworkX has the
measure; hierarchy, ego density and brokerage are spelt out from their definitions.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

__all__ = ["brokerage_brute_force", "networkx_metrics", "undirected_layer"]

NAN = float("nan")


def undirected_layer(G: nx.Graph, weight: str | None) -> nx.Graph:
    """Direction ignored; a reciprocated pair's weights add (1 per tie when unweighted)."""
    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, data in G.edges(data=True):
        w = data.get(weight, 1.0) if weight else 1.0
        if U.has_edge(u, v):
            if weight:
                U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    return U


def _hierarchy(U: nx.Graph, weight: str | None, nodes: list[Any]) -> dict[Any, float]:
    out = {}
    for i in nodes:
        contacts = list(U[i])
        n = len(contacts)
        if n < 2:
            out[i] = NAN
            continue
        local = [nx.local_constraint(U, i, j, weight=weight) for j in contacts]
        mean = sum(local) / n
        out[i] = sum((c / mean) * math.log(c / mean) for c in local) / (n * math.log(n))
    return out


def _ego_density(G: nx.Graph) -> dict[Any, float]:
    """Density of the subgraph induced by each actor's in- and out-neighbours, ego excluded.

    (``nx.ego_graph(..., undirected=True)`` would copy the whole graph for every actor.)
    """
    out = {}
    for v in G:
        ego = G.subgraph(set(nx.all_neighbors(G, v)) - {v})
        out[v] = nx.density(ego) if len(ego) >= 2 else NAN
    return out


def _numbered(parts: list[set[Any]]) -> dict[Any, int]:
    """Group ids in order of each group's smallest key."""
    ordered = sorted(parts, key=min)
    return {v: i for i, part in enumerate(ordered) for v in part}


def brokerage_brute_force(G: nx.Graph, groups: Mapping[Any, Any]) -> dict[str, dict[Any, float]]:
    """Gould-Fernandez roles by walking every two-path a -> b -> c (both ways when undirected)."""
    D = G if G.is_directed() else G.to_directed()
    roles = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")
    out: dict[str, dict[Any, float]] = {r: {} for r in roles}
    for b in D:
        counts = dict.fromkeys(roles, 0.0)
        gb = groups.get(b)
        for a in D.predecessors(b):
            for c in D.successors(b):
                ga, gc = groups.get(a), groups.get(c)
                if a == c or D.has_edge(a, c) or ga is None or gc is None:
                    continue
                if ga == gb == gc:
                    counts["coordinator"] += 1
                elif ga != gb and gc == gb:
                    counts["gatekeeper"] += 1
                elif ga == gb and gc != gb:
                    counts["representative"] += 1
                elif ga == gc:
                    counts["consultant"] += 1
                else:
                    counts["liaison"] += 1
        for r in roles:
            out[r][b] = NAN if gb is None else counts[r]
    return out


def networkx_metrics(
    G: nx.Graph,
    *,
    weight: str | None = None,
    groups: Mapping[Any, Any] | None = None,
    seed: int = 0,
    tol: float = 1e-12,
    timings: dict[str, float] | None = None,
    burt_nodes: list[Any] | None = None,
) -> dict[str, dict[Any, float]]:
    """Every column for the layer ``G`` (a Graph or DiGraph without self-loops).

    ``burt_nodes`` limits Burt's measures to those actors (benchmarks extrapolate from them).
    """
    U = undirected_layer(G, weight)
    uw = "weight" if weight else None
    spent = timings if timings is not None else {}

    def timed(name: str, compute: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = compute()
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
        return result

    out: dict[str, dict[Any, float]] = {}
    out["degree"] = timed("degree", lambda: dict(U.degree()))
    directed = G.is_directed()
    out["in_degree"] = timed("degree", lambda: dict(G.in_degree() if directed else G.degree()))
    out["out_degree"] = timed("degree", lambda: dict(G.out_degree() if directed else G.degree()))
    out["weighted_degree"] = timed("weighted_degree", lambda: dict(G.degree(weight=weight)))
    out["betweenness"] = timed("betweenness", lambda: nx.betweenness_centrality(G))
    out["closeness"] = timed("closeness", lambda: nx.closeness_centrality(G, wf_improved=True))
    out["harmonic"] = timed("harmonic", lambda: nx.harmonic_centrality(G))
    out["eigenvector"] = timed(
        "eigenvector",
        lambda: nx.eigenvector_centrality(U, weight=uw, max_iter=100_000, tol=tol),
    )
    out["pagerank"] = timed(
        "pagerank", lambda: nx.pagerank(G, weight=weight, tol=tol, max_iter=100_000)
    )
    out["clustering"] = timed("clustering", lambda: nx.clustering(U, weight=uw))
    burt = list(U) if burt_nodes is None else burt_nodes
    size = timed("effective_size", lambda: nx.effective_size(U, nodes=burt, weight=uw))
    out["effective_size"] = size
    out["efficiency"] = {v: size[v] / U.degree(v) if U.degree(v) else NAN for v in burt}
    out["constraint"] = timed("constraint", lambda: nx.constraint(U, nodes=burt, weight=uw))
    out["hierarchy"] = timed("hierarchy", lambda: _hierarchy(U, uw, burt))
    out["ego_density"] = timed("ego_density", lambda: _ego_density(G))
    out["core_number"] = timed("core_number", lambda: nx.core_number(U))
    out["component"] = timed(
        "component", lambda: _numbered([set(c) for c in nx.connected_components(U)])
    )
    out["community"] = timed(
        "community",
        lambda: _numbered(nx.community.louvain_communities(U, weight=uw, seed=seed)),
    )
    if groups is not None:
        out.update(timed("brokerage", lambda: brokerage_brute_force(G, groups)))
    return out
