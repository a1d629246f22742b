"""``jejaring webhook`` (add, list, remove, rotate, deliveries, deliver): an actor's webhooks."""

from __future__ import annotations

import threading
from typing import Annotated, Any

import typer

from jejaring.cli.acting import AsOption
from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit
from jejaring.domain.webhooks import EventKind
from jejaring.i18n import _
from jejaring.services import webhook_delivery, webhooks
from jejaring.services.identity import user_by_email

__all__ = ["webhook"]

webhook = typer.Typer(
    cls=Group,
    help=_("Webhooks: signed HTTP notifications of an actor's booking, project, post and "
           "referral events, retried with backoff, every attempt logged."),
    no_args_is_help=True,
)  # fmt: skip
app.add_typer(webhook, name="webhook")

_EVENTS_HELP = _("Event kinds, comma-separated, or '*' for all: {kinds}.").format(
    kinds=", ".join(k.value for k in EventKind)
)
IdArgument = Annotated[int, typer.Argument(metavar="ID", help=_("The webhook's number."))]


def _render_webhooks(items: list[dict[str, Any]]) -> None:
    if not items:
        typer.echo(_("No webhooks."))
    for w in items:
        typer.echo(
            _("webhook {id} of {actor}: {url} for {events}").format(
                id=w["id"], actor=w["actor"], url=w["url"], events=", ".join(w["events"])
            )
        )


def _render_secret(d: dict[str, Any]) -> None:
    _render_webhooks([d])
    typer.echo(_("Signing secret (shown only now; keep it with the receiver): {secret}").format(
        secret=d["secret"]))  # fmt: skip


@webhook.command(
    "add",
    help=_("Send an actor's events of the kinds named to a URL; prints the signing secret once."),
)
def add_command(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help=_("The actor whose events."))],
    url: Annotated[
        str, typer.Option("--url", metavar="URL", help=_("Where to POST (http or https)."))
    ],
    events: Annotated[str, typer.Option("--events", metavar="K,K", help=_EVENTS_HELP)],
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        made = webhooks.add_webhook(ctx, user_by_email(ctx, as_user), actor, url, events)
    emit(made.as_dict(), as_json, _render_secret)


@webhook.command("list", help=_("The webhooks of an actor, or of every actor you manage."))
def list_command(
    actor: Annotated[
        str | None, typer.Argument(metavar="[ACTOR]", help=_("The actor."), show_default=False)
    ] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = webhooks.list_webhooks(ctx, user_by_email(ctx, as_user), actor)
    emit([webhooks.webhook_dict(w) for w in found], as_json, _render_webhooks)


@webhook.command("remove", help=_("Delete a webhook with its pending deliveries and its log."))
def remove_command(
    webhook_id: IdArgument, as_user: AsOption = None, db: DbOption = None,
    as_json: JsonOption = False,
) -> None:  # fmt: skip
    with context(db) as ctx:
        gone = webhooks.remove_webhook(ctx, user_by_email(ctx, as_user), webhook_id)

    def render(d: dict[str, Any]) -> None:
        typer.echo(_("Removed webhook {id} ({url}).").format(id=d["id"], url=d["url"]))

    emit(webhooks.webhook_dict(gone), as_json, render)


@webhook.command("rotate", help=_("Give a webhook a new signing secret; prints it once."))
def rotate_command(
    webhook_id: IdArgument, as_user: AsOption = None, db: DbOption = None,
    as_json: JsonOption = False,
) -> None:  # fmt: skip
    with context(db) as ctx:
        made = webhooks.rotate_secret(ctx, user_by_email(ctx, as_user), webhook_id)
    emit(made.as_dict(), as_json, _render_secret)


def _render_deliveries(items: list[dict[str, Any]]) -> None:
    if not items:
        typer.echo(_("No deliveries."))
    for d in items:
        typer.echo(
            _("delivery {id} of webhook {webhook}: {kind} (event {event}) {status} after "
              "{attempts} attempts").format(**d)
        )  # fmt: skip
        for a in d["history"]:
            typer.echo(
                _("  attempt {number} at {at}: {outcome} in {duration_ms} ms").format(
                    number=a["number"], at=a["at"], duration_ms=a["duration_ms"],
                    outcome=a["error"] or a["status_code"],
                )
            )  # fmt: skip


@webhook.command(
    "deliveries", help=_("The delivery log, newest first: every attempt, its answer and time.")
)
def deliveries_command(
    webhook_id: Annotated[
        int | None,
        typer.Argument(metavar="[ID]", help=_("Only this webhook's."), show_default=False),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help=_("At most this many."))] = 100,
    before: Annotated[
        int | None,
        typer.Option(
            "--before",
            metavar="DELIVERY",
            help=_("Only older deliveries than this."),
            show_default=False,
        ),
    ] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = webhooks.list_deliveries(
            ctx, user_by_email(ctx, as_user), webhook_id, limit=limit, before=before
        )
    emit([webhooks.delivery_dict(d) for d in found], as_json, _render_deliveries)


@webhook.command(
    "deliver",
    help=_("Send the deliveries that are due (as the operator); with --loop, keep doing so "
           "until interrupted."),
)  # fmt: skip
def deliver_command(
    loop: Annotated[bool, typer.Option("--loop", help=_("Keep delivering until Ctrl-C."))] = False,
    interval: Annotated[
        float, typer.Option("--interval", metavar="SECONDS", help=_("Pause between rounds."))
    ] = 5.0,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        if loop:
            stop = threading.Event()
            try:
                webhook_delivery.run_dispatcher(ctx, stop, interval)
            except KeyboardInterrupt:
                stop.set()
            return
        done = webhook_delivery.deliver_due(ctx)

    def render(d: dict[str, int]) -> None:
        typer.echo(
            _("{attempted} attempted: {delivered} delivered, {retrying} to retry, {failed} "
              "failed").format(**d)
        )  # fmt: skip

    emit(done.as_dict(), as_json, render)
