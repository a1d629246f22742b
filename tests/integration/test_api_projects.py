"""A joint project through the API, on both databases: started, contributed to, completed
into a resource co-owned by the exact shares of its ledger."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jejaring.api import create_app
from jejaring.services.bootstrap import Context
from tests.support.bearer import bearer
from tests.support.projects import build_projects


@pytest.fixture
def client(ctx: Context) -> Iterator[TestClient]:
    build_projects(ctx)
    with TestClient(create_app(context=ctx)) as test_client:
        yield test_client


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_a_project_yields_a_resource_owned_by_its_contributors(client: TestClient) -> None:
    ctx: Context = client.app.state.context  # type: ignore[attr-defined]
    ani = bearer(ctx, "owner@a")
    budi = bearer(ctx, "owner@b")
    made = {"key": "cold", "cooperation": "bangun", "name": "Cold store", "actor": "a"}
    _ok(client.post("/api/v1/projects", json=made, headers=ani), 201)
    steps = _ok(client.post("/api/v1/projects/cold/milestones", json={"title": "Build"},
                            headers=ani), 201)  # fmt: skip
    assert steps["milestones"] == [{"title": "Build", "due": None, "done": False}]
    _ok(client.post("/api/v1/projects/cold/milestones/1/met", headers=ani))
    cash = {"member": "a", "kind": "cash", "amount": 3_000_000}
    _ok(client.post("/api/v1/projects/cold/contributions", json=cash, headers=ani), 201)
    hours = {"member": "b", "kind": "hours", "amount": 100, "rate": 10_000}
    given = _ok(client.post("/api/v1/projects/cold/contributions", json=hours, headers=budi), 201)
    assert given["valued_at"] == 1_000_000
    book = _ok(client.get("/api/v1/projects/cold/ledger", headers=budi))
    assert book["total"] == 4_000_000
    assert {m["member"]: m["share"] for m in book["members"]} == {"a": "3/4", "b": "1/4"}
    done = _ok(client.post("/api/v1/projects/cold/complete",
                           json={"kind": "warehouse", "capacity": 10}, headers=ani))  # fmt: skip
    assert done["resource"] == "cold" and done["ledger"]["status"] == "completed"
    owned = _ok(client.get("/api/v1/resources/cold", headers=budi))
    assert owned["owner"] == "a"
    assert {s["actor"]: s["share"] for s in owned["co_owners"]} == {"a": 0.75, "b": 0.25}
    closed = client.post("/api/v1/projects/cold/contributions", json=cash, headers=ani)
    assert closed.status_code == 409
