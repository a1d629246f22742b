"""What a bundle's references may point at: its own keys, and the database's.

The database is asked only about the keys the bundle uses and does not define itself, through
a :class:`Lookup` that the service layer provides (``io`` knows no database).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import polars as pl

from jejaring.io.bundle_checks import LINE, word
from jejaring.io.bundle_sheets import items

__all__ = ["ACTOR_REFS", "TERRITORY_REFS", "Known", "Lookup", "references", "resolve"]

TERRITORY_REFS = (
    ("territories", "parent_code"),
    ("actors", "home_territory"),
    ("actors", "coverage"),
    ("customers", "territory"),
    ("resources", "territory"),
    ("cooperations", "scope"),
)
ACTOR_REFS = (
    ("ties", "source"),
    ("ties", "target"),
    ("customers", "owner"),
    ("resources", "owner"),
    ("cooperations", "members"),
)
_LIST_COLUMNS = {"coverage", "scope", "members"}


class Lookup(Protocol):
    """What the database holds, asked for only the keys the bundle needs."""

    def territory_levels(self, codes: Sequence[str]) -> dict[str, str]:
        """The level of each of ``codes`` that is a stored territory."""
        ...

    def actor_keys(self, keys: Sequence[str]) -> set[str]:
        """The ``keys`` that are stored actors."""
        ...

    def tie_types(self) -> dict[str, bool]:
        """Every tie type of the taxonomy, with whether it is directed."""
        ...


def references(frames: dict[str, pl.DataFrame], sheet: str, column: str) -> pl.DataFrame | None:
    """``_line`` and ``item``: the keys one column refers to, one per row."""
    frame = frames.get(sheet)
    if frame is None or column not in frame.columns:
        return None
    if column in _LIST_COLUMNS:
        return items(frame, column)
    return frame.select(pl.col(LINE), pl.col(column).alias("item")).drop_nulls("item")


def _wanted(frames: dict[str, pl.DataFrame], refs: tuple[tuple[str, str], ...]) -> pl.Series:
    parts = [v["item"] for s, c in refs if (v := references(frames, s, c)) is not None]
    return pl.concat(parts).unique() if parts else pl.Series("item", [], dtype=pl.String)


@dataclass(frozen=True)
class Known:
    """What the references of a bundle may point at: the bundle's keys and the database's."""

    levels: pl.DataFrame  # code, level: every territory a reference may name
    actors: pl.Series
    tie_types: dict[str, bool]


def resolve(frames: dict[str, pl.DataFrame], lookup: Lookup) -> Known:
    """Ask the database about the keys the bundle uses and does not define itself."""
    territories = frames.get("territories")
    levels = pl.DataFrame(schema={"code": pl.String, "level": pl.String})
    if territories is not None and "code" in territories.columns:
        level = word(pl.col("level")) if "level" in territories.columns else pl.lit(None, pl.String)
        levels = territories.select("code", level.alias("level")).filter(
            pl.col("code").is_not_null()
        )
    wanted = _wanted(frames, TERRITORY_REFS)
    stored = lookup.territory_levels(
        wanted.filter(~wanted.is_in(levels["code"].implode())).to_list()
    )
    stored_levels = pl.DataFrame(
        {"code": list(stored), "level": list(stored.values())},
        schema={"code": pl.String, "level": pl.String},
    )
    actors = frames.get("actors")
    defined = pl.Series("key", [], dtype=pl.String)
    if actors is not None and "key" in actors.columns:
        defined = actors["key"].drop_nulls()
    wanted = _wanted(frames, ACTOR_REFS)
    wanted = wanted.filter(~wanted.is_in(defined.implode()))
    found = pl.Series("key", sorted(lookup.actor_keys(wanted.to_list())), dtype=pl.String)
    return Known(
        pl.concat([levels, stored_levels]), pl.concat([found, defined]), lookup.tie_types()
    )
