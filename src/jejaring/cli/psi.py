"""``jejaring psi serve|query``: private set intersection of two parties' customer lists."""

from __future__ import annotations

import enum
import ipaddress
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from jejaring.cli.app import Group, JsonOption, app, emit
from jejaring.i18n import _
from jejaring.io.tables import TABLE_SUFFIXES
from jejaring.privacy.counts import MIN_SHOWN_COUNT
from jejaring.services.psi import (
    PsiQueryReport,
    query_file,
    query_summary,
    serve_file,
    write_psi_matches,
)

__all__ = ["psi"]

psi = typer.Typer(
    cls=Group,
    help=_(
        "Private set intersection: learn what two customer lists have in common without "
        "either list leaving its owner (ECDH, openmined-psi)."
    ),
    no_args_is_help=True,
)
app.add_typer(psi, name="psi")


class Reveal(enum.StrEnum):
    SIZE = "size"
    ITEMS = "items"


def _check_out(value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() not in TABLE_SUFFIXES:
        suffixes = ", ".join(TABLE_SUFFIXES)
        raise typer.BadParameter(_("use a file ending in {suffixes}").format(suffixes=suffixes))
    return value


FileArgument = Annotated[
    Path, typer.Argument(metavar="FILE", help=_("Your customer list (customers.csv columns)."))
]


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@psi.command(
    "serve",
    help=_(
        "Answer private set intersection queries on the exact keys of FILE (NPWP, e-mail, "
        "phone, corporate domain); the querying party learns the common keys or only their "
        "number, this side learns only the size of the query."
    ),
)
def serve_command(
    file: FileArgument,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help=_("Port to listen on."))],
    reveal: Annotated[
        Reveal,
        typer.Option(
            "--reveal", help=_("What the querying party learns: the size only, or the items.")
        ),
    ] = Reveal.SIZE,
    host: Annotated[str, typer.Option("--host", help=_("Address to listen on."))] = "127.0.0.1",
    sessions: Annotated[
        int,
        typer.Option("--sessions", min=0, help=_("Stop after N queries (0: until interrupted).")),
    ] = 1,
) -> None:
    if not _loopback(host):
        typer.echo(
            _("Warning: {host} is not a loopback address; anyone who reaches it can query.")
            .format(host=host),
            err=True,
        )  # fmt: skip

    def ready(url: str, items: int) -> None:
        typer.echo(
            _("Serving {items} keys at {url} (reveal: {reveal}); Ctrl+C stops.").format(
                items=f"{items:,}", url=url, reveal=reveal.value
            ),
            err=True,
        )

    def answered(number: int, size: int) -> None:
        typer.echo(
            _("Session {number}: answered a query of {size} keys.").format(
                number=number, size=f"{size:,}"
            ),
            err=True,
        )

    try:
        serve_file(
            file, host=host, port=port, reveal=reveal.value, sessions=sessions or None,
            on_ready=ready, on_session=answered,
        )  # fmt: skip
    except KeyboardInterrupt:
        typer.echo(_("Stopped."), err=True)


@psi.command(
    "query",
    help=_(
        "Query a PSI server with the exact keys of FILE: the number of keys in common, and "
        "your records behind them when the server reveals items."
    ),
)
def query_command(
    file: FileArgument,
    url: Annotated[str, typer.Option("--url", help=_("The server, e.g. http://127.0.0.1:8765."))],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="FILE",
            callback=_check_out,
            help=_("Write your records in common to a .csv, .xlsx or .json file."),
        ),
    ] = None,
    minimum: Annotated[
        int,
        typer.Option(
            "--min-count",
            min=0,
            help=_('Below this many keys in common, show "< N" and no records.'),
        ),
    ] = MIN_SHOWN_COUNT,
    as_json: JsonOption = False,
) -> None:
    report = query_file(file, url)
    result = query_summary(report, minimum)
    if report.matches is not None and "records" in result:
        if out is not None:
            write_psi_matches(report, out)
            result["out"] = str(out)
        elif as_json:
            result["matches"] = report.matches.to_dicts()
    emit(result, as_json, lambda r: _show(report, r, minimum))


def _show(report: PsiQueryReport, result: dict[str, Any], minimum: int) -> None:
    if report.matches is not None and "records" in result and "out" not in result:
        sys.stdout.write(report.matches.write_csv())
    summary = _("{common} of your {keys} keys are in the other list.").format(
        common=result["common_keys_shown"], keys=f"{report.keys:,}"
    )
    if "records" in result:
        summary += " " + _("They belong to {records} of your records.").format(
            records=f"{result['records']:,}"
        )
    elif report.reveal == "items":
        summary += " " + _(
            "Fewer than {minimum} in common: no records are shown, so that none is singled out."
        ).format(minimum=minimum)
    if "out" in result:
        summary += " " + _("Written to {file}.").format(file=result["out"])
    typer.echo(summary, err="records" in result and "out" not in result)
