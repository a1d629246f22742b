"""``jejaring partners``: the portfolio and ranked candidates of one actor, or every actor's."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from jejaring.cli.app import DbOption, JsonOption, app, context, emit, fail
from jejaring.cli.engine_options import EngineOption, MasterOption, check_master
from jejaring.cli.metrics import OutOption
from jejaring.i18n import _, number
from jejaring.io.tables import write_table
from jejaring.services.engines import Engine
from jejaring.services.partners import (
    DEFAULT_TRUST_TYPES,
    PartnerAnswer,
    PartnerQuery,
    all_portfolios,
    find_partners,
)

__all__ = ["partners_command"]


@app.command(
    "partners",
    help=_(
        "Find strategic partners for ACTOR: the portfolio of at most K partners that adds the "
        "most demand ACTOR does not cover (with a certified bound on the optimum), and "
        "candidates ranked by coverage, customers, resources, proximity and capability."
    ),
)
def partners_command(
    actor: Annotated[str | None, typer.Argument(help=_("The actor's key."))] = None,
    k: Annotated[int, typer.Option("-k", "--k", help=_("Most partners to pick."))] = 5,
    exact: Annotated[
        bool, typer.Option("--exact", help=_("Solve the MILP with HiGHS (slower, certified)."))
    ] = False,
    time_limit: Annotated[
        float, typer.Option("--time-limit", metavar="S", help=_("Seconds for --exact."))
    ] = 60.0,
    tie_type: Annotated[
        list[str] | None,
        typer.Option(
            "--tie-type",
            metavar="TYPE",
            help=_("Trust layer for proximity (repeatable; default: {types}).").format(
                types=", ".join(DEFAULT_TRUST_TYPES)
            ),
        ),
    ] = None,
    exclude_competitors: Annotated[
        bool,
        typer.Option(
            "--exclude-competitors", help=_("Leave out candidates of ACTOR's primary sector.")
        ),
    ] = False,
    weights: Annotated[
        str,
        typer.Option(
            "--weights",
            metavar="W",
            help=_("Score weights, e.g. coverage=0.5,proximity=0.3 (others keep defaults)."),
        ),
    ] = "",
    limit: Annotated[int, typer.Option("--limit", metavar="N", help=_("Candidates to list."))] = 20,
    every: Annotated[
        bool, typer.Option("--all", help=_("Every actor's greedy portfolio, in one batch."))
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            metavar="N",
            min=1,
            help=_("Processes for --all (default: one per core)."),
        ),
    ] = None,
    engine: EngineOption = Engine.LOCAL,
    master: MasterOption = None,
    out: OutOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    if every == (actor is not None):
        fail(_("give either ACTOR or --all"), 2)
    check_master(engine, master)
    if engine is Engine.SPARK and not every:
        fail(_("the Spark engine computes every actor's portfolio: add --all"), 2)
    if engine is Engine.SPARK and workers is not None:
        fail(_("--workers is for the local engine; Spark's master decides the parallelism"), 2)
    if every:
        _batch(db, k, out, as_json, workers, engine, master)
        return
    assert actor is not None
    with context(db) as ctx:
        query = PartnerQuery.of(
            actor,
            k=k,
            exact=exact,
            time_limit=time_limit,
            tie_types=tie_type,
            exclude_competitors=exclude_competitors,
            weights=weights,
            limit=limit,
        )
        answer = find_partners(ctx, None, query)
    if out is not None:
        rows = [{"rank": i + 1, **vars(c)} for i, c in enumerate(answer.candidates)]
        write_table(pl.DataFrame(rows), out, sheet="candidates")
    emit(answer.as_dict(), as_json, lambda _data: _render(answer))


def _render(answer: PartnerAnswer) -> None:
    console = Console(highlight=False)
    console.print(
        _(
            "{actor} covers demand {own} of {total}; {picked} partners add {added} (the best "
            "{k} could add at most {bound})."
        ).format(
            actor=answer.actor,
            own=number(answer.own_demand),
            total=number(answer.total_demand),
            picked=len(answer.portfolio),
            added=number(answer.added_demand),
            k=answer.k,
            bound=number(answer.upper_bound),
        )
    )
    if answer.total_demand == 0:
        hint = _(
            "No territory has demand yet, so there is nothing to add: give territories a "
            "demand in territories.csv and import it (see docs/bundle.md)."
        )
        console.print(hint, style="yellow")
    if answer.optimal is not None:
        console.print(_("Proven optimal.") if answer.optimal else _("Not proven optimal."))
    console.print("\n" + _("Portfolio"), style="bold")
    for i, entry in enumerate(answer.portfolio, 1):
        console.print(f"{i}. {entry.partner}  +{number(entry.added_demand)}")
        console.print(f"   {entry.reason}")
    console.print("\n" + _("Candidates"), style="bold")
    for i, c in enumerate(answer.candidates, 1):
        parts = _(
            "score {score}: coverage {coverage}, customers {customers}, resources "
            "{resources}, proximity {proximity}, capability {capability}"
        ).format(
            score=number(c.score, 3),
            coverage=number(c.coverage_gain, 3),
            customers=number(c.customer_complementarity, 3),
            resources=number(c.resource_complementarity, 3),
            proximity=number(c.proximity, 3),
            capability="-" if c.capability is None else number(c.capability, 3),
        )
        console.print(f"{i}. {c.partner}  {parts}")
        console.print(f"   {c.reason}")


def _batch(
    db: str | None,
    k: int,
    out: Path | None,
    as_json: bool,
    workers: int | None,
    engine: Engine,
    master: str | None,
) -> None:
    with context(db) as ctx, _progress() as progress:
        table = all_portfolios(
            ctx, k=k, progress=progress, workers=workers, engine=engine, master=master
        )
    if out is not None:
        write_table(table, out, sheet="portfolios")
    mean = table["added_demand"].mean() if table.height else 0.0
    data: dict[str, object] = {
        "actors": table.height,
        "k": k,
        "engine": engine.value,
        "mean_added_demand": mean,
        "out": str(out) if out else None,
    }
    if as_json and out is None:
        data["portfolios"] = table.to_dicts()

    def render(d: dict[str, object]) -> None:
        line = _("{actors} portfolios of at most {k} partners; mean added demand {mean}.")
        mean = d["mean_added_demand"]
        assert isinstance(mean, float)
        typer.echo(line.format(actors=d["actors"], k=k, mean=number(mean)))
        if out is not None:
            typer.echo(_("Written to {path}.").format(path=out))

    emit(data, as_json, render)


@contextmanager
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    if not sys.stderr.isatty():
        yield None
        return
    columns = (BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(_("portfolios"), total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
