"""``jejaring intro`` (routes to a target through partners) and ``jejaring referral``."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from jejaring.cli.acting import AsOption
from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit
from jejaring.domain.referrals import ReferralStatus, TargetKind
from jejaring.i18n import _
from jejaring.services.identity import user_by_email
from jejaring.services.intros import find_introductions
from jejaring.services.referrals import (
    list_referrals,
    move_referral,
    referral_dict,
    request_referral,
)

__all__ = ["intro_command", "referral"]

ActorArgument = Annotated[str, typer.Argument(metavar="ACTOR", help=_("The actor acted for."))]
ToOption = Annotated[
    str,
    typer.Option(
        "--to", metavar="TARGET", help=_("The actor (or, with --customer, the customer) to reach.")
    ),
]
CustomerFlag = Annotated[
    bool,
    typer.Option(
        "--customer",
        help=_("TARGET is a customer key: for intro, one of ACTOR's own records; for a referral, "
               "the introducer's."),
    ),
]  # fmt: skip


@app.command("intro", help=_("Warm introductions: routes from ACTOR to a target through partners."))
def intro_command(
    actor: ActorArgument,
    to: ToOption,
    customer: CustomerFlag = False,
    max_hops: Annotated[
        int, typer.Option("--max-hops", min=1, max=6, help=_("Longest route."))
    ] = 3,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help=_("Routes to show."))] = 10,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = find_introductions(
            ctx, user_by_email(ctx, as_user), actor, to, customer=customer,
            max_hops=max_hops, limit=limit,
        )  # fmt: skip

    def render(r: dict[str, Any]) -> None:
        if not r["routes"]:
            typer.echo(
                _(
                    "No route from {actor} to {target} through partners that make introductions."
                ).format(actor=r["requester"], target=r["target"])
            )
        for i, route in enumerate(r["routes"], 1):
            typer.echo(
                _(
                    "{rank}. {path} ({hops} hops, weakest tie {weakest}); "
                    "ask {introducer} in {cooperation}"
                ).format(
                    rank=i,
                    path=" > ".join(route["actors"]),
                    hops=route["hops"],
                    weakest=f"{route['weakest']:g}",
                    introducer=route["introducer"] or "-",
                    cooperation=route["cooperation"] or "-",
                )
            )
            if route["match"]:
                shown = ", ".join(f"{k}={v}" for k, v in route["match"].items() if v is not None)
                typer.echo(_("   matching record: {fields}").format(fields=shown))
        if not r["complete"]:
            typer.echo(
                _("The search stopped at its work limit: these are the best routes it examined."),
                err=True,
            )

    emit(found.as_dict(), as_json, render)


referral = typer.Typer(
    cls=Group, help=_("Referrals: request, answer, introduce, report the outcome, list."),
    no_args_is_help=True,
)  # fmt: skip
app.add_typer(referral, name="referral")
IdArgument = Annotated[int, typer.Argument(metavar="ID", help=_("The referral."))]


def _render_one(r: dict[str, Any]) -> None:
    typer.echo(
        _("Referral {id}: {requester} asks {introducer} for {target} ({kind}) in "
          "{cooperation}: {status}").format(
            id=r["id"], requester=r["requester"], introducer=r["introducer"], target=r["target"],
            kind=r["target_kind"], cooperation=r["cooperation"] or "-", status=r["status"],
        )
        + (f"; {r['value']:,.0f}" if r["value"] is not None else "")
    )  # fmt: skip


@referral.command("request", help=_("Ask a partner for an introduction."))
def request_command(
    requester: ActorArgument,
    introducer: Annotated[
        str, typer.Option("--introducer", metavar="KEY", help=_("The partner asked."))
    ],
    to: ToOption,
    customer: CustomerFlag = False,
    cooperation: Annotated[
        str | None,
        typer.Option("--coop", metavar="KEY", help=_("The cooperation it goes through.")),
    ] = None,
    note: Annotated[str, typer.Option("--note", help=_("A note for the introducer."))] = "",
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    kind = TargetKind.CUSTOMER if customer else TargetKind.ACTOR
    with context(db) as ctx:
        made = request_referral(
            ctx, user_by_email(ctx, as_user), requester, introducer, to, target_kind=kind,
            cooperation=cooperation, note=note,
        )  # fmt: skip
    emit(referral_dict(made), as_json, _render_one)


def _move_command(name: str, status: ReferralStatus, help_text: str, *, valued: bool) -> None:
    if valued:

        @referral.command(name, help=help_text)
        def valued_command(
            referral_id: IdArgument,
            value: Annotated[
                float | None, typer.Option("--value", min=0, help=_("The deal's value."))
            ] = None,
            as_user: AsOption = None,
            db: DbOption = None,
            as_json: JsonOption = False,
        ) -> None:
            with context(db) as ctx:
                moved = move_referral(
                    ctx, user_by_email(ctx, as_user), referral_id, status, value=value
                )
            emit(referral_dict(moved), as_json, _render_one)

        return

    @referral.command(name, help=help_text)
    def command(
        referral_id: IdArgument, as_user: AsOption = None, db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:  # fmt: skip
        with context(db) as ctx:
            moved = move_referral(ctx, user_by_email(ctx, as_user), referral_id, status)
        emit(referral_dict(moved), as_json, _render_one)


_move_command("accept", ReferralStatus.ACCEPTED, _("The introducer accepts."), valued=False)
_move_command("decline", ReferralStatus.DECLINED, _("The introducer declines."), valued=False)
_move_command(
    "introduce",
    ReferralStatus.INTRODUCED,
    _("The introducer has made the introduction."),
    valued=False,
)
_move_command("won", ReferralStatus.WON, _("The requester won the deal."), valued=True)
_move_command("lost", ReferralStatus.LOST, _("The requester lost the deal."), valued=True)


@referral.command("list", help=_("An actor's referrals, asked and made, and their attribution."))
def list_command(
    actor: ActorArgument, as_user: AsOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    with context(db) as ctx:
        found = list_referrals(ctx, user_by_email(ctx, as_user), actor)

    def render(r: dict[str, Any]) -> None:
        if not r["referrals"]:
            typer.echo(_("No referrals yet."))
        for one in r["referrals"]:
            _render_one(one)
        for a in r["attribution"]:
            typer.echo(
                _("{introducer} in {cooperation}: {referrals} referrals, {won} won ({value}), "
                  "{lost} lost").format(
                    introducer=a["introducer"], cooperation=a["cooperation"] or "-",
                    referrals=a["referrals"], won=a["won"], lost=a["lost"],
                    value=f"{a['value_won']:,.0f}",
                )
            )  # fmt: skip

    emit(found.as_dict(), as_json, render)
