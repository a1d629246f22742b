"""Webhooks through the use cases on both databases: who manages them, and who gets which event.

The world is the resources community (``a``, ``b``, ``c`` in ``coop`` and ``gudang``, ``a``
owning the warehouse ``wh``; ``z`` outside) plus ``bangun``, a cooperation of ``a``, ``b`` and
``c`` that co-develops resources. Each of ``a``, ``b``, ``c`` and ``z`` has a webhook for
every event kind, so the outbox shows exactly whom each event was queued for.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import pytest

from jejaring.domain.cooperation import CooperationStatus, Mechanism, MembershipStatus
from jejaring.domain.errors import InvalidValue, NotFound
from jejaring.domain.posts import PostCategory
from jejaring.domain.projects import ContributionKind, JointProject
from jejaring.domain.referrals import ReferralStatus
from jejaring.domain.resources import ResourceKind
from jejaring.domain.webhooks import EventKind, derive_secret
from jejaring.services import bookings, posts, projects, referrals, webhooks
from jejaring.services.access import Forbidden
from jejaring.services.audit import audit_trail
from jejaring.services.bootstrap import Context
from jejaring.services.events import publish
from jejaring.services.policies import set_policy
from tests.factories import cooperation, membership, persist
from tests.support.resources import build_resources, hour
from tests.support.sharing import the_user

HOOK = "http://127.0.0.1:9/hook"


@pytest.fixture
def world(ctx: Context) -> Context:
    build_resources(ctx)
    with ctx.uow() as uow:
        persist(
            uow,
            cooperation(
                "bangun", status=CooperationStatus.ACTIVE,
                mechanisms=(Mechanism.RESOURCE_CO_DEVELOPMENT,),
            ),
            *(membership("bangun", k, status=MembershipStatus.ACCEPTED) for k in "abc"),
        )  # fmt: skip
        uow.commit()
    set_policy(ctx, None, "coop", "b", introductions_allowed=True)
    for actor in "abcz":
        webhooks.add_webhook(ctx, None, actor, f"{HOOK}/{actor}", "*")
    return ctx


def _queued(ctx: Context) -> dict[str, list[str]]:
    """Event kinds queued per receiving actor, oldest first."""
    actor_of = {w.id: w.actor for w in webhooks.list_webhooks(ctx, None)}
    found: dict[str, list[str]] = defaultdict(list)
    for d in reversed(webhooks.list_deliveries(ctx, None)):
        found[actor_of[d.webhook]].append(d.kind.value)
    return dict(found)


def test_owners_and_managers_manage_webhooks_and_see_the_secret_once(ctx: Context) -> None:
    build_resources(ctx)
    owner, member, outsider = (the_user(ctx, e) for e in ("owner@a", "member@a", "owner@z"))
    made = webhooks.add_webhook(ctx, owner, "a", " https://example.org/hook ", "booking.confirmed")
    w = made.webhook
    assert (w.actor, w.url, w.events) == (
        "a",
        "https://example.org/hook",
        (EventKind.BOOKING_CONFIRMED,),
    )
    # The store keeps a salt, not the secret: the secret needs the server's key as well.
    assert made.secret == derive_secret(ctx.settings.secret_key, w.secret_salt)
    assert made.secret.startswith("whsec_") and w.secret_salt not in made.secret
    assert made.secret != derive_secret("another server key", w.secret_salt)
    assert w.id is not None
    with ctx.reader() as uow:
        assert uow.webhooks.get(w.id) == w

    with pytest.raises(Forbidden, match="your role may not manage an actor's webhooks"):
        webhooks.add_webhook(ctx, member, "a", HOOK, "*")
    with pytest.raises(Forbidden, match="you do not act for 'a'"):
        webhooks.add_webhook(ctx, outsider, "a", HOOK, "*")
    with pytest.raises(InvalidValue, match=r"url: 'ftp://example\.org' is not an http"):
        webhooks.add_webhook(ctx, owner, "a", "ftp://example.org", "*")
    with pytest.raises(InvalidValue, match=r"unknown event kind 'booking\.made'"):
        webhooks.add_webhook(ctx, owner, "a", HOOK, "booking.confirmed,booking.made")
    with pytest.raises(InvalidValue, match="name at least one event kind"):
        webhooks.add_webhook(ctx, owner, "a", HOOK, " , ")

    assert webhooks.list_webhooks(ctx, owner, "a") == [w]
    assert webhooks.list_webhooks(ctx, owner) == [w]
    assert webhooks.list_webhooks(ctx, outsider) == []
    with pytest.raises(NotFound, match="actor 'a' not found"):
        webhooks.list_webhooks(ctx, member, "a")
    # Another actor's webhook is as missing as one that never was.
    for who in (member, outsider):
        for call in (webhooks.rotate_secret, webhooks.remove_webhook, webhooks.list_deliveries):
            with pytest.raises(NotFound, match=f"webhook {w.id} not found"):
                call(ctx, who, w.id)

    rotated = webhooks.rotate_secret(ctx, the_user(ctx, "manager@a"), w.id)
    assert rotated.secret != made.secret
    assert rotated.secret == derive_secret(ctx.settings.secret_key, rotated.webhook.secret_salt)
    assert webhooks.remove_webhook(ctx, owner, w.id).id == w.id
    assert webhooks.list_webhooks(ctx, None) == []
    with pytest.raises(NotFound, match=f"webhook {w.id} not found"):
        webhooks.remove_webhook(ctx, None, w.id)
    trail = [(e.action, e.by_user) for e in audit_trail(ctx, None, "a")]
    assert trail == [
        ("webhook.removed", "owner@a"), ("webhook.rotated", "manager@a"),
        ("webhook.added", "owner@a"),
    ]  # fmt: skip


def test_booking_events_reach_the_cooperations_members_and_a_refusal_only_the_booker(
    world: Context,
) -> None:
    by_b = bookings.book(
        world, the_user(world, "owner@b"), "wh", by="b", start=hour(8), end=hour(10), quantity=4
    )
    with pytest.raises(bookings.CapacityRefused):
        bookings.book(world, None, "wh", by="c", start=hour(9), end=hour(11), quantity=2)
    bookings.book(world, None, "wh", by="a", start=hour(12), end=hour(13), quantity=1)
    assert by_b.id is not None
    bookings.cancel(world, the_user(world, "owner@b"), by_b.id)
    confirmed, refused = EventKind.BOOKING_CONFIRMED.value, EventKind.BOOKING_REFUSED.value
    cancelled = EventKind.BOOKING_CANCELLED.value
    assert _queued(world) == {
        "a": [confirmed, confirmed, cancelled],  # a's own booking goes to a alone
        "b": [confirmed, cancelled],
        "c": [confirmed, refused, cancelled],
    }
    with world.uow() as uow:  # claimed to be read, never committed
        later = datetime(2100, 1, 1, tzinfo=UTC)
        sent = uow.webhooks.claim_due(later, later, "test", 100)
    first = next(o for o in sent if o.actor == "c" and o.kind == confirmed)
    assert first.cooperation == "gudang"
    assert first.data == bookings.booking_dict(by_b)
    # The log in pages, newest first: each page goes on where the previous one ended.
    every = [d.id for d in webhooks.list_deliveries(world, None)]
    assert len(every) == 8 and every == sorted(every, reverse=True)
    page = webhooks.list_deliveries(world, None, limit=5)
    rest = webhooks.list_deliveries(world, None, limit=5, before=page[-1].id)
    assert [d.id for d in page + rest] == every
    with pytest.raises(InvalidValue, match="limit: must be between 1 and 500"):
        webhooks.list_deliveries(world, None, limit=0)


def test_project_and_referral_events_reach_only_who_may_read_them(world: Context) -> None:
    manager = the_user(world, "owner@a")
    projects.create_project(world, manager, JointProject("oven", "bangun", "Oven bersama"))
    projects.contribute(world, manager, "oven", "a", ContributionKind.CASH, 3_000_000)
    projects.complete(world, manager, "oven", kind=ResourceKind.EQUIPMENT, capacity=1)
    asked = referrals.request_referral(world, the_user(world, "member@a"), "a", "b", "z")
    assert asked.id is not None
    referrals.move_referral(world, the_user(world, "owner@b"), asked.id, ReferralStatus.ACCEPTED)
    project = ["project.created", "project.contribution_added", "project.completed"]
    assert _queued(world) == {
        "a": [*project, "referral.requested", "referral.accepted"],
        "b": [*project, "referral.requested", "referral.accepted"],
        "c": project,  # not a party to the referral
    }


def test_a_webhook_gets_only_the_kinds_it_subscribed_to(world: Context) -> None:
    only = webhooks.add_webhook(world, None, "b", HOOK, ["referral.requested"]).webhook
    referrals.request_referral(world, None, "a", "b", "z")
    bookings.book(world, None, "wh", by="b", start=hour(8), end=hour(9), quantity=1)
    assert only.id is not None
    kinds = [d.kind.value for d in webhooks.list_deliveries(world, None, only.id)]
    assert kinds == ["referral.requested"]


def test_an_event_is_queued_only_when_its_write_commits(world: Context) -> None:
    with world.uow() as uow:
        publish(uow, EventKind.POST_CREATED, actors=["a", "b"], data={"title": "harga cabai"})
        uow.rollback()
    with pytest.raises(RuntimeError), world.uow() as uow:
        publish(uow, EventKind.POST_CREATED, actors=["a"], data={"title": "x"})
        raise RuntimeError("the write failed after publishing")
    assert webhooks.list_deliveries(world, None) == []
    with world.uow() as uow:
        ids = publish(uow, EventKind.POST_CREATED, actors=["a", "z"], data={"title": "y"})
        uow.commit()
    assert len(ids) == 2
    assert _queued(world) == {"a": ["post.created"], "z": ["post.created"]}


def test_a_post_is_announced_to_those_who_may_read_it(world: Context) -> None:
    with world.uow() as uow:
        persist(
            uow,
            cooperation(
                "chan", status=CooperationStatus.ACTIVE,
                mechanisms=(Mechanism.INFORMATION_SHARING,),
            ),
            *(membership("chan", k, status=MembershipStatus.ACCEPTED) for k in "abc"),
        )  # fmt: skip
        uow.commit()
    lead = PostCategory.LEAD
    posts.create_post(world, None, "chan", actor="b", category=lead, title="T", body="B", to=["c"])
    assert _queued(world) == {"b": ["post.created"], "c": ["post.created"]}
    posts.create_post(world, None, "chan", actor="a", category=lead, title="T", body="B")
    assert _queued(world) == {
        "a": ["post.created"],
        "b": ["post.created", "post.created"],
        "c": ["post.created", "post.created"],
    }
    with world.uow() as uow:  # claimed to be read, never committed
        later = datetime(2100, 1, 1, tzinfo=UTC)
        sent = uow.webhooks.claim_due(later, later, "test", 100)
    assert {o.data["author"] for o in sent} == {"a", "b"} and {o.cooperation for o in sent} == {
        "chan"
    }
    assert all(o.data["title"] == "T" and "body" not in o.data for o in sent)
