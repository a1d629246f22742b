"""The authorization matrix of network sharing, on SQLite and PostgreSQL (DESIGN section 5).

Every operation, for every principal — the owner, manager, member and viewer of actor ``a``,
the owner of ``z`` (an actor outside every cooperation), a coordinator, an administrator, and
the operator of the command line — and every ownership case, is expected to be allowed, to
be refused as forbidden, or to be hidden: a hidden refusal must raise exactly what the same
call on a missing object raises. The expectations are written out below, one row per case,
independently of ``services.access``'s rules. An allowed write runs on a fresh copy of the
world; everything else shares one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from jejaring.domain.cooperation import MappingLevel
from jejaring.domain.errors import InvalidValue, NotFound
from jejaring.domain.posts import PostCategory
from jejaring.domain.projects import ContributionKind
from jejaring.domain.referrals import ReferralStatus
from jejaring.domain.resources import ResourceKind
from jejaring.services import cooperations as coops
from jejaring.services import posts
from jejaring.services import webhooks as hooks
from jejaring.services.access import Forbidden
from jejaring.services.attachment_files import clean_attachments
from jejaring.services.audit import audit_trail
from jejaring.services.bookings import book, cancel
from jejaring.services.bootstrap import Context
from jejaring.services.forwards import forward_post
from jejaring.services.intros import find_introductions
from jejaring.services.mapping import map_accounts
from jejaring.services.policies import get_policy, set_policy
from jejaring.services.projects import (
    add_milestone,
    complete,
    contribute,
    create_project,
    set_project,
    show_project,
)
from jejaring.services.projects import ledger as project_ledger
from jejaring.services.reach import actor_reach
from jejaring.services.referrals import list_referrals, move_referral, request_referral
from jejaring.services.resources import add_resource, availability, share_resource
from jejaring.services.settlement import settle
from tests.conftest import BACKENDS
from tests.factories import AT, project, resource
from tests.support.channel import post_id
from tests.support.matrix_world import (
    World,
    booking_id,
    build_world,
    open_world,
    referral_id,
    webhook_id,
)
from tests.support.sharing import the_user

EMAILS: dict[str, str | None] = {
    "owner": "owner@a",
    "manager": "manager@a",
    "member": "member@a",
    "viewer": "viewer@a",
    "other": "owner@z",
    "coordinator": "coord@x",
    "admin": "admin@x",
    "operator": None,
}
MAN = frozenset({"owner", "manager"})
OPR = MAN | {"member"}
RD = OPR | {"viewer"}
STAFF = frozenset({"coordinator", "admin"})
NOBODY: frozenset[str] = frozenset()
OUTSIDERS = STAFF | {"other"}

Run = Callable[[Context, Any, Any], object]


@dataclass(frozen=True)
class Case:
    """``run(ctx, user, obj)``; who is allowed, who is hidden from (the rest: forbidden)."""

    operation: str
    ownership: str
    run: Run
    obj: Any
    ok: frozenset[str]
    hidden: frozenset[str] = NOBODY
    missing: Any = None
    writes: bool = True
    operator: str = "ok"  # "invalid": a use case for a user, which the operator is not

    def expected(self, who: str) -> str:
        if who == "operator":
            return self.operator
        if who in self.ok:
            return "ok"
        return "hidden" if who in self.hidden else "forbidden"


def _move(status: ReferralStatus, **kw: Any) -> Run:
    return lambda ctx, u, rid: move_referral(ctx, u, rid, status, **kw)


_ACCEPTED, _DECLINED = ReferralStatus.ACCEPTED, ReferralStatus.DECLINED
_INTRODUCED, _WON, _LOST = ReferralStatus.INTRODUCED, ReferralStatus.WON, ReferralStatus.LOST


def _propose(actor: str | None) -> Run:
    return lambda ctx, u, k: coops.propose(ctx, u, key=k, name="N", members=["a", "b"], actor=actor)


def _read(operation: str, ownership: str, run: Run, obj: Any, ok: frozenset[str],
          hidden: frozenset[str], missing: Any) -> Case:  # fmt: skip
    return Case(operation, ownership, run, obj, ok, hidden, missing, writes=False)


def _free(ctx: Context, user: Any, key: str) -> object:
    return availability(ctx, user, key, AT, AT + timedelta(hours=1))


def _book(by: str) -> Run:
    return lambda ctx, u, k: book(
        ctx, u, k, by=by, start=AT, end=AT + timedelta(hours=1), quantity=1.0
    )


def _settle(ctx: Context, user: Any, key: str) -> object:
    return settle(ctx, user, key, "2024-05")


def _create(actor: str) -> Run:
    return lambda ctx, u, k: create_project(ctx, u, project("new-p", k), actor=actor)


def _contribute(member: str) -> Run:
    return lambda ctx, u, k: contribute(ctx, u, k, member, ContributionKind.CASH, 1000.0)


# Projects are for members: a coordinator or an administrator does not see them.
NO_MEMBER = OUTSIDERS


def _post(actor: str) -> Run:
    return lambda ctx, u, k: posts.create_post(
        ctx, u, k, actor=actor, category=PostCategory.RISK, title="Banjir", body="Jalan putus."
    )


R, B, P, W = referral_id, booking_id, post_id, webhook_id
HOOK_READERS_HIDDEN = frozenset({"member", "viewer"}) | OUTSIDERS
OTHERS = RD | OUTSIDERS
CHANNEL = [
    Case("post add", "own author", _post("a"), "chan", OPR, frozenset({"other"}), "nope"),
    Case("post add", "partner author", _post("b"), "chan", NOBODY, frozenset({"other"}), "nope"),
    _read(
        "post list", "own cooperation", posts.list_posts, "chan", RD, frozenset({"other"}), "nope"
    ),
    _read("post show", "for all members", posts.show_post, P("b_all"), RD, OUTSIDERS, 999),
    _read("post show", "named own actor", posts.show_post, P("b_to_a"), RD, OUTSIDERS, 999),
    _read("post show", "named another", posts.show_post, P("b_to_c"), NOBODY, OTHERS, 999),
    Case(
        "post read",
        "for all members",
        posts.mark_read,
        P("b_all"),
        RD,
        OUTSIDERS,
        999,
        operator="invalid",
    ),
    Case(
        "post read",
        "named another",
        posts.mark_read,
        P("b_to_c"),
        NOBODY,
        OTHERS,
        999,
        operator="invalid",
    ),
    _read("post receipts", "own actor's post", posts.receipts, P("a_all"), RD, OUTSIDERS, 999),
    _read("post receipts", "partner's post", posts.receipts, P("b_all"), NOBODY, OUTSIDERS, 999),
    _read("post receipts", "named another", posts.receipts, P("b_to_c"), NOBODY, OTHERS, 999),
    Case(
        "post forward",
        "for all members",
        lambda c, u, k: forward_post(c, u, k, note="n"),
        P("b_all"),
        OPR,
        OUTSIDERS,
        999,
        operator="invalid",
    ),
    Case(
        "post forward",
        "named another",
        lambda c, u, k: forward_post(c, u, k, note="n"),
        P("b_to_c"),
        NOBODY,
        OTHERS,
        999,
        operator="invalid",
    ),
    Case(
        "attachments clean",
        "platform",
        lambda c, u, _k: clean_attachments(c, u),
        None,
        frozenset({"admin"}),
    ),
]


def _add_hook(ctx: Context, u: Any, actor: str) -> object:
    return hooks.add_webhook(ctx, u, actor, "http://127.0.0.1:9/new", "post.created")


CASES = [
    Case("coop propose", "own initiator", _propose("a"), "new", MAN),
    Case("coop propose", "no initiator", _propose(None), "new", STAFF),
    Case("coop propose", "partner initiator", _propose("b"), "new", NOBODY),
    Case("coop accept", "own invitation", lambda c, u, k: coops.accept(c, u, k, "a"), "pending",
         MAN, frozenset({"other"}), "nope"),
    Case("coop accept", "partner's invitation", lambda c, u, k: coops.accept(c, u, k, "c"),
         "pending", NOBODY, frozenset({"other"}), "nope"),
    Case("coop decline", "own invitation", lambda c, u, k: coops.decline(c, u, k, "a"), "pending",
         MAN, frozenset({"other"}), "nope"),
    Case("coop leave", "own membership", lambda c, u, k: coops.leave(c, u, k, "a"), "coop", MAN,
         frozenset({"other"}), "nope"),
    Case("coop suspend", "as own member", lambda c, u, k: coops.suspend(c, u, k, "a"), "coop",
         MAN | {"admin"}, frozenset({"other"}), "nope"),
    Case("coop suspend", "as no member", lambda c, u, k: coops.suspend(c, u, k), "coop",
         frozenset({"admin"}), frozenset({"other"}), "nope"),
    Case("coop resume", "as own member", lambda c, u, k: coops.resume(c, u, k, "a"), "paused",
         MAN | {"admin"}, frozenset({"other"}), "nope"),
    Case("coop end", "as own member", lambda c, u, k: coops.end(c, u, k, "a"), "coop",
         MAN | {"admin"}, frozenset({"other"}), "nope"),
    Case("coop end", "as no member", lambda c, u, k: coops.end(c, u, k), "coop",
         frozenset({"admin"}), frozenset({"other"}), "nope"),
    _read("coop show", "own cooperation", coops.show, "coop", RD | STAFF, frozenset({"other"}),
          "nope"),
    _read("coop show", "others' cooperation", coops.show, "zed", STAFF, RD | {"other"}, "nope"),
    Case("policy set", "own", lambda c, u, k: set_policy(c, u, k, "a",
         mapping_level=MappingLevel.COUNTS), "coop", MAN, frozenset({"other"}), "nope"),
    Case("policy set", "partner's", lambda c, u, k: set_policy(c, u, k, "b",
         mapping_level=MappingLevel.COUNTS), "coop", NOBODY, frozenset({"other"}), "nope"),
    _read("policy get", "own", lambda c, u, k: get_policy(c, u, k, "a"), "coop", RD | STAFF,
          frozenset({"other"}), "nope"),
    _read("policy get", "others' cooperation", lambda c, u, k: get_policy(c, u, k, "b"), "zed",
          STAFF, RD | {"other"}, "nope"),
    _read("intro", "own actor", lambda c, u, k: find_introductions(c, u, k, "z"), "a", RD,
          OUTSIDERS, "nobody"),
    _read("intro", "other actor", lambda c, u, k: find_introductions(c, u, k, "z"), "b", NOBODY,
          RD | OUTSIDERS, "nobody"),
    _read("reach", "own actor", actor_reach, "a", RD | STAFF, frozenset({"other"}), "nobody"),
    _read("reach", "other actor", actor_reach, "b", STAFF, RD | {"other"}, "nobody"),
    _read("audit", "own actor", audit_trail, "a", MAN | {"admin"},
          frozenset({"member", "viewer", "other", "coordinator"}), "nobody"),
    _read("audit", "other actor", audit_trail, "b", frozenset({"admin"}),
          RD | {"other", "coordinator"}, "nobody"),
    Case("referral request", "own requester", lambda c, u, k: request_referral(c, u, k, "b", "z"),
         "a", OPR),
    Case("referral request", "other requester",
         lambda c, u, k: request_referral(c, u, k, "b", "z"), "c", NOBODY),
    Case("referral accept", "as introducer", _move(_ACCEPTED), R("asked_of_a"), OPR, OUTSIDERS,
         999),
    Case("referral accept", "as requester", _move(_ACCEPTED), R("asked_of_b"), NOBODY, OUTSIDERS,
         999),
    Case("referral accept", "not a party", _move(_ACCEPTED), R("between_others"), NOBODY,
         RD | OUTSIDERS, 999),
    Case("referral decline", "as introducer", _move(_DECLINED), R("asked_of_a"), OPR, OUTSIDERS,
         999),
    Case("referral introduce", "as introducer", _move(_INTRODUCED), R("accepted_by_a"), OPR,
         OUTSIDERS, 999),
    Case("referral won", "as requester", _move(_WON, value=1000.0), R("introduced_for_a"), OPR,
         OUTSIDERS, 999),
    Case("referral won", "as introducer", _move(_WON, value=1000.0), R("introduced_by_a"), NOBODY,
         OUTSIDERS, 999),
    Case("referral lost", "as requester", _move(_LOST), R("introduced_for_a"), OPR, OUTSIDERS,
         999),
    _read("referral list", "own actor", list_referrals, "a", RD, OUTSIDERS, "nobody"),
    _read("referral list", "other actor", list_referrals, "c", NOBODY, RD | OUTSIDERS, "nobody"),
    _read("map", "own actor", lambda c, u, k: map_accounts(c, u, k, "b"), "a", RD, OUTSIDERS,
          "nobody"),
    _read("map", "other actor", lambda c, u, k: map_accounts(c, u, k, "a"), "c", NOBODY,
          RD | OUTSIDERS, "nobody"),
    # Resources: members of the cooperations a resource is shared into (DESIGN section 5).
    Case("resource add", "own actor", lambda c, u, k: add_resource(c, u, resource(k, "a")),
         "new-r", MAN),
    Case("resource add", "other actor", lambda c, u, k: add_resource(c, u, resource(k, "b")),
         "new-r", NOBODY),
    Case("resource share", "own resource", lambda c, u, k: share_resource(c, u, k, "works"),
         "spare-a", MAN, frozenset({"other", "coordinator"}), "nope"),
    Case("resource share", "partner's resource", lambda c, u, k: share_resource(c, u, k, "works"),
         "vault-b", NOBODY, RD | {"other", "coordinator"}, "nope"),
    _read("resource read", "shared with own actor", _free, "truck-b", RD | {"admin"},
          frozenset({"other", "coordinator"}), "nope"),
    _read("resource read", "partner's, not shared", _free, "vault-b", frozenset({"admin"}),
          RD | {"other", "coordinator"}, "nope"),
    _read("resource read", "in others' cooperation", _free, "truck-c", frozenset({"admin"}),
          RD | {"other", "coordinator"}, "nope"),
    Case("book", "for own actor", _book("a"), "truck-b", OPR, frozenset({"other", "coordinator"}),
         "nope"),
    Case("book", "for a partner", _book("b"), "truck-b", NOBODY,
         frozenset({"other", "coordinator"}), "nope"),
    Case("book", "in others' cooperation", _book("c"), "truck-c", NOBODY,
         RD | {"other", "coordinator"}, "nope"),
    Case("booking cancel", "own booking", cancel, B("by_a_on_b"), OPR,
         frozenset({"other", "coordinator"}), 999),
    Case("booking cancel", "partner's booking of own resource", cancel, B("by_b_on_a"), MAN,
         frozenset({"other", "coordinator"}), 999),
    Case("booking cancel", "in others' cooperation", cancel, B("by_c_on_c"), NOBODY,
         RD | {"other", "coordinator"}, 999),
    _read("settle", "own cooperation", _settle, "works", RD | {"admin"}, frozenset({"other"}),
          "nope"),
    _read("settle", "others' cooperation", _settle, "zworks", frozenset({"admin"}),
          RD | {"other"}, "nope"),
    # Joint projects: members of the project's cooperation only.
    Case("project create", "own cooperation", _create("a"), "works", MAN, NO_MEMBER, "nope"),
    Case("project create", "others' cooperation", _create("c"), "zworks", NOBODY,
         RD | NO_MEMBER, "nope"),
    Case("project set", "own cooperation", lambda c, u, k: set_project(c, u, k, goal="G",
         actor="a"), "proj", MAN, NO_MEMBER, "nope"),
    Case("project milestone", "own cooperation", lambda c, u, k: add_milestone(c, u, k, "M",
         actor="a"), "proj", MAN, NO_MEMBER, "nope"),
    Case("project complete", "own cooperation", lambda c, u, k: complete(c, u, k,
         kind=ResourceKind.EQUIPMENT, capacity=1.0, actor="a"), "proj", MAN, NO_MEMBER, "nope"),
    Case("project contribute", "for own actor", _contribute("a"), "proj", MAN, NO_MEMBER, "nope"),
    Case("project contribute", "for a partner", _contribute("b"), "proj", NOBODY, NO_MEMBER,
         "nope"),
    _read("project read", "own cooperation", show_project, "proj", RD, NO_MEMBER, "nope"),
    _read("project ledger", "own cooperation", project_ledger, "proj", RD, NO_MEMBER, "nope"),
    _read("project read", "others' cooperation", show_project, "zproj", NOBODY, RD | NO_MEMBER,
          "nope"),
    *CHANNEL,
    Case("webhook add", "own actor", _add_hook, "a", MAN),
    Case("webhook add", "other actor", _add_hook, "b", NOBODY),
    _read("webhook list", "own actor", hooks.list_webhooks, "a", MAN, HOOK_READERS_HIDDEN,
          "nobody"),
    _read("webhook list", "other actor", hooks.list_webhooks, "b", NOBODY, RD | OUTSIDERS,
          "nobody"),
    Case("webhook rotate", "own actor's", hooks.rotate_secret, W("of_a"), MAN,
         HOOK_READERS_HIDDEN, 999),
    Case("webhook rotate", "other actor's", hooks.rotate_secret, W("of_b"), NOBODY,
         RD | OUTSIDERS, 999),
    Case("webhook remove", "own actor's", hooks.remove_webhook, W("of_a"), MAN,
         HOOK_READERS_HIDDEN, 999),
    Case("webhook remove", "other actor's", hooks.remove_webhook, W("of_b"), NOBODY,
         RD | OUTSIDERS, 999),
    _read("webhook deliveries", "own actor's", hooks.list_deliveries, W("of_a"), MAN,
          HOOK_READERS_HIDDEN, 999),
    _read("webhook deliveries", "other actor's", hooks.list_deliveries, W("of_b"), NOBODY,
          RD | OUTSIDERS, 999),
]  # fmt: skip


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    with open_world(request, tmp_path_factory, build_world, "matrix") as opened:
        yield opened


@pytest.mark.parametrize("who", list(EMAILS))
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.operation}-{c.ownership}")
def test_matrix(world: World, case: Case, who: str) -> None:
    expected = case.expected(who)
    if expected == "ok" and case.writes:
        ctx = world.fresh()
        try:
            _check(ctx, case, who, expected)
        finally:
            ctx.close()  # its connections, before the server runs out of them
    else:
        _check(world.shared, case, who, expected)


def _check(ctx: Context, case: Case, who: str, expected: str) -> None:
    user = the_user(ctx, EMAILS[who])
    if expected == "ok":
        case.run(ctx, user, case.obj)
        return
    if expected == "invalid":
        with pytest.raises(InvalidValue, match=r"^as: this needs a user"):
            case.run(ctx, user, case.obj)
        return
    kind = NotFound if expected == "hidden" else Forbidden
    with pytest.raises(kind) as refused:
        case.run(ctx, user, case.obj)
    assert type(refused.value) is kind
    if expected == "hidden":
        with pytest.raises(NotFound) as absent:
            case.run(ctx, user, case.missing)
        assert type(absent.value) is NotFound
        # The same message, naming the object asked for and nothing else.
        assert refused.value.template == absent.value.template
        renamed = {k: case.missing if v == case.obj else v for k, v in refused.value.params.items()}
        assert renamed == absent.value.params


def test_the_matrix_covers_every_principal_and_every_outcome() -> None:
    outcomes = {c.expected(who) for c in CASES for who in EMAILS}
    assert outcomes == {"ok", "hidden", "forbidden", "invalid"}
    for who in EMAILS:  # nobody is allowed everything except the operator
        assert who == "operator" or any(c.expected(who) != "ok" for c in CASES)
