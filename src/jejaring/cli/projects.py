"""``jejaring project``: joint projects that co-develop a resource, and their ledger."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from jejaring.cli.acting import AsOption, OptionalActorOption
from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit
from jejaring.domain.projects import ContributionKind, JointProject, ProjectStatus
from jejaring.domain.resources import ResourceKind
from jejaring.i18n import _
from jejaring.services import projects
from jejaring.services.identity import user_by_email
from jejaring.services.projects import Ledger

__all__ = ["project"]

project = typer.Typer(
    cls=Group,
    help=_("Joint projects: create, milestones, contributions, complete into a co-owned resource."),
    no_args_is_help=True,
)
app.add_typer(project, name="project")

KeyArgument = Annotated[str, typer.Argument(metavar="PROJECT", help=_("The project's key."))]


def _render_projects(items: list[dict[str, Any]]) -> None:
    if not items:
        typer.echo(_("No projects."))
    for p in items:
        typer.echo(
            _("{key} ({name}) in {cooperation}: {status}").format(
                key=p["key"], name=p["name"], cooperation=p["cooperation"], status=p["status"]
            )
        )
        if p["goal"]:
            typer.echo(_("  goal: {goal}").format(goal=p["goal"]))
        for m in p["milestones"]:
            typer.echo(
                _("  {number}. [{mark}] {title} (due {due})").format(
                    number=m["number"], mark="x" if m["met"] else " ", title=m["title"],
                    due=m["due"] or "-",
                )
            )  # fmt: skip


def _rupiah(value: int) -> str:
    return f"Rp {value:,}"


def _amount(value: float) -> str:
    """An amount as people write it: 6000000 and 12.5, not 6000000.0."""
    return str(int(value)) if value == int(value) else str(value)


def _render_ledger(d: dict[str, Any]) -> None:
    typer.echo(
        _("Ledger of {project} ({status}) in {cooperation}; resource: {resource}").format(
            project=d["project"], status=d["status"], cooperation=d["cooperation"],
            resource=d["resource"] or "-",
        )
    )  # fmt: skip
    for m in d["members"]:
        for c in m["contributions"]:
            typer.echo(
                _("  {member}: {kind} {amount} valued at {valued}").format(
                    member=m["member"], kind=c["kind"], amount=_amount(c["amount"]),
                    valued=_rupiah(c["valued_at"]),
                )
            )  # fmt: skip
    typer.echo(_("  total: {total}").format(total=_rupiah(d["total"])))
    for m in d["members"]:
        typer.echo(
            _("  {member}: {valued} / {total} = share {share} ({percent}%)").format(
                member=m["member"], valued=_rupiah(m["valued"]), total=_rupiah(d["total"]),
                share=m["share"], percent=m["share_percent"],
            )
        )  # fmt: skip
    if "split" in d:
        typer.echo(_("  {amount} split by the shares:").format(amount=_rupiah(d["amount"])))
        for member, part in d["split"].items():
            typer.echo(f"    {member}: {_rupiah(part)}")


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            _("not an ISO date: '{value}'").format(value=value), param_hint="--due"
        ) from None


@project.command("create", help=_("Create a joint project in a cooperation that co-develops."))
def create_command(
    key: KeyArgument,
    coop: Annotated[str, typer.Option("--coop", metavar="COOP", help=_("The cooperation."))],
    name: Annotated[str, typer.Option("--name", help=_("The project's name."))],
    goal: Annotated[str, typer.Option("--goal", help=_("What the project is for."))] = "",
    actor: OptionalActorOption = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        made = projects.create_project(
            ctx, user_by_email(ctx, as_user), JointProject(key, coop, name, goal), actor
        )
    emit(projects.project_dict(made), as_json, lambda p: _render_projects([p]))


@project.command("set", help=_("Change a project's goal or status (planned, running, abandoned)."))
def set_command(
    key: KeyArgument,
    goal: Annotated[str | None, typer.Option("--goal", help=_("The new goal."))] = None,
    status: Annotated[
        ProjectStatus | None, typer.Option("--status", help=_("The new status."))
    ] = None,
    actor: OptionalActorOption = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        changed = projects.set_project(
            ctx, user_by_email(ctx, as_user), key, goal=goal, status=status, actor=actor
        )
    emit(projects.project_dict(changed), as_json, lambda p: _render_projects([p]))


@project.command("show", help=_("Show a project with its milestones."))
def show_command(
    key: KeyArgument, as_user: AsOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    with context(db) as ctx:
        found = projects.show_project(ctx, user_by_email(ctx, as_user), key)
    emit(projects.project_dict(found), as_json, lambda p: _render_projects([p]))


@project.command("list", help=_("List the projects you may see (of one cooperation, with --coop)."))
def list_command(
    coop: Annotated[
        str | None, typer.Option("--coop", metavar="COOP", help=_("Only this cooperation's."))
    ] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = projects.list_projects(ctx, user_by_email(ctx, as_user), coop)
    emit([projects.project_dict(p) for p in found], as_json, _render_projects)


@project.command("milestone", help=_("Add a milestone (--add TITLE) or mark one met (--met N)."))
def milestone_command(
    key: KeyArgument,
    add: Annotated[
        str | None, typer.Option("--add", metavar="TITLE", help=_("Add a milestone."))
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", metavar="YYYY-MM-DD", help=_("Its due date."))
    ] = None,
    met: Annotated[
        int | None, typer.Option("--met", metavar="N", help=_("Mark milestone N (from 1) met."))
    ] = None,
    actor: OptionalActorOption = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    if (add is None) == (met is None):
        raise typer.BadParameter(_("give exactly one of --add and --met"), param_hint="--add")
    day = _day(due)
    with context(db) as ctx:
        user = user_by_email(ctx, as_user)
        if add is not None:
            changed = projects.add_milestone(ctx, user, key, add, day, actor)
        else:
            assert met is not None
            changed = projects.meet_milestone(ctx, user, key, met, actor)
    emit(projects.project_dict(changed), as_json, lambda p: _render_projects([p]))


@project.command(
    "contribute",
    help=_("Record a member's contribution: cash (rupiah), in kind (--value) or hours (--rate)."),
)
def contribute_command(
    key: KeyArgument,
    member: Annotated[
        str, typer.Option("--member", metavar="ACTOR", help=_("The contributing member."))
    ],
    kind: Annotated[ContributionKind, typer.Option("--kind", help=_("What is contributed."))],
    amount: Annotated[
        float, typer.Option("--amount", help=_("Rupiah for cash, a quantity in kind, hours."))
    ],
    value: Annotated[
        int | None, typer.Option("--value", help=_("In kind: its value in rupiah."))
    ] = None,
    rate: Annotated[int | None, typer.Option("--rate", help=_("Hours: rupiah per hour."))] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        made = projects.contribute(
            ctx, user_by_email(ctx, as_user), key, member, kind, amount, value=value, rate=rate
        )
    data = {"project": key, "member": member, "kind": made.kind.value, "amount": made.amount,
            "valued_at": int(made.valued_at)}  # fmt: skip
    emit(
        data,
        as_json,
        lambda d: typer.echo(
            _("{member}: {kind} {amount} valued at {valued}").format(
                member=d["member"], kind=d["kind"], amount=_amount(d["amount"]),
                valued=_rupiah(d["valued_at"]),
            )
        ),
    )  # fmt: skip


@project.command(
    "complete", help=_("Complete a project: it yields a resource co-owned by the ledger's shares.")
)
def complete_command(
    key: KeyArgument,
    kind: Annotated[ResourceKind, typer.Option("--kind", help=_("What kind of resource."))],
    capacity: Annotated[float, typer.Option("--capacity", help=_("Its capacity."))],
    unit: Annotated[str, typer.Option("--unit", help=_("The unit of capacity."))] = "unit",
    name: Annotated[
        str | None, typer.Option("--name", help=_("Its name (else the project's)."))
    ] = None,
    resource_key: Annotated[
        str | None,
        typer.Option("--resource", metavar="KEY", help=_("Its key (else the project's).")),
    ] = None,
    actor: OptionalActorOption = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        book, made = projects.complete(
            ctx, user_by_email(ctx, as_user), key, kind=kind, capacity=capacity, unit=unit,
            name=name, resource_key=resource_key, actor=actor,
        )  # fmt: skip
    data = {**book.as_dict(), "owner": made.owner,
            "co_owners": {s.actor: s.share for s in made.co_owners}}  # fmt: skip
    emit(data, as_json, _render_ledger)


@project.command(
    "ledger",
    help=_("Explain every figure: contributions, valuations, shares (--split a cost or revenue)."),
)
def ledger_command(
    key: KeyArgument,
    split: Annotated[
        int | None,
        typer.Option("--split", metavar="RUPIAH", help=_("Split this amount by the shares.")),
    ] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        user = user_by_email(ctx, as_user)
        book: Ledger = projects.ledger(ctx, user, key)
        data = book.as_dict()
        if split is not None:
            data["amount"] = split
            data["split"] = projects.split_amount(ctx, user, key, split)
    emit(data, as_json, _render_ledger)
