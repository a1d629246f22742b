"""Network sharing through the API, on both databases: a cooperation proposed, accepted and
governed by policy, an account map and its audit trail, bookings refused for capacity as a
409 problem with the free quantity, referrals, and cursor pages over whole-read lists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jejaring.api import create_app
from jejaring.services.bootstrap import Context
from tests.factories import customer, persist
from tests.support.bearer import bearer
from tests.support.resources import build_resources, hour


@pytest.fixture
def client(ctx: Context) -> Iterator[TestClient]:
    build_resources(ctx)
    with ctx.uow() as uow:
        persist(
            uow,
            customer("a", "a1", name="PT Sinar Jaya", tax_id="01.234.567.8-901.000"),
            customer("b", "b1", name="Sinar Jaya", tax_id="012345678901000", segment="retail"),
        )
        uow.commit()
    with TestClient(create_app(context=ctx)) as test_client:
        test_client.headers["Accept-Language"] = "en"
        yield test_client


def _as(client: TestClient, email: str) -> dict[str, str]:
    ctx: Context = client.app.state.context  # type: ignore[attr-defined]
    return bearer(ctx, email)


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_propose_accept_set_a_policy_map_accounts_and_read_the_audit(client: TestClient) -> None:
    ani, budi = _as(client, "owner@a"), _as(client, "owner@b")
    proposal = {"key": "jalur", "name": "Jalur Jawa", "members": ["a", "b"], "actor": "a"}
    made = _ok(client.post("/api/v1/cooperations", json=proposal, headers=ani), 201)
    assert made["status"] == "proposed"
    assert {m["actor"]: m["status"] for m in made["members"]} == {"a": "accepted", "b": "invited"}
    again = client.post("/api/v1/cooperations", json=proposal, headers=ani)
    assert again.status_code == 409 and "exists already" in again.json()["detail"]
    accepted = _ok(client.post("/api/v1/cooperations/jalur/members/b/accept", headers=budi))
    assert accepted["status"] == "active"
    refused = client.get("/api/v1/actors/a/account-maps/b?cooperation=jalur", headers=ani)
    assert refused.status_code == 409  # b shares nothing yet
    policy = _ok(
        client.patch(
            "/api/v1/cooperations/jalur/policies/b",
            json={"mapping_level": "overlaps"},
            headers=budi,
        )
    )
    assert policy["mapping_level"] == "overlaps" and policy["shared_segments"] == []
    mapped = _ok(client.get("/api/v1/actors/a/account-maps/b?cooperation=jalur", headers=ani))
    assert mapped["level"] == "overlaps"
    assert [o["a_key"] for o in mapped["overlaps"]] == ["a1"]
    trail = _ok(client.get("/api/v1/actors/b/audit", headers=budi))
    assert [e["action"] for e in trail["items"]] == ["mapping.read", "policy.changed"]
    assert trail["items"][0]["by_user"] == "owner@a"
    suspended = _ok(client.post("/api/v1/cooperations/jalur/suspend", json={"actor": "a"},
                                headers=ani))  # fmt: skip
    assert suspended["status"] == "suspended"


def test_an_over_booking_is_a_409_problem_with_the_free_quantity(client: TestClient) -> None:
    budi = _as(client, "owner@b")
    span = {"start": hour(9).isoformat(), "end": hour(12).isoformat()}
    first = {"resource": "wh", "by": "b", "quantity": 4} | span
    booked = _ok(client.post("/api/v1/bookings", json=first, headers=budi), 201)
    assert booked["status"] == "confirmed" and booked["cooperation"] == "gudang"
    over = client.post("/api/v1/bookings", json=first | {"quantity": 2}, headers=budi)
    assert over.status_code == 409
    assert over.headers["content-type"] == "application/problem+json"
    problem = over.json()
    assert problem["free"] == 1.0 and "only 1.0 bay free" in problem["detail"]
    assert _ok(client.get(f"/api/v1/bookings/{problem['booking']}", headers=budi))["status"] == (
        "refused"
    )
    free = _ok(client.get("/api/v1/resources/wh/availability", params=span, headers=budi))
    assert [s["free"] for s in free["segments"]] == [1.0]
    cancelled = _ok(client.post(f"/api/v1/bookings/{booked['id']}/cancel", headers=budi))
    assert cancelled["status"] == "cancelled"
    again = client.post(f"/api/v1/bookings/{booked['id']}/cancel", headers=budi)
    assert again.status_code == 409


def test_referrals_move_through_their_pipeline(client: TestClient) -> None:
    ani, budi = _as(client, "owner@a"), _as(client, "owner@b")
    client.patch("/api/v1/cooperations/coop/policies/b", json={"introductions_allowed": True},
                 headers=budi)  # fmt: skip
    asked = _ok(
        client.post(
            "/api/v1/referrals",
            json={"requester": "a", "introducer": "b", "target": "c", "note": "Toko di Solo"},
            headers=ani,
        ),
        201,
    )
    assert asked["status"] == "requested" and asked["cooperation"] == "coop"
    moved = _ok(client.patch(f"/api/v1/referrals/{asked['id']}", json={"status": "accepted"},
                             headers=budi))  # fmt: skip
    assert moved["status"] == "accepted"
    skipped = client.patch(f"/api/v1/referrals/{asked['id']}", json={"status": "won"}, headers=ani)
    assert skipped.status_code == 409  # not introduced yet
    listed = _ok(client.get("/api/v1/referrals", params={"actor": "a"}, headers=ani))
    assert [r["id"] for r in listed["items"]] == [asked["id"]]
    assert listed["attribution"][0]["introducer"] == "b"


def test_whole_read_lists_page_by_cursor(client: TestClient) -> None:
    ani = _as(client, "owner@a")
    seen, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = _ok(client.get("/api/v1/cooperations", params=params, headers=ani))
        seen += [c["key"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["coop", "gudang"]
    bad = client.get("/api/v1/cooperations", params={"cursor": "%%"}, headers=ani)
    assert bad.status_code == 422


def test_an_actor_keeps_its_customers_and_ties(client: TestClient) -> None:
    ani, budi = _as(client, "owner@a"), _as(client, "owner@b")
    made = {"owner": "a", "key": "a2", "name": "CV Maju", "segment": "retail", "territory": "32"}
    _ok(client.post("/api/v1/customers", json=made, headers=ani), 201)
    clash = client.post("/api/v1/customers", json=made, headers=ani)
    assert clash.status_code == 409
    page = _ok(client.get("/api/v1/customers", params={"owner": "a", "limit": 1}, headers=ani))
    assert [c["key"] for c in page["items"]] == ["a1"] and page["next_cursor"]
    changed = _ok(client.patch("/api/v1/customers/a/a2", json={"segment": None, "value": 5},
                               headers=ani))  # fmt: skip
    assert (changed["segment"], changed["value"], changed["name"]) == (None, 5.0, "CV Maju")
    assert client.get("/api/v1/customers/a/a2", headers=budi).status_code == 404
    assert client.delete("/api/v1/customers/a/a2", headers=ani).status_code == 204
    assert client.get("/api/v1/customers/a/a2", headers=ani).status_code == 404
    tie = {"source": "a", "target": "b", "type": "knows", "weight": 2}
    _ok(client.post("/api/v1/ties", json=tie, headers=ani), 201)
    # Undirected: found from either end, by either end's users, and changed by either.
    moved = _ok(client.patch("/api/v1/ties/b/a/knows", json={"visibility": "community"},
                             headers=budi))  # fmt: skip
    assert (moved["weight"], moved["visibility"]) == (2.0, "community")
    seen = _ok(client.get("/api/v1/ties", params={"actor": "a"}, headers=_as(client, "owner@z")))
    assert [(t["source"], t["target"]) for t in seen["items"]] == [("a", "b")]
