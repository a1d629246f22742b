"""``jejaring import`` and ``jejaring export``: a bundle of sheets, or a layer as a network."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from jejaring.cli.app import DbOption, JsonOption, app, context, emit, fail
from jejaring.cli.layer_options import AtOption, CoMembershipOption, ScopeOption, TieTypeOption
from jejaring.domain.analyses import Layer, Scope
from jejaring.i18n import _, message
from jejaring.io.bundle_errors import UnknownFormat
from jejaring.io.network_formats import SUFFIXES, NetworkFormat
from jejaring.services.exports import ExportReport, export_network, export_path
from jejaring.services.imports import ImportReport, import_path

__all__ = ["export_command", "import_command"]

SHOWN = 200  # problems listed for people; --json lists every one
_LONG = 10_000  # rows from which a sheet's progress is worth telling


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on a terminal's stderr; elsewhere a line per tenth of a long sheet."""
    if not enabled:
        yield lambda _sheet, _done, _total: None
        return
    if sys.stderr.isatty():
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, TimeElapsedColumn(), console=Console(stderr=True)) as bar:
            tasks: dict[str, TaskID] = {}

            def show(sheet: str, done: int, total: int) -> None:
                if sheet not in tasks:
                    tasks[sheet] = bar.add_task(sheet, total=total)
                bar.update(tasks[sheet], completed=done)

            yield show
        return
    told: dict[str, int] = {}

    def tell(sheet: str, done: int, total: int) -> None:
        tenth = done * 10 // total if total else 10
        if total >= _LONG and tenth > told.get(sheet, 0):
            told[sheet] = tenth
            line = _("{sheet}: {done} of {total} rows")
            typer.echo(line.format(sheet=sheet, done=f"{done:,}", total=f"{total:,}"), err=True)

    yield tell


def _render_import(report: ImportReport, path: Path) -> None:
    if report.dry_run:
        typer.echo(
            _("Dry run of {path}: every row is valid; nothing was written.").format(path=path)
        )
    else:
        typer.echo(_("Imported {path} in one transaction.").format(path=path))
    typer.echo(f"  {_('sheet'):<14}{_('rows'):>12}{_('new'):>12}{_('updated'):>12}")
    for sheet, rows in report.written.items():
        new, updated = report.new.get(sheet, 0), report.updated.get(sheet, 0)
        typer.echo(f"  {sheet:<14}{rows:>12,}{new:>12,}{updated:>12,}")


@app.command(
    "import", help=_("Import a bundle (folder of CSV files, .xlsx or .zip): all or nothing.")
)
def import_command(
    path: Annotated[
        Path, typer.Argument(exists=True, help=_("The bundle: a folder, an .xlsx or a .zip."))
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Check every row and count; write nothing."))
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    try:
        with context(db) as ctx, _progress(not as_json) as progress:
            report = import_path(ctx, path, dry_run=dry_run, progress=progress)
    except UnknownFormat as error:
        fail(message(error), code=2)
    if report.errors:
        if as_json:
            emit([e.as_dict() for e in report.errors], True, print)
        else:
            for problem in report.errors[:SHOWN]:
                typer.echo(str(problem))
            if len(report.errors) > SHOWN:
                more = _("... and {count} more problems (--json lists every one).")
                typer.echo(more.format(count=f"{len(report.errors) - SHOWN:,}"))
        fail(
            _("{count} problems in the bundle: nothing was written.").format(
                count=f"{len(report.errors):,}"
            )
        )
    data = {
        "dry_run": report.dry_run,
        "written": report.written,
        "new": report.new,
        "updated": report.updated,
        "errors": [],
    }
    emit(data, as_json, lambda _data: _render_import(report, path))


@app.command(
    "export",
    help=_(
        "Export the community as a bundle (a folder, an .xlsx or a .zip), or a layer of its "
        "network as GraphML, GEXF, UCINET DL, Pajek or JSON (--format, or the file's suffix)."
    ),
)
def export_command(
    path: Annotated[
        str,
        typer.Argument(
            help=_(
                "Where to write: a folder (no suffix), .xlsx or .zip for a bundle; "
                ".graphml, .gexf, .dl, .net or .json for a network."
            )
        ),
    ],
    db: DbOption = None,
    fmt: Annotated[
        NetworkFormat | None,
        typer.Option("--format", help=_("Write a layer's network in this format.")),
    ] = None,
    tie_type: TieTypeOption = None,
    at: AtOption = None,
    co_membership: CoMembershipOption = False,
    scope: ScopeOption = Scope.COMMUNITY,
    as_json: JsonOption = False,
) -> None:
    target = Path(path)
    fmt = fmt or _NETWORK_SUFFIXES.get(target.suffix.lower())
    if fmt is not None:
        layer = Layer(
            tie_types=tuple(tie_type or ()),
            at=at.date() if at else None,
            co_membership=co_membership,
            scope=scope,
        )
        with context(db) as ctx:
            written = export_network(ctx, layer, fmt, target)
        data: dict[str, object] = {"path": written.path, "format": written.format.value}
        data |= {"actors": written.actors, "ties": written.ties}

        def done(r: dict[str, object]) -> None:
            typer.echo(_("Wrote {actors} actors and {ties} ties to {path} ({format}).").format(**r))

        emit(data, as_json, done)
        return
    if tie_type or at or co_membership or scope is not Scope.COMMUNITY:
        fail(_("--tie-type, --at, --co-membership and --scope choose a layer: add --format"), 2)
    if path.endswith(("/", "\\")):
        target.mkdir(parents=True, exist_ok=True)
    try:
        with context(db) as ctx:
            report = export_path(ctx, target)
    except UnknownFormat as error:
        fail(message(error), code=2)

    def render(r: ExportReport) -> None:
        typer.echo(_("Exported to {path}:").format(path=r.path))
        for sheet, rows in r.rows.items():
            typer.echo(f"  {sheet:<14}{rows:>12,}")

    emit({"path": report.path, "rows": report.rows}, as_json, lambda _data: render(report))


_NETWORK_SUFFIXES = {suffix: fmt for fmt, suffix in SUFFIXES.items()}
