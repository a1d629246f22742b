"""The channel and webhooks through the API, on SQLite and PostgreSQL: posting with files and
reading them back byte for byte, paging, receipts, search, digests, forwards; webhook secrets
shown only when made; bad input answered with problem details, a hidden post like a missing
one; and the accounts fixes (a non-member's role, the paged users)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jejaring.api import create_app
from jejaring.config import Settings
from jejaring.services.bootstrap import Context, bootstrap
from jejaring.store.blobs import digest_of
from tests.factories import AT
from tests.support.bearer import bearer
from tests.support.channel import build_channel, post_id
from tests.support.sharing import build_sharing

API = "/api/v1"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nharga cabai\n" + bytes(range(256))
CSV = b"produk,harga\ncabai,60000\nkopi,95000\n"
FILE_LIMIT = 4096  # bytes per attachment here, larger than the JSON body limit below
BODY_LIMIT = 2048
NEW = {
    "cooperation": "chan", "actor": "a", "category": "price", "title": "Harga kopi",
    "body": "Kopi arabika 95.000/kg.", "territories": ["32"], "sectors": ["pertanian"],
}  # fmt: skip


@pytest.fixture
def client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        database_url=db_url, attachments_dir=tmp_path / "files",
        attachment_max_bytes=FILE_LIMIT, max_body_bytes=BODY_LIMIT,
    )  # fmt: skip
    ctx = bootstrap(settings)
    build_sharing(ctx)
    build_channel(ctx)
    with TestClient(create_app(context=ctx)) as test_client:
        yield test_client
    ctx.close()


def _as(client: TestClient, email: str) -> dict[str, str]:
    ctx: Context = client.app.state.context  # type: ignore[attr-defined]
    return bearer(ctx, email) | {"Accept-Language": "en"}


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["detail"]
    return body


def _multipart(post: dict[str, Any], *files: tuple[str, bytes]) -> dict[str, Any]:
    return {
        "data": {"post": json.dumps(post)},
        "files": [("files", (name, data, "application/octet-stream")) for name, data in files],
    }


def test_files_posted_with_a_post_come_back_byte_for_byte(client: TestClient) -> None:
    ani, budi, cita = (_as(client, e) for e in ("owner@a", "owner@b", "owner@c"))
    sent = _multipart(NEW, ("../harga kopi.pdf", PDF), ("daftar-harga-é.csv", CSV))
    made = _ok(client.post(f"{API}/posts", headers=ani, **sent), 201)
    assert [(a["name"], a["type"], a["size"], a["sha256"]) for a in made["attachments"]] == [
        ("harga kopi.pdf", "application/pdf", len(PDF), digest_of(PDF)),
        ("daftar-harga-é.csv", "text/csv", len(CSV), digest_of(CSV)),
    ]
    assert made["author"] == "a" and made["territories"] == ["32"]
    pdf = client.get(f"{API}/posts/{made['id']}/attachments/{digest_of(PDF)}", headers=budi)
    assert pdf.status_code == 200
    assert pdf.content == PDF
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == 'attachment; filename="harga kopi.pdf"'
    csv = client.get(f"{API}/posts/{made['id']}/attachments/{digest_of(CSV)}", headers=cita)
    assert csv.content == CSV and csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''daftar-harga-%C3%A9.csv"
    )
    # The post's JSON may also come as a file part (curl -F 'post=@post.json').
    as_file = {"files": [("post", ("post.json", json.dumps(NEW).encode(), "application/json")),
                         ("files", ("harga.csv", CSV, "text/csv"))]}  # fmt: skip
    filed = _ok(client.post(f"{API}/posts", headers=ani, **as_file), 201)
    assert [a["sha256"] for a in filed["attachments"]] == [digest_of(CSV)]
    # The multipart body is over the JSON limit, under the channel's: only /posts takes it.
    assert len(PDF) + len(CSV) < BODY_LIMIT < len(PDF) * 8
    big = _multipart(NEW | {"title": "Besar"}, ("besar.pdf", PDF * 8))
    assert len(PDF * 8) <= FILE_LIMIT
    assert _ok(client.post(f"{API}/posts", headers=ani, **big), 201)["attachments"][0]["size"]
    _problem(client.post(f"{API}/cooperations", headers=ani, content=b"x" * 3000), 413)


def test_a_post_without_files_is_plain_json_and_lists_page_newest_first(
    client: TestClient,
) -> None:
    ani = _as(client, "owner@a")
    for number in range(3):
        _ok(client.post(f"{API}/posts", json=NEW | {"title": f"Harga {number}"}, headers=ani), 201)
    whole = _ok(client.get(f"{API}/posts", params={"cooperation": "chan"}, headers=ani))
    assert whole["next_cursor"] is None
    ids = [p["id"] for p in whole["items"]]
    created = [p["created"] for p in whole["items"]]
    assert created == sorted(created, reverse=True) and len(ids) == 6  # 3 new, 3 a reads
    paged: list[int] = []
    cursor = None
    while True:
        params = {"cooperation": "chan", "limit": 4} | ({"cursor": cursor} if cursor else {})
        page = _ok(client.get(f"{API}/posts", params=params, headers=ani))
        paged += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == ids
    only = {"cooperation": "chan", "category": "regulation"}
    assert [p["id"] for p in _ok(client.get(f"{API}/posts", params=only, headers=ani))["items"]
            ] == [post_id("a_all")]  # fmt: skip


def test_reading_receipts_unread_counts_search_digest_and_forwards(client: TestClient) -> None:
    ani, budi = _as(client, "owner@a"), _as(client, "owner@b")
    before = _ok(client.get(f"{API}/posts/unread", headers=ani))
    b_all = post_id("b_all")
    read = _ok(client.post(f"{API}/posts/{b_all}/read", headers=ani))
    assert read["post"] == b_all and read["user"] == "owner@a"
    again = _ok(client.post(f"{API}/posts/{b_all}/read", headers=ani))
    assert again["read_at"] == read["read_at"]
    after = _ok(client.get(f"{API}/posts/unread", headers=ani))
    assert after["counts"]["chan"] == before["counts"]["chan"] - 1
    assert after["total"] == sum(after["counts"].values())
    receipts = _ok(client.get(f"{API}/posts/{b_all}/receipts", headers=budi))
    assert [r["user"] for r in receipts["items"]] == ["owner@a"]
    assert _ok(client.get(f"{API}/posts/{b_all}", headers=ani))["read_at"] == read["read_at"]
    hits = _ok(client.get(f"{API}/posts/search", params={"q": "Cabai"}, headers=ani))["items"]
    assert [h["id"] for h in hits] == [b_all]  # the expired one only when asked
    assert "[" in hits[0]["snippet"]
    everything = {"q": "cabai", "expired": "true", "cooperation": "chan"}
    found = _ok(client.get(f"{API}/posts/search", params=everything, headers=ani))["items"]
    assert sorted(h["id"] for h in found) == [b_all, post_id("expired")]
    day = _ok(client.get(f"{API}/posts/digest", params={"date": AT.date().isoformat()},
                         headers=ani))  # fmt: skip
    assert day["user"] == "owner@a" and day["day"] == AT.date().isoformat()
    assert day["count"] == sum(len(s["posts"]) for s in day["sections"]) > 0
    passed = _ok(client.post(f"{API}/posts/{b_all}/forwards", json={"note": "cek harga"},
                             headers=ani), 201)  # fmt: skip
    assert (passed["post"], passed["to"], passed["note"]) == (b_all, "a", "cek harga")
    shown = _ok(client.get(f"{API}/posts/{b_all}", headers=_as(client, "viewer@a")))
    assert [(f["by"], f["to"]) for f in shown["forwards"]] == [("owner@a", "a")]


def test_a_hidden_post_and_its_files_answer_like_missing_ones(client: TestClient) -> None:
    budi, ani = _as(client, "owner@b"), _as(client, "owner@a")
    to_c = {"cooperation": "chan", "actor": "b", "category": "lead", "title": "Untuk c",
            "body": "Rahasia.", "to": ["c"]}  # fmt: skip
    made = _ok(client.post(f"{API}/posts", headers=budi, **_multipart(to_c, ("a.pdf", PDF))), 201)
    hidden, missing = made["id"], 99_999
    for path in ("", "/receipts", f"/attachments/{digest_of(PDF)}"):
        refused = _problem(client.get(f"{API}/posts/{hidden}{path}", headers=ani), 404)
        absent = _problem(client.get(f"{API}/posts/{missing}{path}", headers=ani), 404)
        assert refused["detail"] == absent["detail"].replace(str(missing), str(hidden))
    for path in ("/read", "/forwards"):
        refused = _problem(client.post(f"{API}/posts/{hidden}{path}", headers=ani), 404)
        absent = _problem(client.post(f"{API}/posts/{missing}{path}", headers=ani), 404)
        assert refused["detail"] == absent["detail"].replace(str(missing), str(hidden))
    # The named reader gets it; a digest that is no file of the post is missing too.
    cita = _as(client, "owner@c")
    assert client.get(f"{API}/posts/{hidden}/attachments/{digest_of(PDF)}",
                      headers=cita).content == PDF  # fmt: skip
    _problem(client.get(f"{API}/posts/{hidden}/attachments/{digest_of(CSV)}", headers=cita), 404)


BAD_POSTS: list[tuple[str, dict[str, Any], int]] = [
    ("unknown category", {"json": NEW | {"category": "gossip"}}, 422),
    ("empty title", {"json": NEW | {"title": ""}}, 422),
    ("expiry before creation", {"json": NEW | {"expires": "2001-01-01T00:00:00Z"}}, 422),
    ("unknown territory tag", {"json": NEW | {"territories": ["99.99"]}}, 404),
    ("not a member", {"json": NEW | {"actor": "z"}}, 409),
    ("missing cooperation", {"json": NEW | {"cooperation": "nope"}}, 404),
    ("not JSON", {"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 422),
    ("a JSON list", {"json": [NEW]}, 422),
    ("another media type", {"content": b"title=x", "headers": {
        "Content-Type": "application/x-www-form-urlencoded"}}, 415),
    ("no media type", {"content": b"{}"}, 415),
    ("multipart without the post", {"data": {"title": "x"}, "files": [
        ("files", ("a.pdf", PDF, "application/pdf"))]}, 422),
    ("multipart post not JSON", {"data": {"post": "{"}, "files": [
        ("files", ("a.pdf", PDF, "application/pdf"))]}, 422),
    ("files given as text", {"data": {"post": json.dumps(NEW), "files": "a.pdf"}, "files": [
        ("other", ("a.pdf", PDF, "application/pdf"))]}, 422),
    ("a file of a refused type", _multipart(NEW, ("x.exe", b"MZ\x90\x00\x03\x00")), 422),
    ("an empty file", _multipart(NEW, ("empty.txt", b"")), 422),
    ("a file over the limit", _multipart(NEW, ("big.txt", b"a" * (FILE_LIMIT + 1))), 422),
    ("two files of one name", _multipart(NEW, ("a.pdf", PDF), ("a.pdf", PDF)), 422),
    ("eleven files", _multipart(NEW, *((f"{n}.pdf", PDF) for n in range(11))), 422),
    ("a JSON body over the limit", {"json": NEW | {"body": "x" * BODY_LIMIT}}, 413),
]  # fmt: skip


@pytest.mark.parametrize(("case", "request_", "status"), BAD_POSTS, ids=[c for c, *_ in BAD_POSTS])
def test_a_bad_post_is_refused_with_problem_details(
    client: TestClient, case: str, request_: dict[str, Any], status: int
) -> None:
    ani = _as(client, "owner@a")
    sent = dict(request_)  # the cases are shared by both backends: never change one
    headers = ani | sent.pop("headers", {})
    _problem(client.post(f"{API}/posts", headers=headers, **sent), status)
    listed = _ok(client.get(f"{API}/posts", params={"cooperation": "chan"}, headers=ani))
    assert len(listed["items"]) == 3, case  # nothing written


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/posts", {"cooperation": "chan", "cursor": "%%%"}),
        ("/posts", {"cooperation": "chan", "cursor": "bm90LWEtbnVtYmVy"}),  # "not-a-number"
        ("/posts", {"cooperation": "chan", "cursor": "MjAyNDEzNDAwMDAwMDAwMDAwMDAtMQ"}),  # month 13
        ("/posts", {"cooperation": "chan", "limit": 0}),
        ("/posts", {}),
        ("/posts/0", {}),
        ("/posts/abc", {}),
        ("/posts/digest", {"date": "2024-13-40"}),
        ("/posts/search", {"q": ""}),
        ("/posts/search", {"q": "?!"}),
        ("/posts/search", {"q": "cabai", "limit": 501}),
        ("/posts/1/attachments/" + "a" * 65, {}),
        (f"/posts/{post_id('a_all')}/receipts", {"cursor": "not-a-cursor!"}),
        ("/webhooks", {"cursor": "%%%"}),
        ("/webhooks/1/deliveries", {"cursor": "bm90LWEtbnVtYmVy"}),
        ("/webhooks/0", {}),
    ],
)
def test_bad_queries_are_refused_with_problem_details(
    client: TestClient, path: str, params: dict[str, Any]
) -> None:
    answer = client.get(API + path, params=params, headers=_as(client, "owner@a"))
    assert 400 <= answer.status_code < 500, answer.text
    assert answer.headers["content-type"] == "application/problem+json"


def _no_secret_in(answer: Any) -> None:
    assert answer.status_code == 200, answer.text
    assert "secret" not in answer.text and "whsec_" not in answer.text


def test_a_webhook_secret_is_shown_when_made_and_rotated_only(client: TestClient) -> None:
    ani = _as(client, "owner@a")
    asked = {"actor": "a", "url": "http://127.0.0.1:9/hook", "events": ["post.created"]}
    made = _ok(client.post(f"{API}/webhooks", json=asked, headers=ani), 201)
    assert made["secret"].startswith("whsec_") and made["events"] == ["post.created"]
    hook = made["id"]
    _no_secret_in(client.get(f"{API}/webhooks/{hook}", headers=ani))
    _no_secret_in(client.get(f"{API}/webhooks", params={"actor": "a"}, headers=ani))
    rotated = _ok(client.post(f"{API}/webhooks/{hook}/rotate", headers=ani))
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != made["secret"]
    _no_secret_in(client.get(f"{API}/webhooks/{hook}", headers=ani))
    for number in range(3):
        _ok(client.post(f"{API}/posts", json=NEW | {"title": f"Kabar {number}"}, headers=ani), 201)
    log = _ok(client.get(f"{API}/webhooks/{hook}/deliveries", headers=ani))
    assert [d["kind"] for d in log["items"]] == ["post.created"] * 3 and not log["next_cursor"]
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = _ok(client.get(f"{API}/webhooks/{hook}/deliveries", params=params, headers=ani))
        seen += [d["id"] for d in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [d["id"] for d in log["items"]]
    # A manager of another actor sees none of it; the owner removes it.
    budi = _as(client, "owner@b")
    _problem(client.get(f"{API}/webhooks/{hook}", headers=budi), 404)
    assert client.delete(f"{API}/webhooks/{hook}", headers=ani).status_code == 204
    _problem(client.get(f"{API}/webhooks/{hook}", headers=ani), 404)


@pytest.mark.parametrize(
    "body",
    [
        {"actor": "a", "url": "ftp://example.org/x", "events": ["*"]},
        {"actor": "a", "url": "http://127.0.0.1:9/x", "events": ["post.deleted"]},
        {"actor": "a", "url": "http://127.0.0.1:9/x", "events": []},
        {"actor": "a", "url": "http://127.0.0.1:9/x"},
        {"actor": "nope", "url": "http://127.0.0.1:9/x", "events": ["*"]},
    ],
)
def test_a_bad_webhook_is_refused_with_problem_details(
    client: TestClient, body: dict[str, Any]
) -> None:
    ani = _as(client, "owner@a")
    answer = client.post(f"{API}/webhooks", json=body, headers=ani)
    assert answer.status_code in (404, 422), answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert _ok(client.get(f"{API}/webhooks", headers=ani))["items"] == []


def test_changing_a_non_members_role_changes_nothing(client: TestClient) -> None:
    ani = _as(client, "owner@a")
    before = _ok(client.get(f"{API}/actors/a/members", headers=ani))
    refused = client.patch(f"{API}/actors/a/members/owner@b", json={"role": "viewer"},
                           headers=ani)  # fmt: skip
    assert "owner@b" in _problem(refused, 404)["detail"]
    assert _ok(client.get(f"{API}/actors/a/members", headers=ani)) == before
    changed = client.patch(f"{API}/actors/a/members/member@a", json={"role": "viewer"},
                           headers=ani)  # fmt: skip
    assert _ok(changed)["role"] == "viewer"


def test_users_are_listed_a_page_at_a_time(client: TestClient) -> None:
    admin = _as(client, "admin@x")
    whole = _ok(client.get(f"{API}/users", headers=admin))
    assert whole["next_cursor"] is None
    emails = [u["email"] for u in whole["items"]]
    assert emails == sorted(emails) and len(emails) > 3
    first = _ok(client.get(f"{API}/users", params={"limit": 3}, headers=admin))
    rest = _ok(client.get(f"{API}/users", params={"cursor": first["next_cursor"]},
                          headers=admin))  # fmt: skip
    assert [u["email"] for u in first["items"] + rest["items"]] == emails
