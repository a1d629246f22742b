"""``jejaring user``: managing sign-in accounts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit, fail
from jejaring.domain.accounts import ActorRole, PlatformRole
from jejaring.i18n import _
from jejaring.services.accounts import create_user
from jejaring.services.passwords import generate_password

__all__ = ["add_command", "users"]

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
