"""``jejaring init``: create or upgrade the database and load the default territories."""

from __future__ import annotations

from typing import Annotated

import typer

from jejaring.cli.app import DbOption, JsonOption, app, context, emit
from jejaring.i18n import _
from jejaring.services.setup import InitReport, initialise

__all__ = ["init_command"]


@app.command("init", help=_("Create or upgrade the database and load Indonesia's territories."))
def init_command(
    db: DbOption = None,
    with_villages: Annotated[
        bool, typer.Option("--with-villages", help=_("Also load the 83,762 villages."))
    ] = False,
    as_json: JsonOption = False,
) -> None:
    with context(db, require_schema=False) as ctx:
        report = initialise(ctx, with_villages=with_villages)

    def render(r: InitReport) -> None:
        typer.echo(
            _("Database ready at revision {revision} ({before}).").format(
                revision=r.revision_after,
                before=_("created")
                if r.revision_before is None
                else _("was {revision}").format(revision=r.revision_before),
            )
        )
        typer.echo(
            _("{territories} territories, {tie_types} tie types.").format(
                territories=f"{r.territories:,}", tie_types=r.tie_types
            )
        )

    emit(report.__dict__, as_json, lambda _r: render(report))
