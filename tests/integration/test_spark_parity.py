"""The Spark engine gives the local engine's answers (DESIGN section 9), in Spark local mode.

Exact for degree measures, components, k-step reach and portfolios; within 1e-6 for
PageRank. One Spark session serves the whole test run (its JVM takes seconds to minutes to
start on a loaded machine), graphs are small, and each test checks several measures, so the
module stays within its budget of three minutes. PySpark is imported at the top on purpose:
without the ``spark`` extra these tests fail, they do not skip.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyspark  # noqa: F401  (a missing extra fails here, loudly)
import pytest
import scipy.sparse as sp
from typer.testing import CliRunner

from jejaring.analytics import build_network, centrality, cohesion, k_reach
from jejaring.analytics.portfolio import batch_portfolios
from jejaring.cli import app
from jejaring.spark import job, spark_session
from jejaring.spark.parquet import write_layer
from jejaring.spark.portfolios import Bitsets, spark_portfolios

runner = CliRunner()
EXACT = ("degree", "in_degree", "out_degree", "weighted_degree", "component", "k_reach")
TABLE_FIELDS = (
    "own_demand", "added_demand", "upper_bound", "pick_start", "pick_actor", "pick_gain",
    "territory_start", "territory",
)  # fmt: skip


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    config = {
        "spark.sql.shuffle.partitions": "2",
        "spark.ui.enabled": "false",
        "spark.driver.memory": "512m",
    }
    with spark_session("local[2]", config=config) as session:
        yield session


def _layer(n: int, m: int, seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Actors (some isolated) and a multiplex tie list with loops, duplicates, both kinds."""
    rng = np.random.default_rng(seed)
    keys = [f"a{i:03d}" for i in range(n)]
    cut = int(n * 0.9)  # the last tenth has no tie: isolates and several components
    source, target = rng.integers(0, cut, m), rng.integers(0, cut, m)
    ties = pl.DataFrame(
        {
            "source": [keys[i] for i in source],
            "target": [keys[i] for i in target],
            "weight": rng.integers(1, 6, m) * 0.5,  # halves: sums are exact in any order
            "directed": rng.random(m) < 0.5,
        }
    )
    return pl.DataFrame({"key": keys}), ties


def _local(actors: pl.DataFrame, ties: pl.DataFrame, *, directed: bool) -> Any:
    """The network the local engine builds from a layer (as ``LayerData.network``)."""
    if directed:
        back = ties.filter(~pl.col("directed")).with_columns(
            source=pl.col("target"), target=pl.col("source")
        )
        ties = pl.concat([ties, back])
    weights = ties["weight"].to_numpy()
    return build_network(
        ties["source"], ties["target"], weights=weights, directed=directed, actors=actors["key"]
    )


def test_the_submitted_job_on_a_directed_parquet_layer_matches_the_local_engine(
    spark: Any, tmp_path: Path
) -> None:
    actors, ties = _layer(150, 260, seed=11)
    write_layer(actors, ties, tmp_path / "layer")
    argv = [str(tmp_path / "layer"), str(tmp_path / "out"), "--directed", "--reach-steps", "2"]
    assert job.main(argv) == 0
    frame = pl.read_parquet(tmp_path / "out" / "measures.parquet" / "*.parquet").sort("actor")
    G = _local(actors, ties, directed=True)
    assert frame["actor"].to_list() == G.keys
    expected = {
        "degree": centrality.degree(G).array,
        "in_degree": centrality.in_degree(G).array,
        "out_degree": centrality.out_degree(G).array,
        "weighted_degree": centrality.weighted_degree(G).array,
        "component": cohesion.components(G).array,
        "k_reach": k_reach(G, k=2).array,
    }
    for name in EXACT:
        assert np.array_equal(frame[name].to_numpy(), expected[name]), name
    assert len(set(expected["component"].tolist())) > 10  # isolates: many components
    local = centrality.pagerank(G).array
    assert np.abs(frame["pagerank"].to_numpy() - local).max() <= 1e-6
    assert abs(frame["pagerank"].sum() - 1.0) < 1e-9


def test_portfolios_match_the_local_engine_exactly(spark: Any) -> None:
    rng = np.random.default_rng(5)
    covers = sp.csr_array(rng.random((400, 70)) < 0.06)
    demand = rng.integers(1, 40, 70) * 0.25  # many equal gains: the tie-break is tested too
    local = batch_portfolios(covers, demand, 4)
    found = spark_portfolios(spark, covers, demand, 4, partitions=3)
    for name in TABLE_FIELDS:
        assert np.array_equal(getattr(found, name), getattr(local, name)), name
    assert found.total_demand == local.total_demand
    assert len(found) == 400 and int(found.pick_start[-1]) > 400
    assert (Bitsets(covers).covers() != covers).nnz == 0
    some = spark_portfolios(spark, covers, demand, 4, partitions=2, focal=range(100, 180))
    assert some.first == 100 and [some[a] for a in range(100, 180)] == [
        local[a] for a in range(100, 180)
    ]


def _demo_db(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "spark.db"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    made = runner.invoke(app, ["demo", "--db", url, "--actors", "120", "--seed", "3"])
    assert made.exit_code == 0, made.output
    return url


def _json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_engines_agree_on_a_demo_community(
    spark: Any, sqlite_template: Path, tmp_path: Path
) -> None:
    url = _demo_db(sqlite_template, tmp_path)
    common = ["analyze", "--db", url, "--scope", "all", "--reach-steps", "3"]
    local_out, spark_out = tmp_path / "local.csv", tmp_path / "spark.csv"
    _json(*common, "--key", "local", "--out", str(local_out))
    made = _json(
        *common, "--key", "spark", "--out", str(spark_out), "--engine", "spark",
        "--master", "local[2]", "--parquet", str(tmp_path / "staged"),
    )  # fmt: skip
    assert (tmp_path / "staged" / "ties.parquet").is_file()
    assert made["engine"] == "spark" and made["stored"] is True
    assert made["warnings"] and "Spark engine" in made["warnings"][0]
    local, found = pl.read_csv(local_out), pl.read_csv(spark_out)
    assert found["actor"].to_list() == local["actor"].to_list()
    assert found.height == made["actors"] and made["ties"] > 100
    for name in EXACT:
        assert found[name].to_list() == local[name].to_list(), name
    assert (found["pagerank"] - local["pagerank"]).abs().max() <= 1e-6  # type: ignore[operator]
    assert found["betweenness"].null_count() == found.height  # not measured by Spark
    stored = _json("analyses", "show", "spark", "--db", url, "--sort", "pagerank", "--limit", "5")
    top = _json("analyses", "show", "local", "--db", url, "--sort", "pagerank", "--limit", "5")
    assert [r["actor"] for r in stored["actors_shown"]] == [r["actor"] for r in top["actors_shown"]]
    summary = stored["summary"]
    for figure in ("nodes", "ties", "density", "components", "largest_component_share"):
        assert summary[figure] == pytest.approx(top["summary"][figure], rel=1e-12), figure
    assert summary["diameter"] is None

    every = ["partners", "--all", "--db", url, "-k", "3"]
    alone = _json(*every)
    shared = _json(*every, "--engine", "spark", "--master", "local[2]")
    assert shared["engine"] == "spark"
    assert shared["portfolios"] == alone["portfolios"] and len(alone["portfolios"]) > 50
