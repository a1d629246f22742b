"""PSI jobs over the API, on both databases: an actor's stored customers queried against a real
PSI server on loopback, the result equal to plain exact-key matching; read by the actor's users
only, audited; bad URLs, hosts and actors refused with problem details."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import polars as pl
import pytest
from fastapi.testclient import TestClient

from jejaring.api import create_app
from jejaring.config import Settings
from jejaring.domain.accounts import ActorMember, ActorRole, PlatformRole
from jejaring.domain.errors import InvalidValue
from jejaring.domain.jobs import Job, JobKind
from jejaring.privacy.keys import exact_keys
from jejaring.privacy.psi import item_strings
from jejaring.privacy.psi_http import PsiHttpServer
from jejaring.services.bootstrap import Context
from jejaring.services.mapping import customer_frame
from jejaring.services.psi_jobs import psi_server_url
from tests.factories import actor, customer, member, persist, user
from tests.support.bearer import bearer

JOBS = "/api/v1/psi-jobs"
OWN = range(0, 30)  # a's customers a00..a29
ROLES = {"owner@a": ActorRole.OWNER, "member@a": ActorRole.MEMBER, "viewer@a": ActorRole.VIEWER}


def _firm(i: int, *, loud: bool = False) -> dict[str, Any]:
    """Firm ``i``'s fields; ``loud`` spells its keys differently, the same once normalised."""
    email = f"INFO@Firm{i}.CO.ID" if loud else f"info@firm{i}.co.id"
    phone = f"+62 812 {i:07d}" if loud else f"0812{i:07d}"
    tax_id = f"01.234.567.8-{i:03d}.000" if i % 3 == 0 else None
    return {"name": f"Firm {i}", "email": email, "phone": phone, "tax_id": tax_id}


def partner_items(numbers: range) -> tuple[pl.DataFrame, list[str]]:
    """The partner's exact keys and the items its server holds."""
    frame = pl.DataFrame([{"key": f"p{i}"} | _firm(i, loud=True) for i in numbers])
    keys = exact_keys(frame)
    return keys, item_strings(keys)


@pytest.fixture
def client(ctx: Context) -> Iterator[TestClient]:
    with ctx.uow() as uow:
        persist(
            uow,
            *(user(email) for email in (*ROLES, "owner@b")),
            user("admin@x", platform_roles=(PlatformRole.ADMIN,)),
            actor("a"),
            actor("b"),
            *(member(email, "a", role=role) for email, role in ROLES.items()),
            member("owner@b", "b"),
            *(customer("a", f"a{i:02d}", **_firm(i)) for i in OWN),
        )
        uow.jobs.add(Job(JobKind.IMPORT, "viewer@a", datetime.now(UTC)))  # job 1: no PSI job
        uow.commit()
    with TestClient(create_app(context=ctx)) as test_client:
        yield test_client


def _as(client: TestClient, email: str) -> dict[str, str]:
    context: Context = client.app.state.context  # type: ignore[attr-defined]
    return bearer(context, email) | {"Accept-Language": "en"}


def _own_keys(client: TestClient) -> pl.DataFrame:
    context: Context = client.app.state.context  # type: ignore[attr-defined]
    with context.reader() as uow:
        return exact_keys(customer_frame(uow.customers.find_for("a")))


@contextmanager
def serving(items: list[str], reveal: str) -> Iterator[tuple[PsiHttpServer, list[int]]]:
    """A PSI server on loopback (``jejaring psi serve``'s) and the sizes of the queries it got."""
    sizes: list[int] = []
    server = PsiHttpServer(
        items, reveal=reveal, sessions=None, on_session=lambda _n, size: sizes.append(size)
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, sizes
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)


def _finished(client: TestClient, queued: Any, who: str) -> dict[str, Any]:
    assert queued.status_code == 202, queued.text
    job = queued.json()
    assert queued.headers["location"] == job["status_url"] == f"{JOBS}/{job['id']}"
    assert job["kind"] == "psi" and job["actor"] == "a" and job["status"] == "queued"
    client.app.state.jobs.drain()  # type: ignore[attr-defined]
    done = client.get(job["status_url"], headers=_as(client, who))
    assert done.status_code == 200, done.text
    found: dict[str, Any] = done.json()
    return found


def _start(client: TestClient, who: str, **body: Any) -> Any:
    return client.post(JOBS, json={"actor": "a"} | body, headers=_as(client, who))


def test_a_job_revealing_items_finds_what_exact_key_matching_finds(client: TestClient) -> None:
    theirs, items = partner_items(range(20, 45))
    with serving(items, "items") as (server, sizes):
        job = _finished(client, _start(client, "member@a", url=server.url), "member@a")
    assert job["status"] == "done", job["error"]
    mine = _own_keys(client)
    expected = mine.join(theirs.select("kind", "value"), on=["kind", "value"], how="semi")
    result = job["result"]
    assert {(m["key"], m["kind"], m["value"]) for m in result["matches"]} == set(
        expected.iter_rows()
    )
    assert len(result["matches"]) == expected.height
    assert result["records"] == expected["key"].n_unique() == 10  # a20..a29
    assert result["common_keys"] == len(set(item_strings(mine)) & set(items))
    assert result["common_keys_shown"] == str(result["common_keys"])
    assert (result["reveal"], result["keys"]) == ("items", len(item_strings(mine)))
    assert result["url"] == server.url
    # The server learned the size of the query, and nothing else was sent its way.
    assert sizes == [len(item_strings(mine))]


def test_a_size_job_keeps_only_the_count(client: TestClient) -> None:
    _theirs, items = partner_items(range(25, 60))
    with serving(items, "size") as (server, _sizes):
        job = _finished(client, _start(client, "owner@a", url=server.url, reveal="size"), "owner@a")
    common = set(item_strings(_own_keys(client))) & set(items)
    assert job["status"] == "done" and len(common) >= 5
    assert job["result"]["common_keys"] == len(common)
    assert "matches" not in job["result"] and "records" not in job["result"]


def test_a_small_overlap_shows_below_the_minimum_and_no_keys(client: TestClient) -> None:
    _theirs, items = partner_items(range(29, 40))  # only a29 in common: its 3 or 4 keys
    with serving(items, "items") as (server, _sizes):
        job = _finished(client, _start(client, "member@a", url=server.url), "member@a")
        opened = _finished(client, _start(client, "member@a", url=server.url, min_count=0),
                           "member@a")  # fmt: skip
    assert job["result"]["common_keys"] is None and job["result"]["common_keys_shown"] == "< 5"
    assert "matches" not in job["result"]
    assert {m["key"] for m in opened["result"]["matches"]} == {"a29"}


def test_a_server_offering_another_mode_gets_nothing(client: TestClient) -> None:
    _theirs, items = partner_items(range(20, 45))
    with serving(items, "size") as (server, sizes):
        job = _finished(client, _start(client, "member@a", url=server.url, reveal="items"),
                        "member@a")  # fmt: skip
    assert job["status"] == "failed" and job["result"] is None
    assert job["error"] == f"{server.url}: the server reveals size, not items"
    assert sizes == []


def test_an_unreachable_server_fails_the_job(client: TestClient) -> None:
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    job = _finished(client, _start(client, "member@a", url=f"http://localhost:{port}"), "member@a")
    assert job["status"] == "failed"
    assert job["error"].startswith(f"http://localhost:{port}/psi: cannot reach the server")


def test_a_redirect_is_not_followed(client: TestClient) -> None:
    reached: list[str] = []

    class Elsewhere(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            reached.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    target = HTTPServer(("127.0.0.1", 0), Elsewhere)

    class Redirect(Elsewhere):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{target.server_port}/inside")
            self.send_header("Content-Length", "0")
            self.end_headers()

    source = HTTPServer(("127.0.0.1", 0), Redirect)
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (target, source)]
    for thread in threads:
        thread.start()
    try:
        url = f"http://127.0.0.1:{source.server_port}"
        job = _finished(client, _start(client, "member@a", url=url), "member@a")
    finally:
        for s in (source, target):
            s.shutdown()
            s.server_close()
    assert job["status"] == "failed" and "HTTP 302" in job["error"]
    assert reached == []


def test_jobs_are_read_by_the_actors_users_only_and_audited(client: TestClient) -> None:
    _theirs, items = partner_items(range(20, 45))
    with serving(items, "items") as (server, _sizes):
        first = _finished(client, _start(client, "member@a", url=server.url), "member@a")
        second = _finished(client, _start(client, "owner@a", url=server.url + "/"), "owner@a")
    viewer = _as(client, "viewer@a")
    # Every user of a reads a's jobs, whoever started them; the list leaves the keys out.
    assert client.get(first["status_url"], headers=viewer).json()["result"] == first["result"]
    listed = client.get(JOBS, params={"actor": "a"}, headers=viewer).json()
    assert [j["id"] for j in listed["items"]] == [second["id"], first["id"]]
    assert listed["next_cursor"] is None
    assert all("matches" not in j["result"] and j["result"]["records"] == 10
               for j in listed["items"])  # fmt: skip
    page = client.get(JOBS, params={"actor": "a", "limit": 1}, headers=viewer).json()
    rest = client.get(
        JOBS, params={"actor": "a", "cursor": page["next_cursor"]}, headers=viewer
    ).json()
    assert [j["id"] for j in page["items"] + rest["items"]] == [second["id"], first["id"]]
    # /jobs/{id} reads it under the same rule, and points to the same status URL.
    generic = client.get(f"/api/v1/jobs/{first['id']}", headers=viewer).json()
    assert generic["status_url"] == first["status_url"]
    # Anyone else, administrators too, gets what a missing job gives; a's list is hidden.
    for outsider in ("owner@b", "admin@x"):
        headers = _as(client, outsider)
        hidden = client.get(first["status_url"], headers=headers)
        missing = client.get(f"{JOBS}/999", headers=headers)
        assert hidden.status_code == missing.status_code == 404
        assert hidden.json()["detail"] == f"job {first['id']} not found"
        assert client.get(f"/api/v1/jobs/{first['id']}", headers=headers).status_code == 404
        refused = client.get(JOBS, params={"actor": "a"}, headers=headers)
        absent = client.get(JOBS, params={"actor": "nope"}, headers=headers)
        assert refused.status_code == absent.status_code == 404
        assert refused.json()["detail"] == "actor 'a' not found"
    # The starter who no longer acts for a reads it no more.
    context: Context = client.app.state.context  # type: ignore[attr-defined]
    with context.uow() as uow:
        uow.users.remove_member(ActorMember("member@a", "a", ActorRole.MEMBER))
        uow.commit()
    assert client.get(first["status_url"], headers=_as(client, "member@a")).status_code == 404
    # Another kind of job is no PSI job, even for its starter.
    assert client.get("/api/v1/jobs/1", headers=viewer).status_code == 200
    assert client.get(f"{JOBS}/1", headers=viewer).json()["detail"] == "job 1 not found"
    events = client.get("/api/v1/actors/a/audit", headers=_as(client, "owner@a")).json()
    queried = [e for e in events["items"] if e["action"] == "psi.queried"]
    assert [(e["by_user"], e["detail"]) for e in queried] == [
        ("owner@a", f"job {second['id']}; {server.url}; reveal as served"),
        ("member@a", f"job {first['id']}; {server.url}; reveal as served"),
    ]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"url": "http://10.0.0.5:8765"}, "the host '10.0.0.5' is not allowed for PSI"),
        ({"url": "https://psi.example.com"}, "the host 'psi.example.com' is not allowed"),
        ({"url": "http://169.254.169.254/"}, "the host '169.254.169.254' is not allowed"),
        ({"url": "http://[::ffff:127.0.0.1]:80"}, "the host '::ffff:127.0.0.1' is not allowed"),
        ({"url": "ftp://127.0.0.1:21"}, "is not an http:// or https:// address"),
        ({"url": "127.0.0.1:8765"}, "is not an http:// or https:// address"),
        ({"url": "not a url"}, "is not an http:// or https:// address"),
        ({"url": "http://127.0.0.1:99999"}, "is not a URL"),
        ({"url": "http://[::1"}, "is not a URL"),
        ({"url": "http://127.0.0.1:8765/admin?x=1"}, "give the server's address only"),
        ({"url": "http://me@127.0.0.1:8765"}, "give the server's address only"),
        ({"url": "http://127.0.0.1:1", "reveal": "all"}, "body.reveal"),
        ({"url": "http://127.0.0.1:1", "min_count": -1}, "body.min_count"),
        ({"url": "http://" + "a" * 2000}, "body.url"),
        ({}, "body.url"),
    ],
)
def test_bad_requests_are_refused_with_a_problem(
    client: TestClient, body: dict[str, Any], says: str
) -> None:
    refused = _start(client, "member@a", **body)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert says in refused.json()["detail"]
    listed = client.get(JOBS, params={"actor": "a"}, headers=_as(client, "member@a"))
    assert listed.json()["items"] == []


def test_only_those_who_work_the_actors_customers_start_one(client: TestClient) -> None:
    url = {"url": "http://127.0.0.1:1"}
    viewer = client.post(JOBS, json={"actor": "a"} | url, headers=_as(client, "viewer@a"))
    assert (
        viewer.status_code == 403 and viewer.headers["content-type"] == "application/problem+json"
    )
    for who, key in (("owner@b", "a"), ("admin@x", "a"), ("member@a", "b"), ("member@a", "nope")):
        hidden = client.post(JOBS, json={"actor": key} | url, headers=_as(client, who))
        assert hidden.status_code == 404 and hidden.json()["detail"] == f"actor '{key}' not found"
    assert client.post(JOBS, json={"actor": "a"} | url).status_code == 401


def test_an_actor_without_keys_fails_with_a_reason(client: TestClient) -> None:
    context: Context = client.app.state.context  # type: ignore[attr-defined]
    with context.uow() as uow:
        for i in OWN:
            uow.customers.delete("a", f"a{i:02d}")
        uow.commit()
    job = _finished(client, _start(client, "member@a", url="http://127.0.0.1:1"), "member@a")
    assert job["status"] == "failed"
    assert job["error"] == "the list has no exact key (NPWP, e-mail, phone) to compare"


def test_the_allowed_hosts_are_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEJARING_PSI_ALLOWED_HOSTS", " psi.Mitra.example , [::1] ")
    hosts = Settings().psi_allowed_hosts
    assert hosts == ("psi.mitra.example", "::1")
    assert psi_server_url("https://PSI.mitra.example:8443/", hosts) == (
        "https://PSI.mitra.example:8443"
    )
    assert psi_server_url("http://[::1]:8765", hosts) == "http://[::1]:8765"
    with pytest.raises(InvalidValue, match=re.escape("the host '127.0.0.1' is not allowed")):
        psi_server_url("http://127.0.0.1:8765", hosts)
    assert Settings(psi_allowed_hosts=()).psi_allowed_hosts == ()
