"""``jejaring reach``: demand, territories and customers an actor reaches alone, with its
active partners and within k steps."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from jejaring.cli.acting import AsOption
from jejaring.cli.app import DbOption, JsonOption, app, context, emit
from jejaring.cli.layer_options import TieTypeOption
from jejaring.i18n import _
from jejaring.services.identity import user_by_email
from jejaring.services.reach import actor_reach

__all__ = ["reach_command"]


@app.command(
    "reach",
    help=_(
        "Reach of an actor: territories with demand, their demand and customers, alone, "
        "through active partners and within K steps."
    ),
)
def reach_command(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help=_("The actor."))],
    k: Annotated[int, typer.Option("--k", min=0, max=6, help=_("Steps through the network."))] = 2,
    tie_type: TieTypeOption = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        report = actor_reach(
            ctx, user_by_email(ctx, as_user), actor, k=k, tie_types=tuple(tie_type or ())
        )

    def render(r: dict[str, Any]) -> None:
        table = Table(
            "", _("territories"), _("demand"), _("customers"),
            title=_("Reach of {actor}").format(actor=r["actor"]),
        )  # fmt: skip
        rows = [
            (_("alone"), r["alone"]),
            (_("with partners"), r["with_partners"]["combined"]),
            (_("  added by partners"), r["with_partners"]["added"]),
            (_("within {k} steps").format(k=r["k"]), r["within_k"]["combined"]),
            (_("  added by the network"), r["within_k"]["added"]),
        ]
        for label, f in rows:
            customers = "-" if f["customers"] is None else str(f["customers"])
            table.add_row(label, f"{f['territories']:,}", f"{f['demand']:,.0f}", customers)
        Console().print(table)
        partners = ", ".join(r["with_partners"]["partners"]) or "-"
        typer.echo(_("Partners: {partners}").format(partners=partners))

    emit(report.as_dict(), as_json, render)
