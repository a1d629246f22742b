"""``GET /api/v1/actors/{key}/partners``: the same answer as the service, for those allowed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from jejaring.api import create_app
from jejaring.domain.accounts import ActorRole
from jejaring.services.accounts import create_user
from jejaring.services.bootstrap import Context
from tests.support.partner_community import build_partner_community

PASSWORD = "correct horse battery"


@pytest.fixture
def client(ctx: Context) -> Iterator[TestClient]:
    build_partner_community(ctx)
    create_user(ctx, "owner@me.id", PASSWORD, actor="me", role=ActorRole.MEMBER)
    create_user(ctx, "other@e.id", PASSWORD, actor="e", role=ActorRole.OWNER)
    with TestClient(create_app(context=ctx)) as test_client:
        yield test_client


def _headers(client: TestClient, email: str) -> dict[str, str]:
    response = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})
    return {"Authorization": f"Bearer {response.json()['access_token']}", "Accept-Language": "en"}


def test_an_actors_own_user_gets_the_portfolio(client: TestClient) -> None:
    headers = _headers(client, "owner@me.id")
    body = client.get("/api/v1/actors/me/partners", params={"k": 2}, headers=headers).json()
    assert [p["partner"] for p in body["portfolio"]] == ["c", "b"]
    assert "optimal" not in body and body["upper_bound"] == 200
    assert body["candidates"][0]["capability"] is None
    exact = client.get(
        "/api/v1/actors/me/partners", params={"k": 2, "exact": True}, headers=headers
    ).json()
    assert exact["optimal"] is True
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/actors/{key}/partners" in spec["paths"]


def test_others_and_bad_queries(client: TestClient) -> None:
    other = _headers(client, "other@e.id")
    denied = client.get("/api/v1/actors/me/partners", headers=other)
    missing = client.get("/api/v1/actors/nobody/partners", headers=other)
    assert denied.status_code == missing.status_code == 404
    assert denied.json()["detail"] == "actor 'me' not found"
    assert client.get("/api/v1/actors/me/partners").status_code == 401
    mine = _headers(client, "owner@me.id")
    for params in ({"k": 0}, {"weights": "size=1"}, {"tie_type": "friendship"}):
        response = client.get("/api/v1/actors/me/partners", params=params, headers=mine)
        assert response.status_code in (404, 422), params
        assert response.headers["content-type"] == "application/problem+json"
