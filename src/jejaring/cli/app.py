"""The Typer application, its shared options, error handling and output helpers."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from jejaring import __version__
from jejaring.config import DEFAULT_DATABASE_URL, Settings
from jejaring.domain.errors import DomainError
from jejaring.i18n import _, default_locale, message, set_locale
from jejaring.services.bootstrap import Context, bootstrap

__all__ = ["DbOption", "Group", "JsonOption", "app", "context", "emit", "fail"]

set_locale(default_locale())

EXIT_DATA_ERROR = 1


def _translated(option: Any) -> Any:
    # The vendored click writes this one line in English, with no gettext hook.
    if option is not None:
        option.help = _("Show this message and exit.")
    return option


class Group(TyperGroup):
    """Turns domain errors into a translated message and exit code 1, wherever raised."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DomainError as error:
            fail(message(error))

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted(super().list_commands(ctx))

    def get_help_option(self, ctx: Any) -> Any:
        return _translated(super().get_help_option(ctx))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and not isinstance(command, Group):
            _translated(command.get_help_option(ctx))
        return command


app = typer.Typer(
    cls=Group,
    name="jejaring",
    help=_("Jejaring: networks sharing cooperation (kerjasama berbagi jejaring)."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help=_("Database URL (else JEJARING_DATABASE_URL, else {default}).").format(
            default=DEFAULT_DATABASE_URL
        ),
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help=_("Print machine-readable JSON."))]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jejaring {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")
        ),
    ] = False,
) -> None:
    """Jejaring: networks sharing cooperation (kerjasama berbagi jejaring)."""


def settings_for(db: str | None) -> Settings:
    """Settings from the environment, with ``--db`` taking precedence."""
    url = db or os.environ.get("JEJARING_DATABASE_URL") or DEFAULT_DATABASE_URL
    return Settings(database_url=url)


@contextmanager
def context(db: str | None, *, require_schema: bool = True) -> Iterator[Context]:
    """The application context for one command; the engine is closed afterwards."""
    ctx = bootstrap(settings_for(db))
    try:
        if require_schema:
            ctx.require_schema()
        yield ctx
    finally:
        ctx.close()


def emit(data: Any, as_json: bool, render: Callable[[Any], None]) -> None:
    """Print ``data`` as JSON, or hand it to ``render`` for people."""
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        render(data)


def fail(text: str, code: int = EXIT_DATA_ERROR) -> None:
    """Print an error for people and exit with ``code``."""
    typer.echo(_("Error: {message}").format(message=text), err=True)
    raise typer.Exit(code)


def main() -> None:
    """The console script's entry point."""
    app(prog_name="jejaring")
    sys.exit(0)
