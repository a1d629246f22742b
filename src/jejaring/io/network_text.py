"""What the network writers share: the layer's columns, escaping, and lines written in chunks.

Every row's text is built by Polars expressions and written ``CHUNK_ROWS`` rows at a time,
so a layer of millions of ties costs no Python work per tie and bounded memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import IO

import polars as pl

__all__ = [
    "CHUNK_ROWS",
    "Direction",
    "by_type",
    "direction_of",
    "escape_one",
    "layer",
    "plain_label",
    "write_lines",
    "xml_text",
]

CHUNK_ROWS = 100_000
_NODES = {"key": pl.String, "name": pl.String, "kind": pl.String}
_TIES = {
    "source": pl.String,
    "target": pl.String,
    "type": pl.String,
    "weight": pl.Float64,
    "directed": pl.Boolean,
}
# XML 1.0 cannot carry these characters at all, not even as character references.
_NOT_XML = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x{FFFE}\x{FFFF}]"
# Tabs and line breaks become references: a parser would turn them into spaces otherwise.
_XML_ESCAPES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\t", "&#9;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
)


class Direction(StrEnum):
    """Whether a layer's ties are all directed, all undirected, or both."""

    DIRECTED = "directed"
    UNDIRECTED = "undirected"
    MIXED = "mixed"


def _columns(
    frame: pl.DataFrame, what: str, schema: Mapping[str, type[pl.DataType]]
) -> pl.DataFrame:
    missing = [name for name in schema if name not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")
    picked = frame.select(pl.col(name).cast(dtype) for name, dtype in schema.items())
    if any(picked.null_count().row(0)):
        raise ValueError(f"{what}: null values are not allowed")
    return picked


def layer(nodes: pl.DataFrame, ties: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The columns the writers use, typed; ``ValueError`` for a frame no format could hold."""
    nodes, ties = _columns(nodes, "nodes", _NODES), _columns(ties, "ties", _TIES)
    keys = nodes["key"].implode()
    dangling = ties.select((~pl.col("source").is_in(keys)) | ~pl.col("target").is_in(keys))
    if dangling.to_series().any():
        raise ValueError("ties: every source and target must be a key of nodes")
    return nodes, ties


def direction_of(ties: pl.DataFrame) -> Direction:
    """The layer's direction; a layer without ties counts as undirected."""
    directed = int(ties["directed"].sum())
    if directed == 0:
        return Direction.UNDIRECTED
    return Direction.DIRECTED if directed == ties.height else Direction.MIXED


def by_type(ties: pl.DataFrame) -> Iterator[tuple[str, pl.DataFrame]]:
    """Each tie type, in sorted order, with its ties in their original order."""
    ordered = ties.sort("type", maintain_order=True)
    start = 0
    for tie_type, count in ordered.group_by("type", maintain_order=True).len().iter_rows():
        yield tie_type, ordered.slice(start, count)
        start += count


def xml_text(text: pl.Expr) -> pl.Expr:
    """``text`` escaped for an XML attribute value or element content."""
    escaped = text.str.replace_all(_NOT_XML, "\ufffd")
    for char, reference in _XML_ESCAPES:
        escaped = escaped.str.replace_all(char, reference, literal=True)
    return escaped


def plain_label(text: pl.Expr) -> pl.Expr:
    """``text`` on one line and without double quotes, which Pajek and UCINET cannot escape."""
    return text.str.replace_all(r"[\x00-\x1F]", " ").str.replace_all('"', "'", literal=True)


def escape_one(text: str, escape: Callable[[pl.Expr], pl.Expr]) -> str:
    """``escape`` applied to one string, for headers, by the same rule as the rows'."""
    return str(pl.select(escape(pl.lit(text))).item())


def write_lines(stream: IO[bytes], frame: pl.DataFrame, line: pl.Expr) -> None:
    """Write ``line`` for each row of ``frame``; the column ``row`` numbers rows from 0."""
    for start in range(0, frame.height, CHUNK_ROWS):
        chunk = frame.slice(start, CHUNK_ROWS).with_row_index("row", offset=start)
        # One string column, never quoted: Polars' CSV writer emits each line verbatim.
        text = chunk.select(line).write_csv(include_header=False, quote_style="never")
        stream.write(text.encode())
