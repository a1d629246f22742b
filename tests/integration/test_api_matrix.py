"""The authorization matrix over HTTP, on SQLite and PostgreSQL (DESIGN section 5).

Every route of the OpenAPI document has at least one row in ``ROWS``; a route without one
fails :func:`test_every_route_is_in_the_matrix`. A row is one route and one ownership case:
the request to send and who gets the success status; the other signed-in principals are
hidden from the object (404) or refused (403), and a request without a token gets 401 unless
the route is public. A hidden answer must be exactly the answer for a missing object, the
object's name aside. Principals are those of the service-level matrix
(``test_authorization_matrix.py``) and its world (``tests/support/matrix_world.py``), with
what the other routes need (``tests/support/api_world.py``). An allowed write runs on a fresh
copy of the world; everything else shares one.

To add a route: add its rows to ``ROWS`` (``ok``, ``hidden``, the object and a missing one).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response

from jejaring.api import create_app
from jejaring.api.app import API_PREFIX
from jejaring.config import Settings
from jejaring.services.bootstrap import Context, bootstrap
from tests.conftest import BACKENDS
from tests.support.api_world import (
    COLLEAGUE_TOKEN,
    FILE_DIGEST,
    FILED_POST,
    INVITATION,
    ITEMS,
    OWN_TOKEN,
    PASSWORD,
    RESET,
    REVOKED_TOKEN,
    VAN_A,
    VAN_B,
    build_api_world,
)
from tests.support.bearer import bearer
from tests.support.channel import post_id
from tests.support.matrix_world import World, open_world, referral_id, webhook_id

EMAILS: dict[str, str | None] = {
    "anonymous": None,
    "owner": "owner@a",
    "manager": "manager@a",
    "member": "member@a",
    "viewer": "viewer@a",
    "other": "owner@z",
    "coordinator": "coord@x",
    "admin": "admin@x",
}
MAN = frozenset({"owner", "manager"})
OPR = MAN | {"member"}
RD = OPR | {"viewer"}
STAFF = frozenset({"coordinator", "admin"})
ADMIN = frozenset({"admin"})
OTHER = frozenset({"other"})
OWNER = frozenset({"owner"})
FOREIGN = OTHER | {"coordinator"}  # signed in, acting for no actor of a's, administering nothing
OUTSIDERS = STAFF | OTHER
SIGNED = RD | OUTSIDERS
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Row:
    """One route and ownership case.

    ``route`` is the OpenAPI path without the prefix; ``at`` fills its ``{placeholders}`` and
    those in ``query`` and ``body`` values; ``missing`` replaces some of them to name a missing
    object, whose answer a hidden one must equal.
    """

    method: str
    route: str
    ownership: str
    ok: frozenset[str]
    hidden: frozenset[str] = NOBODY
    at: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    body: Any = None
    upload: tuple[str, bytes] | None = None  # a raw body: its content type and bytes
    status: int = 200
    public: bool = False

    def expected(self, who: str) -> int:
        if who == "anonymous":
            return self.status if self.public else 401
        if who in self.ok:
            return self.status
        return 404 if who in self.hidden else 403

    @property
    def writes(self) -> bool:
        return self.method != "GET"

    def request(self, client: TestClient, headers: dict[str, str], *, absent: bool) -> Response:
        values = self.at | (self.missing if absent else {})
        raw: dict[str, Any] = {}
        if self.upload is not None:
            raw["content"] = self.upload[1]
            headers = headers | {"Content-Type": self.upload[0]}
        return client.request(
            self.method,
            API_PREFIX + self.route.format(**values),
            params=_fill(self.query, values),
            json=_fill(self.body, values),
            headers=headers,
            **raw,
        )


def _fill(value: Any, values: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**values)
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, values) for v in value]
    return value


_row = Row


_G, _P, _PA, _D = "GET", "POST", "PATCH", "DELETE"
NOPE = {"key": "nope"}


def _zipped(**sheets: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name, text in sheets.items():
            bundle.writestr(f"{name}.csv", text)
    return buffer.getvalue()


BUNDLE = ("application/zip", _zipped(actors="key,name,kind\nnew-one,New One,company\n"))
_ANSWER_ROWS = f"actor,respondent,taken_at,{','.join(ITEMS)}\nb,owner,2026-01-05,"
ANSWERS = ("text/csv", (_ANSWER_ROWS + ",".join("4" * len(ITEMS)) + "\n").encode())
NO_REF, NO_BOOKING = {"referral_id": "999"}, {"booking_id": "999"}
TIE, CUSTOMER = "/ties/{source}/{target}/{type}", "/customers/{owner}/{key}"
A_B, NO_TYPE = {"source": "a", "target": "b", "type": "knows"}, {"type": "nope"}
UNSHARED = frozenset({"other", "coordinator"})  # neither owners nor pooling partners


def _ref(name: str) -> dict[str, str]:
    return {"referral_id": str(referral_id(name))}


def _token(number: int) -> dict[str, str]:
    return {"token_id": str(number)}


MEMBER = "/actors/{key}/members/{email}"
NO_USER, NO_TOKEN = {"email": "nobody@x"}, {"token_id": "999"}
MARCH = {"start": "2026-03-02T00:00:00Z", "end": "2026-03-03T00:00:00Z"}
# The channel (docs/channel.md): the members' users of the cooperation read it, a named post
# only its named actors' and its author's; coordinators and administrators see that a
# cooperation exists, not its channel (403), a stranger not even that (404).
CHAN, NO_POST = {"key": "chan"}, {"post_id": "999"}
POST, POSTED = "/posts/{post_id}", {"category": "risk", "title": "Banjir", "body": "Jalan putus."}
HOOK, NO_HOOK = "/webhooks/{webhook_id}", {"webhook_id": "999"}
HOOK_HIDDEN = frozenset({"member", "viewer"}) | OUTSIDERS  # only owners and managers see one
NEW_HOOK = {"url": "http://127.0.0.1:9/new", "events": ["post.created"]}


def _post(name: str) -> dict[str, str]:
    return {"post_id": str(post_id(name))}


def _hook(name: str) -> dict[str, str]:
    return {"webhook_id": str(webhook_id(name))}


FILED = {"post_id": str(FILED_POST), "sha256": FILE_DIGEST}
CHANNEL_ROWS = [
    _row(_G, "/posts", "own cooperation", RD, OTHER, CHAN, NOPE, query={"cooperation": "{key}"}),
    _row(_P, "/posts", "own author", OPR, OTHER, CHAN, NOPE, status=201,
         body={"cooperation": "{key}", "actor": "a"} | POSTED),
    _row(_P, "/posts", "partner author", NOBODY, OTHER, CHAN, NOPE, status=201,
         body={"cooperation": "{key}", "actor": "b"} | POSTED),
    _row(_G, "/posts/unread", "own counts", SIGNED),
    _row(_G, "/posts/digest", "own digest", SIGNED, query={"unread": "true"}),
    _row(_G, "/posts/search", "readable ones", SIGNED, query={"q": "cabai"}),
    _row(_G, "/posts/search", "own cooperation", RD, OTHER, CHAN, NOPE,
         query={"q": "cabai", "cooperation": "{key}"}),
    _row(_G, POST, "for all members", RD, OUTSIDERS, _post("b_all"), NO_POST),
    _row(_G, POST, "named own actor", RD, OUTSIDERS, _post("b_to_a"), NO_POST),
    _row(_G, POST, "named another", NOBODY, SIGNED, _post("b_to_c"), NO_POST),
    _row(_P, POST + "/read", "for all members", RD, OUTSIDERS, _post("b_all"), NO_POST),
    _row(_P, POST + "/read", "named another", NOBODY, SIGNED, _post("b_to_c"), NO_POST),
    _row(_G, POST + "/receipts", "own actor's post", RD, OUTSIDERS, _post("a_all"), NO_POST),
    _row(_G, POST + "/receipts", "partner's post", NOBODY, OUTSIDERS, _post("b_all"), NO_POST),
    _row(_G, POST + "/receipts", "named another", NOBODY, SIGNED, _post("b_to_c"), NO_POST),
    _row(_P, POST + "/forwards", "for all members", OPR, OUTSIDERS, _post("b_all"), NO_POST,
         status=201, body={"note": "untuk tim"}),
    _row(_P, POST + "/forwards", "named another", NOBODY, SIGNED, _post("b_to_c"), NO_POST,
         status=201, body={"note": "untuk tim"}),
    _row(_G, POST + "/attachments/{sha256}", "for all members", RD, OUTSIDERS, FILED, NO_POST),
    # Webhooks: an actor's owners and managers; to anyone else a webhook does not exist.
    _row(_G, "/webhooks", "every managed actor's", SIGNED),
    _row(_G, "/webhooks", "own actor's", MAN, HOOK_HIDDEN, {"key": "a"}, NOPE,
         query={"actor": "{key}"}),
    _row(_G, "/webhooks", "other actor's", NOBODY, SIGNED, {"key": "b"}, NOPE,
         query={"actor": "{key}"}),
    _row(_P, "/webhooks", "for own actor", MAN, status=201, body={"actor": "a"} | NEW_HOOK),
    _row(_P, "/webhooks", "for another actor", NOBODY, status=201,
         body={"actor": "b"} | NEW_HOOK),
    _row(_G, HOOK, "own actor's", MAN, HOOK_HIDDEN, _hook("of_a"), NO_HOOK),
    _row(_G, HOOK, "other actor's", NOBODY, SIGNED, _hook("of_b"), NO_HOOK),
    _row(_D, HOOK, "own actor's", MAN, HOOK_HIDDEN, _hook("of_a"), NO_HOOK, status=204),
    _row(_D, HOOK, "other actor's", NOBODY, SIGNED, _hook("of_b"), NO_HOOK, status=204),
    _row(_P, HOOK + "/rotate", "own actor's", MAN, HOOK_HIDDEN, _hook("of_a"), NO_HOOK),
    _row(_P, HOOK + "/rotate", "other actor's", NOBODY, SIGNED, _hook("of_b"), NO_HOOK),
    _row(_G, HOOK + "/deliveries", "own actor's", MAN, HOOK_HIDDEN, _hook("of_a"), NO_HOOK),
    _row(_G, HOOK + "/deliveries", "other actor's", NOBODY, SIGNED, _hook("of_b"), NO_HOOK),
    # Changing the role of a user who does not act for the actor: as missing as no user.
    _row(_PA, MEMBER, "a user who is no member", NOBODY, MAN | ADMIN | FOREIGN,
         {"key": "a", "email": "owner@b"}, NO_USER, body={"role": "viewer"}),
]  # fmt: skip


ROWS = [
    # Reference data and signing in: public.
    _row(_G, "/health", "public", SIGNED, public=True),
    _row(_P, "/auth/token", "public", SIGNED, public=True,
         body={"email": "signin@x", "password": PASSWORD}),
    _row(_G, "/territories", "public", SIGNED, public=True),
    _row(_G, "/territories/{code}", "public", SIGNED, public=True, at={"code": "32"}),
    _row(_G, "/tie-types", "public", SIGNED, public=True),
    # Profiles: every signed-in user.
    _row(_G, "/actors", "community", SIGNED),
    _row(_G, "/actors/{key}", "community profile", SIGNED, at={"key": "b"}),
    # Partners: the actor's own users, coordinators and administrators.
    _row(_G, "/actors/{key}/partners", "own actor", RD | STAFF, OTHER, {"key": "a"}, NOPE),
    _row(_G, "/actors/{key}/partners", "other actor", STAFF, RD | OTHER, {"key": "b"}, NOPE),
    # Capability, behaviour and KPIs: the actor's own users only; aggregates for everyone.
    _row(_G, "/actors/{key}/capability", "own actor", RD, OUTSIDERS, {"key": "a"}, NOPE),
    _row(_G, "/actors/{key}/behaviour", "own actor", RD, OUTSIDERS, {"key": "a"}, NOPE),
    _row(_G, "/actors/{key}/behaviour", "other actor", NOBODY, SIGNED, {"key": "b"}, NOPE),
    _row(_G, "/actors/{key}/kpis", "own actor", RD, OUTSIDERS, {"key": "a"}, NOPE),
    _row(_G, "/actors/{key}/kpis", "other actor", NOBODY, SIGNED, {"key": "b"}, NOPE),
    _row(_G, "/capability/community", "aggregates", SIGNED),
    # Stored analyses: scope community for everyone, scope all for administrators.
    _row(_G, "/analyses", "readable ones", SIGNED),
    _row(_G, "/analyses/{key}", "scope community", SIGNED, at={"key": "open"}),
    _row(_P, "/analyses", "scope community", STAFF, status=202, body={"key": "new"}),
    _row(_P, "/analyses", "scope all", ADMIN, status=202, body={"key": "new", "scope": "all"}),
    _row(_G, "/analyses/{key}", "scope all", ADMIN, SIGNED - ADMIN, {"key": "full"}, NOPE),
    _row(_G, "/analyses/{key}/actors", "scope community", SIGNED, at={"key": "open"}),
    _row(_G, "/analyses/{key}/actors", "scope all", ADMIN, SIGNED - ADMIN, {"key": "full"},
         NOPE),
    # The analyses service hides an analysis from a non-administrator who asks to delete it.
    _row(_D, "/analyses/{key}", "scope community", ADMIN, SIGNED - ADMIN, {"key": "open"}, NOPE,
         status=204),
    # Network sharing on an actor's behalf.
    _row(_G, "/actors/{key}/reach", "own actor", RD | STAFF, OTHER, {"key": "a"}, NOPE),
    _row(_G, "/actors/{key}/reach", "other actor", STAFF, RD | OTHER, {"key": "b"}, NOPE),
    _row(_G, "/actors/{key}/introductions", "own actor", RD, OUTSIDERS, {"key": "a"}, NOPE,
         query={"target": "z"}),
    _row(_G, "/actors/{key}/introductions", "other actor", NOBODY, SIGNED, {"key": "b"}, NOPE,
         query={"target": "z"}),
    _row(_G, "/actors/{key}/account-maps/{partner}", "own actor", RD, OUTSIDERS,
         {"key": "a", "partner": "b"}, NOPE),
    _row(_G, "/actors/{key}/account-maps/{partner}", "other actor", NOBODY, SIGNED,
         {"key": "c", "partner": "a"}, NOPE),
    _row(_G, "/actors/{key}/audit", "own actor", MAN | ADMIN,
         frozenset({"member", "viewer", "other", "coordinator"}), {"key": "a"}, NOPE),
    _row(_G, "/actors/{key}/audit", "other actor", ADMIN, SIGNED - ADMIN, {"key": "b"}, NOPE),
    # Ties: their two actors' (everyone's when marked community); either end keeps them.
    _row(_G, "/ties", "an actor's visible ones", SIGNED, query={"actor": "a"}),
    _row(_P, "/ties", "from own actor", MAN, status=201,
         body={"source": "a", "target": "c", "type": "knows"}),
    _row(_P, "/ties", "between others", NOBODY, status=201,
         body={"source": "b", "target": "c", "type": "knows"}),
    _row(_G, TIE, "own, private", RD, OUTSIDERS, A_B, NO_TYPE),
    _row(_G, TIE, "others', private", OTHER, RD | STAFF, {"source": "b", "target": "z",
         "type": "knows"}, NO_TYPE),
    _row(_PA, TIE, "own, private", MAN, OUTSIDERS, A_B, NO_TYPE, body={"weight": 2}),
    _row(_D, TIE, "own, private", MAN, OUTSIDERS, A_B, NO_TYPE, status=204),
    # Customers: their owner's only.
    _row(_G, "/customers", "own actor", RD, OUTSIDERS, {"key": "a"}, NOPE,
         query={"owner": "{key}"}),
    _row(_G, "/customers", "other actor", NOBODY, SIGNED, {"key": "b"}, NOPE,
         query={"owner": "{key}"}),
    _row(_P, "/customers", "own actor", OPR, OUTSIDERS, {"key": "a"}, NOPE, status=201,
         body={"owner": "{key}", "key": "new", "name": "N"}),
    _row(_P, "/customers", "other actor", NOBODY, SIGNED, {"key": "b"}, NOPE, status=201,
         body={"owner": "{key}", "key": "new", "name": "N"}),
    _row(_G, CUSTOMER, "own", RD, OUTSIDERS, {"owner": "a", "key": "a1"}, NOPE),
    _row(_G, CUSTOMER, "other actor's", NOBODY, SIGNED, {"owner": "b", "key": "b1"}, NOPE),
    _row(_PA, CUSTOMER, "own", OPR, OUTSIDERS, {"owner": "a", "key": "a1"}, NOPE,
         body={"name": "PT Baru"}),
    _row(_D, CUSTOMER, "own", OPR, OUTSIDERS, {"owner": "a", "key": "a1"}, NOPE, status=204),
    # Cooperations and policies.
    _row(_G, "/cooperations", "visible ones", SIGNED),
    _row(_P, "/cooperations", "own initiator", MAN, status=201,
         body={"key": "new", "name": "N", "members": ["a", "b"], "actor": "a"}),
    _row(_P, "/cooperations", "no initiator", STAFF, status=201,
         body={"key": "new", "name": "N", "members": ["a", "b"]}),
    _row(_P, "/cooperations", "partner initiator", NOBODY, status=201,
         body={"key": "new", "name": "N", "members": ["a", "b"], "actor": "b"}),
    _row(_G, "/cooperations/{key}", "own cooperation", RD | STAFF, OTHER, {"key": "coop"}, NOPE),
    _row(_G, "/cooperations/{key}", "others' cooperation", STAFF, RD | OTHER, {"key": "zed"},
         NOPE),
    _row(_P, "/cooperations/{key}/members/{actor}/accept", "own invitation", MAN, OTHER,
         {"key": "pending", "actor": "a"}, NOPE),
    _row(_P, "/cooperations/{key}/members/{actor}/accept", "partner's invitation", NOBODY, OTHER,
         {"key": "pending", "actor": "c"}, NOPE),
    _row(_P, "/cooperations/{key}/members/{actor}/decline", "own invitation", MAN, OTHER,
         {"key": "pending", "actor": "a"}, NOPE),
    _row(_P, "/cooperations/{key}/members/{actor}/leave", "own membership", MAN, OTHER,
         {"key": "coop", "actor": "a"}, NOPE),
    _row(_P, "/cooperations/{key}/suspend", "as own member", MAN | ADMIN, OTHER,
         {"key": "coop"}, NOPE, body={"actor": "a"}),
    _row(_P, "/cooperations/{key}/suspend", "as no member", ADMIN, OTHER, {"key": "coop"}, NOPE),
    _row(_P, "/cooperations/{key}/resume", "as own member", MAN | ADMIN, OTHER,
         {"key": "paused"}, NOPE, body={"actor": "a"}),
    _row(_P, "/cooperations/{key}/end", "as own member", MAN | ADMIN, OTHER, {"key": "coop"},
         NOPE, body={"actor": "a"}),
    _row(_P, "/cooperations/{key}/end", "as no member", ADMIN, OTHER, {"key": "coop"}, NOPE),
    _row(_G, "/cooperations/{key}/policies/{actor}", "own", RD | STAFF, OTHER,
         {"key": "coop", "actor": "a"}, NOPE),
    _row(_G, "/cooperations/{key}/policies/{actor}", "others' cooperation", STAFF, RD | OTHER,
         {"key": "zed", "actor": "b"}, NOPE),
    _row(_PA, "/cooperations/{key}/policies/{actor}", "own", MAN, OTHER,
         {"key": "coop", "actor": "a"}, NOPE, body={"mapping_level": "overlaps"}),
    _row(_PA, "/cooperations/{key}/policies/{actor}", "partner's", NOBODY, OTHER,
         {"key": "coop", "actor": "b"}, NOPE, body={"mapping_level": "overlaps"}),
    _row(_G, "/cooperations/{key}/settlement", "own cooperation", RD | ADMIN, OTHER,
         {"key": "pool"}, NOPE, query={"period": "2026-03"}),
    _row(_G, "/cooperations/{key}/settlement", "others' cooperation", ADMIN, RD | OTHER,
         {"key": "zed"}, NOPE, query={"period": "2026-03"}),
    # Resources and bookings.
    _row(_G, "/resources", "visible ones", SIGNED),
    _row(_P, "/resources", "own actor", MAN, status=201,
         body={"key": "new", "owner": "a", "name": "N", "kind": "vehicle", "capacity": 1}),
    _row(_P, "/resources", "other actor", NOBODY, status=201,
         body={"key": "new", "owner": "b", "name": "N", "kind": "vehicle", "capacity": 1}),
    _row(_G, "/resources/{key}", "own resource", RD | ADMIN, UNSHARED,
         {"key": "shed"}, NOPE),
    _row(_G, "/resources/{key}", "partner's, shared", RD | ADMIN,
         UNSHARED, {"key": "van"}, NOPE),
    _row(_G, "/resources/{key}", "outsider's", ADMIN | OTHER, RD | {"coordinator"},
         {"key": "zvan"}, NOPE),
    _row(_P, "/resources/{key}/shares", "own resource", MAN, UNSHARED,
         {"key": "shed"}, NOPE, body={"cooperation": "pool"}),
    _row(_P, "/resources/{key}/shares", "partner's resource", NOBODY,
         UNSHARED, {"key": "van"}, NOPE, body={"cooperation": "pool"}),
    _row(_G, "/resources/{key}/availability", "partner's, shared", RD | ADMIN,
         UNSHARED, {"key": "van"}, NOPE, query=MARCH),
    _row(_P, "/bookings", "for own actor", OPR, UNSHARED,
         {"key": "van"}, NOPE, status=201,
         body={"resource": "{key}", "by": "a", "quantity": 0.5} | MARCH),
    _row(_P, "/bookings", "for a partner", NOBODY, UNSHARED,
         {"key": "van"}, NOPE, status=201,
         body={"resource": "{key}", "by": "b", "quantity": 0.5} | MARCH),
    _row(_G, "/bookings/{booking_id}", "own actor's", RD | ADMIN, UNSHARED,
         {"booking_id": str(VAN_A)}, NO_BOOKING),
    _row(_P, "/bookings/{booking_id}/cancel", "own actor's", OPR, UNSHARED,
         {"booking_id": str(VAN_A)}, NO_BOOKING),
    _row(_P, "/bookings/{booking_id}/cancel", "the owner's own", NOBODY,
         UNSHARED, {"booking_id": str(VAN_B)}, NO_BOOKING),
    # Referrals.
    _row(_G, "/referrals", "own actor", RD, OUTSIDERS, {"key": "a"}, NOPE,
         query={"actor": "{key}"}),
    _row(_G, "/referrals", "other actor", NOBODY, SIGNED, {"key": "c"}, NOPE,
         query={"actor": "{key}"}),
    _row(_P, "/referrals", "own requester", OPR, status=201,
         body={"requester": "a", "introducer": "b", "target": "z"}),
    _row(_P, "/referrals", "other requester", NOBODY, status=201,
         body={"requester": "c", "introducer": "b", "target": "z"}),
    _row(_G, "/referrals/{referral_id}", "as requester", RD, OUTSIDERS, _ref("asked_of_b"),
         NO_REF),
    _row(_G, "/referrals/{referral_id}", "not a party", NOBODY, SIGNED, _ref("between_others"),
         NO_REF),
    _row(_PA, "/referrals/{referral_id}", "accept as introducer", OPR, OUTSIDERS,
         _ref("asked_of_a"), NO_REF, body={"status": "accepted"}),
    _row(_PA, "/referrals/{referral_id}", "accept as requester", NOBODY, OUTSIDERS,
         _ref("asked_of_b"), NO_REF, body={"status": "accepted"}),
    _row(_PA, "/referrals/{referral_id}", "won as requester", OPR, OUTSIDERS,
         _ref("introduced_for_a"), NO_REF,
         body={"status": "won", "value": 1000}),
    # Joint projects: the cooperation's members' users; owners and managers run them.
    _row(_G, "/projects", "visible ones", SIGNED),
    _row(_P, "/projects", "own cooperation", MAN, OUTSIDERS, {"key": "bangun"}, NOPE,
         status=201, body={"key": "new", "cooperation": "{key}", "name": "N", "actor": "a"}),
    _row(_G, "/projects/{key}", "own cooperation's", RD, OUTSIDERS, {"key": "p1"}, NOPE),
    _row(_G, "/projects/{key}", "others' cooperation's", NOBODY, SIGNED, {"key": "pz"}, NOPE),
    _row(_PA, "/projects/{key}", "own cooperation's", MAN, OUTSIDERS, {"key": "p1"}, NOPE,
         body={"goal": "G"}),
    _row(_P, "/projects/{key}/milestones", "own cooperation's", MAN, OUTSIDERS, {"key": "p1"},
         NOPE, status=201, body={"title": "T"}),
    _row(_P, "/projects/{key}/milestones/{number}/met", "own cooperation's", MAN, OUTSIDERS,
         {"key": "p1", "number": "1"}, NOPE),
    _row(_P, "/projects/{key}/contributions", "for own actor", MAN, OUTSIDERS, {"key": "p1"},
         NOPE, status=201, body={"member": "a", "kind": "cash", "amount": 1000}),
    _row(_P, "/projects/{key}/contributions", "for a partner", NOBODY, OUTSIDERS, {"key": "p1"},
         NOPE, status=201, body={"member": "b", "kind": "cash", "amount": 1000}),
    _row(_G, "/projects/{key}/ledger", "own cooperation's", RD, OUTSIDERS, {"key": "p1"}, NOPE),
    _row(_P, "/projects/{key}/complete", "own cooperation's", MAN, OUTSIDERS, {"key": "p1"},
         NOPE, body={"kind": "equipment", "capacity": 1}),
    # Jobs: their starter only; imports: administrators.
    _row(_G, "/jobs/{job_id}", "own job", frozenset({"owner"}), SIGNED - {"owner"},
         {"job_id": "1"}, {"job_id": "999"}),
    _row(_G, "/jobs/{job_id}", "own actor's PSI job", RD, OUTSIDERS, {"job_id": "2"},
         {"job_id": "999"}),
    _row(_P, "/imports", "a bundle", ADMIN, status=202, upload=BUNDLE),
    _row(_G, "/exports/bundle", "every actor's data", ADMIN),
    # PSI jobs: an actor's users read them; its owners, managers and members start one. The
    # matrix contacts no server: the allowed start is answered by the refused host.
    _row(_P, "/psi-jobs", "own actor", OPR, OUTSIDERS, {"key": "a"}, NOPE, status=422,
         body={"actor": "{key}", "url": "http://psi.example.com"}),
    _row(_P, "/psi-jobs", "other actor", NOBODY, SIGNED, {"key": "b"}, NOPE,
         body={"actor": "{key}", "url": "http://psi.example.com"}),
    _row(_G, "/psi-jobs", "own actor", RD, OUTSIDERS, {"key": "a"}, NOPE,
         query={"actor": "{key}"}),
    _row(_G, "/psi-jobs", "other actor", NOBODY, SIGNED, {"key": "b"}, NOPE,
         query={"actor": "{key}"}),
    _row(_G, "/psi-jobs/{job_id}", "own actor's", RD, OUTSIDERS, {"job_id": "2"},
         {"job_id": "999"}),
    _row(_G, "/psi-jobs/{job_id}", "an import job", NOBODY, SIGNED, {"job_id": "1"},
         {"job_id": "999"}),
    # Capability answers: coordinators and administrators import; each reads its own actors'.
    _row(_P, "/assessments", "answers", STAFF, status=202, upload=ANSWERS),
    _row(_G, "/assessments", "own actors' answers", SIGNED),
    # Accounts (docs/accounts.md). Signing in, up and out: public, but for signing out.
    _row(_P, "/auth/login", "public", SIGNED, public=True,
         body={"email": "signin@x", "password": PASSWORD}),
    _row(_P, "/auth/logout", "any signed-in user", SIGNED, status=204),
    _row(_G, "/auth/me", "oneself", SIGNED),
    _row(_P, "/auth/signup", "by invitation", SIGNED, public=True, status=201,
         body={"token": INVITATION, "password": PASSWORD, "display_name": "Invited"}),
    _row(_P, "/auth/password-reset", "an account", SIGNED, public=True, status=202,
         body={"email": "signin@x"}),
    _row(_P, "/auth/password-reset", "no account (answered alike)", SIGNED, public=True,
         status=202, body={"email": "nobody@x"}),
    _row(_P, "/auth/password-reset/confirm", "by reset token", SIGNED, public=True, status=204,
         body={"token": RESET, "password": "another long password"}),
    # Inviting to an actor and giving its roles: its owners and managers, administrators; the
    # owner role only its owners and administrators. Only its users read who they are.
    _row(_P, "/invitations", "to own actor", MAN | ADMIN, FOREIGN, {"key": "a"}, NOPE,
         status=201, body={"email": "new@a", "actor": "{key}", "role": "member"}),
    _row(_P, "/invitations", "to own actor as owner", OWNER | ADMIN, FOREIGN, {"key": "a"},
         NOPE, status=201, body={"email": "new@a", "actor": "{key}", "role": "owner"}),
    _row(_P, "/invitations", "to other actor", ADMIN, SIGNED - ADMIN, {"key": "b"}, NOPE,
         status=201, body={"email": "new@a", "actor": "{key}", "role": "member"}),
    _row(_G, "/actors/{key}/members", "own actor", RD | ADMIN, FOREIGN, {"key": "a"}, NOPE),
    _row(_G, "/actors/{key}/members", "other actor", ADMIN, SIGNED - ADMIN, {"key": "b"}, NOPE),
    _row(_P, "/actors/{key}/members", "own actor", MAN | ADMIN, FOREIGN, {"key": "a"}, NOPE,
         status=201, body={"email": "owner@b", "role": "member"}),
    _row(_P, "/actors/{key}/members", "own actor, as owner", OWNER | ADMIN, FOREIGN,
         {"key": "a"}, NOPE, status=201, body={"email": "owner@b", "role": "owner"}),
    _row(_P, "/actors/{key}/members", "other actor", ADMIN, SIGNED - ADMIN, {"key": "b"}, NOPE,
         status=201, body={"email": "owner@c", "role": "member"}),
    _row(_PA, MEMBER, "own actor's member", MAN | ADMIN, FOREIGN,
         {"key": "a", "email": "member@a"}, NOPE, body={"role": "viewer"}),
    _row(_PA, MEMBER, "own actor's manager made owner", OWNER | ADMIN, FOREIGN,
         {"key": "a", "email": "manager@a"}, NOPE, body={"role": "owner"}),
    _row(_PA, MEMBER, "own actor's second owner made manager", OWNER | ADMIN, FOREIGN,
         {"key": "a", "email": "co-owner@a"}, NOPE, body={"role": "manager"}),
    _row(_PA, MEMBER, "other actor's member", ADMIN, SIGNED - ADMIN,
         {"key": "b", "email": "member@b"}, NOPE, body={"role": "viewer"}),
    _row(_D, MEMBER, "own actor's viewer", MAN | ADMIN, FOREIGN,
         {"key": "a", "email": "viewer@a"}, NOPE, status=204),
    _row(_D, MEMBER, "own actor's second owner", OWNER | ADMIN, FOREIGN,
         {"key": "a", "email": "co-owner@a"}, NOPE, status=204),
    _row(_D, MEMBER, "other actor's member", ADMIN, SIGNED - ADMIN,
         {"key": "b", "email": "member@b"}, NOPE, status=204),
    # Accounts: one's own for everyone, any for administrators (another's looks missing).
    _row(_G, "/users", "every account", ADMIN),
    _row(_G, "/users/me", "oneself", SIGNED),
    _row(_PA, "/users/me", "oneself", SIGNED, body={"display_name": "Renamed", "locale": "en"}),
    _row(_G, "/users/{email}", "own account", OWNER | ADMIN, SIGNED - OWNER - ADMIN,
         {"email": "owner@a"}, NO_USER),
    _row(_G, "/users/{email}", "another's account", ADMIN, SIGNED - ADMIN, {"email": "owner@b"},
         NO_USER),
    _row(_P, "/users/{email}/deactivate", "own account", ADMIN, SIGNED - OWNER - ADMIN,
         {"email": "owner@a"}, NO_USER),
    _row(_P, "/users/{email}/deactivate", "another's account", ADMIN, SIGNED - ADMIN,
         {"email": "owner@b"}, NO_USER),
    # API tokens: one's own only; another's, like a revoked one, looks missing.
    _row(_G, "/tokens", "own tokens", SIGNED),
    _row(_P, "/tokens", "own token", SIGNED, status=201,
         body={"name": "nightly export", "scopes": ["read"]}),
    _row(_D, "/tokens/{token_id}", "own token", OWNER, SIGNED - OWNER, _token(OWN_TOKEN),
         NO_TOKEN, status=204),
    _row(_D, "/tokens/{token_id}", "a colleague's token", frozenset({"manager"}),
         SIGNED - {"manager"}, _token(COLLEAGUE_TOKEN), NO_TOKEN, status=204),
    _row(_D, "/tokens/{token_id}", "own revoked token", NOBODY, SIGNED, _token(REVOKED_TOKEN),
         NO_TOKEN, status=204),
    *CHANNEL_ROWS,
]  # fmt: skip


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    with open_world(request, tmp_path_factory, build_api_world, "api") as opened:
        yield opened


@pytest.fixture(scope="module")
def shared(world: World) -> Iterator[TestClient]:
    with TestClient(create_app(context=world.shared)) as client:
        yield client


def _headers(ctx: Context, who: str) -> dict[str, str]:
    email = EMAILS[who]
    headers = {"Accept-Language": "en"}
    if email is not None:
        headers |= bearer(ctx, email)
    return headers


def _renamed(text: str, row: Row) -> str:
    for name, missing in row.missing.items():
        text = re.sub(rf"(?<![\w@.-]){re.escape(row.at[name])}(?![\w@-])", missing, text)
    return text


@pytest.mark.parametrize("who", list(EMAILS))
@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.method} {r.route} {r.ownership}")
def test_route(world: World, shared: TestClient, row: Row, who: str) -> None:
    expected = row.expected(who)
    if expected == row.status and row.writes:
        ctx = world.fresh()
        try:
            with TestClient(create_app(context=ctx)) as client:
                got = row.request(client, _headers(ctx, who), absent=False)
        finally:
            ctx.close()  # its connections, before the server runs out of them
    else:
        got = row.request(shared, _headers(world.shared, who), absent=False)
    assert got.status_code == expected, got.text
    if expected >= 400:
        assert got.headers["content-type"] == "application/problem+json"
    if expected == 404:
        absent = row.request(shared, _headers(world.shared, who), absent=True)
        assert absent.status_code == 404, absent.text
        refused = got.json()
        assert {k: _renamed(str(v), row) for k, v in refused.items()} == {
            k: str(v) for k, v in absent.json().items()
        }


def test_every_route_is_in_the_matrix(tmp_path: Path) -> None:
    ctx = bootstrap(Settings(database_url=f"sqlite:///{tmp_path / 'none.db'}"))
    spec = create_app(context=ctx).openapi()
    ctx.close()
    routes = {(m.upper(), path) for path, ops in spec["paths"].items() for m in ops}
    covered = {(r.method, API_PREFIX + r.route) for r in ROWS}
    assert routes - covered == set(), "routes without a row in the matrix"
    assert covered - routes == set(), "rows for routes the API does not have"


def test_the_matrix_has_every_outcome_for_every_principal_kind() -> None:
    outcomes = {r.expected(who) for r in ROWS for who in EMAILS}
    assert {200, 201, 204, 401, 403, 404} <= outcomes
    for who in EMAILS:
        assert any(r.expected(who) != r.status for r in ROWS), who
