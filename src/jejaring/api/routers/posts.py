"""A cooperation's channel: post (with files), list, show, read, receipts, unread counts,
search, digest, forward, and download an attachment — what ``jejaring post`` offers."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.responses import FileResponse, Response
from starlette.concurrency import run_in_threadpool

from jejaring.api.deps import Ctx, CurrentUser
from jejaring.api.kept import Kept
from jejaring.api.post_upload import CREATE_BODY, read_post
from jejaring.api.problems import declared
from jejaring.api.schemas.posts import (
    DigestPublic,
    ForwardCreate,
    ForwardMade,
    PostPublic,
    PostsPublic,
    ReceiptPublic,
    ReceiptsPublic,
    SearchHitPublic,
    SearchPublic,
    UnreadPublic,
)
from jejaring.domain.errors import N_, InvalidValue
from jejaring.domain.posts import PostCategory
from jejaring.services import posts
from jejaring.services.attachment_files import attachment_file
from jejaring.services.digest import digest
from jejaring.services.forwards import forward_post
from jejaring.services.pagination import MAX_LIMIT, decode_cursor, encode_cursor, paginate
from jejaring.services.post_search import search_posts
from jejaring.services.posts import PostView
from jejaring.store.changes import cooperation_scope

__all__ = ["router"]

router = APIRouter(prefix="/posts", tags=["posts"])

PostId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the post's number")]
Cursor = Annotated[str | None, Query(max_length=400)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Expired = Annotated[bool, Query(description="include expired posts")]


def _newest_first(v: PostView) -> str:
    # The services' order (created, then id, both descending) as one sortable string.
    return f"{v.post.created.astimezone(UTC):%Y%m%d%H%M%S%f}-{v.post.id:012d}"


def _position(cursor: str | None) -> tuple[datetime, int] | None:
    """The (created, id) a cursor of ``_newest_first`` stands for."""
    key = decode_cursor(cursor)
    if key is None:
        return None
    created, _, post_id = key.partition("-")
    try:
        return datetime.strptime(created, "%Y%m%d%H%M%S%f").replace(tzinfo=UTC), int(post_id)
    except ValueError:
        raise InvalidValue(
            N_("cursor: '{value}' is not a cursor from this list"), value=cursor
        ) from None


@router.get("", response_model=PostsPublic)
def list_posts(
    ctx: Ctx,
    user: CurrentUser,
    keep: Kept,
    cooperation: Annotated[str, Query(min_length=1, max_length=64)],
    expired: Expired = False,
    category: PostCategory | None = None,
    territory: Annotated[str | None, Query(max_length=100)] = None,
    sector: Annotated[str | None, Query(max_length=100)] = None,
    cursor: Cursor = None,
    limit: Limit = 100,
) -> Response:
    """The channel's posts the user may read, newest first."""

    def answer() -> PostsPublic:
        found = posts.list_posts(
            ctx, user, cooperation, include_expired=expired, category=category,
            territory=territory, sector=sector, before=_position(cursor), limit=limit + 1,
        )  # fmt: skip
        more = len(found) > limit
        return PostsPublic(
            items=[PostPublic.of(v) for v in found[:limit]],
            next_cursor=encode_cursor(_newest_first(found[limit - 1])) if more else None,
        )

    # Of the posts, the channel reads its own (and those forwarded to it: a forward is a row
    # of its own table, not counted per scope).
    return keep(answer, scopes={"post": cooperation_scope(cooperation)})


@router.post(
    "",
    response_model=PostPublic,
    status_code=201,
    openapi_extra=CREATE_BODY,
    responses={415: declared("Neither a JSON post nor a multipart form with the post and files")},
)
async def create_post(ctx: Ctx, user: CurrentUser, request: Request) -> PostPublic:
    """Post for a member actor, as JSON, or as ``multipart/form-data`` with the post as JSON
    in the ``post`` part and up to 10 ``files`` parts (PDF, PNG, JPEG, XLSX, DOCX, CSV, text)."""
    body, files = await read_post(request, ctx.settings)
    made = await run_in_threadpool(
        lambda: posts.create_post(
            ctx, user, body.cooperation, actor=body.actor, category=body.category,
            title=body.title, body=body.body, territories=body.territories,
            sectors=body.sectors, to=body.to, expires=body.expires, files=files,
        )
    )  # fmt: skip
    return PostPublic.of(made)


@router.get("/unread", response_model=UnreadPublic)
def unread(ctx: Ctx, user: CurrentUser) -> UnreadPublic:
    """How many live posts the user has not read, per cooperation."""
    counts = posts.unread_counts(ctx, user)
    return UnreadPublic(counts=counts, total=sum(counts.values()))


@router.get("/search", response_model=SearchPublic)
def search(
    ctx: Ctx,
    user: CurrentUser,
    q: Annotated[str, Query(min_length=1, max_length=400, description="every word must occur")],
    cooperation: Annotated[str | None, Query(max_length=64)] = None,
    expired: Expired = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
) -> SearchPublic:
    """The posts the user may read that hold every word of ``q``, best match first."""
    hits = search_posts(ctx, user, q, cooperation=cooperation, include_expired=expired, limit=limit)
    return SearchPublic(items=[SearchHitPublic.of(h) for h in hits])


@router.get("/digest", response_model=DigestPublic)
def get_digest(
    ctx: Ctx,
    user: CurrentUser,
    day: Annotated[date | None, Query(alias="date", description="a UTC day (else today)")] = None,
    unread: Annotated[bool, Query(description="every live unread post instead")] = False,
) -> DigestPublic:
    """The user's digest: posts of the day (and those forwarded to its teams) by cooperation
    and category."""
    return DigestPublic.of(digest(ctx, user, day, unread=unread))


@router.get("/{post_id}", response_model=PostPublic)
def get_post(ctx: Ctx, user: CurrentUser, post_id: PostId) -> PostPublic:
    return PostPublic.of(posts.show_post(ctx, user, post_id))


@router.post("/{post_id}/read", response_model=ReceiptPublic)
def mark_read(ctx: Ctx, user: CurrentUser, post_id: PostId) -> ReceiptPublic:
    """Record that the user read the post; again keeps the first reading."""
    return ReceiptPublic.of(posts.mark_read(ctx, user, post_id))


@router.get("/{post_id}/receipts", response_model=ReceiptsPublic)
def list_receipts(
    ctx: Ctx, user: CurrentUser, post_id: PostId, cursor: Cursor = None, limit: Limit = 100
) -> ReceiptsPublic:
    """Who read the post, and when: for the users of the actor that wrote it."""
    found = posts.receipts(ctx, user, post_id)
    page = paginate(found, lambda r: r.user, cursor=cursor, limit=limit)
    return ReceiptsPublic(
        items=[ReceiptPublic.of(r) for r in page.items], next_cursor=page.next_cursor
    )


@router.post("/{post_id}/forwards", response_model=ForwardMade, status_code=201)
def forward(
    ctx: Ctx,
    user: CurrentUser,
    post_id: PostId,
    body: Annotated[ForwardCreate | None, Body()] = None,
) -> ForwardMade:
    """Forward the post, with a note, to the team of an actor the user acts for."""
    asked = body or ForwardCreate()
    return ForwardMade.made(forward_post(ctx, user, post_id, note=asked.note, actor=asked.actor))


def _disposition(name: str) -> str:
    # Names are already safe labels (no quotes, slashes or control characters): only
    # non-ASCII ones need the RFC 6266 extended form.
    quoted = quote(name, safe=" !#$&+-.^_`|~()")
    if quoted == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename*=UTF-8''{quote(name, safe='')}"


_FILE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/octet-stream": {}}, "description": "the file's bytes"}
}


@router.get("/{post_id}/attachments/{sha256}", response_class=Response, responses=_FILE)
def get_attachment(
    ctx: Ctx,
    user: CurrentUser,
    post_id: PostId,
    sha256: Annotated[str, Path(max_length=64, description="the file's SHA-256 digest")],
) -> Response:
    """The attached file, streamed, with the type sniffed from its content when it was posted."""
    found, path = attachment_file(ctx, user, post_id, sha256)
    headers = {"Content-Disposition": _disposition(found.name), "Cache-Control": "private"}
    return FileResponse(path, media_type=found.media_type, headers=headers)
