"""Schemathesis over every operation of the OpenAPI document, in process, signed in.

The operations come from the document the app serves, so a new route is fuzzed without being
listed here. One pass runs on a fresh copy of the HTTP matrix's world
(``tests/support/api_world.py``): three requests in four as the administrator, who reaches
the most routes, the fourth as an ordinary member of ``a``. Path parameters are drawn now and
then from the keys and ids that exist in that world (``KNOWN``), so requests reach real
objects as well as missing ones. Positive and negative data; the checks are that no answer is
a server error and that every answer's status code, content type and body are the ones the
document declares. Hypothesis is derandomized (a fixed seed), so a run makes the same
requests every time; their number and the answers' statuses are printed at the end.

SQLite only: the pass takes about half of the three minutes of CI it may use (the stateful
phase is off for the same reason; the document declares no links for it to follow anyway).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import hypothesis.strategies as st
import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jejaring.api import create_app
from jejaring.api.app import API_PREFIX
from jejaring.config import Settings
from jejaring.services.bootstrap import bootstrap
from tests.support.api_world import build_api_world
from tests.support.bearer import token_for
from tests.support.matrix_world import World, open_world

PRINCIPALS = {"admin": "admin@x", "member": "member@a"}
MEMBER_SHARE = 4  # one request in four is the member's
EXAMPLES = 4  # per operation and generation mode, besides the coverage phase's own cases
SEED = 20261202
CHECKS: list[CheckFunction] = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# Objects of the world, by the collection a path starts with and the parameter's name.
_ACTORS = ["a", "b", "c", "z"]
_EMAILS = ["owner@a", "manager@a", "member@a", "viewer@a", "owner@b", "admin@x"]
KNOWN: dict[tuple[str, str], list[Any]] = {
    ("actors", "key"): _ACTORS,
    ("actors", "partner"): _ACTORS,
    ("actors", "email"): _EMAILS,
    ("users", "email"): _EMAILS,
    ("tokens", "token_id"): [1, 2, 3],
    ("territories", "code"): ["32", "33", "3273"],
    ("analyses", "key"): ["open", "full"],
    ("ties", "source"): ["a", "b"],
    ("ties", "target"): ["b", "z"],
    ("ties", "type"): ["knows"],
    ("customers", "owner"): ["a", "b"],
    ("customers", "key"): ["a1", "b1"],
    ("cooperations", "key"): ["coop", "pending", "paused", "zed", "works", "pool", "bangun"],
    ("cooperations", "actor"): _ACTORS,
    ("resources", "key"): ["van", "shed", "zvan", "truck-a", "truck-b", "spare-a"],
    ("bookings", "booking_id"): [1, 2, 3, 4, 5],
    ("projects", "key"): ["p1", "pz", "proj", "zproj"],
    ("projects", "number"): [1, 2],
    ("referrals", "referral_id"): [1, 2, 3, 4, 5, 6],
    ("jobs", "job_id"): [1],
}


def _collection(path: str) -> str:
    return path.removeprefix(API_PREFIX).strip("/").split("/")[0]


def _config() -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {
                "mode": "all",
                "max-examples": EXAMPLES,
                "deterministic": True,
                "database": "none",
                "with-security-parameters": False,
            },
            "phases": {"stateful": {"enabled": False}},
        }
    )


@pytest.fixture(scope="module", params=["sqlite"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    with open_world(request, tmp_path_factory, build_api_world, "fuzz") as opened:
        yield opened


@pytest.fixture(scope="module")
def tally(request: pytest.FixtureRequest) -> Iterator[Counter[str]]:
    """Requests sent, by principal and by answer's status; printed at the end."""
    sent: Counter[str] = Counter()
    yield sent
    by = ", ".join(f"{who} {sent[who]}" for who in PRINCIPALS)
    statuses = sorted((key, n) for key, n in sent.items() if key.startswith("HTTP "))
    answers = ", ".join(f"{key.removeprefix('HTTP ')}: {n}" for key, n in statuses)
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(f"\nAPI fuzz: {sent['total']} requests ({by}); answers {answers}")


def _document() -> dict[str, Any]:
    """The OpenAPI document, from an app on no database (building one connects to nothing)."""
    ctx = bootstrap(Settings(database_url="sqlite://"))
    try:
        return create_app(context=ctx).openapi()
    finally:
        ctx.close()


def _binary_media_types(document: dict[str, Any]) -> set[str]:
    """The media types of request bodies that are files (a bundle, a workbook)."""
    return {
        media_type
        for operations in document["paths"].values()
        for operation in operations.values()
        for media_type, content in operation.get("requestBody", {}).get("content", {}).items()
        if content.get("schema", {}).get("format") == "binary"
    } - {"application/octet-stream"}


DOCUMENT = _document()
schema = schemathesis.openapi.from_dict(DOCUMENT, config=_config())
# Files are sent as the generated bytes, as an octet stream would be.
if binary := sorted(_binary_media_types(DOCUMENT)):
    schemathesis.serializer.alias(binary, "application/octet-stream")


@schema.hook("flatmap_path_parameters")
def _real_objects(
    context: schemathesis.HookContext, path_parameters: dict[str, Any] | None
) -> st.SearchStrategy[dict[str, Any] | None]:
    """Now and then the keys and ids of objects that exist instead of generated ones."""
    assert context.operation is not None
    collection = _collection(context.operation.path)
    known = {
        name: st.sampled_from(KNOWN[collection, name])
        for name in path_parameters or {}
        if (collection, name) in KNOWN
    }
    if not known or path_parameters is None:
        return st.just(path_parameters)
    real = st.fixed_dictionaries(
        {name: st.just(value) for name, value in path_parameters.items()} | known
    )
    return st.one_of(st.just(path_parameters), real)


@pytest.fixture(scope="module")
def signed_in(world: World) -> Iterator[tuple[FastAPI, dict[str, dict[str, str]]]]:
    """An app on a fresh copy of the world, and each principal's headers."""
    ctx = world.fresh()
    app = create_app(context=ctx)
    headers = {
        who: {"Authorization": f"Bearer {token_for(ctx, email)}", "Accept-Language": "en"}
        for who, email in PRINCIPALS.items()
    }
    try:
        yield app, headers
    finally:
        app.state.jobs.shutdown()


@schema.parametrize()
def test_api_conforms_to_its_schema(
    case: schemathesis.Case,
    signed_in: tuple[FastAPI, dict[str, dict[str, str]]],
    tally: Counter[str],
) -> None:
    app, headers = signed_in
    # Every MEMBER_SHARE-th request as the member, in a fixed order: the run stays reproducible.
    who = "member" if tally["total"] % MEMBER_SHARE == MEMBER_SHARE - 1 else "admin"
    tally.update(["total", who])
    response = case.call_and_validate(app=app, headers=headers[who], checks=CHECKS)
    tally[f"HTTP {response.status_code}"] += 1
