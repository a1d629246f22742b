"""``jejaring resource`` (add, share, list, availability, book, cancel) and ``jejaring settle``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import typer

from jejaring.cli.acting import AsOption
from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit, fail
from jejaring.domain.capacity import Segment
from jejaring.domain.resources import Resource, ResourceKind
from jejaring.i18n import _, message
from jejaring.services import bookings, resources, settlement
from jejaring.services.identity import user_by_email

__all__ = ["EXIT_REFUSED", "instant", "resource", "settle_command"]

EXIT_REFUSED = 3  # a booking refused for capacity (a data error is 1, a usage error 2)

resource = typer.Typer(
    cls=Group,
    help=_("Shared resources: add, share into a cooperation, list, availability, book, cancel."),
    no_args_is_help=True,
)
app.add_typer(resource, name="resource")

KeyArgument = Annotated[str, typer.Argument(metavar="RESOURCE", help=_("The resource's key."))]
FromOption = Annotated[
    str,
    typer.Option("--from", metavar="ISO-DATETIME", help=_("Start (UTC unless a zone is given).")),
]
ToOption = Annotated[
    str,
    typer.Option("--to", metavar="ISO-DATETIME", help=_("End, not included.")),
]


def instant(value: str, option: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            _("not an ISO date and time: '{value}'").format(value=value), param_hint=option
        ) from None


def _resource_dict(r: Resource, shared: list[str] | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {
        "key": r.key, "owner": r.owner, "name": r.name, "kind": r.kind.value,
        "capacity": r.capacity, "unit": r.unit, "territory": r.territory,
        "cost_rate": r.cost_rate, "availability": r.availability,
        "co_owners": {s.actor: s.share for s in r.co_owners},
    }  # fmt: skip
    if shared is not None:
        d["cooperations"] = shared
    return d


def _render_resources(items: list[dict[str, Any]]) -> None:
    if not items:
        typer.echo(_("No resources."))
    for r in items:
        typer.echo(
            _("{key} ({name}, {kind}) of {owner}: {capacity} {unit} at {rate} per {unit} and "
              "hour").format(
                key=r["key"], name=r["name"], kind=r["kind"], owner=r["owner"],
                capacity=r["capacity"], unit=r["unit"], rate=r["cost_rate"],
            )
        )  # fmt: skip


def _render_booking(b: dict[str, Any]) -> None:
    typer.echo(
        _("booking {id}: {quantity} of {resource} for {by}, {start} - {end}: {status}").format(**b)
    )


@resource.command("add", help=_("Add a resource of an owner actor."))
def add_command(
    key: KeyArgument,
    owner: Annotated[str, typer.Option("--owner", metavar="KEY", help=_("The owner actor."))],
    name: Annotated[str, typer.Option("--name", help=_("The resource's name."))],
    kind: Annotated[ResourceKind, typer.Option("--kind", help=_("What kind of resource."))],
    capacity: Annotated[
        float, typer.Option("--capacity", help=_("How much can be booked at once."))
    ],
    unit: Annotated[str, typer.Option("--unit", help=_("The unit of capacity."))] = "unit",
    territory: Annotated[
        str | None, typer.Option("--territory", metavar="CODE", help=_("Where it is."))
    ] = None,
    cost_rate: Annotated[
        float, typer.Option("--cost-rate", help=_("Rupiah per unit and hour."))
    ] = 0.0,
    availability: Annotated[
        str, typer.Option("--availability", help=_("When it is available, in words."))
    ] = "",
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        made = resources.add_resource(
            ctx, user_by_email(ctx, as_user),
            Resource(key, owner, name, kind, capacity, unit, territory, cost_rate, availability),
        )  # fmt: skip
    emit(_resource_dict(made), as_json, lambda r: _render_resources([r]))


@resource.command("share", help=_("Share a resource into a cooperation its owner is a member of."))
def share_command(
    key: KeyArgument,
    coop: Annotated[str, typer.Option("--coop", metavar="COOP", help=_("The cooperation."))],
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        shared = resources.share_resource(ctx, user_by_email(ctx, as_user), key, coop)

    def render(d: dict[str, Any]) -> None:
        typer.echo(
            _("{key} is shared into: {cooperations}").format(
                key=d["key"], cooperations=", ".join(d["cooperations"])
            )
        )

    emit({"key": key, "cooperations": shared}, as_json, render)


@resource.command(
    "list", help=_("List the resources you may see (of one cooperation, with --coop).")
)
def list_command(
    coop: Annotated[
        str | None, typer.Option("--coop", metavar="COOP", help=_("Only those shared into it."))
    ] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = resources.list_resources(ctx, user_by_email(ctx, as_user), coop)
    emit([_resource_dict(r) for r in found], as_json, _render_resources)


@resource.command("availability", help=_("Free capacity of a resource over an interval."))
def availability_command(
    key: KeyArgument,
    start: FromOption,
    end: ToOption,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    begin, finish = instant(start, "--from"), instant(end, "--to")
    with context(db) as ctx:
        r, found = resources.availability(ctx, user_by_email(ctx, as_user), key, begin, finish)

    def row(s: Segment) -> dict[str, Any]:
        return {"start": s.start.isoformat(), "end": s.end.isoformat(), "used": s.used,
                "free": s.free}  # fmt: skip

    def render(d: dict[str, Any]) -> None:
        for s in d["segments"]:
            typer.echo(
                _("{start} - {end}: {free} of {capacity} {unit} free").format(
                    start=s["start"], end=s["end"], free=s["free"], capacity=d["capacity"],
                    unit=d["unit"],
                )
            )  # fmt: skip

    data = {"resource": key, "capacity": r.capacity, "unit": r.unit,
            "segments": [row(s) for s in found]}  # fmt: skip
    emit(data, as_json, render)


@resource.command(
    "book",
    help=_("Book a quantity of a resource over [--from, --to); exit 3 when it does not fit."),
)
def book_command(
    key: KeyArgument,
    by: Annotated[str, typer.Option("--by", metavar="ACTOR", help=_("The member booking."))],
    start: FromOption,
    end: ToOption,
    quantity: Annotated[float, typer.Option("--quantity", help=_("How much to book."))],
    coop: Annotated[
        str | None,
        typer.Option("--coop", metavar="COOP", help=_("The cooperation to book through.")),
    ] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    begin, finish = instant(start, "--from"), instant(end, "--to")
    with context(db) as ctx:
        try:
            made = bookings.book(
                ctx, user_by_email(ctx, as_user), key, by=by, start=begin, end=finish,
                quantity=quantity, cooperation=coop,
            )  # fmt: skip
        except bookings.CapacityRefused as refused:
            if as_json:
                emit({"id": refused.booking, "status": "refused", "reason": message(refused)},
                     True, _render_booking)  # fmt: skip
            fail(message(refused), EXIT_REFUSED)
            return
    emit(bookings.booking_dict(made), as_json, _render_booking)


@resource.command("cancel", help=_("Cancel a confirmed booking."))
def cancel_command(
    booking: Annotated[int, typer.Argument(metavar="BOOKING", help=_("The booking's number."))],
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        done = bookings.cancel(ctx, user_by_email(ctx, as_user), booking)
    emit(bookings.booking_dict(done), as_json, _render_booking)


@app.command(
    "settle", help=_("A cooperation's usage ledger for a month and the transfers that settle it.")
)
def settle_command(
    coop: Annotated[str, typer.Argument(metavar="COOP", help=_("The cooperation."))],
    period: Annotated[str, typer.Option("--period", metavar="YYYY-MM", help=_("The month (UTC)."))],
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        done = settlement.settle(ctx, user_by_email(ctx, as_user), coop, period)

    def render(d: dict[str, Any]) -> None:
        typer.echo(
            _("{cooperation}, {period}: {count} bookings, {total} rupiah").format(
                cooperation=d["cooperation"], period=d["period"], count=len(d["ledger"]),
                total=d["total"],
            )
        )  # fmt: skip
        for line in d["ledger"]:
            typer.echo(
                _("  booking {booking}: {by} used {quantity} of {resource} for {hours} h at "
                  "{rate} = {cost}").format(
                    booking=line["booking"], by=line["by"], quantity=line["quantity"],
                    resource=line["resource"], hours=line["hours"], rate=line["cost_rate"],
                    cost=line["cost"],
                )
            )  # fmt: skip
        for actor, value in d["balances"].items():
            typer.echo(_("  balance {actor}: {value}").format(actor=actor, value=value))
        if not d["transfers"]:
            typer.echo(_("Nothing to settle."))
        for t in d["transfers"]:
            typer.echo(
                _("{debtor} pays {creditor} {amount} rupiah").format(
                    debtor=t["from"], creditor=t["to"], amount=t["amount"]
                )
            )

    emit(done.as_dict(), as_json, render)
