"""Posts and read receipts, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from jejaring.domain.errors import NotFound
from jejaring.domain.posts import PostCategory, PostVisibility
from jejaring.services.bootstrap import Context
from tests.factories import AT, actor, cooperation, persist, post, receipt, user

WITA = timezone(timedelta(hours=8))  # Central Indonesia Time
FULL = post(
    "coop",
    "a",
    category=PostCategory.LEAD,
    title="Hotel baru di Lembang butuh pemasok",
    body="Hubungi bagian pembelian.",
    territories=("32.04", "32"),
    sectors=("horeca",),
    visibility=PostVisibility.NAMED,
    recipients=("b",),
    created=AT,
    expires=AT + timedelta(days=30),
)


@pytest.fixture
def channel(ctx: Context) -> Context:
    with ctx.uow() as uow:
        persist(uow, actor("a"), actor("b"), cooperation("coop"), cooperation("alt"))
        persist(uow, user("ani@example.com"), user("budi@example.com"))
        uow.commit()
    return ctx


def test_a_post_reads_back_equal_with_its_id(channel: Context) -> None:
    with channel.uow() as uow:
        post_id = uow.posts.add(FULL)
        uow.commit()
    with channel.uow() as uow:
        (found,) = uow.posts.find("coop")
        assert found == FULL and found.id == post_id
        got = uow.posts.get(post_id)
        assert got == FULL and got is not None and got.id == post_id
        assert uow.posts.get(post_id + 1000) is None
        assert uow.posts.count() == 1


def test_posts_are_newest_first_and_per_cooperation(channel: Context) -> None:
    old, new, also_new = (
        post(created=AT),
        post(created=AT + timedelta(hours=1)),
        post(created=AT + timedelta(hours=1)),
    )
    with channel.uow() as uow:
        ids = persist(uow, old, new, post("alt"), also_new)
        uow.commit()
    with channel.uow() as uow:
        assert [p.id for p in uow.posts.find("coop")] == [ids[3], ids[1], ids[0]]
        with pytest.raises(NotFound, match="cooperation 'nothing'"):
            uow.posts.find("nothing")


def test_post_times_come_back_as_the_same_instants_in_utc(channel: Context) -> None:
    created = datetime(2024, 5, 1, 8, tzinfo=WITA)  # 00:00 UTC
    with channel.uow() as uow:
        (post_id,) = persist(uow, post(created=created, expires=created + timedelta(hours=1)))
        uow.commit()
    with channel.uow() as uow:
        found = uow.posts.get(post_id)
        assert found is not None
        assert found.created == datetime(2024, 5, 1, tzinfo=UTC) and found.created.tzinfo is UTC
        assert found.expires == datetime(2024, 5, 1, 1, tzinfo=UTC)
        assert found.expires is not None and found.expires.tzinfo is UTC


def test_read_receipts_are_kept_once_per_reader(channel: Context) -> None:
    with channel.uow() as uow:
        post_id = uow.posts.add(FULL)
        uow.posts.mark_read(post_id, "budi@example.com", AT + timedelta(hours=1))
        uow.posts.mark_read(post_id, "Ani@Example.com", AT + timedelta(hours=2))
        uow.commit()
    with channel.uow() as uow:
        uow.posts.mark_read(post_id, "ani@example.com", AT + timedelta(hours=5))  # no change
        uow.commit()
    with channel.uow() as uow:
        assert uow.posts.readers(post_id) == ["ani@example.com", "budi@example.com"]
        assert uow.posts.receipts(post_id) == [
            receipt(post_id, "ani@example.com", read_at=AT + timedelta(hours=2)),
            receipt(post_id, "budi@example.com", read_at=AT + timedelta(hours=1)),
        ]


def test_unknown_posts_users_and_authors_are_not_found(channel: Context) -> None:
    with channel.uow() as uow:
        post_id = uow.posts.add(FULL)
        for call, missing in [
            (lambda: uow.posts.add(post(author="nobody")), "actor 'nobody'"),
            (lambda: uow.posts.add(post("nothing")), "cooperation 'nothing'"),
            (lambda: uow.posts.mark_read(post_id, "who@example.com", AT), "user 'who@example.com'"),
            (lambda: uow.posts.mark_read(post_id + 1000, "ani@example.com", AT), "post"),
            (lambda: uow.posts.readers(post_id + 1000), "post"),
            (lambda: uow.posts.receipts(post_id + 1000), "post"),
        ]:
            with pytest.raises(NotFound, match=missing):
                call()


def test_deleting_a_post_removes_its_receipts(channel: Context) -> None:
    with channel.uow() as uow:
        post_id = uow.posts.add(FULL)
        uow.posts.mark_read(post_id, "ani@example.com", AT)
        uow.commit()
    with channel.uow() as uow:
        uow.posts.delete(post_id)
        uow.commit()
    with channel.uow() as uow:
        assert uow.posts.get(post_id) is None and uow.posts.count() == 0
        with pytest.raises(NotFound, match="post"):
            uow.posts.delete(post_id)
