"""``jejaring coop``: cooperation agreements and their members' sharing policies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from jejaring.cli.acting import ActorOption, AsOption, OptionalActorOption
from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit
from jejaring.domain.cooperation import MappingLevel, Mechanism
from jejaring.i18n import _
from jejaring.services import cooperations as coops
from jejaring.services.cooperations import CooperationView, policy_dict
from jejaring.services.identity import user_by_email
from jejaring.services.policies import get_policy, set_policy

__all__ = ["coop"]

coop = typer.Typer(
    cls=Group,
    help=_("Cooperation agreements: propose, answer, leave, suspend, end, policies."),
    no_args_is_help=True,
)
app.add_typer(coop, name="coop")

KeyArgument = Annotated[str, typer.Argument(metavar="KEY", help=_("The cooperation."))]


def _render(view: dict[str, Any]) -> None:
    typer.echo(
        _("{key} ({name}): {status}; mechanisms: {mechanisms}").format(
            key=view["key"],
            name=view["name"],
            status=view["status"],
            mechanisms=", ".join(view["mechanisms"]) or "-",
        )
    )
    policies = {p["actor"]: p for p in view["policies"]}
    for m in view["members"]:
        p = policies[m["actor"]]
        typer.echo(
            _("  {actor}: {role}, {status}; mapping {level}, introductions {intro}").format(
                actor=m["actor"],
                role=m["role"],
                status=m["status"],
                level=p["mapping_level"],
                intro=_("yes") if p["introductions_allowed"] else _("no"),
            )
        )


def _run(db: str | None, as_user: str | None, as_json: bool, call: Callable[..., Any]) -> None:
    with context(db) as ctx:
        view: CooperationView = call(ctx, user_by_email(ctx, as_user))
    emit(view.as_dict(), as_json, _render)


def _list(value: str | None) -> list[str]:
    return [] if value is None else [w.strip() for w in value.split(";") if w.strip()]


@coop.command("propose", help=_("Propose a cooperation between actors (each invited accepts)."))
def propose_command(
    key: KeyArgument,
    name: Annotated[str, typer.Option("--name", help=_("The cooperation's name."))],
    member: Annotated[
        list[str],
        typer.Option("--member", metavar="KEY", help=_("A member actor (repeatable).")),
    ],
    mechanism: Annotated[
        list[Mechanism] | None,
        typer.Option("--mechanism", help=_("What the members share (repeatable).")),
    ] = None,
    purpose: Annotated[str, typer.Option("--purpose", help=_("What it is for."))] = "",
    scope: Annotated[
        list[str] | None,
        typer.Option("--scope", metavar="CODE", help=_("A territory it covers (repeatable).")),
    ] = None,
    actor: OptionalActorOption = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    mechanisms = tuple(mechanism or (Mechanism.NETWORK_SHARING,))
    members = [*([actor] if actor and actor not in member else []), *member]

    def call(ctx: Any, user: Any) -> CooperationView:
        return coops.propose(
            ctx, user, key=key, name=name, members=members, actor=actor,
            mechanisms=mechanisms, purpose=purpose, scope=tuple(scope or ()),
        )  # fmt: skip

    _run(db, as_user, as_json, call)


def _member_command(name: str, help_text: str, action: Callable[..., CooperationView]) -> None:
    @coop.command(name, help=help_text)
    def command(
        key: KeyArgument,
        actor: ActorOption,
        as_user: AsOption = None,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        _run(db, as_user, as_json, lambda ctx, user: action(ctx, user, key, actor))


def _govern_command(name: str, help_text: str, action: Callable[..., CooperationView]) -> None:
    @coop.command(name, help=help_text)
    def command(
        key: KeyArgument,
        actor: OptionalActorOption = None,
        as_user: AsOption = None,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        _run(db, as_user, as_json, lambda ctx, user: action(ctx, user, key, actor))


_member_command("accept", _("Accept an invitation to a cooperation."), coops.accept)
_member_command("decline", _("Decline an invitation to a cooperation."), coops.decline)
_member_command("leave", _("Leave a cooperation."), coops.leave)
_govern_command("suspend", _("Suspend an active cooperation."), coops.suspend)
_govern_command("resume", _("Make a suspended cooperation active again."), coops.resume)
_govern_command("end", _("End a cooperation for good."), coops.end)


@coop.command("show", help=_("Show a cooperation, its members and their sharing policies."))
def show_command(
    key: KeyArgument, as_user: AsOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    _run(db, as_user, as_json, lambda ctx, user: coops.show(ctx, user, key))


@coop.command(
    "policy",
    help=_(
        "Show a member's sharing policy, or change it with the options below (lists are "
        "';'-separated; an empty list clears)."
    ),
)
def policy_command(
    key: KeyArgument,
    actor: ActorOption,
    level: Annotated[
        MappingLevel | None, typer.Option("--level", help=_("Account-mapping level."))
    ] = None,
    segments: Annotated[
        str | None, typer.Option("--segments", metavar="LIST", help=_("Segments shared."))
    ] = None,
    tie_types: Annotated[
        str | None, typer.Option("--tie-types", metavar="LIST", help=_("Tie types shown."))
    ] = None,
    introductions: Annotated[
        bool | None,
        typer.Option("--introductions/--no-introductions", help=_("Make introductions.")),
    ] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    changing = any(v is not None for v in (level, segments, tie_types, introductions))
    with context(db) as ctx:
        user = user_by_email(ctx, as_user)
        if changing:
            found = set_policy(
                ctx, user, key, actor, mapping_level=level,
                shared_segments=None if segments is None else _list(segments),
                shared_tie_types=None if tie_types is None else _list(tie_types),
                introductions_allowed=introductions,
            )  # fmt: skip
        else:
            found = get_policy(ctx, user, key, actor)

    def render(p: dict[str, Any]) -> None:
        typer.echo(
            _("{actor} in {cooperation}: mapping {level}; segments {segments}; tie types "
              "{types}; introductions {intro}").format(
                actor=p["actor"], cooperation=p["cooperation"], level=p["mapping_level"],
                segments=", ".join(p["shared_segments"]) or "-",
                types=", ".join(p["shared_tie_types"]) or "-",
                intro=_("yes") if p["introductions_allowed"] else _("no"),
            )
        )  # fmt: skip

    emit(policy_dict(found), as_json, render)


@coop.command("list", help=_("List the cooperations you may see (of one actor, with --actor)."))
def list_command(
    actor: OptionalActorOption = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = coops.list_cooperations(ctx, user_by_email(ctx, as_user), actor)
    rows = [
        {"key": c.key, "name": c.name, "status": c.status.value,
         "mechanisms": [m.value for m in c.mechanisms]}
        for c in found
    ]  # fmt: skip

    def render(items: list[dict[str, Any]]) -> None:
        if not items:
            typer.echo(_("No cooperations."))
        for r in items:
            typer.echo(
                _("{key} ({name}): {status}; mechanisms: {mechanisms}").format(
                    key=r["key"], name=r["name"], status=r["status"],
                    mechanisms=", ".join(r["mechanisms"]) or "-",
                )
            )  # fmt: skip

    emit(rows, as_json, render)
