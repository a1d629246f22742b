"""``jejaring report ACTOR --out FILE.html|.pdf``: an actor's capability and performance."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from jejaring.cli.app import DbOption, app, context, fail
from jejaring.i18n import LOCALES, _, get_locale, set_locale
from jejaring.services.reports import write_report

__all__ = ["report_command"]


@app.command(
    "report",
    help=_(
        "Write an actor's report (capability radar, trend, advice, behaviour beside the "
        "self-assessment, coverage and KPIs) as one HTML page that works offline, or as PDF."
    ),
)
def report_command(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help=_("The actor's key."))],
    out: Annotated[
        Path, typer.Option("--out", metavar="FILE.html|.pdf", help=_("Where to write."))
    ],
    lang: Annotated[
        str | None, typer.Option("--lang", metavar="id|en", help=_("Language of the report."))
    ] = None,
    start: Annotated[
        datetime | None,
        typer.Option("--start", formats=["%Y-%m-%d"], help=_("First day of the KPI period.")),
    ] = None,
    end: Annotated[
        datetime | None,
        typer.Option("--end", formats=["%Y-%m-%d"], help=_("Day after the KPI period.")),
    ] = None,
    db: DbOption = None,
) -> None:
    if lang is not None and lang not in LOCALES:
        fail(_("--lang: '{value}' is not one of {allowed}").format(value=lang, allowed="id, en"), 2)
    previous = get_locale()
    if lang is not None:
        set_locale(lang)
    try:
        with context(db) as ctx:
            try:
                written = write_report(
                    ctx, None, actor, out,
                    start=start.date() if start else None, end=end.date() if end else None,
                )  # fmt: skip
            except OSError as error:
                fail(_("cannot write {path}: {detail}").format(path=out, detail=error.strerror))
    finally:
        set_locale(previous)
    typer.echo(_("Wrote the report of {actor} to {path}.").format(actor=actor, path=written))
