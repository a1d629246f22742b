"""A layer as a UCINET DL file in ``edgelist1`` format, one matrix per tie type.

The header lists every actor key under ``labels:`` (so that isolates are kept), the tie types
under ``matrix labels:`` with ``nm=``, and says ``labels embedded``: each data line is
``source target weight`` with keys as labels, and a line ``!`` separates one matrix from the
next (the separator Gephi's DL reader splits matrices on). UCINET matrices are square and
directed, so an undirected tie is written in both directions; a pair holding a directed tie
one way and an undirected tie of the same type writes one cell twice, and UCINET keeps the
value it reads last.

UCINET separates labels by spaces, commas and equal signs and lets a label with such
characters be quoted (``"Humpty Dumpty"``), without any escape inside the quotes: a label
with whitespace, a comma, an equal sign or an apostrophe, or one starting with ``!``, is
written in double quotes, a double quote becomes an apostrophe and a line break a space.
UCINET compares labels without regard to case, and older versions cut them at 18 characters.
"""

from __future__ import annotations

from typing import IO

import polars as pl

from jejaring.io.network_text import by_type, escape_one, plain_label, write_lines

__all__ = ["write_dl"]


def _label(text: pl.Expr) -> pl.Expr:
    plain = plain_label(text)
    needs_quotes = plain.str.contains(r"[\s,=']") | plain.str.starts_with("!")
    return pl.when(needs_quotes).then(pl.format('"{}"', plain)).otherwise(plain)


def write_dl(stream: IO[bytes], nodes: pl.DataFrame, ties: pl.DataFrame) -> None:
    """Write the layer to ``stream`` as UCINET DL."""
    groups = list(by_type(ties))
    # Without ties there is no relation to name: one empty matrix keeps the actors.
    matrices = f" nm={len(groups)}" if groups else ""
    stream.write(f"DL n={nodes.height}{matrices} format=edgelist1\nlabels:\n".encode())
    write_lines(stream, nodes, _label(pl.col("key")))
    if groups:
        names = "".join(f"{escape_one(tie_type, _label)}\n" for tie_type, _ in groups)
        stream.write(f"matrix labels:\n{names}".encode())
    stream.write(b"labels embedded:\ndata:\n")
    weight = pl.col("weight").cast(pl.String)
    forward = pl.format("{} {} {}", _label(pl.col("source")), _label(pl.col("target")), weight)
    backward = pl.format("{} {} {}", _label(pl.col("target")), _label(pl.col("source")), weight)
    for index, (_, group) in enumerate(groups):
        if index:
            stream.write(b"!\n")
        write_lines(stream, group, forward)
        write_lines(stream, group.filter(~pl.col("directed")), backward)
