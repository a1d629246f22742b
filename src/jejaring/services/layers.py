"""Use case: a layer of the stored network, read from one snapshot, ready to measure or export.

A tie type stands for itself and its sub-types in the taxonomy. A layer of scope
``community`` holds only what every signed-in user may see (DESIGN section 5): profiles
shown to the community and ties marked ``community`` between them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from jejaring.analytics import Network, build_network
from jejaring.analytics.two_mode import co_membership
from jejaring.domain.analyses import Grouping, Layer, Scope
from jejaring.domain.errors import N_, NotFound
from jejaring.domain.ties import descendants
from jejaring.services.bootstrap import Context
from jejaring.store.layer_read import read_layer_actors, read_layer_ties, read_territory_tree

__all__ = ["MEMBER_OF", "LayerData", "load_layer"]

MEMBER_OF = "member_of"  # two-mode: actor -> organisation or event
PROJECTED = "membership"  # the taxonomy's undirected co-membership type


@dataclass(frozen=True)
class LayerData:
    """The actors (``key, name, kind, home_territory, sector``) and typed ties of a layer.

    ``ties`` has ``source, target, type, weight, directed``; ``groups`` maps actor keys to
    the grouping the layer asked for (None when it asked for none).
    """

    layer: Layer
    actors: pl.DataFrame
    ties: pl.DataFrame
    groups: dict[str, str] | None

    def network(self) -> Network:
        """The layer as a simple graph: multiplex ties of a pair merge, their weights added.

        In a directed layer an undirected tie counts as a tie each way.
        """
        ties = self.ties
        if self.layer.directed:
            both = ties.filter(~pl.col("directed"))
            back = both.with_columns(source=pl.col("target"), target=pl.col("source"))
            ties = pl.concat([ties, back])
        return build_network(
            ties["source"],
            ties["target"],
            weights=ties["weight"].to_numpy() if self.layer.weighted else None,
            directed=self.layer.directed,
            actors=self.actors["key"],
        )


def load_layer(ctx: Context, layer: Layer) -> LayerData:
    """Read ``layer`` from one snapshot; NotFound names a tie type the taxonomy lacks."""
    community = layer.scope is Scope.COMMUNITY
    with ctx.reader() as uow:
        parents = {t.key: t.parent for t in uow.tie_types.find()}
        for key in layer.tie_types:
            if key not in parents:
                raise NotFound(N_("tie type '{key}' not found"), key=key)
        types = descendants(layer.tie_types, parents) if layer.tie_types else None
        actors = read_layer_actors(uow.session, community_only=community)
        ties = read_layer_ties(uow.session, types=types, at=layer.at, community_only=community)
        tree = read_territory_tree(uow.session) if layer.group is Grouping.PROVINCE else None
    if layer.co_membership:
        ties = _project(ties)
    groups = None if layer.group is None else _groups(actors, layer.group, tree)
    return LayerData(layer, actors, ties, groups)


def _project(ties: pl.DataFrame) -> pl.DataFrame:
    """``ties`` with member-of ties replaced by co-membership ties between the members."""
    two_mode = ties.filter(pl.col("type") == MEMBER_OF)
    projected = co_membership(two_mode["source"], two_mode["target"]).with_columns(
        type=pl.lit(PROJECTED), directed=pl.lit(False)
    )
    kept = ties.filter(pl.col("type") != MEMBER_OF)
    return pl.concat([kept, projected.select(kept.columns)]).sort("source", "target", "type")


def _groups(actors: pl.DataFrame, grouping: Grouping, tree: pl.DataFrame | None) -> dict[str, str]:
    if grouping is Grouping.KIND:
        values = actors["kind"]
    elif grouping is Grouping.SECTOR:
        values = actors["sector"]
    else:
        assert tree is not None
        province = _provinces(tree)
        values = pl.Series([province.get(h) for h in actors["home_territory"].to_list()])
    return {
        key: value
        for key, value in zip(actors["key"].to_list(), values.to_list(), strict=True)
        if value is not None
    }


def _provinces(tree: pl.DataFrame) -> Mapping[str | None, str]:
    """Each territory's province (itself when it is one); absent above the provinces."""
    parent = dict(zip(tree["code"].to_list(), tree["parent_code"].to_list(), strict=True))
    level = dict(zip(tree["code"].to_list(), tree["level"].to_list(), strict=True))
    found: dict[str | None, str] = {}
    for code in parent:
        at: str | None = code
        while at is not None and level.get(at) != "province":
            at = parent.get(at)
        if at is not None:
            found[code] = at
    return found
