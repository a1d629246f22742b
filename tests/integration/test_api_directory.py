"""The API's directory endpoints, sign-in, problem details and pagination, on both databases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from jejaring.api import create_app
from jejaring.domain.accounts import ActorRole
from jejaring.domain.actors import Actor, ActorKind, Visibility
from jejaring.services.accounts import create_user
from jejaring.services.bootstrap import Context

PASSWORD = "correct horse battery"


@pytest.fixture
def client(ctx: Context) -> Iterator[TestClient]:
    with ctx.uow() as uow:
        uow.actors.save(Actor("toko-a", "Toko A", ActorKind.ENTREPRENEUR, ("retail",), "32"))
        uow.actors.save(Actor("cv-b", "CV B", ActorKind.COMPANY, visibility=Visibility.PRIVATE))
        uow.actors.save(Actor("cv-c", "CV C", ActorKind.COMPANY, visibility=Visibility.PRIVATE))
        uow.commit()
    create_user(ctx, "ani@example.com", PASSWORD, actor="cv-b", role=ActorRole.OWNER)
    with TestClient(create_app(context=ctx)) as test_client:
        yield test_client


def _token(client: TestClient) -> dict[str, str]:
    response = client.post(
        "/api/v1/auth/token", json={"email": "ANI@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    return {"Authorization": f"Bearer {body['access_token']}"}


def test_health_and_docs(client: TestClient) -> None:
    assert client.get("/api/v1/health").json()["database"] == "ready"
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert "/api/v1/territories" in spec["paths"]
    assert client.get("/api/docs").status_code == 200


def test_territories_paginate_by_cursor(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        params = {"level": "regency", "parent": "32", "limit": 10}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/v1/territories", params=params).json()
        seen += [t["code"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 27  # Jawa Barat's 18 regencies and 9 cities
    assert seen == sorted(seen) and len(set(seen)) == len(seen)


def test_problem_details(client: TestClient) -> None:
    missing = client.get("/api/v1/territories/99.99", headers={"Accept-Language": "en"})
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["detail"] == "territory '99.99' not found"
    bad = client.get("/api/v1/territories", params={"limit": 0, "level": "planet"})
    assert bad.status_code == 422
    assert {e["location"] for e in bad.json()["errors"]} == {"query.limit", "query.level"}
    assert client.get("/api/v1/territories", params={"cursor": "%%%"}).status_code == 422
    indonesian = client.get("/api/v1/territories/99.99", headers={"Accept-Language": "id"})
    assert indonesian.status_code == 404
    assert indonesian.json()["detail"] == "wilayah '99.99' tidak ditemukan"
    assert client.get("/api/v1/territories/99.99").json() == indonesian.json()  # id is the default


def test_actors_need_sign_in_and_hide_private_profiles(client: TestClient) -> None:
    assert client.get("/api/v1/actors").status_code == 401
    wrong = client.post("/api/v1/auth/token", json={"email": "ani@example.com", "password": "x"})
    unknown = client.post("/api/v1/auth/token", json={"email": "no@example.com", "password": "x"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]  # no user enumeration
    headers = _token(client)
    keys = [a["key"] for a in client.get("/api/v1/actors", headers=headers).json()["items"]]
    assert keys == ["cv-b", "toko-a"]  # cv-c is private and not Ani's
    assert client.get("/api/v1/actors/cv-b", headers=headers).json()["name"] == "CV B"
    hidden = client.get("/api/v1/actors/cv-c", headers=headers)
    missing = client.get("/api/v1/actors/nobody", headers=headers)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["title"] == missing.json()["title"]
    tampered = {"Authorization": headers["Authorization"][:-2] + "xx"}
    assert client.get("/api/v1/actors", headers=tampered).status_code == 401


def test_malformed_json_is_a_problem_not_a_crash(client: TestClient) -> None:
    response = client.post(
        "/api/v1/auth/token", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
