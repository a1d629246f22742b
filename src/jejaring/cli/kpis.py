"""``jejaring kpis``: an actor's or a cooperation's KPIs of performance from cooperation."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any

import typer

from jejaring.cli.app import DbOption, JsonOption, app, context, emit, fail
from jejaring.i18n import _
from jejaring.services.cooperation_kpis import cooperation_kpis
from jejaring.services.kpis import actor_kpis

__all__ = ["kpis_command"]


@app.command(
    "kpis",
    help=_(
        "KPIs of performance from cooperation over a period (default: the last 365 days), "
        "of an actor or of a cooperation (--cooperation)."
    ),
)
def kpis_command(
    actor: Annotated[
        str | None,
        typer.Argument(metavar="[ACTOR]", help=_("The actor's key."), show_default=False),
    ] = None,
    cooperation: Annotated[
        str | None,
        typer.Option("--cooperation", metavar="KEY", help=_("A cooperation instead of an actor.")),
    ] = None,
    start: Annotated[
        datetime | None,
        typer.Option("--start", formats=["%Y-%m-%d"], help=_("First day of the KPI period.")),
    ] = None,
    end: Annotated[
        datetime | None,
        typer.Option("--end", formats=["%Y-%m-%d"], help=_("Day after the KPI period.")),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    if (actor is None) == (cooperation is None):
        fail(_("give an actor or --cooperation KEY, not both"), 2)
    low, high = (start.date() if start else None), (end.date() if end else None)
    with context(db) as ctx:
        if cooperation is not None:
            data: dict[str, Any] = asdict(
                cooperation_kpis(ctx, None, cooperation, start=low, end=high)
            )
        else:
            assert actor is not None
            data = asdict(actor_kpis(ctx, None, actor, start=low, end=high))

    def render(d: dict[str, Any]) -> None:
        for name, value in d.items():
            shown = str(value)
            if isinstance(value, float):
                shown = f"{value:,.2f}" if abs(value) >= 1 or value == 0 else f"{value:.4g}"
            typer.echo(f"{name:<28}{shown:>16}")

    emit(data, as_json, render)
