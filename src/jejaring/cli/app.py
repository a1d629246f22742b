"""The Typer application, its shared options, error handling and output helpers."""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from jejaring import __version__
from jejaring.config import DEFAULT_DATABASE_URL, Settings
from jejaring.domain.errors import DomainError
from jejaring.i18n import _, default_locale, message, set_locale

if TYPE_CHECKING:
    from jejaring.services.bootstrap import Context

__all__ = [
    "COMMAND_MODULES",
    "DbOption",
    "Group",
    "JsonOption",
    "app",
    "context",
    "emit",
    "fail",
]

set_locale(default_locale())

EXIT_DATA_ERROR = 1


def _translated(option: Any) -> Any:
    # The vendored click writes this one line in English, with no gettext hook.
    if option is not None:
        option.help = _("Show this message and exit.")
    return option


# The module of jejaring.cli registering each command. A command's module is imported when the
# command is run, so that ``jejaring psi serve`` does not wait seconds for the analytics, the
# PDF writer and every other command's imports; the list of commands (help) imports them all.
COMMAND_MODULES = {
    "analyses": "analyze", "analyze": "analyze", "assess": "assess", "audit": "audit",
    "coop": "cooperations", "demo": "demo", "export": "bundle", "import": "bundle",
    "init": "setup", "intro": "referrals", "kpis": "kpis", "map": "mapping", "match": "match",
    "metrics": "metrics", "partners": "partners", "post": "posts", "project": "projects",
    "psi": "psi", "reach": "reach", "referral": "referrals", "report": "report",
    "resource": "resources", "serve": "serve", "settle": "resources", "token": "tokens",
    "user": "users", "webhook": "webhooks",
}  # fmt: skip


class Group(TyperGroup):
    """Turns domain errors into a translated message and exit code 1, wherever raised; the
    root group imports its commands' modules when they are asked for."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DomainError as error:
            fail(message(error))

    def list_commands(self, ctx: Any) -> list[str]:
        if ctx.parent is None:
            self._load(COMMAND_MODULES)
        return sorted(super().list_commands(ctx))

    def get_help_option(self, ctx: Any) -> Any:
        return _translated(super().get_help_option(ctx))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if ctx.parent is None and cmd_name in COMMAND_MODULES:
            self._load([cmd_name])
        command = super().get_command(ctx, cmd_name)
        if command is not None and not isinstance(command, Group):
            _translated(command.get_help_option(ctx))
        return command

    def _load(self, names: Iterable[str]) -> None:
        modules = {COMMAND_MODULES[n] for n in names if n not in self.commands}
        if not modules:
            return
        for module in sorted(modules):
            importlib.import_module(f"jejaring.cli.{module}")
        # What is registered with the Typer app now, as click commands.
        for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
            self.commands.setdefault(name, command)


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
    # Imported here: the database layer is seconds of imports that `jejaring psi` and
    # `jejaring match`, which read files only, do without.
    from jejaring.services.bootstrap import bootstrap

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
