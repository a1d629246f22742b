"""Writing a layer's network for other tools: GraphML, GEXF, UCINET DL, Pajek or JSON.

A layer is ``nodes`` (``key``, ``name``, ``kind``: every actor, isolates included) and
``ties`` (``source``, ``target``, ``type``, ``weight``, ``directed``). It is multiplex (a
pair may hold ties of several types) and may mix directed and undirected ties. Every format
keeps every actor (isolates too) and every tie with its type and weight; all but DL, whose
matrices write an undirected tie as two arcs, keep each tie's direction. What else they keep:

========  ==============================  ===============================================
Format    Actors carry                    Tie type as
========  ==============================  ===============================================
GraphML   key (id), name, kind            edge data ``type``
GEXF 1.3  key (id), name (label), kind    edge attribute ``type`` and the edge ``kind``
DL        key (label)                     one matrix per type (``matrix labels``)
Pajek     key (label)                     one relation per type (``*Arcs :k "type"``)
JSON      key (id), name, kind            edge ``type`` (NetworkX node-link shape)
========  ==============================  ===============================================

Each format's module says how it spells directions and which readers were checked. Files
are UTF-8, written in chunks from Polars expressions, so a layer of millions of ties is
written without a graph object in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import IO

import polars as pl

from jejaring.io.network_dl import write_dl
from jejaring.io.network_gexf import write_gexf
from jejaring.io.network_graphml import write_graphml
from jejaring.io.network_json import write_json
from jejaring.io.network_pajek import write_pajek
from jejaring.io.network_text import layer

__all__ = ["SUFFIXES", "NetworkFormat", "write_network"]


class NetworkFormat(StrEnum):
    """A file format for a layer's network."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    DL = "dl"
    PAJEK = "pajek"
    JSON = "json"


SUFFIXES: dict[NetworkFormat, str] = {
    NetworkFormat.GRAPHML: ".graphml",
    NetworkFormat.GEXF: ".gexf",
    NetworkFormat.DL: ".dl",
    NetworkFormat.PAJEK: ".net",
    NetworkFormat.JSON: ".json",
}

_Writer = Callable[[IO[bytes], pl.DataFrame, pl.DataFrame], None]
_WRITERS: dict[NetworkFormat, _Writer] = {
    NetworkFormat.GRAPHML: write_graphml,
    NetworkFormat.GEXF: write_gexf,
    NetworkFormat.DL: write_dl,
    NetworkFormat.PAJEK: write_pajek,
    NetworkFormat.JSON: write_json,
}


def write_network(
    target: Path | IO[bytes], fmt: NetworkFormat, nodes: pl.DataFrame, ties: pl.DataFrame
) -> None:
    """Write the layer ``nodes``/``ties`` to ``target`` (a path or a binary stream) as ``fmt``.

    Raises ``ValueError`` when a column is missing or null, or a tie names an actor that is
    not among ``nodes``. A stream is written to but not closed.
    """
    writer = _WRITERS[NetworkFormat(fmt)]
    nodes, ties = layer(nodes, ties)
    if isinstance(target, Path):
        with target.open("wb") as stream:
            writer(stream, nodes, ties)
    else:
        writer(target, nodes, ties)
