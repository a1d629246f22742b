"""``jejaring audit``: who read an actor's shared data, and who changed its policies."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from jejaring.cli.acting import AsOption
from jejaring.cli.app import DbOption, JsonOption, app, context, emit
from jejaring.i18n import _
from jejaring.services.audit import audit_dict, audit_trail
from jejaring.services.identity import user_by_email

__all__ = ["audit_command"]


@app.command(
    "audit",
    help=_(
        "The audit trail of an actor's data: reads of what partners were shown of it and "
        "changes of its sharing policies, newest first."
    ),
)
def audit_command(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help=_("The actor."))],
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        events = [audit_dict(e) for e in audit_trail(ctx, user_by_email(ctx, as_user), actor)]

    def render(rows: list[dict[str, Any]]) -> None:
        if not rows:
            typer.echo(_("Nothing recorded about {actor} yet.").format(actor=actor))
            return
        for r in rows:
            typer.echo(
                _("{at} {action} by {by_actor} ({by_user}) in {cooperation}{detail}").format(
                    at=r["at"], action=r["action"], by_actor=r["by_actor"] or "-",
                    by_user=r["by_user"] or _("operator"), cooperation=r["cooperation"] or "-",
                    detail=f": {r['detail']}" if r["detail"] else "",
                )
            )  # fmt: skip

    emit(events, as_json, render)
