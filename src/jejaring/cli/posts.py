"""``jejaring post``: a cooperation's channel — add, list, show, read, receipts, unread, search,
digest, forward, attachment, clean-files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from jejaring.cli.acting import ActorOption, AsOption
from jejaring.cli.app import DbOption, Group, JsonOption, app, context, emit
from jejaring.cli.resources import instant
from jejaring.domain.attachments import check_size, safe_name
from jejaring.domain.posts import Forward, PostCategory
from jejaring.i18n import _
from jejaring.services import posts
from jejaring.services.attachment_files import NewFile, clean_attachments, read_attachment
from jejaring.services.digest import Digest, digest
from jejaring.services.forwards import forward_post
from jejaring.services.identity import user_by_email
from jejaring.services.post_search import search_posts
from jejaring.services.posts import PostView

__all__ = ["post"]

post = typer.Typer(
    cls=Group,
    help=_("A cooperation's channel: post, list, show, read, search, digest, forward."),
    no_args_is_help=True,
)
app.add_typer(post, name="post")

IdArgument = Annotated[int, typer.Argument(metavar="ID", help=_("The post's number."))]
CoopArgument = Annotated[str, typer.Argument(metavar="COOP", help=_("The cooperation."))]


def _forward_dict(f: Forward) -> dict[str, Any]:
    return {"by": f.by_user, "to": f.to_actor, "note": f.note, "at": f.at.isoformat()}


def _post_dict(v: PostView) -> dict[str, Any]:
    p = v.post
    return {
        "id": p.id, "cooperation": p.cooperation, "author": p.author,
        "category": p.category.value, "title": p.title, "body": p.body,
        "territories": list(p.territories), "sectors": list(p.sectors),
        "visibility": p.visibility.value, "to": list(p.recipients),
        "created": p.created.isoformat(), "expires": p.expires.isoformat() if p.expires else None,
        "attachments": [{"name": a.name, "type": a.media_type, "size": a.size,
                         "sha256": a.sha256} for a in v.attachments],
        "read_at": v.read_at.isoformat() if v.read_at else None,
        "forwards": [_forward_dict(f) for f in v.forwards],
    }  # fmt: skip


def _render_post(d: dict[str, Any], *, full: bool = False) -> None:
    mark = " " if d["read_at"] else "*"
    typer.echo(
        _("{mark} {id} [{category}] {title} — {author} in {cooperation}, {created}").format(
            mark=mark, id=d["id"], category=d["category"], title=d["title"], author=d["author"],
            cooperation=d["cooperation"], created=d["created"],
        )
    )  # fmt: skip
    if d["to"]:
        typer.echo(_("  for: {actors}").format(actors=", ".join(d["to"])))
    if d["expires"]:
        typer.echo(_("  expires: {expires}").format(expires=d["expires"]))
    if full:
        typer.echo("  " + d["body"].replace("\n", "\n  "))
        tags = [*d["territories"], *d["sectors"]]
        if tags:
            typer.echo(_("  tags: {tags}").format(tags=", ".join(tags)))
        for a in d["attachments"]:
            typer.echo(_("  attachment: {name} ({type}, {size} bytes)").format(**a))
    for f in d["forwards"]:
        typer.echo(
            _("  forwarded by {by} to {to}'s team: {note}").format(
                by=f["by"], to=f["to"], note=f["note"] or "-"
            )
        )


def _render_posts(items: list[dict[str, Any]]) -> None:
    if not items:
        typer.echo(_("No posts."))
    for d in items:
        _render_post(d)


def _files(ctx_limit: int, paths: list[Path]) -> list[NewFile]:
    found = []
    for path in paths:
        if not path.is_file():
            raise typer.BadParameter(
                _("not a readable file: '{path}'").format(path=path), param_hint="--attach"
            )
        # Refuse a large file before reading it into memory; the service checks again.
        check_size(safe_name(path.name), path.stat().st_size, ctx_limit)
        found.append(NewFile(path.name, path.read_bytes()))
    return found


@post.command("add", help=_("Post in a cooperation's channel for a member actor."))
def add_command(
    coop: CoopArgument,
    actor: ActorOption,
    category: Annotated[PostCategory, typer.Option("--category", help=_("What the post is."))],
    title: Annotated[str, typer.Option("--title", help=_("The post's title."))],
    body: Annotated[str, typer.Option("--body", help=_("The post's text."))],
    territory: Annotated[
        list[str] | None,
        typer.Option("--territory", metavar="CODE", help=_("A territory it is about (repeat).")),
    ] = None,
    sector: Annotated[
        list[str] | None, typer.Option("--sector", help=_("A sector it is about (repeat)."))
    ] = None,
    to: Annotated[
        list[str] | None,
        typer.Option("--to", metavar="ACTOR", help=_("Only for this member actor (repeat).")),
    ] = None,
    expires: Annotated[
        str | None,
        typer.Option("--expires", metavar="ISO-DATETIME", help=_("When it stops being listed.")),
    ] = None,
    attach: Annotated[
        list[Path] | None,
        typer.Option("--attach", metavar="FILE", help=_("Attach a file (repeat).")),
    ] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    until = instant(expires, "--expires") if expires else None
    with context(db) as ctx:
        made = posts.create_post(
            ctx, user_by_email(ctx, as_user), coop, actor=actor, category=category, title=title,
            body=body, territories=territory or [], sectors=sector or [], to=to or [],
            expires=until, files=_files(ctx.settings.attachment_max_bytes, attach or []),
        )  # fmt: skip
    emit(_post_dict(made), as_json, lambda d: _render_post(d, full=True))


@post.command("list", help=_("The channel's posts you may read, newest first (* unread)."))
def list_command(
    coop: CoopArgument,
    expired: Annotated[bool, typer.Option("--expired", help=_("Include expired posts."))] = False,
    category: Annotated[
        PostCategory | None, typer.Option("--category", help=_("Only of this category."))
    ] = None,
    territory: Annotated[
        str | None, typer.Option("--territory", metavar="CODE", help=_("Only with this tag."))
    ] = None,
    sector: Annotated[str | None, typer.Option("--sector", help=_("Only with this tag."))] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found = posts.list_posts(
            ctx, user_by_email(ctx, as_user), coop, include_expired=expired, category=category,
            territory=territory, sector=sector,
        )  # fmt: skip
    emit([_post_dict(v) for v in found], as_json, _render_posts)


@post.command("show", help=_("One post with its text, tags, attachments and forwards."))
def show_command(
    post_id: IdArgument, as_user: AsOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    with context(db) as ctx:
        found = posts.show_post(ctx, user_by_email(ctx, as_user), post_id)
    emit(_post_dict(found), as_json, lambda d: _render_post(d, full=True))


@post.command("read", help=_("Mark a post read (again changes nothing)."))
def read_command(
    post_id: IdArgument, as_user: AsOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    with context(db) as ctx:
        r = posts.mark_read(ctx, user_by_email(ctx, as_user), post_id)
    data = {"post": r.post, "user": r.user, "read_at": r.read_at.isoformat()}
    emit(
        data,
        as_json,
        lambda d: typer.echo(_("post {post} read by {user} at {read_at}").format(**d)),
    )


@post.command("receipts", help=_("Who read a post of your actor, and when."))
def receipts_command(
    post_id: IdArgument, as_user: AsOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    with context(db) as ctx:
        found = posts.receipts(ctx, user_by_email(ctx, as_user), post_id)

    def render(items: list[dict[str, Any]]) -> None:
        if not items:
            typer.echo(_("Nobody has read it yet."))
        for d in items:
            typer.echo(_("{user}: {read_at}").format(**d))

    emit([{"user": r.user, "read_at": r.read_at.isoformat()} for r in found], as_json, render)


@post.command("unread", help=_("How many live posts you have not read, per cooperation."))
def unread_command(
    as_user: AsOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    with context(db) as ctx:
        counts = posts.unread_counts(ctx, user_by_email(ctx, as_user))

    def render(d: dict[str, int]) -> None:
        if not d:
            typer.echo(_("Nothing unread."))
        for coop, n in d.items():
            typer.echo(_("{cooperation}: {count} unread").format(cooperation=coop, count=n))

    emit(counts, as_json, render)


@post.command(
    "search", help=_("Search the posts you may read: [COOP] QUERY; every word must occur.")
)
def search_command(
    first: Annotated[str, typer.Argument(metavar="COOP|QUERY", help=_("Cooperation, or query."))],
    second: Annotated[
        str | None, typer.Argument(metavar="QUERY", help=_("The query after COOP."))
    ] = None,
    expired: Annotated[bool, typer.Option("--expired", help=_("Include expired posts."))] = False,
    limit: Annotated[int, typer.Option("--limit", help=_("At most this many results."))] = 20,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    coop, query = (first, second) if second is not None else (None, first)
    with context(db) as ctx:
        hits = search_posts(
            ctx, user_by_email(ctx, as_user), query, cooperation=coop, include_expired=expired,
            limit=limit,
        )  # fmt: skip
    items = [
        {"id": h.post.id, "cooperation": h.post.cooperation, "category": h.post.category.value,
         "title": h.post.title, "score": round(h.score, 6), "snippet": h.snippet}
        for h in hits
    ]  # fmt: skip

    def render(rows: list[dict[str, Any]]) -> None:
        if not rows:
            typer.echo(_("No posts match."))
        for r in rows:
            typer.echo(_("{id} [{category}] {title} ({cooperation})").format(**r))
            typer.echo("  " + r["snippet"].replace("\n", " "))

    emit(items, as_json, render)


def _digest_dict(d: Digest) -> dict[str, Any]:
    return {
        "user": d.user, "day": d.day.isoformat(), "unread": d.unread, "count": d.count,
        "sections": [{"cooperation": s.cooperation, "category": s.category.value,
                      "posts": [_post_dict(v) for v in s.posts]} for s in d.sections],
    }  # fmt: skip


@post.command("digest", help=_("Your digest of a day (UTC): posts by cooperation and category."))
def digest_command(
    day: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help=_("The day (else today).")),
    ] = None,
    unread: Annotated[
        bool, typer.Option("--unread", help=_("Every live post you have not read instead."))
    ] = False,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError:
        raise typer.BadParameter(
            _("not an ISO date: '{value}'").format(value=day), param_hint="--date"
        ) from None
    with context(db) as ctx:
        found = digest(ctx, user_by_email(ctx, as_user), when, unread=unread)

    def render(d: dict[str, Any]) -> None:
        typer.echo(_("Digest of {user} for {day}: {count} posts").format(**d))
        for s in d["sections"]:
            typer.echo(f"\n{s['cooperation']} — {s['category']}")
            for p in s["posts"]:
                _render_post(p)

    emit(_digest_dict(found), as_json, render)


@post.command("forward", help=_("Forward a post to your actor's team, with a note."))
def forward_command(
    post_id: IdArgument,
    note: Annotated[str, typer.Option("--note", help=_("A note for the team."))] = "",
    actor: Annotated[
        str | None,
        typer.Option("--actor", metavar="KEY", help=_("Whose team (when you act for several).")),
    ] = None,
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        f = forward_post(ctx, user_by_email(ctx, as_user), post_id, note=note, actor=actor)
    data = {"post": f.post, "id": f.id, **_forward_dict(f)}
    emit(data, as_json, lambda d: typer.echo(_("post {post} forwarded to {to}'s team").format(**d)))


@post.command("attachment", help=_("Save a post's attached file to --out."))
def attachment_command(
    post_id: IdArgument,
    name: Annotated[str, typer.Argument(metavar="NAME", help=_("The attachment's name."))],
    out: Annotated[Path, typer.Option("--out", metavar="FILE", help=_("Where to save it."))],
    as_user: AsOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    with context(db) as ctx:
        found, data = read_attachment(ctx, user_by_email(ctx, as_user), post_id, name)
    out.write_bytes(data)
    info = {"name": found.name, "type": found.media_type, "size": found.size, "out": str(out)}
    emit(info, as_json, lambda d: typer.echo(_("{name} ({size} bytes) saved to {out}").format(**d)))


@post.command("clean-files", help=_("Remove attachment files no post refers to (an hour old)."))
def clean_command(
    as_user: AsOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    with context(db) as ctx:
        removed = clean_attachments(ctx, user_by_email(ctx, as_user))
    emit(
        {"removed": removed}, as_json,
        lambda d: typer.echo(_("{count} files removed").format(count=len(d["removed"]))),
    )  # fmt: skip
