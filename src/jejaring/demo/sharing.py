"""Each member's sharing policy in each cooperation: how much of its customer list partners may
map, which segments it shares, which tie types it shows, and whether it makes introductions.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from jejaring.demo.sampling import gather

__all__ = ["policy_frame"]

_LEVELS = ("none", "counts", "overlaps", "full")
_LEVEL_P = np.array([0.2, 0.35, 0.3, 0.15])
_SEGMENTS = ("grosir", "ritel", "horeka", "korporat", "reseller", "instansi", "perorangan")
_TIE_TYPES = ("knows", "partner_of", "supplier_of", "customer_of")


def _subsets(rng: np.random.Generator, words: tuple[str, ...], chosen: np.ndarray) -> pl.Series:
    """For each row, the words whose column in the boolean matrix ``chosen`` is set."""
    frame = pl.DataFrame({w: chosen[:, i] for i, w in enumerate(words)})
    return frame.select(
        pl.concat_list([pl.when(pl.col(w)).then(pl.lit(w)).otherwise(None) for w in words])
        .list.drop_nulls()
        .alias("subset")
    ).to_series()


def policy_frame(
    rng: np.random.Generator,
    actors: pl.DataFrame,
    cooperations: pl.DataFrame,
    memberships: pl.DataFrame,
) -> pl.DataFrame:
    """One policy per membership, keyed by cooperation and actor keys."""
    n = len(memberships)
    coop, actor = memberships["coop_i"].to_numpy(), memberships["actor_i"].to_numpy()
    level = rng.choice(len(_LEVELS), n, p=_LEVEL_P)
    # Segments matter only when overlaps or full records are shared.
    segments = (rng.random((n, len(_SEGMENTS))) < 0.3) & (level >= 2)[:, None]
    ties = rng.random((n, len(_TIE_TYPES))) < np.array([0.5, 0.6, 0.3, 0.2])
    networked = cooperations["mechanisms"].str.contains("network_sharing").to_numpy()[coop]
    return pl.DataFrame(
        {
            "cooperation": cooperations["key"].gather(coop),
            "actor": actors["key"].gather(actor),
            "mapping_level": gather(_LEVELS, level),
            "shared_segments": _subsets(rng, _SEGMENTS, segments),
            "shared_tie_types": _subsets(rng, _TIE_TYPES, ties),
            "introductions_allowed": rng.random(n) < np.where(networked, 0.7, 0.2),
        }
    )
