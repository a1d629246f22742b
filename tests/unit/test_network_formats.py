"""Writing a layer as GraphML, GEXF, UCINET DL, Pajek or JSON, read back by NetworkX or by hand."""

from __future__ import annotations

import io
import json
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.io import network_text
from jejaring.io.network_formats import SUFFIXES, NetworkFormat, write_network

Tie = tuple[str, str, str, float, bool]
Actors = dict[str, tuple[str, str]]

# Awkward on purpose: spaces, quotes, markup characters, commas, a line break, non-ASCII.
NODES = pl.DataFrame(
    {
        "key": [
            "budi santoso",
            "cv <maju> & co",
            "pt-sejahtera",
            "siti-nurhaliza",
            "toko ñandú",
            'warung "enak"',
            "yayasan-dharma",
        ],
        "name": [
            'Budi "Bud" Santoso',
            "CV Maju & Co, Tbk",
            "PT Sejahtera\nJaya",
            "Siti Nurhaliza",
            "Toko Ñandú 'Raya'",
            "Warung Énak 漢",
            "Yayasan Dharma",
        ],
        "kind": [
            "salesperson",
            "company",
            "company",
            "entrepreneur",
            "company",
            "company",
            "organization",
        ],
    }
)
# A multiplex pair mixing directions, a reciprocated pair, an isolate (yayasan-dharma).
TIES = pl.DataFrame(
    {
        "source": [
            "budi santoso",
            "budi santoso",
            "cv <maju> & co",
            "pt-sejahtera",
            "siti-nurhaliza",
            "toko ñandú",
            'warung "enak"',
        ],
        "target": [
            "cv <maju> & co",
            "cv <maju> & co",
            "budi santoso",
            "siti-nurhaliza",
            "pt-sejahtera",
            "budi santoso",
            "toko ñandú",
        ],
        "type": ["knows", "met", "trusts", "partner_of", "knows", "met", "supplier_of"],
        "weight": [1.5, 2.0, 0.25, 3.0, 1e-07, 12345.678, 1e22],
        "directed": [True, False, True, False, True, False, True],
    }
)
DIRECTED = TIES.filter(pl.col("directed"))
UNDIRECTED = TIES.filter(~pl.col("directed"))


def _write(fmt: NetworkFormat, nodes: pl.DataFrame = NODES, ties: pl.DataFrame = TIES) -> bytes:
    stream = io.BytesIO()
    write_network(stream, fmt, nodes, ties)
    return stream.getvalue()


def _tie(source: str, target: str, tie_type: str, weight: float, directed: bool) -> Tie:
    # An undirected tie has no first end: compare it with its ends in order.
    if not directed:
        source, target = sorted((source, target))
    return (source, target, tie_type, weight, directed)


def _expected(nodes: pl.DataFrame, ties: pl.DataFrame) -> tuple[Actors, list[Tie]]:
    actors = {key: (name, kind) for key, name, kind in nodes.iter_rows()}
    return actors, sorted(_tie(*row) for row in ties.iter_rows())


def _networkx_ties(graph: Any) -> list[Tie]:
    """Ties of a graph NetworkX read; an edge's own ``directed`` wins over the graph's."""
    rows = []
    for source, target, data in graph.edges(data=True):
        directed = data.get("directed", graph.is_directed())
        rows.append(_tie(source, target, data["type"], data["weight"], directed))
    return sorted(rows)


def _read_with_networkx(fmt: NetworkFormat, data: bytes) -> tuple[Actors, list[Tie]]:
    if fmt is NetworkFormat.GRAPHML:
        graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
        actors = {n: (d["name"], d["kind"]) for n, d in graph.nodes(data=True)}
    elif fmt is NetworkFormat.GEXF:
        graph = nx.read_gexf(io.BytesIO(data))
        actors = {n: (d["label"], d["kind"]) for n, d in graph.nodes(data=True)}
    else:
        graph = nx.node_link_graph(json.loads(data), edges="edges")
        actors = {n: (d["name"], d["kind"]) for n, d in graph.nodes(data=True)}
    return actors, _networkx_ties(graph)


def _graphml_by_hand(data: bytes) -> tuple[Actors, list[Tie]]:
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(data)
    names = {key.get("id"): key.get("attr.name") for key in root.findall("g:key", ns)}
    graph = root.find("g:graph", ns)
    assert graph is not None
    default = graph.get("edgedefault") == "directed"

    def values(element: ET.Element) -> dict[str | None, str]:
        return {names[d.get("key")]: d.text or "" for d in element.findall("g:data", ns)}

    actors = {}
    for node in graph.findall("g:node", ns):
        found = values(node)
        actors[str(node.get("id"))] = (found["name"], found["kind"])
    ties = []
    for edge in graph.findall("g:edge", ns):
        found = values(edge)
        assert edge.get("directed") is None  # NetworkX refuses GraphML's own attribute
        directed = {"true": True, "false": False}[found["directed"]]
        assert default or not directed
        ends = str(edge.get("source")), str(edge.get("target"))
        ties.append(_tie(*ends, found["type"], float(found["weight"]), directed))
    return actors, sorted(ties)


def _gexf_by_hand(data: bytes) -> tuple[Actors, list[Tie]]:
    ns = {"g": "http://gexf.net/1.3"}
    graph = ET.fromstring(data).find("g:graph", ns)
    assert graph is not None
    default = graph.get("defaultedgetype") == "directed"
    actors = {}
    for node in graph.iterfind("g:nodes/g:node", ns):
        kind = node.find("g:attvalues/g:attvalue[@for='0']", ns)
        assert kind is not None
        actors[str(node.get("id"))] = (str(node.get("label")), str(kind.get("value")))
    ties = []
    for edge in graph.iterfind("g:edges/g:edge", ns):
        tie_type = edge.find("g:attvalues/g:attvalue[@for='1']", ns)
        assert tie_type is not None and tie_type.get("value") == edge.get("kind")
        own = edge.find("g:attvalues/g:attvalue[@for='2']", ns)
        assert own is not None and edge.get("type") is None  # NetworkX refuses a mixed type
        directed = {"true": True, "false": False}[str(own.get("value"))]
        assert default or not directed
        ends = str(edge.get("source")), str(edge.get("target"))
        ties.append(_tie(*ends, str(edge.get("kind")), float(str(edge.get("weight"))), directed))
    return actors, sorted(ties)


@pytest.mark.parametrize(
    ("fmt", "ties"),
    [
        (NetworkFormat.GRAPHML, DIRECTED),
        (NetworkFormat.GRAPHML, UNDIRECTED),
        (NetworkFormat.GRAPHML, TIES),
        (NetworkFormat.GEXF, DIRECTED),
        (NetworkFormat.GEXF, UNDIRECTED),
        (NetworkFormat.GEXF, TIES),
        (NetworkFormat.JSON, DIRECTED),
        (NetworkFormat.JSON, UNDIRECTED),
        (NetworkFormat.JSON, TIES),
    ],
    ids=[
        "graphml-directed",
        "graphml-undirected",
        "graphml-mixed",
        "gexf-directed",
        "gexf-undirected",
        "gexf-mixed",
        "json-directed",
        "json-undirected",
        "json-mixed",
    ],
)
def test_networkx_reads_back_actors_ties_types_and_weights(
    fmt: NetworkFormat, ties: pl.DataFrame
) -> None:
    assert _read_with_networkx(fmt, _write(fmt, NODES, ties)) == _expected(NODES, ties)


@pytest.mark.parametrize(
    ("fmt", "read"),
    [(NetworkFormat.GRAPHML, _graphml_by_hand), (NetworkFormat.GEXF, _gexf_by_hand)],
    ids=["graphml", "gexf"],
)
def test_every_xml_edge_states_its_own_direction(fmt: NetworkFormat, read: Any) -> None:
    data = _write(fmt)
    assert read(data) == _expected(NODES, TIES)
    own = (
        rb'<data key="directed">(?:true|false)</data>'
        if fmt is NetworkFormat.GRAPHML
        else rb'<attvalue for="2" value="(?:true|false)"/>'
    )
    assert len(re.findall(own, data)) == TIES.height


def test_a_layer_of_one_direction_has_no_per_edge_direction() -> None:
    data = _write(NetworkFormat.GRAPHML, NODES, UNDIRECTED)
    assert b'edgedefault="undirected"' in data
    assert b" directed=" not in data
    assert b'defaultedgetype="directed"' in _write(NetworkFormat.GEXF, NODES, DIRECTED)


def test_json_has_networkx_node_link_shape_with_each_ties_direction() -> None:
    data = json.loads(_write(NetworkFormat.JSON))
    assert (data["directed"], data["multigraph"], data["graph"]) == (True, True, {})
    assert data["nodes"][0] == {
        "id": "budi santoso",
        "name": 'Budi "Bud" Santoso',
        "kind": "salesperson",
    }
    assert data["edges"][1] == {
        "source": "budi santoso",
        "target": "cv <maju> & co",
        "key": 1,
        "type": "met",
        "weight": 2.0,
        "directed": False,
    }
    assert json.loads(_write(NetworkFormat.JSON, NODES, UNDIRECTED))["directed"] is False


def _pajek_label(key: str) -> str:
    return key.replace('"', "'")


def _pajek_by_hand(text: str) -> tuple[list[str], dict[str, str], list[Tie]]:
    lines = iter(text.splitlines())
    count = int(next(lines).removeprefix("*Vertices "))
    labels = {}
    for _ in range(count):
        match = re.fullmatch(r'(\d+) "([^"]*)"', next(lines))
        assert match is not None
        labels[match[1]] = match[2]
    relations: dict[str, str] = {}
    ties, tie_type, directed = [], "", False
    for line in lines:
        header = re.fullmatch(r'\*(Arcs|Edges) :(\d+) "([^"]*)"', line)
        if header:
            directed, tie_type = header[1] == "Arcs", header[3]
            # A relation's number names the same type in its *Arcs and *Edges sections.
            assert relations.setdefault(header[2], tie_type) == tie_type
            continue
        source, target, weight = line.split(" ")
        ties.append(_tie(labels[source], labels[target], tie_type, float(weight), directed))
    return list(labels.values()), relations, sorted(ties)


def test_pajek_keeps_every_relation_with_its_arcs_and_edges() -> None:
    labels, relations, ties = _pajek_by_hand(_write(NetworkFormat.PAJEK).decode())
    assert labels == [_pajek_label(key) for key in NODES["key"]]
    types = sorted(set(TIES["type"]))
    assert relations == {str(number): name for number, name in enumerate(types, start=1)}
    expected = TIES.with_columns(pl.col("source", "target").map_elements(_pajek_label, pl.String))
    assert ties == _expected(NODES, expected)[1]


@pytest.mark.parametrize("ties", [DIRECTED, UNDIRECTED], ids=["arcs", "edges"])
def test_networkx_reads_a_pajek_file_of_one_relation(ties: pl.DataFrame) -> None:
    knows = ties.filter(pl.col("type") == ties["type"][0])
    graph = nx.read_pajek(io.BytesIO(_write(NetworkFormat.PAJEK, NODES, knows)))
    assert list(graph.nodes) == [_pajek_label(key) for key in NODES["key"]]
    assert graph.is_directed() == knows["directed"][0]
    read = sorted(
        _tie(s, t, "", d["weight"], graph.is_directed()) for s, t, d in graph.edges(data=True)
    )
    rows = knows.select(pl.col("source", "target").map_elements(_pajek_label, pl.String), "weight")
    assert read == sorted(_tie(s, t, "", w, graph.is_directed()) for s, t, w in rows.iter_rows())


def _dl_by_hand(text: str) -> tuple[dict[str, str], list[str], list[str], dict[str, list[Any]]]:
    lines = text.splitlines()
    header = dict(field.split("=") for field in lines[0].split()[1:])
    labels = lines.index("labels:")
    matrices = lines.index("matrix labels:")
    embedded = lines.index("labels embedded:")
    assert lines[embedded + 1] == "data:"
    keys = [shlex.split(line)[0] for line in lines[labels + 1 : matrices]]
    names = [shlex.split(line)[0] for line in lines[matrices + 1 : embedded]]
    blocks = "\n".join(lines[embedded + 2 :]).split("\n!\n")
    cells = {
        name: sorted((s, t, float(w)) for s, t, w in map(shlex.split, block.splitlines()))
        for name, block in zip(names, blocks, strict=True)
    }
    return header, keys, names, cells


def test_dl_has_one_matrix_per_tie_type_with_undirected_ties_both_ways() -> None:
    header, keys, names, cells = _dl_by_hand(_write(NetworkFormat.DL).decode())
    assert header == {"n": "7", "nm": "5", "format": "edgelist1"}
    assert keys == [_pajek_label(key) for key in NODES["key"]]  # the isolate included
    assert names == sorted(set(TIES["type"]))
    expected: dict[str, list[Any]] = {name: [] for name in names}
    for source, target, tie_type, weight, directed in TIES.iter_rows():
        source, target = _pajek_label(source), _pajek_label(target)
        expected[tie_type].append((source, target, weight))
        if not directed:
            expected[tie_type].append((target, source, weight))
    assert cells == {name: sorted(rows) for name, rows in expected.items()}


def test_dl_quotes_only_the_labels_ucinet_would_split() -> None:
    keys = ["!bang", "a,b", "c=d", "e'f", "g h", 'i"j', "k\nl", "plain-key_1"]
    nodes = pl.DataFrame({"key": keys, "name": keys, "kind": ["company"] * len(keys)})
    ties = pl.DataFrame(
        {
            "source": ["a,b"],
            "target": ["plain-key_1"],
            "type": ["ikut serta"],
            "weight": [1.0],
            "directed": [True],
        }
    )
    lines = _write(NetworkFormat.DL, nodes, ties).decode().splitlines()
    labels = lines[lines.index("labels:") + 1 : lines.index("matrix labels:")]
    quoted = ['"!bang"', '"a,b"', '"c=d"', '"e\'f"', '"g h"', '"i\'j"', '"k l"', "plain-key_1"]
    assert labels == quoted
    assert lines[lines.index("matrix labels:") + 1] == '"ikut serta"'
    assert lines[-1] == '"a,b" plain-key_1 1.0'


def test_a_layer_without_ties_keeps_its_isolates_in_every_format() -> None:
    none = TIES.clear()
    for fmt in (NetworkFormat.GRAPHML, NetworkFormat.GEXF, NetworkFormat.JSON):
        assert _read_with_networkx(fmt, _write(fmt, NODES, none)) == _expected(NODES, none)
    graph = nx.read_pajek(io.BytesIO(_write(NetworkFormat.PAJEK, NODES, none)))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (NODES.height, 0)
    dl = _write(NetworkFormat.DL, NODES, none).decode().splitlines()
    assert dl[0] == "DL n=7 format=edgelist1"
    assert dl[-2:] == ["labels embedded:", "data:"]


_NAMED = (NetworkFormat.GRAPHML, NetworkFormat.GEXF, NetworkFormat.JSON)


@pytest.mark.parametrize("fmt", list(NetworkFormat))
def test_a_path_and_a_stream_receive_the_same_bytes(tmp_path: Path, fmt: NetworkFormat) -> None:
    path = tmp_path / f"layer{SUFFIXES[fmt]}"
    write_network(path, fmt, NODES, TIES)
    stream = io.BytesIO()
    write_network(stream, fmt, NODES, TIES)
    assert not stream.closed
    assert path.read_bytes() == stream.getvalue()
    assert stream.getvalue().decode().count("Yayasan" if fmt in _NAMED else "yayasan") == 1


@pytest.mark.parametrize("fmt", list(NetworkFormat))
def test_writing_in_chunks_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, fmt: NetworkFormat
) -> None:
    whole = _write(fmt)
    monkeypatch.setattr(network_text, "CHUNK_ROWS", 2)
    assert _write(fmt) == whole


def test_the_suffixes_are_those_the_tools_expect() -> None:
    assert {fmt.value: suffix for fmt, suffix in SUFFIXES.items()} == {
        "graphml": ".graphml",
        "gexf": ".gexf",
        "dl": ".dl",
        "pajek": ".net",
        "json": ".json",
    }


def test_characters_xml_cannot_carry_become_replacement_characters() -> None:
    nodes = NODES.with_columns(pl.col("name").str.replace("Siti", "Si\x01ti"))
    for fmt in (NetworkFormat.GRAPHML, NetworkFormat.GEXF):
        actors, _ = _read_with_networkx(fmt, _write(fmt, nodes, DIRECTED))
        assert actors["siti-nurhaliza"][0] == "Si\ufffdti Nurhaliza"


@pytest.mark.parametrize(
    ("nodes", "ties", "words"),
    [
        (NODES.drop("kind"), TIES, "nodes: missing column(s) kind"),
        (NODES, TIES.drop("weight", "directed"), "ties: missing column(s) weight, directed"),
        (NODES, TIES.with_columns(weight=None), "ties: null values"),
        (NODES.head(2), TIES, "every source and target"),
    ],
)
def test_a_layer_no_format_could_hold_is_refused(
    nodes: pl.DataFrame, ties: pl.DataFrame, words: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(words)):
        _write(NetworkFormat.GRAPHML, nodes, ties)


_TEXT = st.text(st.sampled_from(list("aZ é漢ñ,;'\"<&>\t\n\r")), min_size=1, max_size=5)
_KINDS = st.sampled_from(["salesperson", "entrepreneur", "company", "organization"])
_WEIGHTS = st.floats(min_value=1e-300, max_value=1e300, allow_nan=False, allow_infinity=False)


@st.composite
def _layers(draw: st.DrawFn, *, mixed: bool) -> tuple[pl.DataFrame, pl.DataFrame]:
    keys = sorted(draw(st.lists(_TEXT, min_size=1, max_size=6, unique=True)))
    nodes = pl.DataFrame(
        {"key": keys, "name": [draw(_TEXT) for _ in keys], "kind": [draw(_KINDS) for _ in keys]}
    )
    triples = [
        (s, t, k) for s in keys for t in keys if s != t for k in ("knows", "met", "ikut serta")
    ]
    chosen = draw(st.lists(st.sampled_from(triples), unique=True, max_size=8)) if triples else []
    uniform = draw(st.booleans())
    rows = [
        (s, t, k, draw(_WEIGHTS), draw(st.booleans()) if mixed else uniform) for s, t, k in chosen
    ]
    schema = {
        "source": pl.String,
        "target": pl.String,
        "type": pl.String,
        "weight": pl.Float64,
        "directed": pl.Boolean,
    }
    return nodes, pl.DataFrame(rows, schema=schema, orient="row")


@pytest.mark.parametrize(
    ("fmt", "mixed"),
    [(NetworkFormat.GRAPHML, True), (NetworkFormat.GEXF, True), (NetworkFormat.JSON, True)],
    ids=["graphml", "gexf", "json"],
)
def test_any_small_layer_reads_back_through_networkx(fmt: NetworkFormat, mixed: bool) -> None:
    @settings(max_examples=40, deadline=None)
    @given(_layers(mixed=mixed))
    def check(layer: tuple[pl.DataFrame, pl.DataFrame]) -> None:
        nodes, ties = layer
        assert _read_with_networkx(fmt, _write(fmt, nodes, ties)) == _expected(nodes, ties)

    check()
