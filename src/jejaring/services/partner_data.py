"""What partner identification reads, from one snapshot, as the focal actor may see it.

The pool is the actors whose profiles the community sees, plus the focal actor. The trust
layer holds the community's ties of the chosen types and the focal actor's own ties (which
it may see whatever their visibility), valid today: a reason never names a tie the focal
actor could not see. Customers arrive as counts only.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl
import scipy.sparse as sp

from jejaring.analytics.graph import Network, build_network
from jejaring.analytics.reach import Coverage, build_coverage
from jejaring.domain.actors import Actor
from jejaring.domain.errors import N_, NotFound
from jejaring.domain.resources import ResourceKind
from jejaring.domain.ties import descendants
from jejaring.services.bootstrap import Context
from jejaring.store.layer_read import read_layer_actors, read_layer_ties
from jejaring.store.partner_read import (
    read_coverage,
    read_customer_counts,
    read_resource_kinds,
    read_territories,
)

__all__ = ["KINDS", "PartnerData", "load_partner_data"]

KINDS = tuple(ResourceKind)


@dataclass(frozen=True, eq=False)
class PartnerData:
    """The pool's coverage, trust layer, customer counts and resource kinds, row-aligned.

    ``actors`` has ``key, name, kind, home_territory, sector`` in row order; ``counts``
    has ``owner`` (row), ``territory`` (index into ``coverage.codes``, -1 unknown),
    ``segment``, ``status`` and ``count``; ``kinds`` is actors x :data:`KINDS`.
    """

    actors: pl.DataFrame
    territories: pl.DataFrame
    coverage: Coverage
    declared: dict[str, list[str]]
    network: Network
    counts: pl.DataFrame
    kinds: sp.csr_array


def load_partner_data(
    ctx: Context, focal: str | None, tie_types: Collection[str], *, on: date | None = None
) -> PartnerData:
    """Read the snapshot for ``focal`` (None: every community actor, for batch portfolios).

    NotFound names an unknown focal actor or tie type.
    """
    with ctx.reader() as uow:
        parents = {t.key: t.parent for t in uow.tie_types.find()}
        for key in tie_types:
            if key not in parents:
                raise NotFound(N_("tie type '{key}' not found"), key=key)
        types = descendants(tie_types, parents)
        actors = read_layer_actors(uow.session, community_only=True)
        ties = read_layer_ties(uow.session, types=types, at=on, community_only=True)
        if focal is not None:
            actor = uow.actors.get(focal)
            if actor is None:
                raise NotFound(N_("actor '{key}' not found"), key=focal)
            own = read_layer_ties(
                uow.session, types=types, at=on, community_only=False, touching=focal
            )
            ties = pl.concat([ties, own]).unique(maintain_order=True)
            if focal not in set(actors["key"].to_list()):
                actors = pl.concat([actors, _row(actor)]).sort("key")
        territories = read_territories(uow.session)
        coverage = read_coverage(uow.session)
        counts = read_customer_counts(uow.session)
        kinds = read_resource_kinds(uow.session)
    keys = actors["key"]
    pool = keys.implode()
    inside = pl.col("owner").is_in(pool)
    ties = ties.filter(pl.col("source").is_in(pool), pl.col("target").is_in(pool))
    network = build_network(
        ties["source"], ties["target"], weights=ties["weight"].to_numpy(), actors=keys
    )
    declared = _declared(coverage.filter(pl.col("actor").is_in(pool)))
    C = build_coverage(
        territories["code"].to_list(),
        territories["parent_code"].to_list(),
        territories["demand"].to_numpy(),
        [declared.get(key, []) for key in network.keys],
        actors=network,
    )
    return PartnerData(
        actors=actors,
        territories=territories,
        coverage=C,
        declared=declared,
        network=network,
        counts=_rows(counts.filter(inside), C),
        kinds=_kinds(kinds.filter(inside), C),
    )


def _row(actor: Actor) -> pl.DataFrame:
    sector = actor.sectors[0] if actor.sectors else None
    values = [actor.key, actor.name, str(actor.kind), actor.home_territory, sector]
    schema = {name: pl.String for name in ("key", "name", "kind", "home_territory", "sector")}
    return pl.DataFrame([values], schema=schema, orient="row")


def _declared(coverage: pl.DataFrame) -> dict[str, list[str]]:
    grouped = coverage.group_by("actor", maintain_order=True).agg(pl.col("territory"))
    return dict(zip(grouped["actor"].to_list(), grouped["territory"].to_list(), strict=True))


def _rows(counts: pl.DataFrame, C: Coverage) -> pl.DataFrame:
    rows = pl.DataFrame({"owner": C.keys, "row": np.arange(C.n)})
    codes = pl.DataFrame({"territory": C.codes, "index": np.arange(len(C.codes))})
    return (
        counts.join(rows, on="owner")
        .join(codes, on="territory", how="left")
        .select(
            owner=pl.col("row"),
            territory=pl.col("index").fill_null(-1),
            segment="segment",
            status="status",
            count="count",
        )
    )


def _kinds(kinds: pl.DataFrame, C: Coverage) -> sp.csr_array:
    column = {str(kind): i for i, kind in enumerate(KINDS)}
    known = kinds.filter(pl.col("kind").is_in(list(column)))
    rows = np.array([C.rows[o] for o in known["owner"].to_list()], dtype=np.int64)
    cols = np.array([column[k] for k in known["kind"].to_list()], dtype=np.int64)
    data = np.ones(rows.size, dtype=bool)
    return sp.csr_array((data, (rows, cols)), shape=(C.n, len(KINDS)))
