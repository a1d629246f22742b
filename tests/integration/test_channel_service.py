"""A cooperation's channel through the use cases, on SQLite and PostgreSQL: who reads which
post, posting rules, expiry, receipts, unread counts, search, digest and forwarding."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from jejaring.config import Settings
from jejaring.domain.errors import InvalidValue, NotFound, RuleViolation
from jejaring.domain.posts import PostCategory, PostVisibility
from jejaring.services import posts
from jejaring.services.access import Forbidden
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.digest import digest
from jejaring.services.forwards import forward_post
from jejaring.services.post_search import search_posts
from tests.factories import AT
from tests.support.channel import CHANNEL_POSTS, build_channel, post_id
from tests.support.sharing import build_sharing, the_user

NOW = AT + timedelta(hours=2)  # "expired" expired at AT + 1 day: still live now
LATER = AT + timedelta(days=2)
READS_ALL = {"b_all", "a_all", "expired"}


@pytest.fixture
def chan(db_url: str, tmp_path: Path) -> Iterator[Context]:
    ctx = bootstrap(Settings(database_url=db_url, attachments_dir=tmp_path / "files"))
    build_sharing(ctx)
    build_channel(ctx)
    yield ctx
    ctx.close()


def _ids(names: set[str]) -> set[int]:
    return {post_id(n) for n in names}


def _listed(ctx: Context, email: str | None, now: datetime = NOW, **kw: object) -> set[int]:
    views = posts.list_posts(ctx, the_user(ctx, email), "chan", now=now, **kw)  # type: ignore[arg-type]
    return {v.post.id for v in views if v.post.id is not None}


VISIBLE = {
    "owner@a": READS_ALL | {"b_to_a"},
    "viewer@a": READS_ALL | {"b_to_a"},
    "owner@b": set(CHANNEL_POSTS),
    "owner@c": READS_ALL | {"b_to_c"},
    None: set(CHANNEL_POSTS),
}


@pytest.mark.parametrize("email", list(VISIBLE))
def test_each_user_lists_and_shows_exactly_the_posts_for_its_actors(
    chan: Context, email: str | None
) -> None:
    assert _listed(chan, email) == _ids(VISIBLE[email])
    for name in CHANNEL_POSTS:
        if name in VISIBLE[email]:
            assert posts.show_post(chan, the_user(chan, email), post_id(name)).post.id == post_id(
                name
            )
        else:
            with pytest.raises(NotFound, match=rf"^post {post_id(name)} not found$"):
                posts.show_post(chan, the_user(chan, email), post_id(name))


@pytest.mark.parametrize("email", ["owner@z", "coord@x", "admin@x"])
def test_outsiders_and_staff_read_no_post(chan: Context, email: str) -> None:
    user = the_user(chan, email)
    for name in CHANNEL_POSTS:
        with pytest.raises(NotFound, match=rf"^post {post_id(name)} not found$"):
            posts.show_post(chan, user, post_id(name))
    assert search_posts(chan, user, "cabai", now=NOW) == []
    # A non-member cannot tell the cooperation exists; staff see it but not its channel.
    kind = NotFound if email == "owner@z" else Forbidden
    with pytest.raises(kind):
        posts.list_posts(chan, user, "chan", now=NOW)


def test_a_member_that_left_no_longer_reads_the_channel(chan: Context) -> None:
    with chan.uow() as uow:
        m = next(m for m in uow.cooperations.memberships("chan") if m.actor == "c")
        uow.cooperations.save_membership(replace(m, left=date(2024, 5, 2)))
        uow.commit()
    # c still sees the agreement it was part of, but no longer its channel.
    with pytest.raises(Forbidden, match="your role may not read a cooperation's channel"):
        posts.list_posts(chan, the_user(chan, "owner@c"), "chan", now=NOW)
    with pytest.raises(NotFound, match="post 2 not found"):
        posts.show_post(chan, the_user(chan, "owner@c"), post_id("b_to_c"))


def test_expired_posts_are_listed_only_when_asked(chan: Context) -> None:
    assert post_id("expired") not in _listed(chan, "owner@a", now=LATER)
    views = posts.list_posts(
        chan, the_user(chan, "owner@a"), "chan", now=LATER, include_expired=True
    )
    assert post_id("expired") in {v.post.id for v in views}
    assert posts.show_post(chan, the_user(chan, "owner@a"), post_id("expired")).post.expired(LATER)


def test_filters_by_category_territory_and_sector(chan: Context) -> None:
    assert _listed(chan, None, category=PostCategory.LEAD) == _ids({"b_to_c", "b_to_a"})
    assert _listed(chan, None, territory="33") == _ids({"b_all"})
    assert _listed(chan, None, sector="pertanian") == _ids({"b_all"})


def _add(
    ctx: Context, email: str | None, coop: str = "chan", actor: str = "a", **kw: object
) -> posts.PostView:
    fields: dict[str, object] = {
        "category": PostCategory.MARKET_INFO,
        "title": "Pasar baru",
        "body": "Di Cimahi.",
    }
    fields.update(kw)
    return posts.create_post(ctx, the_user(ctx, email), coop, actor=actor, now=NOW, **fields)  # type: ignore[arg-type]


def test_posting_needs_a_writing_role_for_a_member_of_an_active_sharing_cooperation(
    chan: Context,
) -> None:
    with pytest.raises(Forbidden, match="your role may not post in a cooperation's channel"):
        _add(chan, "viewer@a")
    with pytest.raises(Forbidden, match="you do not act for 'a'"):
        _add(chan, "owner@b")
    with pytest.raises(NotFound, match="cooperation 'chan' not found"):
        _add(chan, "owner@z", actor="z")
    with pytest.raises(Forbidden, match="your role may not read a cooperation's channel"):
        _add(chan, "admin@x")
    with pytest.raises(RuleViolation, match="'z' is not an accepted member of cooperation 'chan'"):
        _add(chan, None, actor="z")
    with pytest.raises(RuleViolation, match="cooperation 'quiet' does not share information"):
        _add(chan, "owner@a", coop="quiet")
    with pytest.raises(RuleViolation, match="cooperation 'halted' is not active"):
        _add(chan, "owner@a", coop="halted")
    with pytest.raises(NotFound, match="territory '99' not found"):
        _add(chan, "member@a", territories=["99"])
    made = _add(chan, "member@a", territories=["32"], sectors=["kuliner"])
    assert made.post.id is not None and made.post.visibility is PostVisibility.MEMBERS
    assert made.post.created == NOW and made.post.territories == ("32",)
    assert made.post.id in _listed(chan, "owner@c")


def test_named_posts_go_to_named_members_only(chan: Context) -> None:
    with pytest.raises(RuleViolation, match="'z' is not an accepted member of cooperation 'chan'"):
        _add(chan, "owner@a", to=["z"])
    with pytest.raises(InvalidValue, match=r"^to: the author reads its own post"):
        _add(chan, "owner@a", to=["a"])
    made = _add(chan, "owner@a", to=["c"])
    assert made.post.visibility is PostVisibility.NAMED and made.post.recipients == ("c",)
    assert made.post.id in _listed(chan, "owner@c") and made.post.id in _listed(chan, "viewer@a")
    assert made.post.id not in _listed(chan, "owner@b")


def test_reading_is_recorded_once_and_counted_per_cooperation(chan: Context) -> None:
    ani = the_user(chan, "member@a")
    assert posts.unread_counts(chan, ani, now=NOW) == {"chan": 4}
    first = posts.mark_read(chan, ani, post_id("b_all"), now=NOW)
    again = posts.mark_read(chan, ani, post_id("b_all"), now=LATER)
    assert first.read_at == again.read_at == NOW
    assert posts.unread_counts(chan, ani, now=NOW) == {"chan": 3}
    assert posts.unread_counts(chan, ani, now=LATER) == {"chan": 2}  # "expired" left out
    assert posts.show_post(chan, ani, post_id("b_all")).read_at == NOW
    assert posts.unread_counts(chan, the_user(chan, "owner@z"), now=NOW) == {}
    with pytest.raises(NotFound, match="post 2 not found"):
        posts.mark_read(chan, ani, post_id("b_to_c"), now=NOW)
    with pytest.raises(InvalidValue, match=r"^as: this needs a user"):
        posts.mark_read(chan, None, post_id("b_all"))


def test_receipts_are_for_the_authors_users(chan: Context) -> None:
    for email in ("member@a", "owner@c"):
        posts.mark_read(chan, the_user(chan, email), post_id("b_all"), now=NOW)
    got = posts.receipts(chan, the_user(chan, "owner@b"), post_id("b_all"))
    assert [(r.user, r.read_at) for r in got] == [("member@a", NOW), ("owner@c", NOW)]
    assert posts.receipts(chan, None, post_id("b_all")) == got
    with pytest.raises(Forbidden, match="only the users of 'b', which wrote post 1"):
        posts.receipts(chan, the_user(chan, "owner@a"), post_id("b_all"))
    with pytest.raises(NotFound, match="post 1 not found"):
        posts.receipts(chan, the_user(chan, "owner@z"), post_id("b_all"))


@pytest.mark.parametrize("email", [*VISIBLE, "owner@z", "coord@x", "admin@x"])
def test_search_finds_only_readable_posts(chan: Context, email: str | None) -> None:
    user = the_user(chan, email)
    found = {h.post.id for h in search_posts(chan, user, "pemasok", now=NOW)}
    assert found == _ids({"b_to_c", "b_to_a"} & VISIBLE.get(email, set()))


def test_search_ranks_needs_every_word_and_leaves_out_expired_posts(chan: Context) -> None:
    hits = search_posts(chan, None, "CABAI", now=NOW)
    # "Peluang pameran cabai" says cabai twice (title and body); the price post once each.
    assert {h.post.id for h in hits} == _ids({"b_all", "expired"})
    assert hits[0].score >= hits[1].score
    assert all("[" in h.snippet and "]" in h.snippet for h in hits)
    assert [h.post.id for h in search_posts(chan, None, "cabai semarang", now=NOW)] == [
        post_id("b_all")
    ]
    assert search_posts(chan, None, "cabai jakarta", now=NOW) == []
    assert [h.post.id for h in search_posts(chan, None, "cabai", now=LATER)] == [post_id("b_all")]
    assert len(search_posts(chan, None, "cabai", now=LATER, include_expired=True)) == 2
    assert search_posts(chan, None, 'halal" "wajib', cooperation="chan", now=NOW)[
        0
    ].post.id == post_id("a_all")
    with pytest.raises(InvalidValue, match=r"^query: give at least one word"):
        search_posts(chan, None, " -- ")


def test_search_sees_new_posts_at_once(chan: Context) -> None:
    made = _add(chan, "owner@a", title="Durian Montong", body="Panen raya.")
    assert [
        h.post.id for h in search_posts(chan, the_user(chan, "owner@c"), "montong", now=NOW)
    ] == [made.post.id]
    assert (
        search_posts(chan, the_user(chan, "owner@a"), "durian", cooperation="quiet", now=NOW) == []
    )


def test_digest_groups_the_days_posts_by_cooperation_and_category(chan: Context) -> None:
    ani = the_user(chan, "owner@a")
    d = digest(chan, ani, AT.date(), now=NOW)
    assert d.count == len(READS_ALL | {"b_to_a"})
    assert [(s.cooperation, s.category) for s in d.sections] == [
        ("chan", PostCategory.PRICE), ("chan", PostCategory.LEAD),
        ("chan", PostCategory.OPPORTUNITY), ("chan", PostCategory.REGULATION),
    ]  # fmt: skip
    assert digest(chan, ani, AT.date() + timedelta(days=1), now=NOW).count == 0
    posts.mark_read(chan, ani, post_id("b_all"), now=NOW)
    unread = digest(chan, ani, unread=True, now=LATER)
    assert {v.post.id for s in unread.sections for v in s.posts} == _ids({"b_to_a", "a_all"})
    assert digest(chan, the_user(chan, "owner@z"), AT.date(), now=NOW).count == 0


def test_forwarding_reaches_the_team_without_widening_readers(chan: Context) -> None:
    sender = the_user(chan, "member@a")
    with pytest.raises(Forbidden, match="your role may not forward"):
        forward_post(chan, the_user(chan, "viewer@a"), post_id("b_to_a"), note="x")
    with pytest.raises(NotFound, match="post 2 not found"):
        forward_post(chan, sender, post_id("b_to_c"), note="x")
    with pytest.raises(Forbidden, match="you do not act for 'c'"):
        forward_post(chan, sender, post_id("b_all"), actor="c")
    day = AT.date() + timedelta(days=3)
    made = forward_post(
        chan, sender, post_id("b_to_a"), note="Tolong hubungi", now=LATER + timedelta(days=1)
    )
    assert made.to_actor == "a" and made.id is not None and made.by_user == "member@a"
    team = digest(chan, the_user(chan, "viewer@a"), day, now=LATER)
    (section,) = team.sections
    (view,) = section.posts
    assert view.post.id == post_id("b_to_a")
    assert [(f.by_user, f.note) for f in view.forwards] == [("member@a", "Tolong hubungi")]
    # Others do not see a's internal note, and c still cannot read b's post for a.
    assert posts.show_post(chan, the_user(chan, "owner@b"), post_id("b_to_a")).forwards == ()
    assert digest(chan, the_user(chan, "owner@c"), day, now=LATER).count == 0
    with pytest.raises(InvalidValue, match=r"^as: this needs a user"):
        forward_post(chan, None, post_id("b_all"))


@pytest.mark.parametrize("filters", [{}, {"sector": "horeca"}, {"category": PostCategory.LEAD}])
def test_a_channel_read_page_by_page_gives_the_whole_list_in_order(
    chan: Context, monkeypatch: pytest.MonkeyPatch, filters: dict[str, object]
) -> None:
    for i in range(11):  # some at the same instant: the id breaks the tie
        category = PostCategory.LEAD if i % 3 == 0 else PostCategory.MARKET_INFO
        sectors = ("horeca",) if i % 2 else ()
        _add(chan, "owner@a", title=f"Pos {i}", category=category, sectors=sectors)
    monkeypatch.setattr(posts, "_BATCH", 3)  # pages of filtered lists read in several batches
    owner = the_user(chan, "owner@a")
    whole = [v.post.id for v in posts.list_posts(chan, owner, "chan", now=NOW, **filters)]  # type: ignore[arg-type]
    paged: list[int | None] = []
    before = None
    while True:
        page = posts.list_posts(chan, owner, "chan", now=NOW, before=before, limit=2, **filters)  # type: ignore[arg-type]
        paged += [v.post.id for v in page]
        if len(page) < 2:
            break
        before = (page[-1].post.created, page[-1].post.id)
    assert paged == whole and len(whole) >= 4
