"""``jejaring map``: account mapping between two partners, at the level the other one allows."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from jejaring.cli.acting import AsOption
from jejaring.cli.app import DbOption, JsonOption, app, context, emit
from jejaring.domain.errors import N_
from jejaring.i18n import _
from jejaring.services.identity import user_by_email
from jejaring.services.mapping import map_accounts

__all__ = ["map_command"]

_TITLES = {
    "customers_in_common": N_("Customers in common"),
    "a_prospects_b_customers": N_("{a}'s prospects that are {b}'s customers"),
    "b_prospects_a_customers": N_("{b}'s prospects that are {a}'s customers"),
}


@app.command(
    "map",
    help=_(
        "Account mapping: how A's customers and prospects overlap B's, as far as B's sharing "
        "policy allows (counts, overlapping records, or the shared segments)."
    ),
)
def map_command(
    a: Annotated[str, typer.Argument(metavar="A", help=_("The actor acted for."))],
    b: Annotated[str, typer.Argument(metavar="B", help=_("The partner mapped against."))],
    cooperation: Annotated[
        str | None,
        typer.Option("--coop", metavar="KEY", help=_("The cooperation (when they share several).")),
    ] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = map_accounts(ctx, user_by_email(ctx, as_user), a, b, cooperation=cooperation)

    def render(r: dict[str, Any]) -> None:
        typer.echo(
            _("{a} and {b} in {cooperation}; {b} shares at level {level}.").format(
                a=r["a"], b=r["b"], cooperation=r["cooperation"], level=r["level"]
            )
        )
        for name, counts in r["categories"].items():
            title = _(_TITLES[name]).format(a=r["a"], b=r["b"])
            typer.echo(f"{title}: {counts['total']}")
            for label, part in (
                (_("by territory"), "by_territory"),
                (_("by segment"), "by_segment"),
            ):
                cells = ", ".join(f"{k} {v}" for k, v in counts[part].items())
                if cells:
                    typer.echo(f"  {label}: {cells}")
        for o in r["overlaps"] or []:
            record = ", ".join(f"{k}={v}" for k, v in o["b"].items() if v is not None)
            typer.echo(
                _("  {a_key} ~ {record} ({rule})").format(
                    a_key=o["a_key"], record=record, rule=o["rule"]
                )
            )
        if r["shared"] is not None:
            typer.echo(
                _("{b} shares {count} records of its shared segments (see --json).").format(
                    b=r["b"], count=len(r["shared"])
                )
            )

    emit(found.as_dict(), as_json, render)
