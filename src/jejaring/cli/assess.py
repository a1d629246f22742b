"""``jejaring assess``: import capability answers, print scores and reliability, export them."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit, fail
from jejaring.cli.bundle import SHOWN
from jejaring.i18n import _
from jejaring.services.advice import advise
from jejaring.services.assessments import export_assessments, import_assessments
from jejaring.services.capability import reliability, scores
from jejaring.services.indicators import behaviour

__all__ = ["assess"]

assess = typer.Typer(
    cls=Group,
    help=_("Network capability self-assessments: import answers, scores, reliability, export."),
    no_args_is_help=True,
)
app.add_typer(assess, name="assess")

VersionOption = Annotated[
    str | None,
    typer.Option(
        "--instrument", metavar="VERSION", help=_("Instrument version (default: current).")
    ),
]


def _figure(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


@assess.command(
    "import", help=_("Import answers from CSV (actor,respondent,taken_at,C1,...): all or nothing.")
)
def import_command(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=_("The CSV file."))],
    version: VersionOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Check every row and count; write nothing."))
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        report = import_assessments(ctx, path, version=version, dry_run=dry_run)
    if report.errors:
        if as_json:
            emit([e.as_dict() for e in report.errors], True, print)
        else:
            for problem in report.errors[:SHOWN]:
                typer.echo(str(problem))
        fail(
            _("{count} problems in {path}: nothing was written.").format(
                count=f"{len(report.errors):,}", path=path.name
            )
        )
    data = {
        "written": report.written,
        "actors": report.actors,
        "version": report.version,
        "dry_run": report.dry_run,
    }

    def render(d: dict[str, Any]) -> None:
        line = _("Dry run: {written} answers of {actors} actors are valid; nothing was written.")
        if not d["dry_run"]:
            line = _("Imported {written} answers of {actors} actors (instrument {version}).")
        typer.echo(line.format(**d))

    emit(data, as_json, render)


@assess.command("scores", help=_("Each actor's capability scores in its latest round."))
def scores_command(
    actor: Annotated[
        str | None, typer.Option("--actor", metavar="KEY", help=_("Only this actor."))
    ] = None,
    at_round: Annotated[
        str | None,
        typer.Option("--round", metavar="YYYY-H1|H2", help=_("This round instead of the latest.")),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = scores(ctx, None, actor=actor, at_round=at_round)
    data = [s.as_dict() for s in found]

    def render(rows: list[dict[str, Any]]) -> None:
        heads = ["C", "R", "K", "I", _("overall")]
        actor_head, respondents_head = _("actor"), _("respondents")
        typer.echo(f"{actor_head:<24}{respondents_head:>12}" + "".join(f"{h:>9}" for h in heads))
        for row in rows:
            values = list(row.values())[2:]
            cells = "".join(f"{_figure(v):>9}" for v in values)
            typer.echo(f"{row['actor']:<24}{row['respondents']:>12}{cells}")
        typer.echo(
            _(
                "C coordination, R relational skills, K partner knowledge, "
                "I internal communication; - undefined (too few items answered)."
            )
        )

    emit(data, as_json, render)


@assess.command("reliability", help=_("Cronbach's alpha and corrected item-total correlations."))
def reliability_command(
    version: VersionOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    with context(db) as ctx:
        found = reliability(ctx, None, version=version)
    data = {key: r.as_dict() for key, r in found.items()}

    def render(d: dict[str, dict[str, Any]]) -> None:
        for key, r in d.items():
            line = _("{component}: alpha {alpha} over {n} complete respondents")
            typer.echo(line.format(component=key, alpha=_figure(r["alpha"], 3), n=r["n"]))
            for item, value in r["item_total"].items():
                typer.echo(f"  {item:<6}{_figure(value, 3):>8}")

    emit(data, as_json, render)


@assess.command("export", help=_("Export every answer with its scores as CSV, for SPSS or R."))
def export_command(
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE", help=_("Write here, not to stdout."))
    ] = None,
    db: DbOption = None,
) -> None:
    with context(db) as ctx:
        if out is None:
            export_assessments(ctx, None, sys.stdout)
            return
        try:
            with out.open("w", encoding="utf-8", newline="") as handle:
                rows = export_assessments(ctx, None, handle)
        except OSError as error:
            fail(_("cannot write {path}: {detail}").format(path=out, detail=error.strerror))
    typer.echo(_("Wrote {rows} answers to {path}.").format(rows=rows, path=out), err=True)


@assess.command("advice", help=_("Advice on an actor's weakest capability component."))
def advice_command(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help=_("The actor's key."))],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = advise(ctx, None, actor)
    data = asdict(found)

    def render(d: dict[str, Any]) -> None:
        if d["component"] is not None:
            line = _("Weakest component in {round}: {name} ({score})")
            typer.echo(
                line.format(round=d["round"], name=d["component_name"], score=_figure(d["score"]))
            )
        typer.echo(d["text"])
        if d["feature"]:
            typer.echo(_("Where: {feature}").format(feature=d["feature"]))

    emit(data, as_json, render)


@assess.command(
    "indicators",
    help=_("Behavioural indicators of an actor beside its self-assessment, with the gap."),
)
def indicators_command(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help=_("The actor's key."))],
    at: Annotated[
        datetime | None,
        typer.Option("--at", formats=["%Y-%m-%d"], help=_("Measure on this day (YYYY-MM-DD).")),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = behaviour(ctx, None, actor, at=at.date() if at else None)
    data = asdict(found)

    def render(d: dict[str, Any]) -> None:
        head = (_("indicator"), _("value"), _("percentile"))
        typer.echo(f"{head[0]:<28}{head[1]:>10}{head[2]:>12}")
        for name, value in d["values"].items():
            typer.echo(f"{name:<28}{_figure(value):>10}{_figure(d['ranks'][name], 0):>12}")
        heads = (_("component"), _("behaviour"), _("self"), _("gap"))
        typer.echo(f"\n{heads[0]:<28}{heads[1]:>10}{heads[2]:>12}{heads[3]:>8}")
        for key, index in d["index"].items():
            mine, gap = d["self_percentile"][key], d["gap"][key]
            typer.echo(
                f"{key:<28}{_figure(index, 0):>10}{_figure(mine, 0):>12}{_figure(gap, 0):>8}"
            )
        typer.echo(
            _("Percentile ranks in the community (at least 5 actors); gap = self - behaviour.")
        )

    emit(data, as_json, render)
