"""A cooperation's channel: posts, their attachments, receipts, forwards, search and digests."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from jejaring.domain.attachments import Attachment
from jejaring.domain.posts import Forward, PostCategory, PostVisibility, Receipt
from jejaring.services.digest import Digest
from jejaring.services.post_search import SearchHit
from jejaring.services.posts import PostView

__all__ = [
    "AttachmentPublic",
    "DigestPublic",
    "DigestSectionPublic",
    "ForwardCreate",
    "ForwardMade",
    "ForwardPublic",
    "PostCreate",
    "PostPublic",
    "PostsPublic",
    "ReceiptPublic",
    "ReceiptsPublic",
    "SearchHitPublic",
    "SearchPublic",
    "UnreadPublic",
]

_TAGS: list[str] = Field(default_factory=list, max_length=50)


class PostCreate(BaseModel):
    """A post in an active cooperation that shares information, written for member ``actor``.

    ``to`` names the member actors it is for (empty: every member). Files are attached by
    sending this as the ``post`` part of a ``multipart/form-data`` body with ``files`` parts.
    """

    cooperation: str = Field(min_length=1, max_length=64)
    actor: str = Field(min_length=1, max_length=64, description="the member actor writing")
    category: PostCategory
    title: str = Field(max_length=200)
    body: str = Field(max_length=20_000)
    territories: list[str] = _TAGS
    sectors: list[str] = _TAGS
    to: list[str] = _TAGS
    expires: datetime | None = Field(default=None, description="when it stops being listed")


class AttachmentPublic(BaseModel):
    """An attached file: its name, type sniffed from its content, size and SHA-256 digest
    (``GET .../attachments/{sha256}`` downloads it)."""

    name: str
    type: str
    size: int
    sha256: str

    @classmethod
    def of(cls, a: Attachment) -> AttachmentPublic:
        return cls(name=a.name, type=a.media_type, size=a.size, sha256=a.sha256)


class ForwardPublic(BaseModel):
    """A user passed the post on to the team of an actor it acts for."""

    by: str
    to: str
    note: str
    at: datetime

    @classmethod
    def of(cls, f: Forward) -> ForwardPublic:
        return cls(by=f.by_user, to=f.to_actor, note=f.note, at=f.at)


class PostPublic(BaseModel):
    """A post, when the asking user read it (None: unread), and its forwards to teams."""

    id: int
    cooperation: str
    author: str
    category: PostCategory
    title: str
    body: str
    territories: list[str]
    sectors: list[str]
    visibility: PostVisibility
    to: list[str]
    created: datetime
    expires: datetime | None
    attachments: list[AttachmentPublic]
    read_at: datetime | None
    forwards: list[ForwardPublic]

    @classmethod
    def of(cls, v: PostView) -> PostPublic:
        p = v.post
        assert p.id is not None
        return cls(
            id=p.id, cooperation=p.cooperation, author=p.author, category=p.category,
            title=p.title, body=p.body, territories=list(p.territories),
            sectors=list(p.sectors), visibility=p.visibility, to=list(p.recipients),
            created=p.created, expires=p.expires,
            attachments=[AttachmentPublic.of(a) for a in v.attachments],
            read_at=v.read_at, forwards=[ForwardPublic.of(f) for f in v.forwards],
        )  # fmt: skip


class PostsPublic(BaseModel):
    """A page of posts, newest first; pass ``next_cursor`` as ``cursor`` for the next one."""

    items: list[PostPublic]
    next_cursor: str | None


class ReceiptPublic(BaseModel):
    post: int
    user: str
    read_at: datetime

    @classmethod
    def of(cls, r: Receipt) -> ReceiptPublic:
        return cls(post=r.post, user=r.user, read_at=r.read_at)


class ReceiptsPublic(BaseModel):
    """A page of who read the post, by e-mail address."""

    items: list[ReceiptPublic]
    next_cursor: str | None


class UnreadPublic(BaseModel):
    """Per cooperation, how many live posts the user may read and has not read."""

    counts: dict[str, int]
    total: int


class SearchHitPublic(BaseModel):
    """A matching post; the snippet shows the matches in [brackets]."""

    id: int
    cooperation: str
    category: PostCategory
    title: str
    score: float
    snippet: str

    @classmethod
    def of(cls, h: SearchHit) -> SearchHitPublic:
        p = h.post
        assert p.id is not None
        return cls(id=p.id, cooperation=p.cooperation, category=p.category, title=p.title,
                   score=round(h.score, 6), snippet=h.snippet)  # fmt: skip


class SearchPublic(BaseModel):
    """The best matches first."""

    items: list[SearchHitPublic]


class DigestSectionPublic(BaseModel):
    cooperation: str
    category: PostCategory
    posts: list[PostPublic]


class DigestPublic(BaseModel):
    """A user's digest of one UTC day, by cooperation then category."""

    user: str
    day: date
    unread: bool
    count: int
    sections: list[DigestSectionPublic]

    @classmethod
    def of(cls, d: Digest) -> DigestPublic:
        sections = [
            DigestSectionPublic(cooperation=s.cooperation, category=s.category,
                                posts=[PostPublic.of(v) for v in s.posts])
            for s in d.sections
        ]  # fmt: skip
        return cls(user=d.user, day=d.day, unread=d.unread, count=d.count, sections=sections)


class ForwardCreate(BaseModel):
    """Forward the post to the team of ``actor`` (needed when the user acts for several)."""

    note: str = Field(default="", max_length=2000)
    actor: str | None = Field(default=None, max_length=64)


class ForwardMade(ForwardPublic):
    """The forward just recorded."""

    id: int
    post: int

    @classmethod
    def made(cls, f: Forward) -> ForwardMade:
        assert f.id is not None
        return cls(id=f.id, post=f.post, by=f.by_user, to=f.to_actor, note=f.note, at=f.at)
