"""``jejaring user``: managing sign-in accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from jejaring.cli.acting import AsOption
from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit, fail
from jejaring.config import Settings
from jejaring.domain.accounts import ActorRole, PlatformRole
from jejaring.i18n import _
from jejaring.services.accounts import create_user
from jejaring.services.identity import user_by_email
from jejaring.services.mail import Mail, send
from jejaring.services.passwords import generate_password
from jejaring.services.tickets import invite, request_reset

__all__ = ["add_command", "invite_command", "reset_password_command", "users"]

users = typer.Typer(cls=Group, help=_("Manage sign-in accounts."), no_args_is_help=True)
app.add_typer(users, name="user")


@users.command("add", help=_("Create a user, optionally with a role for an actor."))
def add_command(
    email: Annotated[str, typer.Argument(help=_("E-mail address to sign in with."))],
    db: DbOption = None,
    actor: Annotated[
        str | None, typer.Option("--actor", metavar="KEY", help=_("Actor the user acts for."))
    ] = None,
    role: Annotated[ActorRole, typer.Option("--role", help=_("Role for the actor."))] = (
        ActorRole.MEMBER
    ),
    platform_role: Annotated[
        list[PlatformRole] | None,
        typer.Option("--platform-role", help=_("Platform role (repeatable).")),
    ] = None,
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help=_("Read the password from standard input (else one is generated)."),
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else generate_password()
    if password_stdin and not password:
        fail(_("no password on standard input"), code=2)
    with context(db) as ctx:
        user = create_user(
            ctx, email, password, actor=actor, role=role, platform_roles=tuple(platform_role or ())
        )
    result = {"email": user.email, "actor": actor, "role": role.value if actor else None}
    if not password_stdin:
        result["password"] = password

    def render(r: dict[str, str | None]) -> None:
        typer.echo(_("User {email} created.").format(email=r["email"]))
        if "password" in r:
            typer.echo(_("Generated password: {password}").format(password=r["password"]))

    emit(result, as_json, render)


def _mailed(settings: Settings, mail: Mail) -> bool:
    # Without SMTP the command's own output is the message: the operator passes it on.
    if settings.smtp_host:
        send(settings, mail)
    return bool(settings.smtp_host)


@users.command(
    "invite",
    help=_("Invite an address to sign up and act for an actor; prints the invitation token."),
)
def invite_command(
    email: Annotated[str, typer.Argument(help=_("E-mail address to invite."))],
    actor: Annotated[
        str, typer.Option("--actor", metavar="KEY", help=_("Actor the user will act for."))
    ],
    role: Annotated[ActorRole, typer.Option("--role", help=_("Role for the actor."))] = (
        ActorRole.MEMBER
    ),
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        ticket, secret, mail = invite(ctx, user_by_email(ctx, as_user), email, actor, role)
        mailed = _mailed(ctx.settings, mail)
    result = {
        "email": ticket.email,
        "actor": actor,
        "role": role.value,
        "expires": ticket.expires.isoformat(),
        "token": secret,
        "mailed": mailed,
    }

    def render(r: dict[str, object]) -> None:
        typer.echo(_("Invitation for {email} made, valid until {expires}.").format(**r))
        typer.echo(_("Invitation token: {token}").format(token=r["token"]))

    emit(result, as_json, render)


@users.command(
    "reset-password",
    help=_("Start a password reset for a user; prints the single-use reset token."),
)
def reset_password_command(
    email: Annotated[str, typer.Argument(help=_("E-mail address of the user."))],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = request_reset(ctx, email)
        if found is None:
            fail(_("user '{email}' not found").format(email=email.strip().casefold()))
            return
        token, mail = found
        mailed = _mailed(ctx.settings, mail)
    result = {"email": mail.to, "token": token, "mailed": mailed}

    def render(r: dict[str, object]) -> None:
        typer.echo(_("Reset token for {email}: {token}").format(**r))

    emit(result, as_json, render)
