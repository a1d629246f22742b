"""``jejaring metrics EDGES.csv``: the per-actor metrics table of an edge list, no database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from jejaring.analytics.metrics import DEFAULT_PIVOTS_ABOVE
from jejaring.cli.app import JsonOption, app, emit
from jejaring.cli.tables import print_measures, print_summary, render_notice
from jejaring.i18n import _
from jejaring.io.tables import TABLE_SUFFIXES
from jejaring.services.metrics import MetricsReport, compute_metrics, write_metrics

__all__ = ["metrics_command"]


def _check_out(value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() not in TABLE_SUFFIXES:
        suffixes = ", ".join(TABLE_SUFFIXES)
        raise typer.BadParameter(_("use a file ending in {suffixes}").format(suffixes=suffixes))
    return value


EdgesArgument = Annotated[
    Path,
    typer.Argument(exists=True, dir_okay=False, metavar="EDGES.csv", help=_("Edge list CSV file.")),
]
DirectedOption = Annotated[
    bool, typer.Option("--directed", help=_("Treat ties as directed (source -> target)."))
]
WeightOption = Annotated[
    str | None,
    typer.Option(
        "--weight", metavar="COLUMN", help=_("Column holding tie strengths (positive numbers).")
    ),
]
NodesOption = Annotated[
    Path | None,
    typer.Option(
        "--nodes",
        exists=True,
        dir_okay=False,
        metavar="NODES.csv",
        help=_("Actors, including those without ties (column actor, key or the first)."),
    ),
]
GroupOption = Annotated[
    str | None,
    typer.Option(
        "--group",
        metavar="COLUMN",
        help=_("Column of the node file naming each actor's group (adds brokerage roles)."),
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        metavar="FILE",
        callback=_check_out,
        help=_("Write the table to a .csv, .xlsx or .json file."),
    ),
]
SummaryOption = Annotated[
    bool, typer.Option("--summary", help=_("Also give the whole-network summary."))
]
PivotsOption = Annotated[
    int,
    typer.Option(
        "--betweenness-pivots-above",
        metavar="N",
        min=2,
        help=_(
            "Above N actors, estimate betweenness, closeness and harmonic centrality "
            "from sampled actors."
        ),
    ),
]
SeedOption = Annotated[
    int, typer.Option("--seed", help=_("Seed for community detection and sampling."))
]


@app.command(
    "metrics",
    help=_(
        "Per-actor network metrics of an edge list (CSV with source,target[,weight]): "
        "centralities, Burt's structural holes, clustering, k-cores, components, "
        "communities and, with --group, brokerage roles. No database is used."
    ),
)
def metrics_command(
    edges: EdgesArgument,
    directed: DirectedOption = False,
    weight: WeightOption = None,
    nodes: NodesOption = None,
    group: GroupOption = None,
    out: OutOption = None,
    with_summary: SummaryOption = False,
    pivots_above: PivotsOption = DEFAULT_PIVOTS_ABOVE,
    seed: SeedOption = 0,
    as_json: JsonOption = False,
) -> None:
    if group is not None and nodes is None:
        raise typer.BadParameter(_("--group needs --nodes"), param_hint="--group")
    report = compute_metrics(
        edges, directed=directed, weight=weight, nodes=nodes, group=group,
        with_summary=with_summary, pivots_above=pivots_above, seed=seed,
    )  # fmt: skip
    warnings = [render_notice(n.template, n.params) for n in report.notices]
    for warning in warnings:
        typer.echo(_("Warning: {message}").format(message=warning), err=True)
    result: dict[str, Any] = {}
    if out is not None:
        write_metrics(report, out)
        result["out"] = str(out)
        result["actors_written"] = report.actors
    else:
        result["actors"] = list(report.rows())
    if report.summary is not None:
        result["summary"] = report.summary
    result["warnings"] = warnings
    emit(result, as_json, lambda r: _show(report, r))


def _show(report: MetricsReport, result: dict[str, Any]) -> None:
    if "out" in result:
        typer.echo(
            _("Wrote {count} actors to {file}.").format(
                count=f"{report.actors:,}", file=result["out"]
            )
        )
    else:
        print_measures(report.columns, result["actors"])
    if report.summary is not None:
        print_summary(report.summary)
