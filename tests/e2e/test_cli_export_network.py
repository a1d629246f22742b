"""``jejaring export --format``: a stored layer as a network file, read back by NetworkX."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from jejaring.cli import app
from jejaring.config import Settings
from jejaring.domain.actors import Visibility
from jejaring.services.bootstrap import bootstrap
from tests.factories import actor, persist, tie

runner = CliRunner()
COMMUNITY = Visibility.COMMUNITY


def _community(db_url: str) -> None:
    ctx = bootstrap(Settings(database_url=db_url))
    with ctx.uow() as uow:
        persist(
            uow,
            *(actor(k, home_territory="32") for k in "abcd"),
            actor("e", home_territory="33"),  # an isolate of every layer
            tie("a", "b", "partner_of", weight=2.5, visibility=COMMUNITY),
            tie("a", "b", "knows", directed=True, visibility=COMMUNITY),
            tie("b", "c", "knows", directed=True, visibility=COMMUNITY),
            tie("c", "d", "kinship"),  # private: only in scope all
        )
        uow.commit()
    ctx.close()


def _export(db_url: str, path: Path, *options: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["export", str(path), "--db", db_url, *options, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("suffix", "read"), [(".graphml", nx.read_graphml), (".gexf", nx.read_gexf)]
)
def test_networkx_reads_back_the_layer(db_url: str, tmp_path: Path, suffix: str, read) -> None:  # type: ignore[no-untyped-def]
    _community(db_url)
    made = _export(db_url, tmp_path / f"community{suffix}")
    assert (made["actors"], made["ties"]) == (5, 3)
    graph = read(made["path"])
    assert sorted(graph.nodes) == ["a", "b", "c", "d", "e"]
    edges = sorted((u, v, d["type"], float(d["weight"])) for u, v, d in graph.edges(data=True))
    assert edges == [
        ("a", "b", "knows", 1.0),
        ("a", "b", "partner_of", 2.5),
        ("b", "c", "knows", 1.0),
    ]


def test_a_layer_by_type_and_scope(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    social = _export(
        db_url,
        tmp_path / "social.json",
        "--tie-type",
        "kinship",
        "--tie-type",
        "role",
        "--scope",
        "all",
    )
    body = json.loads(Path(social["path"]).read_text("utf-8"))
    types = sorted(link["type"] for link in body["edges"])
    assert types == ["kinship", "partner_of"]  # partner_of is a role; kinship private, in scope
    dl = _export(db_url, tmp_path / "knows.txt", "--format", "dl", "--tie-type", "knows")
    assert dl["format"] == "dl" and dl["ties"] == 2
    assert Path(dl["path"]).read_text("utf-8").startswith("DL n=5 nm=1 format=edgelist1")


def test_layer_options_without_a_format_are_a_usage_error(db_url: str, tmp_path: Path) -> None:
    _community(db_url)
    result = runner.invoke(
        app, ["export", str(tmp_path / "b.zip"), "--db", db_url, "--scope", "all"]
    )
    assert result.exit_code == 2 and "--format" in result.output
    assert not (tmp_path / "b.zip").exists()
