"""Use cases: a cooperation's channel — post, list, show, mark read, receipts, unread counts.

Who may read a post: the users of an accepted, present member actor of its cooperation, with
a role that reads (``Operation.POST_READ``), when the post is for all members, or the actor
wrote it, or it names the actor. Coordinators and administrators see that a cooperation
exists but not its channel; a post hidden from a user gives the very error a missing one
gives. Posting needs an active cooperation that shares information. The condition itself is
one SQL statement (``store.repositories.post_visibility``), used by every read, so a list, a
search, a digest and a single post can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from jejaring.domain.accounts import User
from jejaring.domain.attachments import Attachment
from jejaring.domain.cooperation import CooperationStatus, Mechanism
from jejaring.domain.errors import N_, InvalidValue, RuleViolation
from jejaring.domain.posts import Forward, Post, PostCategory, PostVisibility, Receipt
from jejaring.domain.webhooks import EventKind
from jejaring.services.access import Forbidden, Operation, Principal, allowed, authorize, principal
from jejaring.services.attachment_files import NewFile, blob_store, checked_files
from jejaring.services.bootstrap import Context
from jejaring.services.events import publish
from jejaring.services.post_access import (
    missing_cooperation,
    open_channel,
    reading_actors,
    require_user,
    visible_post,
)
from jejaring.services.read_first import read_then_write
from jejaring.services.resources import utc
from jejaring.store.unit_of_work import UnitOfWork

__all__ = [
    "PostView",
    "create_post",
    "list_posts",
    "mark_read",
    "post_views",
    "receipts",
    "show_post",
    "unread_counts",
]


@dataclass(frozen=True)
class PostView:
    """A post with its attachments, when the asking user read it, and forwards to its teams."""

    post: Post
    attachments: tuple[Attachment, ...] = ()
    read_at: datetime | None = None
    forwards: tuple[Forward, ...] = ()


def _check_recipients(members: list[str], post: Post) -> None:
    for actor in post.recipients:
        if actor == post.author:
            raise InvalidValue(N_("to: the author reads its own post; name other members"))
        if actor not in members:
            raise RuleViolation(
                N_("'{actor}' is not an accepted member of cooperation '{key}'"),
                actor=actor, key=post.cooperation,
            )  # fmt: skip


def create_post(
    ctx: Context,
    user: User | None,
    cooperation: str,
    *,
    actor: str,
    category: PostCategory,
    title: str,
    body: str,
    territories: Sequence[str] = (),
    sectors: Sequence[str] = (),
    to: Sequence[str] = (),
    expires: datetime | None = None,
    files: Sequence[NewFile] = (),
    now: datetime | None = None,
) -> PostView:
    """Post in the channel of an active cooperation that shares information, for ``actor``.

    ``to`` names the member actors the post is for (none: every member). Attached files are
    checked (size, type by content) before anything is written; their bytes are stored under
    their digest before the post's records, which are written in one transaction.
    """
    created = utc(now or datetime.now(UTC))
    post = Post(
        cooperation, actor, category, title, body, created,
        tuple(dict.fromkeys(territories)), tuple(dict.fromkeys(sectors)),
        PostVisibility.NAMED if to else PostVisibility.MEMBERS,
        utc(expires) if expires else None, tuple(to),
    )  # fmt: skip
    checked = checked_files(files, ctx.settings.attachment_max_bytes)

    def check(uow: UnitOfWork) -> list[str]:
        """The channel's members, once ``user`` may post there for ``actor``."""
        p = principal(uow, user)
        members = open_channel(uow, p, cooperation)
        if actor not in members:
            raise RuleViolation(
                N_("'{actor}' is not an accepted member of cooperation '{key}'"),
                actor=actor, key=cooperation,
            )  # fmt: skip
        authorize(
            p, Operation.POST_WRITE, actor, visible=True, missing=missing_cooperation(cooperation)
        )
        coop = uow.cooperations.get(cooperation)
        assert coop is not None  # open_channel found it
        if coop.status is not CooperationStatus.ACTIVE:
            raise RuleViolation(N_("cooperation '{key}' is not active"), key=cooperation)
        if Mechanism.INFORMATION_SHARING not in coop.mechanisms:
            raise RuleViolation(
                N_("cooperation '{key}' does not share information (mechanism {mechanism})"),
                key=cooperation, mechanism=Mechanism.INFORMATION_SHARING.value,
            )  # fmt: skip
        _check_recipients(members, post)
        uow.posts.require_territories(post.territories)
        return members

    def write(uow: UnitOfWork, members: list[str]) -> int:
        post_id = uow.posts.add(post)
        store = blob_store(ctx)
        for attachment, data in checked:
            store.put(data)  # before the commit: a failed commit leaves only an unreferenced file
            uow.attachments.add(post_id, attachment)
        # To the webhooks of those who may read it: the named actors and the author, else every
        # member. The body stays in the channel: a receiver reads it through the API.
        readers = [actor, *post.recipients] if post.recipients else members
        publish(
            uow, EventKind.POST_CREATED, actors=readers, cooperation=cooperation,
            data={"post": post_id, "cooperation": cooperation, "author": actor,
                  "category": post.category.value, "title": post.title,
                  "created": created.isoformat()},
        )  # fmt: skip
        return post_id

    post_id = read_then_write(ctx, check, write)
    return PostView(replace(post, id=post_id), tuple(a for a, _ in checked))


def post_views(uow: UnitOfWork, p: Principal, posts: list[Post]) -> list[PostView]:
    ids = [q.id for q in posts if q.id is not None]
    files = uow.attachments.of_posts(ids)
    read = uow.posts.read_by(p.email, ids) if p.email is not None else {}
    forwards: dict[int, list[Forward]] = {}
    for f in uow.forwards.of_posts(ids, reading_actors(p)):
        forwards.setdefault(f.post, []).append(f)
    return [
        PostView(q, tuple(files.get(q.id, ())), read.get(q.id), tuple(forwards.get(q.id, ())))
        for q in posts
        if q.id is not None
    ]


def list_posts(
    ctx: Context,
    user: User | None,
    cooperation: str,
    *,
    include_expired: bool = False,
    category: PostCategory | None = None,
    territory: str | None = None,
    sector: str | None = None,
    now: datetime | None = None,
    before: tuple[datetime, int] | None = None,
    limit: int | None = None,
) -> list[PostView]:
    """The channel's posts the user may read, newest first; expired ones only when asked.

    ``before``: only those after that (created, id) in this order; at most ``limit``.
    """
    at = None if include_expired else utc(now or datetime.now(UTC))
    # Territory and sector are tags in a list column: matched here, over the channel read
    # newest first in batches, so that a page reads about its own length of posts.
    tagged = territory is not None or sector is not None
    batch = None if limit is None else max(limit, _BATCH) if tagged else limit
    found: list[Post] = []
    with ctx.reader() as uow:
        p = principal(uow, user)
        open_channel(uow, p, cooperation)
        readers = reading_actors(p)
        while True:
            read = uow.posts.find(
                cooperation, readers, live_at=at, category=category, before=before, limit=batch
            )
            found += [
                q
                for q in read
                if (territory is None or territory in q.territories)
                and (sector is None or sector in q.sectors)
            ]
            if limit is None or batch is None or len(read) < batch or len(found) >= limit:
                break
            before = (read[-1].created, read[-1].id or 0)
        return post_views(uow, p, found[:limit])


_BATCH = 100  # posts read at a time for a page of a filtered channel


def show_post(ctx: Context, user: User | None, post_id: int) -> PostView:
    """One post the user may read (expired or not) with its attachments and forwards."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        return post_views(uow, p, [visible_post(uow, p, post_id)])[0]


def mark_read(
    ctx: Context, user: User | None, post_id: int, now: datetime | None = None
) -> Receipt:
    """Record that the user read the post; marking again keeps the first reading."""
    reader = require_user(user)
    with ctx.uow() as uow:
        visible_post(uow, principal(uow, reader), post_id)
        uow.posts.mark_read(post_id, reader.email, utc(now or datetime.now(UTC)))
        read_at = uow.posts.read_by(reader.email, [post_id])[post_id]
        uow.commit()
    return Receipt(post_id, reader.email, read_at)


def receipts(ctx: Context, user: User | None, post_id: int) -> list[Receipt]:
    """Who read the post, and when: for the users of its author actor."""
    with ctx.reader() as uow:
        p = principal(uow, user)
        post = visible_post(uow, p, post_id)
        if not allowed(p, Operation.POST_RECEIPTS, post.author):
            raise Forbidden(
                N_("only the users of '{actor}', which wrote post {id}, see who read it"),
                actor=post.author, id=post_id,
            )  # fmt: skip
        return uow.posts.receipts(post_id)


def unread_counts(ctx: Context, user: User | None, now: datetime | None = None) -> dict[str, int]:
    """Per cooperation, how many live posts the user may read and has not read yet."""
    reader = require_user(user)
    with ctx.reader() as uow:
        p = principal(uow, reader)
        at = utc(now or datetime.now(UTC))
        return dict(sorted(uow.posts.unread_counts(reader.email, reading_actors(p), at).items()))
