"""What partner identification reads, from one snapshot, as the focal actor may see it.

The pool, from which candidates come, is the actors whose profiles the community sees. The
trust layer holds the community's ties of the chosen types and the focal actor's own ties to
the pool (which it may see whatever their visibility), valid today: a reason never names a tie
the focal actor could not see. Customers arrive as counts only.

Reading a national community takes seconds, so it is kept between requests
(``services.read_cache``) until one of the tables it was read from changes; a query then costs
its own computation and one read of the focal actor's ties. The snapshot has a row for every
actor, private ones too (``PartnerData.pool`` tells them apart), so that a private focal actor
is a row of it like any other: building a snapshot of its own took 10 s at a million actors.
A private profile has no community ties, so it is on no path and is never a candidate.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import polars as pl
import scipy.sparse as sp
from sqlalchemy.orm import Session

from jejaring.analytics.graph import Network, build_network
from jejaring.analytics.partners import CustomerCounts
from jejaring.analytics.portfolio import Universe
from jejaring.analytics.reach import Coverage, build_coverage
from jejaring.domain.errors import N_, NotFound
from jejaring.domain.resources import ResourceKind
from jejaring.domain.territories import Level
from jejaring.domain.ties import descendants
from jejaring.services.bootstrap import Context
from jejaring.services.read_cache import SNAPSHOTS, kept
from jejaring.store.layer_read import read_layer_actors, read_layer_ties
from jejaring.store.partner_read import (
    read_coverage,
    read_customer_counts,
    read_resource_kinds,
    read_territories,
)

__all__ = ["KINDS", "LEVELS", "PartnerData", "load_partner_data"]

KINDS = tuple(ResourceKind)
LEVELS = tuple(str(level) for level in Level)


@dataclass(frozen=True, eq=False)
class PartnerData:
    """The pool's coverage, trust layer, customer counts and resource kinds, row-aligned.

    ``actors`` has ``key, name, kind, home_territory, sector`` in row order, and ``pool``
    is True for the rows candidates may come from (the profiles the community sees); ``counts``
    has ``owner`` (row), ``territory`` (index into ``coverage.codes``, -1 unknown),
    ``segment``, ``status`` and ``count``, by owner (``count_rows[i]`` is where row ``i``'s
    begin), and ``customers`` those of status customer by cell; ``sectors`` is each actor's
    sector as a number (-1: none); ``kinds`` is actors x :data:`KINDS`. ``universe`` is the
    coverage prepared for portfolios; ``provinces`` the province (an index into
    ``territories``, -1 none) and ``levels`` the level (an index into :data:`LEVELS`) of each
    territory of the universe.
    ``own_ties``: the rows of the pool the focal actor has ties to in the layer, its own of
    any visibility included (sorted; none for the community alone); ``network`` is the
    community's, shared by every query.
    """

    actors: pl.DataFrame
    territories: pl.DataFrame
    coverage: Coverage
    declared: dict[str, list[str]]
    network: Network
    counts: pl.DataFrame
    count_rows: np.ndarray
    customers: CustomerCounts
    sectors: np.ndarray
    kinds: sp.csr_array
    universe: Universe
    provinces: np.ndarray
    levels: np.ndarray
    pool: np.ndarray
    own_ties: np.ndarray


def load_partner_data(
    ctx: Context,
    focal: str | None,
    tie_types: Collection[str],
    *,
    on: date | None = None,
) -> PartnerData:
    """The snapshot with ``focal``'s own ties (None: the snapshot alone; batch portfolios
    take its ``pool`` rows).

    The snapshot is kept on ``ctx`` while the tables it was read from are unchanged (a change
    shows at the next query, which reads it again); the focal actor's own ties are read each
    time. NotFound names an unknown focal actor or tie type.
    """
    with ctx.reader() as uow:
        parents = {t.key: t.parent for t in uow.tie_types.find()}
        for key in tie_types:
            if key not in parents:
                raise NotFound(N_("tie type '{key}' not found"), key=key)
        types = descendants(tie_types, parents)
        community = kept(
            ctx,
            ("partner-community", tuple(sorted(types)), on),
            lambda: _community(uow.session, types, on),
            kind=SNAPSHOTS,
            session=uow.session,
        )
        if focal is None:
            return community
        if focal not in community.coverage.rows:  # every actor, private ones too
            raise NotFound(N_("actor '{key}' not found"), key=focal)
        own = read_layer_ties(uow.session, types=types, at=on, community_only=False, touching=focal)
    # Its own ties, of any visibility, to the pool: those to private profiles lead nowhere a
    # candidate could be reached from.
    rows, pool = community.coverage.rows, community.pool
    ends = {s if t == focal else t for s, t in own.select("source", "target").iter_rows()}
    found = [rows[key] for key in ends if key != focal and pool[rows[key]]]
    return replace(community, own_ties=np.array(sorted(found), dtype=np.int64))


@dataclass(frozen=True)
class _Frames:
    actors: pl.DataFrame
    ties: pl.DataFrame
    territories: pl.DataFrame
    coverage: pl.DataFrame
    counts: pl.DataFrame
    kinds: pl.DataFrame


def _community(session: Session, types: Collection[str], on: date | None) -> PartnerData:
    return _build(
        _Frames(
            actors=read_layer_actors(session, community_only=False, with_visibility=True),
            ties=read_layer_ties(session, types=types, at=on, community_only=True),
            territories=read_territories(session),
            coverage=read_coverage(session),
            counts=read_customer_counts(session),
            kinds=read_resource_kinds(session),
        )
    )


def _network(ties: pl.DataFrame, actors: pl.DataFrame) -> Network:
    return build_network(
        ties["source"], ties["target"], weights=ties["weight"].to_numpy(), actors=actors["key"]
    )


def _build(frames: _Frames) -> PartnerData:
    actors = frames.actors.drop("community")
    keys = actors["key"].implode()
    inside = pl.col("owner").is_in(keys)
    network = _network(frames.ties, actors)  # community ties: both ends are in the pool
    declared = _declared(frames.coverage.filter(pl.col("actor").is_in(keys)))
    territories = frames.territories
    C = build_coverage(
        territories["code"].to_list(),
        territories["parent_code"].to_list(),
        territories["demand"].to_numpy(),
        [declared.get(key, []) for key in network.keys],
        actors=network,
    )
    counts = _rows(frames.counts.filter(inside), C).sort("owner")
    customers = counts.filter(pl.col("status") == "customer")
    return PartnerData(
        actors=actors,
        territories=territories,
        coverage=C,
        declared=declared,
        network=network,
        counts=counts,
        count_rows=np.searchsorted(counts["owner"].to_numpy(), np.arange(C.n + 1)),
        customers=CustomerCounts.of(customers, C.n, len(C.codes)),
        kinds=_kinds(frames.kinds.filter(inside), C),
        sectors=actors["sector"].cast(pl.Categorical).to_physical().fill_null(-1).to_numpy(),
        universe=Universe(C.covers, C.demand).prepare(),
        provinces=_provinces(C, territories),
        levels=_levels(C, territories),
        pool=frames.actors["community"].to_numpy(),
        own_ties=np.zeros(0, dtype=np.int64),
    )


def _levels(C: Coverage, territories: pl.DataFrame) -> np.ndarray:
    code = {level: i for i, level in enumerate(LEVELS)}
    levels = territories["level"].to_list()
    return np.array([code[levels[t]] for t in C.universe.tolist()], dtype=np.int64)


def _provinces(C: Coverage, territories: pl.DataFrame) -> np.ndarray:
    provinces = np.flatnonzero(territories["level"].to_numpy() == "province")
    inside = sp.csc_array(C.ancestry[provinces][:, C.universe])
    found = np.full(C.universe.size, -1, dtype=np.int64)
    filled = np.diff(inside.indptr) > 0
    found[filled] = provinces[inside.indices[inside.indptr[:-1][filled]]]
    return found


def _declared(coverage: pl.DataFrame) -> dict[str, list[str]]:
    grouped = coverage.group_by("actor", maintain_order=True).agg(pl.col("territory"))
    return dict(zip(grouped["actor"].to_list(), grouped["territory"].to_list(), strict=True))


def _rows(counts: pl.DataFrame, C: Coverage) -> pl.DataFrame:
    # Typed: with no actors (or no territories) an untyped column would be of no type at all.
    rows = pl.DataFrame({"owner": pl.Series(C.keys, dtype=pl.String), "row": np.arange(C.n)})
    codes = pl.DataFrame(
        {"territory": pl.Series(C.codes, dtype=pl.String), "index": np.arange(len(C.codes))}
    )
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
