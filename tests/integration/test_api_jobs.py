"""Long work over the API, on both databases: an uploaded bundle imported as a job with a
status URL and a row report, a layer analysed as a job, and jobs read by their starter only."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jejaring.api import create_app
from jejaring.domain.accounts import PlatformRole
from jejaring.domain.actors import Visibility
from jejaring.services.bootstrap import Context
from tests.factories import actor, member, persist, tie, user
from tests.support.bearer import bearer
from tests.support.bundles import SHEETS

ZIP = "application/zip"


@pytest.fixture
def client(ctx: Context) -> Iterator[TestClient]:
    with ctx.uow() as uow:
        persist(
            uow,
            user("admin@x", platform_roles=(PlatformRole.ADMIN,)),
            user("other@x", platform_roles=(PlatformRole.ADMIN,)),
            user("coord@x", platform_roles=(PlatformRole.COORDINATOR,)),
            user("ani@x"),
            *(actor(k) for k in "abc"),
            tie("a", "b", "knows", visibility=Visibility.COMMUNITY),
            tie("b", "c", "knows", visibility=Visibility.COMMUNITY),
        )
        uow.commit()
    with TestClient(create_app(context=ctx)) as test_client:
        yield test_client


def _as(client: TestClient, email: str, lang: str = "en") -> dict[str, str]:
    ctx: Context = client.app.state.context  # type: ignore[attr-defined]
    return bearer(ctx, email) | {"Accept-Language": lang}


def _zipped(sheets: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name, text in sheets.items():
            bundle.writestr(f"{name}.csv", text)
    return buffer.getvalue()


def _finished(client: TestClient, queued: Any, headers: dict[str, str]) -> Any:
    assert queued.status_code == 202, queued.text
    job = queued.json()
    assert queued.headers["location"] == job["status_url"] == f"/api/v1/jobs/{job['id']}"
    client.app.state.jobs.drain()  # type: ignore[attr-defined]
    done = client.get(job["status_url"], headers=headers)
    assert done.status_code == 200, done.text
    return done.json()


def test_an_uploaded_bundle_is_imported_as_a_job(client: TestClient) -> None:
    admin = _as(client, "admin@x")
    queued = client.post(
        "/api/v1/imports", content=_zipped(SHEETS), headers=admin | {"Content-Type": ZIP}
    )
    job = _finished(client, queued, admin)
    assert job["kind"] == "import" and job["status"] == "done" and job["error"] is None
    assert job["result"]["errors"] == []
    assert job["result"]["written"]["actors"] == 3
    actors = client.get("/api/v1/actors/toko-satu", headers=admin)
    assert actors.status_code == 200 and actors.json()["name"] == "Toko Satu"
    # The starter alone reads the job; another administrator gets what a missing job gives.
    hidden = client.get(job["status_url"], headers=_as(client, "other@x"))
    missing = client.get("/api/v1/jobs/999", headers=_as(client, "other@x"))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["detail"] == f"job {job['id']} not found"


def test_a_bad_bundle_gives_the_row_report_in_the_readers_language(client: TestClient) -> None:
    admin = _as(client, "admin@x")
    bad = SHEETS | {"actors": "key,name,kind\nok-one,Ok,company\nbad-one,Bad,spaceship\n"}
    queued = client.post(
        "/api/v1/imports", content=_zipped(bad), headers=admin | {"Content-Type": ZIP}
    )
    job = _finished(client, queued, admin)
    assert job["status"] == "done" and job["result"]["written"] == {}
    wrong = [e for e in job["result"]["errors"] if e["file"] == "actors.csv"]
    assert [(e["line"], e["column"]) for e in wrong] == [(3, "kind")]
    assert "spaceship" in wrong[0]["reason"]
    indonesian = client.get(job["status_url"], headers=_as(client, "admin@x", "id")).json()
    reason = next(e for e in indonesian["result"]["errors"] if e["file"] == "actors.csv")
    assert reason["reason"] != wrong[0]["reason"]  # translated when read
    assert client.get("/api/v1/actors/ok-one", headers=admin).status_code == 404  # nothing


def test_only_administrators_import_and_only_bundles(client: TestClient) -> None:
    upload = {"content": _zipped(SHEETS)}
    refused = client.post(
        "/api/v1/imports", headers=_as(client, "coord@x") | {"Content-Type": ZIP}, **upload
    )
    assert refused.status_code == 403
    wrong = client.post(
        "/api/v1/imports", headers=_as(client, "admin@x") | {"Content-Type": "text/csv"}, **upload
    )
    assert wrong.status_code == 422 and "text/csv" in wrong.json()["detail"]


def test_a_layer_is_analysed_as_a_job(client: TestClient) -> None:
    coordinator = _as(client, "coord@x")
    queued = client.post("/api/v1/analyses", json={"key": "now"}, headers=coordinator)
    job = _finished(client, queued, coordinator)
    assert job["status"] == "done"
    assert job["result"] == {"analysis": "now", "actors": 3, "ties": 2}
    assert client.get("/api/v1/analyses/now", headers=coordinator).status_code == 200
    again = client.post("/api/v1/analyses", json={"key": "now"}, headers=coordinator)
    failed = _finished(client, again, coordinator)
    assert failed["status"] == "failed" and failed["error"] == "analysis 'now' exists already"
    private = client.post("/api/v1/analyses", json={"scope": "all"}, headers=coordinator)
    assert private.status_code == 403
    assert client.post("/api/v1/analyses", json={}, headers=_as(client, "ani@x")).status_code == (
        403
    )


def test_an_app_started_again_still_runs_jobs(client: TestClient) -> None:
    # An app may be started more than once (an in-process fuzzer starts it for each operation):
    # its jobs once went to the runner its first stop had shut down, a 500.
    coordinator = _as(client, "coord@x")
    app = create_app(context=client.app.state.context)  # type: ignore[attr-defined]
    with TestClient(app):
        pass
    with TestClient(app) as again:
        queued = again.post("/api/v1/analyses", json={"key": "later"}, headers=coordinator)
        assert _finished(again, queued, coordinator)["status"] == "done"


def test_the_export_is_a_bundle_that_imports_back(client: TestClient) -> None:
    admin = _as(client, "admin@x")
    exported = client.get("/api/v1/exports/bundle", headers=admin)
    assert exported.status_code == 200 and exported.headers["content-type"] == ZIP
    with zipfile.ZipFile(io.BytesIO(exported.content)) as bundle:
        actors = bundle.read("actors.csv").decode()
    assert actors.splitlines()[0].startswith("key,name,kind")
    assert sorted(line.split(",")[0] for line in actors.splitlines()[1:]) == ["a", "b", "c"]
    queued = client.post(
        "/api/v1/imports", content=exported.content, headers=admin | {"Content-Type": ZIP}
    )
    job = _finished(client, queued, admin)
    assert job["result"]["errors"] == [] and job["result"]["new"]["actors"] == 0
    assert client.get("/api/v1/exports/bundle", headers=_as(client, "coord@x")).status_code == 403


def test_capability_answers_are_imported_as_a_job_and_exported_as_csv(
    client: TestClient,
) -> None:
    items = [
        f"{c}{i}" for c, n in (("C", 6), ("R", 4), ("K", 4), ("I", 5)) for i in range(1, n + 1)
    ]
    header = f"actor,respondent,taken_at,{','.join(items)}\n"
    rows = "".join(f"{k},owner,2026-01-05,{','.join('4' * len(items))}\n" for k in "ab")
    coordinator = _as(client, "coord@x")
    csv = {"Content-Type": "text/csv"}
    queued = client.post("/api/v1/assessments", content=header + rows, headers=coordinator | csv)
    job = _finished(client, queued, coordinator)
    assert job["kind"] == "assessments" and job["result"]["errors"] == []
    assert (job["result"]["written"], job["result"]["actors"]) == (2, 2)
    bad = client.post(
        "/api/v1/assessments", content=header + "nobody,x,2026-01-05,1\n", headers=coordinator | csv
    )
    problems = _finished(client, bad, coordinator)["result"]["errors"]
    assert problems and all(p["file"] == "answers.csv" and p["line"] == 2 for p in problems)
    refused = client.post("/api/v1/assessments", content=rows, headers=_as(client, "ani@x") | csv)
    assert refused.status_code == 403
    with client.app.state.context.uow() as uow:  # type: ignore[attr-defined]
        persist(uow, member("ani@x", "a"))
        uow.commit()
    exported = client.get("/api/v1/assessments", headers=_as(client, "ani@x"))
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert [line.split(",")[0] for line in exported.text.splitlines()[1:]] == ["a"]
