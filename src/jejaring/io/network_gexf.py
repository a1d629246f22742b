"""A layer as GEXF 1.3: actors labelled with their name, ties weighted and typed.

In GEXF an edge's ``type`` XML attribute is its direction (directed, undirected, mutual), not
the kind of tie. The tie type therefore goes twice on every edge: as the edge attribute
(``<attvalue>``) titled ``type``, which NetworkX's ``read_gexf`` returns as the edge's ``type``
data, and as the edge's ``kind``, which GEXF 1.3 added so that Gephi (0.9.3 and later) keeps
parallel edges of different kinds apart instead of merging a multiplex pair.

Node ids are actor keys, labels their names, and ``kind`` a node attribute; edge ids number
the ties from 0. Every edge carries its tie's direction as the boolean attribute
``directed``. A layer that mixes directed and undirected ties says
``defaultedgetype="directed"``: a per-edge ``type="undirected"`` would be GEXF's way, but
NetworkX 3.6's ``read_gexf`` refuses such a graph (and ``mutual``, which it accepts, means a
reciprocated arc and Gephi rejects it), so a mixed layer reads as directed, its undirected
ties saying ``directed: false``.
"""

from __future__ import annotations

from typing import IO

import polars as pl

from jejaring.io.network_text import Direction, direction_of, write_lines, xml_text

__all__ = ["write_gexf"]

# Attribute ids are numbers, as Gephi and NetworkX write them: a name such as "type" could
# collide with a column a reader reserves.
_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta>
    <creator>Jejaring</creator>
  </meta>
  <graph defaultedgetype="{default}">
    <attributes class="node">
      <attribute id="0" title="kind" type="string"/>
    </attributes>
    <attributes class="edge">
      <attribute id="1" title="type" type="string"/>
      <attribute id="2" title="directed" type="boolean"/>
    </attributes>
    <nodes count="{nodes}">
"""
_MIDDLE = """    </nodes>
    <edges count="{ties}">
"""
_TAIL = """    </edges>
  </graph>
</gexf>
"""


def write_gexf(stream: IO[bytes], nodes: pl.DataFrame, ties: pl.DataFrame) -> None:
    """Write the layer to ``stream`` as GEXF 1.3."""
    direction = direction_of(ties)
    default = "undirected" if direction is Direction.UNDIRECTED else "directed"
    stream.write(_HEAD.format(default=default, nodes=nodes.height).encode())
    node = pl.format(
        '      <node id="{}" label="{}">'
        '<attvalues><attvalue for="0" value="{}"/></attvalues></node>',
        xml_text(pl.col("key")),
        xml_text(pl.col("name")),
        xml_text(pl.col("kind")),
    )
    write_lines(stream, nodes, node)
    stream.write(_MIDDLE.format(ties=ties.height).encode())
    tie_type = xml_text(pl.col("type"))
    edge = pl.format(
        '      <edge id="{}" source="{}" target="{}" kind="{}" weight="{}"><attvalues>'
        '<attvalue for="1" value="{}"/><attvalue for="2" value="{}"/></attvalues></edge>',
        pl.col("row"),
        xml_text(pl.col("source")),
        xml_text(pl.col("target")),
        tie_type,
        pl.col("weight").cast(pl.String),
        tie_type,
        pl.when(pl.col("directed")).then(pl.lit("true")).otherwise(pl.lit("false")),
    )
    write_lines(stream, ties, edge)
    stream.write(_TAIL.encode())
