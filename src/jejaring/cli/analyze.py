"""``jejaring analyze`` (measure a layer of the stored network) and ``jejaring analyses``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from jejaring.analytics.metrics import DEFAULT_PIVOTS_ABOVE
from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit
from jejaring.cli.engine_options import EngineOption, MasterOption, check_master
from jejaring.cli.layer_options import AtOption, CoMembershipOption, ScopeOption, TieTypeOption
from jejaring.cli.metrics import OutOption, PivotsOption, SeedOption
from jejaring.cli.tables import HEADLINE, print_measures, print_summary, render_notice
from jejaring.domain.analyses import Grouping, Layer, Scope
from jejaring.i18n import _
from jejaring.io.tables import write_table
from jejaring.services.analyses import (
    MAX_REACH_STEPS,
    SORTABLE,
    analyse,
    delete_analysis,
    get_analysis,
    list_analyses,
    list_values,
)
from jejaring.services.engines import SPARK_COLUMNS, Engine
from jejaring.services.pagination import MAX_LIMIT

__all__ = ["analyses", "analyze_command"]

TOP = 10


@app.command(
    "analyze",
    help=_(
        "Measure a layer of the stored network (every measure of 'jejaring metrics' and the "
        "whole-network summary) and store the results for the API and the pages."
    ),
)
def analyze_command(
    db: DbOption = None,
    tie_type: TieTypeOption = None,
    at: AtOption = None,
    directed: Annotated[
        bool,
        typer.Option(
            "--directed", help=_("Respect tie direction (an undirected tie counts both ways).")
        ),
    ] = False,
    unweighted: Annotated[
        bool, typer.Option("--unweighted", help=_("Ignore tie weights (every tie counts 1)."))
    ] = False,
    co_membership: CoMembershipOption = False,
    scope: ScopeOption = Scope.COMMUNITY,
    group: Annotated[
        Grouping | None,
        typer.Option("--group", help=_("Actor attribute for brokerage roles.")),
    ] = None,
    key: Annotated[
        str | None,
        typer.Option("--key", metavar="KEY", help=_("Name to store the analysis under.")),
    ] = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help=_("Compute and print, but do not store."))
    ] = False,
    out: OutOption = None,
    pivots_above: PivotsOption = DEFAULT_PIVOTS_ABOVE,
    seed: SeedOption = 0,
    reach_steps: Annotated[
        int | None,
        typer.Option(
            "--reach-steps",
            metavar="K",
            min=0,
            max=MAX_REACH_STEPS,
            help=_("Add k_reach: how many actors each reaches in at most K ties (not stored)."),
        ),
    ] = None,
    engine: EngineOption = Engine.LOCAL,
    master: MasterOption = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            "--parquet",
            metavar="DIR",
            file_okay=False,
            help=_(
                "With --engine spark: write the layer to DIR as Parquet (actors.parquet, "
                "ties.parquet) and let the jobs read it from there."
            ),
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    check_master(engine, master)
    if parquet is not None and engine is not Engine.SPARK:
        raise typer.BadParameter(_("only with --engine spark"), param_hint="--parquet")
    layer = Layer(
        tie_types=tuple(tie_type or ()),
        at=at.date() if at else None,
        directed=directed,
        weighted=not unweighted,
        co_membership=co_membership,
        scope=scope,
        group=group,
    )
    with context(db) as ctx:
        result = analyse(
            ctx,
            layer,
            key=key,
            seed=seed,
            pivots_above=pivots_above,
            keep=not no_store,
            engine=engine,
            master=master,
            reach_steps=reach_steps,
            parquet=parquet,
        )
    warnings = [render_notice(t, p) for t, p in result.analysis.notices]
    for warning in warnings:
        typer.echo(_("Warning: {message}").format(message=warning), err=True)
    if out is not None:
        write_table(result.frame, out)
    data = result.analysis.as_dict() | {"stored": not no_store, "warnings": warnings}
    if out is not None:
        data["out"] = str(out)
    # The Spark engine measures no betweenness: its top list is by PageRank.
    by = "betweenness" if engine is Engine.LOCAL else "pagerank"
    top = result.frame.sort(by, "actor", descending=[True, False], nulls_last=True)
    data["engine"] = engine.value
    data[f"top_{by}"] = top.head(TOP).to_dicts()

    def render(r: dict[str, Any]) -> None:
        _print_header(r)
        if r["stored"]:
            typer.echo(_("Stored as analysis {key}.").format(key=r["key"]))
        if "out" in r:
            typer.echo(
                _("Wrote {count} actors to {file}.").format(count=f"{r['actors']:,}", file=r["out"])
            )
        if by == "betweenness":
            title = _("Top {count} by betweenness:").format(count=TOP)
            print_measures(result.frame.columns, r[f"top_{by}"], slices=[HEADLINE], title=title)
        else:
            title = _("Top {count} by PageRank:").format(count=TOP)
            shown = [c for c in (*SPARK_COLUMNS, "k_reach") if c in result.frame.columns]
            print_measures(shown, r[f"top_{by}"], slices=[shown], title=title)
        print_summary(r["summary"])

    emit(data, as_json, render)


analyses = typer.Typer(
    cls=Group, help=_("Stored analyses: list, show, delete."), no_args_is_help=True
)
app.add_typer(analyses, name="analyses")


@analyses.command("list", help=_("List the stored analyses, newest first."))
def list_command(db: DbOption = None, as_json: JsonOption = False) -> None:
    with context(db) as ctx:
        found = [a.as_dict() for a in list_analyses(ctx, None)]

    def render(rows: list[dict[str, Any]]) -> None:
        if not rows:
            typer.echo(_("No analyses stored yet: run 'jejaring analyze'."))
        for r in rows:
            _print_header(r)

    emit(found, as_json, render)


@analyses.command("show", help=_("Show a stored analysis: its summary and a page of actors."))
def show_command(
    key: Annotated[str, typer.Argument(metavar="KEY", help=_("The analysis."))],
    db: DbOption = None,
    sort: Annotated[
        str, typer.Option("--sort", metavar="MEASURE", help=_("Order actors by this measure."))
    ] = "betweenness",
    ascending: Annotated[
        bool, typer.Option("--ascending", help=_("Smallest first (default: largest first)."))
    ] = False,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=MAX_LIMIT, help=_("Actors to show."))
    ] = TOP,
    as_json: JsonOption = False,
) -> None:
    if sort not in SORTABLE:
        raise typer.BadParameter(
            _("use one of {allowed}").format(allowed=", ".join(SORTABLE)), param_hint="--sort"
        )
    with context(db) as ctx:
        analysis = get_analysis(ctx, None, key)
        page = list_values(ctx, None, key, sort=sort, descending=not ascending, limit=limit)
    data = analysis.as_dict() | {"actors_shown": page.items}

    def render(r: dict[str, Any]) -> None:
        _print_header(r)
        print_measures(("actor", *SORTABLE), r["actors_shown"])
        print_summary(r["summary"])

    emit(data, as_json, render)


@analyses.command("delete", help=_("Delete a stored analysis and its values."))
def delete_command(
    key: Annotated[str, typer.Argument(metavar="KEY", help=_("The analysis."))],
    db: DbOption = None,
) -> None:
    with context(db) as ctx:
        delete_analysis(ctx, None, key)
    typer.echo(_("Deleted analysis {key}.").format(key=key))


def _print_header(r: dict[str, Any]) -> None:
    layer = r["layer"]
    types = ", ".join(layer["tie_types"]) or _("every type")
    typer.echo(
        _(
            "{key} ({created}): {actors} actors, {ties} ties; tie types: {types}; scope: {scope}"
        ).format(
            key=r["key"],
            created=r["created_at"],
            actors=f"{r['actors']:,}",
            ties=f"{r['ties']:,}",
            types=types,
            scope=layer["scope"],
        )
    )
