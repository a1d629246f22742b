"""``jejaring match LEFT.csv RIGHT.csv``: matched pairs of two customer lists, no database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from jejaring.cli.app import JsonOption, app, emit
from jejaring.i18n import _
from jejaring.io.tables import TABLE_SUFFIXES
from jejaring.services.matching import MatchReport, match_files, write_matches

__all__ = ["match_command"]


def _check_out(value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() not in TABLE_SUFFIXES:
        suffixes = ", ".join(TABLE_SUFFIXES)
        raise typer.BadParameter(_("use a file ending in {suffixes}").format(suffixes=suffixes))
    return value


LeftArgument = Annotated[
    Path,
    typer.Argument(metavar="LEFT.csv", help=_("The first customer list (customers.csv columns).")),
]
RightArgument = Annotated[
    Path,
    typer.Argument(metavar="RIGHT.csv", help=_("The second customer list.")),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        metavar="FILE",
        callback=_check_out,
        help=_("Write the pairs to a .csv, .xlsx or .json file (else to standard output as CSV)."),
    ),
]


@app.command(
    "match",
    help=_(
        "Match two customer lists (customers.csv columns): one row per matched pair, "
        "left_key,right_key,rule,score, the rule being the strongest that fired: tax_id, "
        "email, phone, domain or name (fuzzy, within a regency). No database is used."
    ),
)
def match_command(
    left: LeftArgument, right: RightArgument, out: OutOption = None, as_json: JsonOption = False
) -> None:
    report = match_files(left, right)
    result: dict[str, Any] = {
        "left_records": report.left_records,
        "right_records": report.right_records,
        "pairs": report.pairs.height,
        "by_rule": report.by_rule,
    }
    if out is not None:
        write_matches(report, out)
        result["out"] = str(out)
    elif as_json:
        result["matches"] = report.pairs.to_dicts()
    emit(result, as_json, lambda r: _show(report, r))


def _show(report: MatchReport, result: dict[str, Any]) -> None:
    if "out" not in result:
        sys.stdout.write(report.pairs.write_csv())
    rules = ", ".join(f"{rule} {count:,}" for rule, count in result["by_rule"].items())
    summary = _("{pairs} pairs between {left} and {right} records ({rules}).").format(
        pairs=f"{result['pairs']:,}",
        left=f"{result['left_records']:,}",
        right=f"{result['right_records']:,}",
        rules=rules,
    )
    if "out" in result:
        typer.echo(_("Wrote {summary} to {file}").format(summary=summary, file=result["out"]))
    else:
        typer.echo(summary, err=True)
