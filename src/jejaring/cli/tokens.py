"""``jejaring token``: a user's API tokens for programs (create, list, revoke)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit
from jejaring.domain.accounts import TokenScope
from jejaring.i18n import _
from jejaring.services.api_tokens import create_token, list_tokens, revoke_token, token_dict
from jejaring.services.identity import user_by_email

__all__ = ["create_command", "list_command", "revoke_command", "tokens"]

tokens = typer.Typer(cls=Group, help=_("Manage a user's API tokens."), no_args_is_help=True)
app.add_typer(tokens, name="token")

OwnerOption = Annotated[
    str, typer.Option("--as", metavar="EMAIL", help=_("The user whose tokens these are."))
]


@tokens.command("create", help=_("Create an API token; prints its secret, shown only once."))
def create_command(
    name: Annotated[str, typer.Argument(help=_("A name to recognise the token by."))],
    as_user: OwnerOption,
    scope: Annotated[
        list[TokenScope] | None,
        typer.Option("--scope", help=_("Scope (repeatable; default read).")),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        user = user_by_email(ctx, as_user)
        assert user is not None
        token, secret = create_token(ctx, user, name, tuple(scope or (TokenScope.READ,)))
    result = {**token_dict(token), "token": secret}

    def render(r: dict[str, Any]) -> None:
        typer.echo(_("Token {id} ({name}) created: {token}").format(**r))
        typer.echo(_("Keep it now: it is not shown again."))

    emit(result, as_json, render)


@tokens.command("list", help=_("List a user's API tokens (never their secrets)."))
def list_command(as_user: OwnerOption, db: DbOption = None, as_json: JsonOption = False) -> None:
    with context(db) as ctx:
        user = user_by_email(ctx, as_user)
        assert user is not None
        rows = [token_dict(t) for t in list_tokens(ctx, user)]

    def render(found: list[dict[str, Any]]) -> None:
        if not found:
            typer.echo(_("No tokens."))
        for r in found:
            state = _("revoked {at}").format(at=r["revoked"]) if r["revoked"] else _("active")
            typer.echo(f"{r['id']}\t{r['name']}\t{','.join(r['scopes'])}\t{state}")

    emit(rows, as_json, render)


@tokens.command("revoke", help=_("Revoke one of a user's API tokens."))
def revoke_command(
    token_id: Annotated[int, typer.Argument(metavar="ID", help=_("The token's id."))],
    as_user: OwnerOption,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        user = user_by_email(ctx, as_user)
        assert user is not None
        revoke_token(ctx, user, token_id)
    emit(
        {"id": token_id, "revoked": True},
        as_json,
        lambda r: typer.echo(_("Token {id} revoked.").format(**r)),
    )
