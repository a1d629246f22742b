"""Multiplex ties: for each pair, several types of the taxonomy, with weights, dates, visibility.

Probabilities are per pair (a pair usually *knows* each other; fewer *trust*, *met*,
*transacted*, exchange *information*; few are *partners*). Role ties follow the actors' kinds:
a company supplies salespeople and shops, a salesperson supplies shops; competitors share a
primary sector and a province. States carry a strength 1..5, events a count of occurrences.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.calendar import dates
from jejaring.domain.ties import DEFAULT_TIE_TYPES

__all__ = ["tie_frame"]

# type: (probability per pair, share visible to the community)
_PLAIN = {
    "knows": (0.85, 0.15),
    "trusts": (0.3, 0.0),
    "met": (0.4, 0.1),
    "transacted": (0.2, 0.0),
    "information": (0.2, 0.0),
    "partner_of": (0.07, 0.8),
    "referral": (0.06, 0.0),
    "kinship": (0.03, 0.0),
    "joint_project": (0.03, 0.5),
}
_ROLE_VISIBLE = {"supplier_of": 0.4, "customer_of": 0.3, "competitor_of": 0.0, "member_of": 1.0}
# Who supplies whom: a higher rank supplies a lower one (organisations supply no one).
_SUPPLY_RANK = np.array([2, 1, 3, 0])
_DIRECTED = {t.key: t.directed for t in DEFAULT_TIE_TYPES}
_EVENTS = {t.key for t in DEFAULT_TIE_TYPES if t.nature == "event"}


def _typed(u: np.ndarray, v: np.ndarray, type_: str) -> pl.DataFrame:
    return pl.DataFrame(
        {"source_i": u, "target_i": v, "type": [type_] * len(u)},
        schema={"source_i": pl.Int64, "target_i": pl.Int64, "type": pl.String},
    )


def _draw_types(
    rng: np.random.Generator, actors: pl.DataFrame, pairs: pl.DataFrame
) -> list[pl.DataFrame]:
    kind, sector = actors["kind_i"].to_numpy(), actors["sector_i"].to_numpy()
    province = actors["province_i"].to_numpy()
    u, v = pairs["u"].to_numpy(), pairs["v"].to_numpy()
    flip = rng.random(len(u)) < 0.5  # directed types point either way
    a, b = np.where(flip, v, u), np.where(flip, u, v)
    frames = []
    for type_, (p, _) in _PLAIN.items():
        chosen = rng.random(len(u)) < p
        frames.append(_typed(a[chosen], b[chosen], type_))
    knows = frames[0]  # about half of those who know someone are known back
    back = rng.random(len(knows)) < 0.5
    frames.append(
        _typed(knows["target_i"].to_numpy()[back], knows["source_i"].to_numpy()[back], "knows")
    )
    rank_a, rank_b = _SUPPLY_RANK[kind[a]], _SUPPLY_RANK[kind[b]]
    supplier, client = np.where(rank_a > rank_b, a, b), np.where(rank_a > rank_b, b, a)
    trade = (rank_a != rank_b) & (np.minimum(rank_a, rank_b) > 0)
    chosen = trade & (rng.random(len(u)) < 0.3)
    frames.append(_typed(supplier[chosen], client[chosen], "supplier_of"))
    chosen = trade & (rng.random(len(u)) < 0.1)
    frames.append(_typed(client[chosen], supplier[chosen], "customer_of"))
    rivals = (sector[u] == sector[v]) & (province[u] == province[v]) & (kind[u] != 3)
    chosen = rng.random(len(u)) < np.where(rivals, 0.4, 0.01)
    frames.append(_typed(u[chosen], v[chosen], "competitor_of"))
    return frames


def tie_frame(
    rng: np.random.Generator,
    actors: pl.DataFrame,
    pairs: pl.DataFrame,
    members: pl.DataFrame,
    extra: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Typed ties between actor indices; ``extra`` adds ties of its own (e.g. partners)."""
    frames = _draw_types(rng, actors, pairs)
    frames.append(
        _typed(members["member"].to_numpy(), members["organization"].to_numpy(), "member_of")
    )
    if extra is not None:
        frames.append(extra.select("source_i", "target_i", "type"))
    ties = pl.concat(frames)
    # Undirected types are stored once per pair, lower index first.
    undirected = pl.col("type").replace_strict(_DIRECTED, return_dtype=pl.Boolean).not_()
    low = pl.min_horizontal("source_i", "target_i")
    high = pl.max_horizontal("source_i", "target_i")
    ties = ties.with_columns(
        pl.when(undirected).then(low).otherwise("source_i").alias("source_i"),
        pl.when(undirected).then(high).otherwise("target_i").alias("target_i"),
    ).unique(maintain_order=True)
    n = len(ties)
    event = ties["type"].is_in(sorted(_EVENTS)).to_numpy()
    strength = rng.choice(np.arange(1, 6), size=n, p=[0.15, 0.25, 0.3, 0.2, 0.1])
    count = np.ceil(rng.lognormal(1.0, 0.9, n))
    visible = {**{k: s for k, (_, s) in _PLAIN.items()}, **_ROLE_VISIBLE}
    share = ties["type"].replace_strict(visible, return_dtype=pl.Float64).to_numpy()
    since = rng.integers(30, 14 * 365, n)
    # A few partnerships and supply relations have ended, some time after they began.
    ended = ties["type"].is_in(["partner_of", "supplier_of"]).to_numpy() & (rng.random(n) < 0.04)
    until = dates(np.floor(since * rng.random(n)))
    return ties.with_columns(
        weight=pl.Series(np.where(event, count, strength).astype(np.float64)),
        directed=pl.col("type").replace_strict(_DIRECTED, return_dtype=pl.Boolean),
        since=dates(since),
        until=pl.when(pl.Series(ended)).then(until).otherwise(pl.lit(None, dtype=pl.String)),
        visibility=pl.Series(np.where(rng.random(n) < share, "community", "private")),
    )
