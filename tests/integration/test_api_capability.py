"""Capability, behaviour and KPIs through the API: an actor's users only; aggregates for all."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from jejaring.api import create_app
from jejaring.domain.accounts import ActorRole
from jejaring.services.accounts import create_user
from jejaring.services.bootstrap import Context
from tests.factories import actor, assessment, persist

PASSWORD = "correct horse battery"
ITEMS = [f"{c}{i}" for c, n in (("C", 6), ("R", 4), ("K", 4), ("I", 5)) for i in range(1, n + 1)]


@pytest.fixture
def client(ctx: Context) -> Iterator[TestClient]:
    with ctx.uow() as uow:
        persist(uow, *(actor(k) for k in "abcde"))
        # a: every answer 2 except R (1): R is the weakest; b..e: 3, 4, 5, 6.
        answers = dict.fromkeys(ITEMS, 2) | {f"R{i}": 1 for i in range(1, 5)}
        persist(uow, assessment("a", answers=answers))
        persist(
            uow, *(assessment(k, answers=dict.fromkeys(ITEMS, n + 3)) for n, k in enumerate("bcde"))
        )
        uow.commit()
    create_user(ctx, "ani@example.com", PASSWORD, actor="a", role=ActorRole.OWNER)
    create_user(ctx, "budi@example.com", PASSWORD, actor="b", role=ActorRole.OWNER)
    with TestClient(create_app(context=ctx)) as test_client:
        yield test_client


def _as(client: TestClient, email: str, lang: str = "en") -> dict[str, str]:
    body = client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD}).json()
    return {"Authorization": f"Bearer {body['access_token']}", "Accept-Language": lang}


def test_an_actor_reads_its_capability(client: TestClient) -> None:
    ani = _as(client, "ani@example.com")
    got = client.get("/api/v1/actors/a/capability", headers=ani)
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["rounds"] == [
        {"round": "2024-H1", "respondents": 1, "overall": 1.75,
         "components": {"coordination": 2.0, "relational_skills": 1.0,
                        "partner_knowledge": 2.0, "internal_communication": 2.0}},
    ]  # fmt: skip
    assert body["percentiles"]["overall"] == 10.0  # the lowest of five
    assert body["advice"]["component"] == "relational_skills"
    indonesian = client.get(
        "/api/v1/actors/a/capability", headers=_as(client, "ani@example.com", "id")
    )
    assert indonesian.json()["advice"]["text"].startswith("Keterampilan relasional adalah")
    behaviour = client.get("/api/v1/actors/a/behaviour", params={"at": "2025-01-01"}, headers=ani)
    assert behaviour.status_code == 200 and behaviour.json()["values"]["team_members"] == 1
    kpis = client.get("/api/v1/actors/a/kpis", params={"start": "2024-01-01"}, headers=ani)
    assert kpis.status_code == 200 and kpis.json()["figures"]["referrals_sent"] == 0


def test_another_actors_figures_look_missing(client: TestClient) -> None:
    ani = _as(client, "ani@example.com")
    for path in ("capability", "behaviour", "kpis"):
        denied = client.get(f"/api/v1/actors/b/{path}", headers=ani)
        missing = client.get(f"/api/v1/actors/zz/{path}", headers=ani)
        assert denied.status_code == missing.status_code == 404
        assert denied.json()["detail"].replace("'b'", "'zz'") == missing.json()["detail"]
    assert client.get("/api/v1/actors/a/capability").status_code == 401


def test_the_community_aggregates(client: TestClient) -> None:
    budi = _as(client, "budi@example.com")
    body = client.get("/api/v1/capability/community", headers=budi).json()
    assert body["means"]["overall"] == pytest.approx((1.75 + 3 + 4 + 5 + 6) / 5)
    # Every respondent answers one value per component: items agree perfectly.
    assert body["reliability"]["coordination"]["alpha"] == pytest.approx(1.0)
    assert body["reliability"]["coordination"]["n"] == 5
