"""Answers the API keeps between requests (``api.kept``, ``services.read_cache``): used again
only while nothing they were computed from changed, never across users or languages, never
when computing them wrote; and always what a server keeping nothing answers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from jejaring.api import create_app, deps
from jejaring.api import kept as kept_api
from jejaring.api.routers import capability, partners
from jejaring.domain.accounts import ActorRole, TokenScope
from jejaring.domain.cooperation import (
    CooperationStatus,
    MappingLevel,
    Mechanism,
    MembershipStatus,
)
from jejaring.domain.posts import PostCategory
from jejaring.services import posts, reach
from jejaring.services.accounts import create_user, deactivate_user, get_user
from jejaring.services.api_tokens import TOKEN_PREFIX, create_token, list_tokens, revoke_token
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.services.members import remove_member
from jejaring.services.policies import set_policy
from jejaring.services.read_cache import SNAPSHOTS, kept
from jejaring.store import changes
from jejaring.store.tables import AuditEventRow
from tests.factories import (
    actor,
    audit_event,
    booking,
    cooperation,
    membership,
    persist,
    resource,
    tie,
)
from tests.support.partner_community import build_partner_community

PASSWORD = "correct horse battery"
READS = ("/api/v1/actors/me/partners?k=2", "/api/v1/actors/me/reach", "/api/v1/actors/me/kpis")


@pytest.fixture
def world(ctx: Context) -> Context:
    build_partner_community(ctx)
    create_user(ctx, "owner@me.id", PASSWORD, actor="me", role=ActorRole.OWNER)
    create_user(ctx, "member@me.id", PASSWORD, actor="me", role=ActorRole.MEMBER)
    create_user(ctx, "other@e.id", PASSWORD, actor="e", role=ActorRole.OWNER)
    return ctx


@pytest.fixture
def client(world: Context) -> Iterator[TestClient]:
    with TestClient(create_app(context=world)) as test_client:
        yield test_client


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times each route's service computed an answer."""
    calls = {"partners": 0, "reach": 0, "kpis": 0, "posts": 0}

    def counting(name: str, service: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return service(*args, **kwargs)

        return counted

    monkeypatch.setattr(partners, "find_partners", counting("partners", partners.find_partners))
    # reach keeps its figures in the service (its reads are audited each time): what it computes
    monkeypatch.setattr(reach, "_reach", counting("reach", reach._reach))
    monkeypatch.setattr(capability, "actor_kpis", counting("kpis", capability.actor_kpis))
    monkeypatch.setattr(posts, "list_posts", counting("posts", posts.list_posts))
    return calls


def _headers(client: TestClient, email: str, language: str = "en") -> dict[str, str]:
    response = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})
    return {
        "Authorization": f"Bearer {response.json()['access_token']}",
        "Accept-Language": language,
    }


def _fresh(world: Context, email: str, path: str, language: str = "en") -> Any:
    """The answer of a server that keeps nothing, on the same database."""
    settings = world.settings.model_copy(update={"read_cache_size": 0})
    other = bootstrap(settings)
    try:
        with TestClient(create_app(context=other)) as fresh:
            return fresh.get(path, headers=_headers(fresh, email, language)).json()
    finally:
        other.close()


def test_a_repeated_read_is_answered_from_what_was_kept(
    client: TestClient, computed: dict[str, int]
) -> None:
    owner = _headers(client, "owner@me.id")
    first = [client.get(path, headers=owner) for path in READS]
    again = [client.get(path, headers=owner) for path in READS]
    assert [r.status_code for r in first] == [200, 200, 200]
    assert [r.content for r in again] == [r.content for r in first]
    assert [r.headers["content-type"] for r in again] == ["application/json"] * 3
    assert computed == {"partners": 1, "reach": 1, "kpis": 1, "posts": 0}
    with client.app.state.context.uow() as uow:  # nothing partner identification reads
        persist(uow, audit_event("b"))
        uow.commit()
    client.get(READS[0], headers=owner)
    assert computed["partners"] == 1
    client.get("/api/v1/actors/me/partners?k=3", headers=owner)  # another question
    assert computed["partners"] == 2


def test_kept_answers_are_per_user_and_language(
    client: TestClient, computed: dict[str, int]
) -> None:
    english = client.get(READS[0], headers=_headers(client, "owner@me.id")).json()
    bahasa = client.get(READS[0], headers=_headers(client, "owner@me.id", "id")).json()
    assert english["portfolio"] == [
        {**p, "reason": english["portfolio"][i]["reason"]}
        for i, p in enumerate(bahasa["portfolio"])
    ]
    assert english["portfolio"][0]["reason"] != bahasa["portfolio"][0]["reason"]
    member = client.get(READS[0], headers=_headers(client, "member@me.id"))
    other = client.get(READS[0], headers=_headers(client, "other@e.id"))
    assert member.json() == english and other.status_code == 404  # never the owner's answer
    assert computed["partners"] == 3 + 1  # en, id, member; the other user's 404 computed too


@pytest.mark.parametrize("path", READS)
def test_a_change_to_what_an_answer_read_is_seen_at_the_next_read(
    world: Context, client: TestClient, path: str
) -> None:
    owner = _headers(client, "owner@me.id")
    before = client.get(path, headers=owner).json()
    other = bootstrap(world.settings)  # another process writes, with its own memory
    try:
        with other.uow() as uow:
            uow.actors.save(actor("c", sectors=("food",), coverage=("32.03", "32.04")))
            persist(uow, tie("me", "f", "trusts"))
            uow.commit()
    finally:
        other.close()
    after = client.get(path, headers=owner).json()
    assert after == _fresh(world, "owner@me.id", path)
    if "kpis" not in path:  # the KPIs count referrals and bookings, not coverage
        assert after != before


def test_losing_the_role_is_seen_at_once(world: Context, client: TestClient) -> None:
    member = _headers(client, "member@me.id")
    assert all(client.get(path, headers=member).status_code == 200 for path in READS)
    remove_member(world, None, "me", "member@me.id")
    assert [client.get(path, headers=member).status_code for path in READS] == [404] * 3


def test_what_wrote_or_failed_or_aged_is_not_kept(world: Context) -> None:
    calls: list[int] = []

    def auditing() -> int:
        calls.append(1)
        with world.uow() as uow:
            persist(uow, audit_event("me", action="customers.read"))
            uow.commit()
        return len(calls)

    assert [kept(world, "audited", auditing) for _ in range(2)] == [1, 2]

    def failing() -> int:
        calls.append(1)
        raise LookupError("not found")

    for _ in range(2):
        with pytest.raises(LookupError):
            kept(world, "failing", failing)
    assert len(calls) == 4

    def reading() -> int:
        calls.append(1)
        with world.reader() as uow:
            uow.actors.get("me")
        return len(calls)

    assert kept(world, "reading", reading) == kept(world, "reading", reading) == 5
    assert kept(world, "reading", reading, max_age=0.0) == 6  # older than allowed


def test_those_asking_while_it_is_computed_wait_for_it(world: Context) -> None:
    started, release, calls = threading.Event(), threading.Event(), []

    def slow() -> int:
        calls.append(1)
        started.set()
        release.wait(timeout=10)
        with world.reader() as uow:
            uow.actors.get("me")
        return len(calls)

    with ThreadPoolExecutor(max_workers=9) as pool:
        first = pool.submit(kept, world, "slow", slow, kind=SNAPSHOTS)
        assert started.wait(timeout=10)
        waiting = [pool.submit(kept, world, "slow", slow, kind=SNAPSHOTS) for _ in range(7)]
        other = pool.submit(kept, world, "other", lambda: -1, kind=SNAPSHOTS)
        assert other.result(timeout=10) == -1  # another key does not wait
        release.set()
        answers = [f.result(timeout=10) for f in (first, *waiting)]
    assert answers == [1] * 8 and calls == [1]


def _channels(world: Context) -> None:
    """Two active channels: "kp" of me and e, "kq" of e and f; e owns a resource."""
    sharing = {"status": CooperationStatus.ACTIVE, "mechanisms": (Mechanism.INFORMATION_SHARING,)}
    accepted = {"status": MembershipStatus.ACCEPTED}
    with world.uow() as uow:
        persist(uow, cooperation("kp", **sharing), cooperation("kq", **sharing))
        persist(uow, membership("kp", "me", **accepted), membership("kp", "e", **accepted))
        persist(uow, membership("kq", "e", **accepted), membership("kq", "f", **accepted))
        persist(uow, resource("r-e", "e", capacity=5.0))
        uow.commit()


def _post(ctx: Context, channel: str, author: str, title: str) -> None:
    posts.create_post(
        ctx, None, channel, actor=author, category=PostCategory.MARKET_INFO, title=title, body="-"
    )


def test_a_post_or_booking_is_seen_where_it_counts_and_leaves_the_rest_kept(
    world: Context, client: TestClient, computed: dict[str, int]
) -> None:
    _channels(world)
    owner = _headers(client, "owner@me.id")
    channel, kpis = "/api/v1/posts?cooperation=kp", "/api/v1/actors/me/kpis"
    first = [client.get(path, headers=owner).json() for path in (channel, kpis)]
    assert first[0]["items"] == [] and computed["posts"] == computed["kpis"] == 1
    other = bootstrap(world.settings)  # another process writes, with its own memory
    try:
        _post(other, "kq", "e", "Harga cabai di channel lain")  # another channel, another actor
        with other.uow() as uow:
            persist(uow, booking("r-e", "f"))  # neither by me nor of my resources
            uow.commit()
        assert [client.get(p, headers=owner).json() for p in (channel, kpis)] == first
        assert computed["posts"] == computed["kpis"] == 1  # still kept
        _post(other, "kp", "me", "Harga cabai naik")
    finally:
        other.close()
    listed, figures = (client.get(path, headers=owner).json() for path in (channel, kpis))
    assert [p["title"] for p in listed["items"]] == ["Harga cabai naik"]
    assert figures["figures"]["posts_sent"] == first[1]["figures"]["posts_sent"] + 1
    assert computed["posts"] == computed["kpis"] == 2
    assert listed == _fresh(world, "owner@me.id", channel)
    assert figures == _fresh(world, "owner@me.id", kpis)


def test_a_kept_sign_in_ends_when_another_process_deactivates_or_revokes(
    world: Context, client: TestClient
) -> None:
    signed = _headers(client, "member@me.id")
    member = get_user(world, None, "member@me.id")[0]
    secret = create_token(world, member, "laptop", (TokenScope.READ,))[1]
    by_token = {"Authorization": f"Bearer {secret}"}
    owner = _headers(client, "owner@me.id")
    for headers in (signed, by_token, owner):  # each sign-in now kept
        assert client.get(READS[2], headers=headers).status_code == 200
    (token_id,) = [t.id for t in list_tokens(world, member)]
    other = bootstrap(world.settings)
    try:
        revoke_token(other, member, token_id)
        assert client.get(READS[2], headers=by_token).status_code == 401
        assert client.get(READS[2], headers=signed).status_code == 200
        deactivate_user(other, None, "member@me.id")
    finally:
        other.close()
    assert client.get(READS[2], headers=signed).status_code == 401
    assert client.get(READS[2], headers=owner).status_code == 200


def test_a_read_request_reads_the_change_counters_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = _headers(client, "owner@me.id")
    for path in (READS[0], READS[2]):  # the sign-in and the answers now kept
        assert client.get(path, headers=owner).status_code == 200
    reads: list[int] = []
    counted = changes.versions

    def counting(source: Any) -> Any:
        reads.append(1)
        return counted(source)

    monkeypatch.setattr(changes, "versions", counting)
    assert client.get(READS[2], headers=owner).status_code == 200
    assert client.get(READS[0], headers=owner).status_code == 200
    assert len(reads) == 2  # one per request, for the account and the answer alike


def test_a_read_request_reads_each_scope_counter_once(
    world: Context, client: TestClient, computed: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _channels(world)
    owner = _headers(client, "owner@me.id")
    kpis = "/api/v1/actors/me/kpis"
    first = client.get(kpis, headers=owner).json()
    _post(world, "kp", "me", "Harga cabai naik")  # the KPIs' posts part is stale now
    asked: list[str] = []
    counted = changes.scoped_versions

    def counting(source: Any, names: Any) -> Any:
        asked.extend(names)
        return counted(source, names)

    monkeypatch.setattr(changes, "scoped_versions", counting)
    figures = client.get(kpis, headers=owner).json()
    assert figures["figures"]["posts_sent"] == first["figures"]["posts_sent"] + 1
    assert computed["kpis"] == 2  # from the front to the route and its parts: one request
    assert asked and len(asked) == len(set(asked))


def test_a_routed_request_signs_in_from_what_is_kept_without_a_worker_thread(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = _headers(client, "owner@me.id")
    hops: list[str] = []
    hop = deps.run_in_threadpool

    async def counting(func: Callable[..., Any], *args: Any) -> Any:
        hops.append(func.__name__)
        return await hop(func, *args)

    monkeypatch.setattr(deps, "run_in_threadpool", counting)
    assert client.get(READS[2], headers=owner).status_code == 200
    assert hops == ["sign_in"]  # the token's first request: its account looked up in the store
    assert client.get(READS[0], headers=owner).status_code == 200  # another answer: routed
    assert hops == ["sign_in"]
    unknown = {"Authorization": f"Bearer {TOKEN_PREFIX}unknown"}
    assert client.get(READS[0], headers=unknown).status_code == 401
    assert hops == ["sign_in", "sign_in"]  # a refusal is never kept: looked up each time


@pytest.fixture
def routed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the requests a route answered through ``Kept`` (found kept or not)."""
    paths: list[str] = []

    class Counted(kept_api.KeptAnswer):
        def __init__(self, request: Any, ctx: Context, user: Any) -> None:
            paths.append(request.url.path)
            super().__init__(request, ctx, user)

    monkeypatch.setattr(kept_api, "KeptAnswer", Counted)
    return paths


def test_a_kept_answer_is_sent_again_before_any_route_runs(
    client: TestClient, routed: list[str]
) -> None:
    owner = _headers(client, "owner@me.id")
    # On localhost the session cookie is not Secure: the test client sends it back.
    browser = TestClient(client.app, base_url="http://localhost", headers={"Accept-Language": "en"})
    browser.post("/api/v1/auth/login", json={"email": "owner@me.id", "password": PASSWORD})
    kept_paths = (READS[0], READS[2])
    first = [client.get(path, headers=owner) for path in kept_paths]
    by_cookie = [browser.get(path) for path in kept_paths]
    # The session's first request signs in through the route: only then is its sign-in kept.
    assert routed == [p.split("?")[0] for p in (*kept_paths, kept_paths[0])]
    routed.clear()
    again = [client.get(path, headers=owner) for path in kept_paths]
    cookie_again = [browser.get(path) for path in kept_paths]
    assert routed == []
    for before, after in zip(first + by_cookie, again + cookie_again, strict=True):
        assert (before.status_code, after.status_code) == (200, 200), after.text
        assert after.content == before.content
        assert {k: v for k, v in after.headers.items() if k != "date"} == {
            k: v for k, v in before.headers.items() if k != "date"
        }
    # Only a GET is sent from the front: these routes have no HEAD.
    assert client.head(READS[2], headers=owner).status_code == 405


def test_what_the_route_would_refuse_is_not_sent_from_what_is_kept(
    client: TestClient, routed: list[str]
) -> None:
    owner = _headers(client, "owner@me.id")
    assert client.get(READS[2], headers=owner).status_code == 200
    refused = [
        ({}, 401),  # no sign-in
        ({"Authorization": "Bearer not-a-token"}, 401),
        ({"Authorization": owner["Authorization"] + "x"}, 401),  # a signature that fails
        (_headers(client, "other@e.id"), 404),  # another actor's owner: as if it were missing
    ]
    for headers, status in refused:
        answer = client.get(READS[2], headers=headers)
        assert answer.status_code == status
        assert answer.headers["content-type"] == "application/problem+json"
    member = client.get(READS[2], headers=_headers(client, "member@me.id"))
    assert member.status_code == 200
    assert routed.count("/api/v1/actors/me/kpis") == 3  # the owner, the other, the member


def test_a_kept_reach_is_sent_from_the_front_and_audited_at_every_read(
    world: Context, client: TestClient, routed: list[str]
) -> None:
    def audited() -> int:
        with world.reader() as uow:
            query = select(func.count()).where(AuditEventRow.action == reach.REACH_COUNTED)
            return int(uow.session.scalar(query) or 0)

    ok = MembershipStatus.ACCEPTED
    with world.uow() as uow:  # b shares the counts of its customers with me
        persist(
            uow,
            cooperation(status=CooperationStatus.ACTIVE, mechanisms=(Mechanism.NETWORK_SHARING,)),
            membership(actor="me", status=ok),
            membership(actor="b", status=ok),
        )
        uow.commit()
    set_policy(world, None, "coop", "b", mapping_level=MappingLevel.COUNTS)
    owner = _headers(client, "owner@me.id")
    first = client.get(READS[1], headers=owner)
    assert first.status_code == 200
    per_read = audited()
    assert per_read > 0  # the partners whose customers it counted
    again = [client.get(READS[1], headers=owner) for _ in range(3)]
    assert routed == ["/api/v1/actors/me/reach"]  # the first only: then from the front
    assert [a.content for a in again] == [first.content] * 3
    assert audited() == 4 * per_read
