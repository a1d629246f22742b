"""References between sheets: territory codes, actor keys and tie types must exist, in the
bundle or in the database, and a territory must sit under a wider one.

The database is asked only about the keys the bundle uses and does not define itself, through
a :class:`Lookup` that the service layer provides (``io`` knows no database).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import polars as pl

from jejaring.domain.errors import N_
from jejaring.domain.territories import Level
from jejaring.io.bundle_checks import LINE, Check, collect, word
from jejaring.io.bundle_errors import RowError
from jejaring.io.bundle_sheets import items

__all__ = ["Lookup", "reference_errors"]

_TERRITORY_REFS = (
    ("territories", "parent_code"),
    ("actors", "home_territory"),
    ("actors", "coverage"),
    ("customers", "territory"),
    ("resources", "territory"),
    ("cooperations", "scope"),
)
_ACTOR_REFS = (
    ("ties", "source"),
    ("ties", "target"),
    ("customers", "owner"),
    ("resources", "owner"),
    ("cooperations", "members"),
)
_LIST_COLUMNS = {"coverage", "scope", "members"}
_RANK = {level.value: rank for rank, level in enumerate(Level)}


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


def _values(frames: dict[str, pl.DataFrame], sheet: str, column: str) -> pl.DataFrame | None:
    """``_line`` and ``item``: the keys one column refers to, one per row."""
    frame = frames.get(sheet)
    if frame is None or column not in frame.columns:
        return None
    if column in _LIST_COLUMNS:
        return items(frame, column)
    return frame.select(pl.col(LINE), pl.col(column).alias("item")).drop_nulls("item")


def _missing(
    frames: dict[str, pl.DataFrame],
    sources: dict[str, str],
    refs: tuple[tuple[str, str], ...],
    known: pl.Series,
    template: str,
) -> list[RowError]:
    errors: list[RowError] = []
    for sheet, column in refs:
        values = _values(frames, sheet, column)
        if values is not None:
            check = Check(column, ~pl.col("item").is_in(known.implode()), template, pl.col("item"))
            errors.extend(collect(values, sources[sheet], [check]))
    return errors


def _wanted(frames: dict[str, pl.DataFrame], refs: tuple[tuple[str, str], ...]) -> pl.Series:
    parts = [v["item"] for s, c in refs if (v := _values(frames, s, c)) is not None]
    return pl.concat(parts).unique() if parts else pl.Series("item", [], dtype=pl.String)


def reference_errors(
    frames: dict[str, pl.DataFrame], sources: dict[str, str], lookup: Lookup
) -> tuple[list[RowError], dict[str, bool]]:
    """Unresolved references, and the tie types (with their direction) for reading ties."""
    errors: list[RowError] = []
    territories = frames.get("territories")
    levels = pl.DataFrame(schema={"code": pl.String, "level": pl.String})
    if territories is not None and {"code", "level"} <= set(territories.columns):
        levels = territories.select("code", word(pl.col("level")).alias("level")).drop_nulls()
    wanted = _wanted(frames, _TERRITORY_REFS)
    stored = lookup.territory_levels(
        wanted.filter(~wanted.is_in(levels["code"].implode())).to_list()
    )
    levels = pl.concat(
        [levels, pl.DataFrame({"code": list(stored), "level": list(stored.values())})]
    )
    known_codes = levels["code"]
    if territories is not None and "code" in territories.columns:
        known_codes = pl.concat([known_codes, territories["code"].drop_nulls()])
    errors += _missing(
        frames,
        sources,
        _TERRITORY_REFS,
        known_codes,
        N_("territory '{value}' is neither in the bundle nor in the database"),
    )
    if territories is not None and {"code", "level", "parent_code"} <= set(territories.columns):
        errors += _hierarchy(territories, levels, sources["territories"])

    actors = frames.get("actors")
    defined = actors["key"].drop_nulls() if actors is not None and "key" in actors.columns else None
    wanted = _wanted(frames, _ACTOR_REFS)
    if defined is not None:
        wanted = wanted.filter(~wanted.is_in(defined.implode()))
    known = pl.Series("key", sorted(lookup.actor_keys(wanted.to_list())), dtype=pl.String)
    if defined is not None:
        known = pl.concat([known, defined])
    errors += _missing(
        frames,
        sources,
        _ACTOR_REFS,
        known,
        N_("actor '{value}' is neither in the bundle nor in the database"),
    )

    tie_types = lookup.tie_types()
    ties = frames.get("ties")
    if ties is not None and "type" in ties.columns:
        check = Check(
            "type",
            ~pl.col("type").is_in(list(tie_types)),
            N_("'{value}' is not a tie type; the types are {allowed}"),
            pl.col("type"),
            {"allowed": "|".join(sorted(tie_types))},
        )
        errors += collect(ties, sources["ties"], [check])
    return errors, tie_types


def _hierarchy(territories: pl.DataFrame, levels: pl.DataFrame, source: str) -> list[RowError]:
    ranks = levels.unique("code", keep="first").select(
        pl.col("code").alias("parent_code"),
        pl.col("level").alias("parent_level"),
        pl.col("level").replace_strict(_RANK, default=None, return_dtype=pl.Int64).alias("pr"),
    )
    rank = word(pl.col("level")).replace_strict(_RANK, default=None, return_dtype=pl.Int64)
    joined = territories.join(ranks, on="parent_code", how="left")
    check = Check(
        "parent_code",
        (pl.col("pr") >= rank) & (pl.col("parent_code") != pl.col("code")),
        N_("'{value}' is a {parent_level}: a {level} must be under a wider territory"),
        pl.col("parent_code"),
        row_params={"parent_level": pl.col("parent_level"), "level": word(pl.col("level"))},
    )
    return collect(joined, source, [check])
