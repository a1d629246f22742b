"""``jejaring import`` and ``jejaring export``: the community as a bundle of sheets."""

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
from jejaring.i18n import _, message
from jejaring.io.bundle_errors import UnknownFormat
from jejaring.services.exports import ExportReport, export_path
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


@app.command("export", help=_("Export the community as a bundle: a folder, an .xlsx or a .zip."))
def export_command(
    path: Annotated[
        str, typer.Argument(help=_("Where to write: a folder (no suffix), .xlsx or .zip."))
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    target = Path(path)
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
