"""A layer as GraphML: actors with ``name`` and ``kind``, ties with ``type`` and ``weight``.

Node ids are actor keys and edge ids number the ties from 0. Every edge carries its tie's
direction as the boolean data ``directed``. A layer that mixes directed and undirected ties
says ``edgedefault="directed"``: GraphML's own per-edge ``directed`` attribute would be the
specification's way, but NetworkX 3.6's ``read_graphml`` refuses a graph that uses it, so a
mixed layer reads as a directed multigraph whose undirected ties say ``directed: false``.
"""

from __future__ import annotations

from typing import IO

import polars as pl

from jejaring.io.network_text import Direction, direction_of, write_lines, xml_text

__all__ = ["write_graphml"]

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns \
http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <key id="kind" for="node" attr.name="kind" attr.type="string"/>
  <key id="type" for="edge" attr.name="type" attr.type="string"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <key id="directed" for="edge" attr.name="directed" attr.type="boolean"/>
  <graph id="G" edgedefault="{default}">
"""
_TAIL = "  </graph>\n</graphml>\n"


def write_graphml(stream: IO[bytes], nodes: pl.DataFrame, ties: pl.DataFrame) -> None:
    """Write the layer to ``stream`` as GraphML."""
    direction = direction_of(ties)
    default = "undirected" if direction is Direction.UNDIRECTED else "directed"
    stream.write(_HEAD.format(default=default).encode())
    node = pl.format(
        '    <node id="{}"><data key="name">{}</data><data key="kind">{}</data></node>',
        xml_text(pl.col("key")),
        xml_text(pl.col("name")),
        xml_text(pl.col("kind")),
    )
    write_lines(stream, nodes, node)
    edge = pl.format(
        '    <edge id="{}" source="{}" target="{}"><data key="type">{}</data>'
        '<data key="weight">{}</data><data key="directed">{}</data></edge>',
        pl.col("row"),
        xml_text(pl.col("source")),
        xml_text(pl.col("target")),
        xml_text(pl.col("type")),
        pl.col("weight").cast(pl.String),
        pl.when(pl.col("directed")).then(pl.lit("true")).otherwise(pl.lit("false")),
    )
    write_lines(stream, ties, edge)
    stream.write(_TAIL.encode())
