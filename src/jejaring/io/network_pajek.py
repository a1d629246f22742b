"""A layer as a Pajek ``.net`` file, one relation per tie type.

Vertices are numbered from 1 in key order and labelled with their key in double quotes (the
key, not the name, because labels identify vertices for readers such as NetworkX and names
need not be unique). Pajek has no escape inside a quoted label, so a double quote in a key
becomes an apostrophe and a line break a space. Names and kinds are not written.

Each tie type is a relation in Pajek's multi-relational syntax: ``*Arcs :k "type"`` holds its
directed ties and ``*Edges :k "type"`` its undirected ones, each line ``source target weight``.
Relations are numbered from 1 in type order. NetworkX's ``read_pajek`` reads only the first
``*Arcs``/``*Edges`` section, so it reads a layer of one type and one direction fully.
The file is UTF-8 without a byte-order mark (``read_pajek`` would take one as part of a line).
"""

from __future__ import annotations

from typing import IO

import polars as pl

from jejaring.io.network_text import by_type, escape_one, plain_label, write_lines

__all__ = ["write_pajek"]


def write_pajek(stream: IO[bytes], nodes: pl.DataFrame, ties: pl.DataFrame) -> None:
    """Write the layer to ``stream`` as a Pajek network."""
    stream.write(f"*Vertices {nodes.height}\n".encode())
    vertex = pl.format('{} "{}"', pl.col("row") + 1, plain_label(pl.col("key")))
    write_lines(stream, nodes, vertex)
    keys = nodes["key"]
    numbers = pl.int_range(1, nodes.height + 1, eager=True)
    line = pl.format(
        "{} {} {}",
        pl.col("source").replace_strict(keys, numbers),
        pl.col("target").replace_strict(keys, numbers),
        pl.col("weight").cast(pl.String),
    )
    for relation, (tie_type, group) in enumerate(by_type(ties), start=1):
        label = escape_one(tie_type, plain_label)
        for directed, section in ((True, "*Arcs"), (False, "*Edges")):
            part = group.filter(pl.col("directed") == directed)
            if part.height:
                stream.write(f'{section} :{relation} "{label}"\n'.encode())
                write_lines(stream, part, line)
