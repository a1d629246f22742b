"""A layer as node-link JSON, the shape of NetworkX 3.6's ``node_link_data``.

``{"directed", "multigraph": true, "graph": {}, "nodes": [{id, name, kind}], "edges":
[{source, target, key, type, weight, directed}]}``, read by
``networkx.node_link_graph(data, edges="edges")``. Each edge keeps its own ``directed``;
the graph is directed unless every tie is undirected, because a directed multigraph is the
container that holds arcs and undirected ties (as two-way data) without losing either.
Edge keys number the ties from 0. One element per line keeps the file streamable.
"""

from __future__ import annotations

import json
from typing import IO

import polars as pl

from jejaring.io.network_text import Direction, direction_of, write_lines

__all__ = ["write_json"]


def _element(fields: pl.Expr, total: int) -> pl.Expr:
    """One JSON object per row, followed by a comma except on the last row."""
    text = fields.struct.json_encode()
    return pl.when(pl.col("row") < total - 1).then(text + pl.lit(",")).otherwise(text)


def write_json(stream: IO[bytes], nodes: pl.DataFrame, ties: pl.DataFrame) -> None:
    """Write the layer to ``stream`` as node-link JSON."""
    directed = direction_of(ties) is not Direction.UNDIRECTED
    stream.write(
        f'{{"directed": {json.dumps(directed)}, "multigraph": true, "graph": {{}},\n'.encode()
    )
    stream.write(b'"nodes": [\n')
    node = pl.struct(pl.col("key").alias("id"), "name", "kind")
    write_lines(stream, nodes, _element(node, nodes.height))
    stream.write(b'],\n"edges": [\n')
    edge = pl.struct("source", "target", pl.col("row").alias("key"), "type", "weight", "directed")
    write_lines(stream, ties, _element(edge, ties.height))
    stream.write(b"]}\n")
