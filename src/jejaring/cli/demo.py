"""``jejaring demo``: a realistic, deterministic demo community, with sign-in accounts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from jejaring.cli.app import DbOption, JsonOption, app, context, emit
from jejaring.demo.run import DemoReport, run_demo
from jejaring.i18n import _

__all__ = ["demo_command"]


def _labels() -> dict[str, str]:
    """People's names for the counted entities (built at call time, in the current locale)."""
    return {
        "territories_with_demand": _("territories with demand"),
        "territories": _("territories"),
        "actors": _("actors"),
        "ties": _("ties"),
        "customers": _("customer records"),
        "real_world_customers": _("distinct real-world customers"),
        "resources": _("resources"),
        "cooperations": _("cooperations"),
        "memberships": _("memberships"),
        "sharing_policies": _("sharing policies"),
        "posts": _("posts"),
        "referrals": _("referrals"),
        "assessments": _("assessment responses"),
        "generate": _("Generating the community"),
        "extras": _("Writing policies, posts, referrals, assessments"),
    }


@contextmanager
def _progress_bar() -> Iterator[Any]:
    """A progress bar on standard error, one line per stage the generator and writers report."""
    labels = _labels()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=Console(stderr=True)) as bar:
        tasks: dict[str, Any] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(labels.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield report


@app.command(
    "demo",
    help=_(
        "Create a realistic demo community on Indonesia's territories, the same for the same "
        "--actors and --seed, with sign-in accounts for a few actors and a coordinator."
    ),
)
def demo_command(
    actors: Annotated[int, typer.Option("--actors", min=2, help=_("How many actors."))] = 300,
    seed: Annotated[
        int, typer.Option("--seed", help=_("Seed: the same seed and size give the same data."))
    ] = 1,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="PATH",
            help=_("Also write the community as a bundle: a folder, an .xlsx or a .zip file."),
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx, _progress_bar() as progress:
        report = run_demo(ctx, actors=actors, seed=seed, out=out, progress=progress)
    result = asdict(report)
    result["note"] = _(
        "Passwords are random, not derived from the seed, and are shown only now; "
        "users that existed already keep their password."
    )
    emit(result, as_json, lambda _r: _show(report, result["note"]))


def _show(report: DemoReport, note: str) -> None:
    console, labels = Console(), _labels()
    typer.echo(
        _("Demo community of {actors} actors (seed {seed}) ready in {seconds} s.").format(
            actors=f"{report.actors:,}", seed=report.seed, seconds=report.seconds
        )
    )
    counts = Table(_("entity"), _("generated"), _("written (new or updated)"))
    for name, count in report.counts.items():
        written = report.written.get("territories" if name == "territories_with_demand" else name)
        counts.add_row(
            labels.get(name, name), f"{count:,}", "" if written is None else f"{written:,}"
        )
    console.print(counts)
    # Plain lines, not a table: an address or a password cut to fit a terminal is useless.
    typer.echo(_("Sign-in accounts:"))
    width = max(len(a.email) for a in report.accounts)
    for a in report.accounts:
        password = a.password or _("(exists already, unchanged)")
        role = (
            _("owner of {actor} ({key})").format(actor=a.actor_name, key=a.actor)
            if a.actor
            else _("coordinator")
        )
        typer.echo(f"  {a.email:<{width}}  {password:<19}  {role}")
    typer.echo(note)
    if report.out:
        typer.echo(_("Bundle written to {path}.").format(path=report.out))
