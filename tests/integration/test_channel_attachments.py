"""Attachments through the use cases, on SQLite and PostgreSQL: checked before anything is
written, kept on disk by digest, read only by the post's readers, orphans cleaned up."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from jejaring.config import Settings
from jejaring.domain.errors import InvalidValue, NotFound
from jejaring.domain.posts import PostCategory
from jejaring.services import posts
from jejaring.services.access import Forbidden
from jejaring.services.attachment_files import (
    NewFile,
    attachment_root,
    clean_attachments,
    read_attachment,
)
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.store.blobs import digest_of
from jejaring.store.errors import Conflict
from tests.factories import AT
from tests.support.channel import build_channel
from tests.support.sharing import build_sharing, the_user

PDF = b"%PDF-1.4\nharga cabai\n"
CSV = b"produk,harga\ncabai,60000\n"


@pytest.fixture
def chan(db_url: str, tmp_path: Path) -> Iterator[Context]:
    ctx = bootstrap(
        Settings(database_url=db_url, attachments_dir=tmp_path / "files", attachment_max_bytes=64)
    )
    build_sharing(ctx)
    build_channel(ctx)
    yield ctx
    ctx.close()


def _add(ctx: Context, files: list[NewFile], to: tuple[str, ...] = ()) -> posts.PostView:
    return posts.create_post(
        ctx, the_user(ctx, "owner@b"), "chan", actor="b", category=PostCategory.PRICE,
        title="Daftar harga", body="Terlampir.", files=files, to=to, now=AT,
    )  # fmt: skip


def _stored(ctx: Context) -> list[Path]:
    return sorted(p for p in attachment_root(ctx).rglob("*") if p.is_file())


def test_files_are_kept_by_digest_and_read_back_by_readers_only(chan: Context) -> None:
    made = _add(chan, [NewFile("../../harga.pdf", PDF), NewFile("harga.csv", CSV)], to=("a",))
    assert [(a.name, a.media_type, a.size) for a in made.attachments] == [
        ("harga.pdf", "application/pdf", len(PDF)), ("harga.csv", "text/csv", len(CSV)),
    ]  # fmt: skip
    assert [p.name for p in _stored(chan)] == sorted([digest_of(PDF), digest_of(CSV)])
    post_id = made.post.id
    assert post_id is not None
    shown = posts.show_post(chan, the_user(chan, "viewer@a"), post_id)
    assert [a.name for a in shown.attachments] == ["harga.pdf", "harga.csv"]
    found, data = read_attachment(chan, the_user(chan, "viewer@a"), post_id, "harga.pdf")
    assert data == PDF and found.sha256 == digest_of(PDF)
    # c is not named: the attachment is as missing as the post, and as a file never attached.
    for email, name in [
        ("owner@c", "harga.pdf"),
        ("owner@z", "harga.pdf"),
        ("admin@x", "harga.pdf"),
    ]:
        with pytest.raises(NotFound, match=rf"^post {post_id} not found$"):
            read_attachment(chan, the_user(chan, email), post_id, name)
    with pytest.raises(NotFound, match=rf"post {post_id} has no attachment 'x.pdf'"):
        read_attachment(chan, the_user(chan, "owner@a"), post_id, "x.pdf")


def test_a_refused_file_writes_nothing(chan: Context) -> None:
    before = len(posts.list_posts(chan, None, "chan", now=AT))
    for files, message in [
        (
            [NewFile("besar.pdf", PDF + b"x" * 64)],
            r"^besar\.pdf: the file has 85 bytes, more than the limit of 64",
        ),
        (
            [NewFile("a.pdf", PDF), NewFile("setup.exe", b"MZ\x90\x00")],
            r"^setup\.exe: not an accepted kind",
        ),
        (
            [NewFile("a.pdf", PDF), NewFile("dir/a.pdf", PDF)],
            r"^a\.pdf: a post holds one file of each name",
        ),
        ([NewFile(f"{i}.csv", CSV) for i in range(11)], r"^attach: at most 10 files"),
    ]:
        with pytest.raises(InvalidValue, match=message):
            _add(chan, files)
    assert len(posts.list_posts(chan, None, "chan", now=AT)) == before
    assert _stored(chan) == []


def test_a_failed_transaction_leaves_only_an_unreferenced_file_that_clean_up_removes(
    chan: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = _add(chan, [NewFile("harga.csv", CSV)])

    def refuse(*_args: object) -> int:
        raise Conflict("the change conflicts with stored data: {detail}", detail="test")

    with monkeypatch.context() as m:
        m.setattr("jejaring.store.repositories.post_extras.AttachmentRepository.add", refuse)
        with pytest.raises(Conflict):
            _add(chan, [NewFile("harga.pdf", PDF)])
    assert {p.name for p in _stored(chan)} == {digest_of(CSV), digest_of(PDF)}
    assert len(posts.list_posts(chan, None, "chan", now=AT)) == 6  # five, and the kept one
    with pytest.raises(Forbidden, match="your role may not remove attachment files"):
        clean_attachments(chan, the_user(chan, "owner@b"))
    assert clean_attachments(chan, the_user(chan, "admin@x")) == []  # too young to be sure
    for path in _stored(chan):
        os.utime(path, (0, 0))
    assert clean_attachments(chan, None) == [digest_of(PDF)]
    assert kept.post.id is not None
    assert read_attachment(chan, None, kept.post.id, "harga.csv")[1] == CSV


def test_a_tampered_file_is_not_served(chan: Context) -> None:
    made = _add(chan, [NewFile("harga.csv", CSV)])
    (path,) = _stored(chan)
    path.write_bytes(b"produk,harga\ncabai,1\n")
    assert made.post.id is not None
    with pytest.raises(NotFound, match=r"has no attachment 'harga\.csv'"):
        read_attachment(chan, None, made.post.id, "harga.csv")
