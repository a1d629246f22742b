"""Accounts and security on the API, on both databases: sessions, CSRF, tokens, invitations,
password reset, members, throttling, no user enumeration, size limits and security headers."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from jejaring.api import create_app
from jejaring.domain.accounts import ActorRole, PlatformRole
from jejaring.domain.actors import Actor, ActorKind
from jejaring.services.accounts import create_user
from jejaring.services.bootstrap import Context
from jejaring.services.throttle import LoginThrottle
from jejaring.services.tickets import request_reset
from jejaring.services.web_sessions import open_session

PASSWORD = "correct horse battery"
ANI, BUDI, ADMIN = "ani@example.com", "budi@example.com", "admin@example.com"
API = "/api/v1"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(ctx: Context) -> Clock:
    found = Clock()
    ctx.memo[LoginThrottle] = LoginThrottle(clock=found)
    return found


@pytest.fixture
def client(ctx: Context, clock: Clock) -> Iterator[TestClient]:
    with ctx.uow() as uow:
        uow.actors.save(Actor("cv-b", "CV B", ActorKind.COMPANY))
        uow.actors.save(Actor("cv-c", "CV C", ActorKind.COMPANY))
        uow.commit()
    create_user(ctx, ANI, PASSWORD, actor="cv-b", role=ActorRole.OWNER)
    create_user(ctx, BUDI, PASSWORD, actor="cv-b", role=ActorRole.MEMBER)
    create_user(ctx, ADMIN, PASSWORD, platform_roles=(PlatformRole.ADMIN,))
    # localhost: the session cookie is not Secure there, so the test client sends it back.
    english = {"Accept-Language": "en"}
    with TestClient(
        create_app(context=ctx), base_url="http://localhost", headers=english
    ) as test_client:
        yield test_client


def _login(client: TestClient, email: str = ANI, password: str = PASSWORD) -> dict[str, str]:
    """Sign in with the cookie; returns the CSRF header to send with writes."""
    response = client.post(f"{API}/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.json()["csrf_token"]}


def _bearer(client: TestClient, email: str = ANI) -> dict[str, str]:
    response = client.post(f"{API}/auth/token", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _mailed_token(caplog: pytest.LogCaptureFixture, to: str) -> str:
    """The token of the last mail to ``to`` that development wrote to the log."""
    bodies = [r.getMessage() for r in caplog.records if r.name == "jejaring.mail"]
    mine = [b for b in bodies if b.startswith(f"mail to {to}:")]
    assert mine, bodies
    found = re.search(r"\n\n(\S{40,})\n\n", mine[-1])
    assert found is not None, mine[-1]
    return found.group(1)


def test_login_sets_flagged_cookies_and_signs_in(client: TestClient, ctx: Context) -> None:
    response = client.post(
        f"{API}/auth/login", json={"email": "Ani@Example.com", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert response.json()["user"]["email"] == ANI
    assert response.json()["user"]["memberships"] == [{"actor": "cv-b", "role": "owner"}]
    cookies = {c.split("=", 1)[0]: c.lower() for c in response.headers.get_list("set-cookie")}
    assert "httponly" in cookies["jejaring_session"]
    assert "samesite=lax" in cookies["jejaring_session"]
    assert "secure" not in cookies["jejaring_session"]  # plain HTTP on localhost
    assert "httponly" not in cookies["jejaring_csrf"]  # the page's script reads it
    me = client.get(f"{API}/auth/me").json()
    assert me["email"] == ANI and me["memberships"] == [{"actor": "cv-b", "role": "owner"}]
    with TestClient(create_app(context=ctx), base_url="https://jejaring.example") as remote:
        elsewhere = remote.post(f"{API}/auth/login", json={"email": ANI, "password": PASSWORD})
    flags = [c.lower() for c in elsewhere.headers.get_list("set-cookie")]
    assert len(flags) == 2 and all("; secure" in c for c in flags)


def test_cookie_writes_need_the_csrf_token(client: TestClient) -> None:
    csrf = _login(client)
    new = {"name": "script", "scopes": ["read"]}
    assert client.get(f"{API}/tokens").status_code == 200  # reads need none
    refused = client.post(f"{API}/tokens", json=new)
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert "CSRF" in refused.json()["detail"]
    assert (
        client.post(f"{API}/tokens", json=new, headers={"X-CSRF-Token": "forged"}).status_code
        == 403
    )
    assert client.post(f"{API}/tokens", json=new, headers=csrf).status_code == 201
    # Another session's token does not fit this one.
    other = TestClient(client.app, base_url="http://localhost")
    assert other.post(f"{API}/tokens", json=new, headers=_login(other, BUDI)).status_code == 201
    assert other.post(f"{API}/tokens", json=new, headers=csrf).status_code == 403


def test_logout_ends_the_session(client: TestClient) -> None:
    csrf = _login(client)
    session = client.cookies.get("jejaring_session")
    assert client.post(f"{API}/auth/logout").status_code == 403  # a write: CSRF applies
    assert client.post(f"{API}/auth/logout", headers=csrf).status_code == 204
    assert client.get(f"{API}/auth/me").status_code == 401
    # The old cookie, replayed, opens nothing: the session row is gone.
    replayed = TestClient(
        client.app, base_url="http://localhost", cookies={"jejaring_session": session or ""}
    )
    assert replayed.get(f"{API}/auth/me").status_code == 401


def test_api_token_scopes_and_revocation(client: TestClient) -> None:
    auth = _bearer(client)
    made = {}
    for scope in ("read", "write"):
        response = client.post(
            f"{API}/tokens", json={"name": scope, "scopes": [scope]}, headers=auth
        )
        assert response.status_code == 201, response.text
        made[scope] = response.json()
    assert made["write"]["scopes"] == ["read", "write"]  # writing implies reading
    read = {"Authorization": f"Bearer {made['read']['token']}"}
    write = {"Authorization": f"Bearer {made['write']['token']}"}
    assert client.get(f"{API}/auth/me", headers=read).json()["email"] == ANI
    denied = client.patch(f"{API}/users/me", json={"locale": "en"}, headers=read)
    assert denied.status_code == 403 and "write" in denied.json()["detail"]
    assert (
        client.patch(f"{API}/users/me", json={"locale": "en"}, headers=write).json()["locale"]
        == "en"
    )
    listed = client.get(f"{API}/tokens", headers=read).json()["items"]
    assert [t["name"] for t in listed] == ["read", "write"] and "token" not in listed[0]
    # Only its owner revokes a token: another user's attempt finds nothing.
    budi = _bearer(client, BUDI)
    assert client.delete(f"{API}/tokens/{made['write']['id']}", headers=budi).status_code == 404
    assert client.delete(f"{API}/tokens/{made['write']['id']}", headers=write).status_code == 204
    for bad in ("99999999999999999999", "0", "one"):
        assert client.delete(f"{API}/tokens/{bad}", headers=auth).status_code == 422
    assert client.get(f"{API}/auth/me", headers=write).status_code == 401
    assert client.get(f"{API}/auth/me", headers=read).status_code == 200
    assert (
        client.get(f"{API}/auth/me", headers={"Authorization": "Bearer jjr_made-up"}).status_code
        == 401
    )


def test_a_new_password_ends_sessions_and_signed_tokens(client: TestClient) -> None:
    signed = _bearer(client)
    session = TestClient(client.app, base_url="http://localhost")
    _login(session)
    wrong = {"password": "a new long password", "current_password": "not it at all"}
    assert client.patch(f"{API}/users/me", json=wrong, headers=signed).status_code == 422
    change = {"password": "a new long password", "current_password": PASSWORD}
    assert client.patch(f"{API}/users/me", json=change, headers=signed).status_code == 200
    assert client.get(f"{API}/auth/me", headers=signed).status_code == 401
    assert session.get(f"{API}/auth/me").status_code == 401
    _login(client, ANI, "a new long password")


def test_password_reset_is_single_use_and_expires(
    client: TestClient, ctx: Context, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="jejaring.mail")
    known = client.post(f"{API}/auth/password-reset", json={"email": ANI})
    unknown = client.post(f"{API}/auth/password-reset", json={"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 202
    assert known.content == unknown.content
    token = _mailed_token(caplog, ANI)
    assert not [r for r in caplog.records if "nobody@example.com" in r.getMessage()]
    # In the account's language (Indonesian by default), though the request asked for English.
    assert any("Mengatur ulang kata sandi" in r.getMessage() for r in caplog.records)
    confirm = {"token": token, "password": "brand new password"}
    assert client.post(f"{API}/auth/password-reset/confirm", json=confirm).status_code == 204
    again = client.post(
        f"{API}/auth/password-reset/confirm", json={**confirm, "password": "yet another one"}
    )
    assert again.status_code == 422 and "token" in again.json()["detail"]
    _login(client, ANI, "brand new password")
    # A token an hour and a minute old is refused.
    found = request_reset(ctx, BUDI, now=datetime.now(UTC) - timedelta(minutes=61))
    assert found is not None
    late = {"token": found[0], "password": "brand new password"}
    assert client.post(f"{API}/auth/password-reset/confirm", json=late).status_code == 422
    _login(client, BUDI, PASSWORD)
    short = {"token": token, "password": "short"}
    assert client.post(f"{API}/auth/password-reset/confirm", json=short).status_code == 422


def test_invitation_flow(
    client: TestClient, ctx: Context, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="jejaring.mail")
    owner = _bearer(client)
    invitation = {"email": "citra@example.com", "actor": "cv-b", "role": "manager"}
    made = client.post(f"{API}/invitations", json=invitation, headers=owner)
    assert made.status_code == 201, made.text
    assert "token" not in made.json()  # the token goes to the invited address only
    token = _mailed_token(caplog, "citra@example.com")
    signup = {"token": token, "password": PASSWORD, "display_name": "Citra"}
    created = client.post(f"{API}/auth/signup", json=signup)
    assert created.status_code == 201 and created.json()["display_name"] == "Citra"
    assert client.post(f"{API}/auth/signup", json=signup).status_code == 422  # used up
    citra = _bearer(client, "citra@example.com")
    assert client.get(f"{API}/auth/me", headers=citra).json()["memberships"] == [
        {"actor": "cv-b", "role": "manager"}
    ]
    # A member may not invite; a manager may, but not as owner; nobody for another actor.
    member = _bearer(client, BUDI)
    dani = {"email": "dani@example.com", "actor": "cv-b", "role": "member"}
    assert client.post(f"{API}/invitations", json=dani, headers=member).status_code == 403
    as_owner = {**dani, "role": "owner"}
    assert client.post(f"{API}/invitations", json=as_owner, headers=citra).status_code == 403
    assert client.post(f"{API}/invitations", json=dani, headers=citra).status_code == 201
    other = {**dani, "actor": "cv-c"}
    assert client.post(f"{API}/invitations", json=other, headers=owner).status_code == 404
    assert client.post(f"{API}/auth/signup", json={**signup, "token": "x" * 43}).status_code == 422
    with ctx.reader() as uow:
        trail = [(e.action, e.by_user, e.detail) for e in uow.audit.find_for("cv-b")]
    assert trail == [
        ("member.invited", "citra@example.com", "dani@example.com member"),
        ("member.invited", ANI, "citra@example.com manager"),
    ]


def test_members_of_an_actor(client: TestClient, ctx: Context) -> None:
    owner, admin, member = _bearer(client), _bearer(client, ADMIN), _bearer(client, BUDI)
    members = f"{API}/actors/cv-b/members"
    listed = client.get(members, headers=member).json()["items"]
    assert listed == [{"email": ANI, "role": "owner"}, {"email": BUDI, "role": "member"}]
    assert client.get(f"{API}/actors/cv-c/members", headers=member).status_code == 404
    assert (
        client.patch(f"{members}/{BUDI}", json={"role": "manager"}, headers=member).status_code
        == 403
    )
    assert (
        client.patch(f"{members}/{BUDI}", json={"role": "manager"}, headers=owner).json()["role"]
        == "manager"
    )
    last = client.patch(f"{members}/{ANI}", json={"role": "viewer"}, headers=owner)
    assert last.status_code == 409 and "last owner" in last.json()["detail"]
    assert client.delete(f"{members}/{ANI}", headers=admin).status_code == 409
    added = client.post(members, json={"email": ADMIN, "role": "owner"}, headers=owner)
    assert added.status_code == 201
    assert client.delete(f"{members}/{ANI}", headers=admin).status_code == 204
    assert client.delete(f"{members}/{ANI}", headers=admin).status_code == 404
    unknown = client.post(
        members, json={"email": "nobody@example.com", "role": "member"}, headers=owner
    )
    assert unknown.status_code == 404
    with ctx.reader() as uow:
        trail = [(e.action, e.by_user, e.detail) for e in uow.audit.find_for("cv-b")]
    assert trail == [
        ("member.removed", ADMIN, ANI),
        ("member.set", ANI, f"{ADMIN} owner"),
        ("member.set", ANI, f"{BUDI} manager"),
    ]


def test_users_for_administrators_and_oneself(client: TestClient) -> None:
    admin, member = _bearer(client, ADMIN), _bearer(client, BUDI)
    assert client.get(f"{API}/users", headers=member).status_code == 403
    emails = [u["email"] for u in client.get(f"{API}/users", headers=admin).json()["items"]]
    assert emails == [ADMIN, ANI, BUDI]
    assert client.get(f"{API}/users/{ANI}", headers=member).status_code == 404  # like a missing one
    assert client.get(f"{API}/users/{BUDI}", headers=member).json()["email"] == BUDI
    bad = client.patch(f"{API}/users/me", json={"locale": "fr"}, headers=member)
    assert bad.status_code == 422 and "locale" in bad.json()["detail"]
    session = TestClient(client.app, base_url="http://localhost")
    _login(session, BUDI)
    own = client.post(f"{API}/users/{BUDI}/deactivate", headers=member)
    assert own.status_code == 403, own.text  # one's own account is visible: not "not found"
    assert client.post(f"{API}/users/{ANI}/deactivate", headers=member).status_code == 404
    assert client.post(f"{API}/users/{BUDI}/deactivate", headers=admin).json()["active"] is False
    assert session.get(f"{API}/auth/me").status_code == 401
    assert client.get(f"{API}/auth/me", headers=member).status_code == 401
    refused = client.post(f"{API}/auth/token", json={"email": BUDI, "password": PASSWORD})
    assert refused.status_code == 401


def test_unknown_account_and_wrong_password_answer_alike(client: TestClient) -> None:
    wrong = client.post(f"{API}/auth/login", json={"email": ANI, "password": "not the password"})
    unknown = client.post(
        f"{API}/auth/login", json={"email": "nobody@example.com", "password": "x"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"] == "wrong e-mail address or password"
    assert {k: v for k, v in wrong.json().items() if k != "instance"} == {
        k: v for k, v in unknown.json().items() if k != "instance"
    }


def test_sign_in_is_throttled_per_account_and_address(client: TestClient, clock: Clock) -> None:
    def attempt(email: str, password: str = "wrong password") -> int:
        body = {"email": email, "password": password}
        return client.post(f"{API}/auth/token", json=body).status_code

    assert [attempt(ANI) for _ in range(5)] == [401] * 5
    throttled = client.post(f"{API}/auth/login", json={"email": ANI, "password": PASSWORD})
    assert throttled.status_code == 429
    assert 1 <= int(throttled.headers["Retry-After"]) <= 900
    # An unknown account is throttled alike, so the 429 tells nothing either.
    assert [attempt("nobody@example.com") for _ in range(5)] == [401] * 5
    assert attempt("nobody@example.com") == 429
    clock.now += 15 * 60 + 1
    assert attempt(ANI, PASSWORD) == 200
    # Per address: failures against many accounts from one client add up.
    clock.now += 15 * 60 + 1
    assert [attempt(f"guess{i}@example.com") for i in range(20)] == [401] * 20
    assert attempt(BUDI, PASSWORD) == 429
    clock.now += 15 * 60 + 1
    assert attempt(BUDI, PASSWORD) == 200


def test_body_size_limit(client: TestClient) -> None:
    big = b'{"email": "' + b"a" * (1024 * 1024) + b'", "password": "x"}'
    declared = client.post(
        f"{API}/auth/token", content=big, headers={"Content-Type": "application/json"}
    )
    assert declared.status_code == 413
    assert declared.headers["content-type"] == "application/problem+json"
    assert declared.json()["status"] == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams
        yield b'{"email": "'
        for _ in range(40):
            yield b"a" * 32 * 1024
        yield b'", "password": "x"}'

    streamed = client.post(
        f"{API}/auth/token", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413
    assert streamed.headers["x-content-type-options"] == "nosniff"


def test_security_headers_on_every_response(client: TestClient) -> None:
    answers = [
        client.get(f"{API}/health"),
        client.get(f"{API}/auth/me"),
        client.get(f"{API}/no-such-thing"),
        client.post(f"{API}/auth/token", json={}),
        client.post(f"{API}/auth/token", content=b"x" * (2 * 1024 * 1024)),
    ]
    assert [a.status_code for a in answers] == [200, 401, 404, 422, 413]
    for answer in answers:
        csp = answer.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["x-frame-options"] == "DENY"
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "cdn.jsdelivr.net" in docs.headers["content-security-policy"]
    assert "cdn.jsdelivr.net" not in answers[0].headers["content-security-policy"]


@pytest.mark.parametrize(
    ("content", "headers"),
    [
        (b'{"email": "ani@example.com", "password": ', {"Content-Type": "application/json"}),
        (b"[1, 2, 3]", {"Content-Type": "application/json"}),
        (b'{"email": 5, "password": null}', {"Content-Type": "application/json"}),
        (b"\xff\xfe\x00garbage", {"Content-Type": "application/json"}),
        (b"email=ani", {"Content-Type": "application/x-www-form-urlencoded"}),
        (b'{"email": "ani@example.com", "password": "x"}', {"Content-Type": "text/plain"}),
    ],
)
def test_malformed_bodies_get_problem_details(
    client: TestClient, content: bytes, headers: dict[str, str]
) -> None:
    for path in ("/auth/token", "/auth/login", "/auth/signup", "/auth/password-reset"):
        answer = client.post(f"{API}{path}", content=content, headers=headers)
        assert 400 <= answer.status_code < 500, (path, answer.status_code, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"


def test_values_the_database_refuses_are_the_callers_error(client: TestClient) -> None:
    # PostgreSQL text cannot hold NUL characters; a read with one must not become a 500.
    auth = _bearer(client, ADMIN)
    for path in ("/users/a%00b", "/actors/a%00b/members"):
        answer = client.get(f"{API}{path}", headers=auth)
        assert answer.status_code in (404, 422), (path, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
    login = client.post(f"{API}/auth/login", json={"email": "a\u0000@b.c", "password": "x"})
    assert login.status_code in (401, 422), login.text
    reset = client.post(f"{API}/auth/password-reset", json={"email": "a\u0000@b.c"})
    assert reset.status_code in (202, 422), reset.text


def test_malformed_credentials_are_refused_not_crashed(client: TestClient) -> None:
    tries: list[dict[str, str | bytes]] = [
        {"Authorization": "Bearer \u00e9\u00e8.\u00ff".encode("latin-1")},
        {"Authorization": "Bearer ..."},
        {"Authorization": "Bearer eyJzdWIiOjF9.c2ln"},
        {"Authorization": "Basic YW5pOng="},
        {"Authorization": "Bearer"},
        {"Cookie": "jejaring_session=\u00e9; jejaring_csrf=x".encode()},
    ]
    for headers in tries:
        answer = client.get(f"{API}/auth/me", headers=headers)
        assert answer.status_code == 401, (headers, answer.text)
        write = client.post(
            f"{API}/tokens", json={"name": "x", "scopes": ["read"]}, headers=headers
        )
        assert write.status_code in (401, 403), (headers, write.text)


def test_an_expired_session_is_refused(client: TestClient, ctx: Context) -> None:
    with ctx.reader() as uow:
        ani = uow.users.get(ANI)
    assert ani is not None
    lifetime = timedelta(seconds=ctx.settings.session_lifetime_s)
    old = open_session(ctx, ani, now=datetime.now(UTC) - lifetime - timedelta(minutes=1))
    fresh = open_session(ctx, ani)
    for secret, status in ((old, 401), (fresh, 200)):
        browser = TestClient(
            client.app, base_url="http://localhost", cookies={"jejaring_session": secret}
        )
        assert browser.get(f"{API}/auth/me").status_code == status
