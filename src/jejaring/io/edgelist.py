"""Reading an edge list (``source,target[,weight,...]``) and a node list from CSV files.

Every problem is reported as a domain error naming the file, the line and the reason, so
that the command line can print it and exit with status 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
from numpy.typing import NDArray

from jejaring.domain.errors import N_, InvalidValue
from jejaring.io.text_csv import read_text_csv

__all__ = ["EdgeList", "NodeList", "read_edges", "read_nodes"]


@dataclass(frozen=True)
class EdgeList:
    """Tie endpoints as actor keys, and weights when a weight column was asked for."""

    sources: list[str]
    targets: list[str]
    weights: NDArray[np.float64] | None


@dataclass(frozen=True)
class NodeList:
    """Actor keys, and each actor's group when a group column was asked for."""

    actors: list[str]
    groups: dict[str, str | None] | None


def _column(frame: pl.DataFrame, path: Path, name: str) -> pl.Series:
    if name not in frame.columns:
        raise InvalidValue(
            N_("{file}: no '{column}' column (the header has: {columns})"),
            file=str(path),
            column=name,
            columns=", ".join(frame.columns),
        )
    return frame[name]


def _first_bad(mask: pl.Series) -> int | None:
    """The file line of the first row flagged in ``mask`` (line 1 is the header)."""
    hits = mask.fill_null(False).arg_true()
    return None if hits.is_empty() else int(hits[0]) + 2


def _keys(frame: pl.DataFrame, path: Path, name: str) -> list[str]:
    column = _column(frame, path, name)
    line = _first_bad(column.is_null() | (column == ""))
    if line is not None:
        raise InvalidValue(
            N_("{file}, line {line}: the '{column}' value is empty"),
            file=str(path),
            line=line,
            column=name,
        )
    return column.to_list()


def read_edges(path: Path, *, weight: str | None = None) -> EdgeList:
    """Read ``source`` and ``target`` (and the ``weight`` column, positive numbers)."""
    frame = read_text_csv(path)
    sources, targets = _keys(frame, path, "source"), _keys(frame, path, "target")
    if weight is None:
        return EdgeList(sources, targets, None)
    raw = _column(frame, path, weight)
    values = raw.cast(pl.Float64, strict=False)
    checks = (
        (raw.is_null() | (raw == ""), N_("{file}, line {line}: the '{column}' value is empty")),
        (values.is_null(), N_("{file}, line {line}: '{column}' is not a number: {value}")),
        (~values.is_finite(), N_("{file}, line {line}: '{column}' is not a number: {value}")),
        (values <= 0, N_("{file}, line {line}: '{column}' must be positive, not {value}")),
    )
    for mask, template in checks:
        line = _first_bad(mask)
        if line is not None:
            value = raw[line - 2]
            raise InvalidValue(template, file=str(path), line=line, column=weight, value=value)
    return EdgeList(sources, targets, values.to_numpy().astype(np.float64))


def read_nodes(path: Path, *, group: str | None = None) -> NodeList:
    """Read actor keys (column ``actor``, else ``key``, else the first) and their group."""
    frame = read_text_csv(path)
    name = next((c for c in ("actor", "key") if c in frame.columns), frame.columns[0])
    actors = _keys(frame, path, name)
    if group is None:
        return NodeList(actors, None)
    values = _column(frame, path, group).to_list()
    return NodeList(actors, {a: (g or None) for a, g in zip(actors, values, strict=True)})
