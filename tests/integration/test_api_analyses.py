"""Stored analyses through the API: reading, paging, sorting, deleting, and who may."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from jejaring.api import create_app
from jejaring.domain.accounts import PlatformRole
from jejaring.domain.actors import Visibility
from jejaring.domain.analyses import Layer, Scope
from jejaring.services.accounts import create_user
from jejaring.services.analyses import analyse
from jejaring.services.bootstrap import Context
from tests.factories import actor, persist, tie

PASSWORD = "correct horse battery"
COMMUNITY = Visibility.COMMUNITY


@pytest.fixture
def client(ctx: Context) -> Iterator[TestClient]:
    with ctx.uow() as uow:
        persist(
            uow,
            *(actor(k) for k in "abcdef"),
            *(tie(s, t, "partner_of", visibility=COMMUNITY) for s, t in ["ab", "bc", "cd", "bd"]),
            tie("e", "f", "kinship"),
        )
        uow.commit()
    analyse(ctx, Layer(), key="open")
    analyse(ctx, Layer(scope=Scope.ALL), key="private")
    create_user(ctx, "member@example.com", PASSWORD)
    create_user(ctx, "admin@example.com", PASSWORD, platform_roles=(PlatformRole.ADMIN,))
    with TestClient(create_app(context=ctx)) as test_client:
        yield test_client


def _as(client: TestClient, email: str) -> dict[str, str]:
    body = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD}).json()
    return {"Authorization": f"Bearer {body['access_token']}", "Accept-Language": "en"}


def test_reading_an_analysis_and_its_actors(client: TestClient) -> None:
    member = _as(client, "member@example.com")
    listed = client.get("/api/v1/analyses", headers=member).json()["items"]
    assert [a["key"] for a in listed] == ["open"]
    one = client.get("/api/v1/analyses/open", headers=member).json()
    assert one["actors"] == 6 and one["ties"] == 4 and one["layer"]["scope"] == "community"
    assert one["summary"]["components"] == 3 and one["warnings"] == []
    seen, cursor = [], None
    while True:
        params = {"sort": "betweenness", "order": "desc", "limit": 4}
        page = client.get(
            "/api/v1/analyses/open/actors", params=params | ({"cursor": cursor} if cursor else {}),
            headers=member,
        ).json()  # fmt: skip
        seen += page["items"]
        if not (cursor := page["next_cursor"]):
            break
    assert [r["actor"] for r in seen] == ["b", "a", "c", "d", "e", "f"]
    # b is on the only shortest paths a-c and a-d: 2 of the (6-1)(6-2)/2 = 10 pairs.
    assert seen[0]["betweenness"] == pytest.approx(0.2)
    assert seen[0]["degree"] == 3 and isinstance(seen[0]["degree"], int)
    assert seen[-1]["constraint"] is None  # an isolate


def test_problems_for_bad_or_forbidden_requests(client: TestClient) -> None:
    member, admin = _as(client, "member@example.com"), _as(client, "admin@example.com")
    assert client.get("/api/v1/analyses").status_code == 401
    for path in ("/api/v1/analyses/private", "/api/v1/analyses/private/actors"):
        hidden = client.get(path, headers=member)
        assert hidden.status_code == 404
        assert hidden.json()["detail"] == "analysis 'private' not found"
        assert client.get(path, headers=admin).status_code == 200
    bad = client.get("/api/v1/analyses/open/actors", params={"sort": "size"}, headers=member)
    assert bad.status_code == 422 and bad.json()["errors"][0]["location"] == "query.sort"
    assert (
        client.get(
            "/api/v1/analyses/open/actors", params={"cursor": "%%%"}, headers=member
        ).status_code
        == 422
    )
    assert client.delete("/api/v1/analyses/open", headers=member).status_code == 404
    assert client.delete("/api/v1/analyses/open", headers=admin).status_code == 204
    assert client.get("/api/v1/analyses/open", headers=admin).status_code == 404
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/analyses/{key}/actors" in spec["paths"]
